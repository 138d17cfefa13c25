// Package catalog holds the reference data of ISO/IEC 27001:2022 that every
// other stage relies on: the clauses 4 to 10, the items of documented
// information they require, and the 93 Annex A controls with their themes.
//
// Only identifiers, titles and short paraphrases written for ismsforge are
// stored here. The text of the standard is copyrighted and is not reproduced.
package catalog

import (
	"slices"
	"strings"
)

// Theme is one of the four Annex A themes of ISO/IEC 27001:2022.
type Theme string

// The four Annex A themes, in the order the standard lists them.
const (
	Organizational Theme = "organizational"
	People         Theme = "people"
	Physical       Theme = "physical"
	Technological  Theme = "technological"
)

// Themes lists the four themes in Annex A order.
var themes = []Theme{Organizational, People, Physical, Technological}

// Themes returns the four themes in Annex A order.
func Themes() []Theme { return slices.Clone(themes) }

// Title is the human name of the theme, as used in headings.
func (t Theme) Title() string {
	switch t {
	case Organizational:
		return "Organizational"
	case People:
		return "People"
	case Physical:
		return "Physical"
	case Technological:
		return "Technological"
	}
	return string(t)
}

// Section is the Annex A section number of the theme ("5" for A.5).
func (t Theme) Section() string {
	switch t {
	case Organizational:
		return "5"
	case People:
		return "6"
	case Physical:
		return "7"
	case Technological:
		return "8"
	}
	return ""
}

// Clause is a clause or sub-clause of ISO/IEC 27001:2022, 4.1 to 10.2.
type Clause struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Documented reports whether the clause requires the organization to keep
	// or maintain documented information.
	Documented bool `json:"documented"`
}

// Control is an Annex A control.
type Control struct {
	ID    string `json:"id"`
	Theme Theme  `json:"theme"`
	Title string `json:"title"`
	// Summary paraphrases the intent of the control in ismsforge's words.
	Summary string `json:"-"`
}

// Item is one piece of documented information the standard requires, such as
// the scope (4.3) or the Statement of Applicability (6.1.3 d). Documents name
// the items they produce in their front matter `clauses`.
type Item struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Catalog is the immutable ISO/IEC 27001:2022 reference data. The zero value
// is not useful; call Default.
type Catalog struct {
	clauses  []Clause
	controls []Control
	items    []Item
	byClause map[string]int
	byCtrl   map[string]int
	byItem   map[string]int
	// frameworks are the other frameworks whose requirements ship with
	// ismsforge.
	frameworks []*Framework
}

// Default returns the ISO/IEC 27001:2022 catalog. Each call returns a new
// value so that no state is shared between builds.
func Default() *Catalog {
	c := &Catalog{
		clauses:    clauses,
		controls:   controls,
		items:      items,
		byClause:   make(map[string]int, len(clauses)),
		byCtrl:     make(map[string]int, len(controls)),
		byItem:     make(map[string]int, len(items)),
		frameworks: cataloged(),
	}
	for i, cl := range clauses {
		c.byClause[cl.ID] = i
	}
	for i, ct := range controls {
		c.byCtrl[ct.ID] = i
	}
	for i, it := range items {
		c.byItem[it.ID] = i
	}
	return c
}

// Clauses returns every clause and sub-clause in document order.
func (c *Catalog) Clauses() []Clause { return slices.Clone(c.clauses) }

// Controls returns all 93 Annex A controls in Annex A order.
func (c *Catalog) Controls() []Control { return slices.Clone(c.controls) }

// ControlsOf returns the controls of one theme in Annex A order.
func (c *Catalog) ControlsOf(t Theme) []Control {
	var out []Control
	for _, ct := range c.controls {
		if ct.Theme == t {
			out = append(out, ct)
		}
	}
	return out
}

// Items returns the documented information the standard requires.
func (c *Catalog) Items() []Item { return slices.Clone(c.items) }

// Clause looks up a clause by ID ("9.2.2").
func (c *Catalog) Clause(id string) (Clause, bool) {
	i, ok := c.byClause[id]
	if !ok {
		return Clause{}, false
	}
	return c.clauses[i], true
}

// Control looks up a control by ID. It accepts "A.5.1", "a.5.1" and "5.1".
func (c *Catalog) Control(id string) (Control, bool) {
	i, ok := c.byCtrl[NormalizeControlID(id)]
	if !ok {
		return Control{}, false
	}
	return c.controls[i], true
}

// Item looks up a required documented-information item by ID ("6.1.3 d").
func (c *Catalog) Item(id string) (Item, bool) {
	i, ok := c.byItem[NormalizeClauseID(id)]
	if !ok {
		return Item{}, false
	}
	return c.items[i], true
}

// KnownClauseRef reports whether id names a clause or a required item, the
// two kinds of reference a document's front matter `clauses` may hold.
func (c *Catalog) KnownClauseRef(id string) bool {
	id = NormalizeClauseID(id)
	if _, ok := c.byClause[id]; ok {
		return true
	}
	_, ok := c.byItem[id]
	return ok
}

// ControlIDs returns every control ID in Annex A order, for suggestions.
func (c *Catalog) ControlIDs() []string {
	ids := make([]string, len(c.controls))
	for i, ct := range c.controls {
		ids[i] = ct.ID
	}
	return ids
}

// ClauseRefs returns every clause and item ID, for suggestions.
func (c *Catalog) ClauseRefs() []string {
	ids := make([]string, 0, len(c.clauses)+len(c.items))
	for _, cl := range c.clauses {
		ids = append(ids, cl.ID)
	}
	for _, it := range c.items {
		if _, dup := c.byClause[it.ID]; !dup {
			ids = append(ids, it.ID)
		}
	}
	return ids
}

// NormalizeControlID turns the spellings users write ("a.5.1", "5.1",
// "A 5.1") into the canonical "A.5.1". Unknown shapes are returned trimmed
// and upper-cased so that lookups fail cleanly.
func NormalizeControlID(id string) string {
	s := strings.ToUpper(strings.TrimSpace(id))
	s = strings.TrimPrefix(s, "A.")
	s = strings.TrimPrefix(s, "A ")
	s = strings.TrimPrefix(s, "A")
	return "A." + strings.TrimSpace(s)
}

// NormalizeClauseID turns "6.1.3(d)", "6.1.3.d" and "6.1.3d" into the
// canonical "6.1.3 d"; plain clause numbers are returned trimmed.
func NormalizeClauseID(id string) string {
	s := strings.ToLower(strings.TrimSpace(id))
	s = strings.TrimSuffix(s, ")")
	s = strings.ReplaceAll(s, "(", " ")
	if n := len(s); n > 1 {
		last := s[n-1]
		if last >= 'a' && last <= 'z' {
			head := strings.TrimRight(s[:n-1], " .")
			return head + " " + string(last)
		}
	}
	return s
}
