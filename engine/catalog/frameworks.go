package catalog

import (
	"regexp"
	"slices"
	"strings"
)

// A Framework is a set of requirements a document can be mapped to besides
// Annex A: the SOC 2 Trust Services Criteria, the NIST Cybersecurity
// Framework, the HIPAA Security Rule, NIST SP 800-171. Documents name them
// in their front matter under `frameworks`, keyed by the framework's ID.
//
// Frameworks whose identifiers are public ship with their requirements (IDs
// and short titles written for ismsforge), so that an unknown ID is an
// error. Any other framework is free-form: its IDs are taken as written.
// Annex A is a framework too (AnnexA); documents map to it with `controls`.
type Framework struct {
	// ID is the key in front matter: "soc2", "nist-csf-2".
	ID string `json:"id"`
	// Name is the full name, Short the name in headings and messages.
	Name  string `json:"name"`
	Short string `json:"short"`
	// Version names the edition the requirements come from.
	Version string `json:"version,omitempty"`
	// Noun is what the framework calls one of its requirements:
	// "criterion", "subcategory", "paragraph".
	Noun string `json:"noun"`
	// Groups order and title the requirements' groups; empty for free-form
	// frameworks.
	Groups       []Group       `json:"groups,omitempty"`
	Requirements []Requirement `json:"requirements,omitempty"`
	// normalize spells an ID the way the catalog does.
	normalize func(string) string
	index     map[string]int
}

// Group is a family, category or section of a framework.
type Group struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Requirement is one identifier of a framework: a criterion, a
// subcategory, a regulation paragraph or a security requirement.
type Requirement struct {
	ID    string `json:"id"`
	Group string `json:"group"`
	Title string `json:"title"`
}

// Cataloged reports whether the framework's requirements ship with
// ismsforge, so that its IDs are checked.
func (f *Framework) Cataloged() bool { return len(f.Requirements) > 0 }

// Normalize spells id the way the catalog does ("cc6.1" gives "CC6.1").
// For a free-form framework it only trims blanks.
func (f *Framework) Normalize(id string) string {
	id = strings.TrimSpace(id)
	if f.normalize == nil {
		return id
	}
	return f.normalize(id)
}

// Lookup finds a requirement by ID, in any spelling Normalize accepts.
func (f *Framework) Lookup(id string) (Requirement, bool) {
	i, ok := f.index[f.Normalize(id)]
	if !ok {
		return Requirement{}, false
	}
	return f.Requirements[i], true
}

// Under returns the requirements whose IDs continue id, such as the
// paragraphs 164.308(a)(1)(i) and 164.308(a)(1)(ii)(A) under
// 164.308(a)(1): an ID people cite for a whole group.
func (f *Framework) Under(id string) []string {
	id = f.Normalize(id)
	var out []string
	for _, r := range f.Requirements {
		if len(r.ID) > len(id) && strings.HasPrefix(r.ID, id) && strings.ContainsRune("(.-", rune(r.ID[len(id)])) {
			out = append(out, r.ID)
		}
	}
	return out
}

// IDs returns the requirement IDs in catalog order, for suggestions.
func (f *Framework) IDs() []string {
	ids := make([]string, len(f.Requirements))
	for i, r := range f.Requirements {
		ids[i] = r.ID
	}
	return ids
}

// GroupTitle returns the title of a group, or its ID.
func (f *Framework) GroupTitle(id string) string {
	for _, g := range f.Groups {
		if g.ID == id {
			return g.Title
		}
	}
	return id
}

func newFramework(f Framework) *Framework {
	if f.Noun == "" {
		f.Noun = "requirement"
	}
	f.index = make(map[string]int, len(f.Requirements))
	for i, r := range f.Requirements {
		f.index[r.ID] = i
	}
	return &f
}

// frameworkKey is the shape of a framework ID: lower-case words and digits
// joined by hyphens.
var frameworkKey = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidFrameworkID reports whether id can name a framework.
func ValidFrameworkID(id string) bool { return frameworkKey.MatchString(id) }

// cataloged lists the frameworks that ship with requirements, in the order
// their mapping pages appear.
func cataloged() []*Framework {
	return []*Framework{soc2Framework(), nistCSF2Framework(), hipaaFramework(), nist171r2Framework(), nist171r3Framework()}
}

// Frameworks returns the frameworks whose requirements ship with
// ismsforge.
func (c *Catalog) Frameworks() []*Framework { return slices.Clone(c.frameworks) }

// Framework returns a cataloged framework by ID.
func (c *Catalog) Framework(id string) (*Framework, bool) {
	for _, f := range c.frameworks {
		if f.ID == id {
			return f, true
		}
	}
	return nil, false
}

// FrameworkIDs returns the IDs of the cataloged frameworks.
func (c *Catalog) FrameworkIDs() []string {
	ids := make([]string, len(c.frameworks))
	for i, f := range c.frameworks {
		ids[i] = f.ID
	}
	return ids
}

// FreeForm returns a framework without a catalog: its IDs are taken as
// written. A framework that is also a regime takes the regime's name.
func (c *Catalog) FreeForm(id string) *Framework {
	f := Framework{ID: id, Name: id, Short: id}
	if r, ok := c.Regime(id); ok {
		f.Name, f.Short = r.Name, r.Name
	}
	return newFramework(f)
}

// FrameworksWith returns the cataloged frameworks that have a requirement
// with this ID, so that an ID written under the wrong framework (a SOC 2
// criterion under controls, say) can be named for what it is.
func (c *Catalog) FrameworksWith(id string) []*Framework {
	var out []*Framework
	for _, f := range c.frameworks {
		if _, ok := f.Lookup(id); ok {
			out = append(out, f)
		}
	}
	return out
}

// The frameworks of ISO/IEC 27001 itself: a document's requirements map
// (document.Requirements) keys its clauses and its Annex A controls by
// these IDs, beside SOC 2 or HIPAA.
const (
	ClausesID = "iso27001-clauses"
	AnnexAID  = "iso27001-annex-a"
)

// AnnexA returns the Annex A controls as a framework, grouped by theme.
// Documents map to them with `controls`, and the Statement of
// Applicability, not a mapping page, reports them.
func (c *Catalog) AnnexA() *Framework {
	f := Framework{ID: AnnexAID, Name: "ISO/IEC 27001:2022 Annex A", Short: "Annex A", Version: "2022",
		Noun: "control", normalize: NormalizeControlID}
	for _, t := range themes {
		f.Groups = append(f.Groups, Group{ID: string(t), Title: t.Title()})
	}
	for _, ct := range c.controls {
		f.Requirements = append(f.Requirements, Requirement{ID: ct.ID, Group: string(ct.Theme), Title: ct.Title})
	}
	return newFramework(f)
}

// upperNoSpace is the normalizer of frameworks whose IDs are upper case
// without blanks.
func upperNoSpace(id string) string {
	return strings.ToUpper(strings.Join(strings.Fields(id), ""))
}
