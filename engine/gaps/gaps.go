// Package gaps answers the question a security lead asks every week: what is
// not done yet, who owns it, when is it due, and what is overdue? It lists the
// applicable controls that are not implemented, the risk treatments still
// open and the objectives not yet met, from the facts alone, dated by the
// pack's date. The gaps command, the gap register document and the HTML
// index all read this one list.
package gaps

import (
	"cmp"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// Kind is what a gap is.
type Kind string

// The kinds of gap, in the order a list of equal due dates shows them.
const (
	Control   Kind = "control"
	Risk      Kind = "risk"
	Objective Kind = "objective"
)

func (k Kind) rank() int {
	switch k {
	case Control:
		return 0
	case Risk:
		return 1
	}
	return 2
}

// Item is one open piece of work.
type Item struct {
	Kind  Kind   `json:"kind"`
	ID    string `json:"id"`
	Title string `json:"title"`
	// Status is the fact's own value (partial, planned, not-implemented,
	// open, in-progress); StatusLabel says it in words.
	Status      string `json:"status"`
	StatusLabel string `json:"status_label"`
	// Owner is the accountable person; zero when the facts name nobody.
	Owner    facts.Person `json:"-"`
	HasOwner bool         `json:"-"`
	// Due is the date the work is due; zero when the facts give none.
	Due facts.Date `json:"-"`
	// DueFrom names the risk whose treatment date a control inherits when
	// its decision has no date of its own.
	DueFrom string `json:"due_from,omitempty"`
	// Overdue reports a due date before the pack's date.
	Overdue bool `json:"overdue"`
	// Action is what the facts say will be done (a risk's plan, an
	// objective's plan, a control's notes).
	Action string `json:"action,omitempty"`
	// Source is where the fact is written in isms.yaml.
	Source diag.Pos `json:"source"`
}

// HasDue reports whether the item has a due date.
func (i Item) HasDue() bool { return !i.Due.IsZero() }

// Report is the list of gaps at a date.
type Report struct {
	// Date is the pack's date, against which items are overdue.
	Date  facts.Date
	Items []Item
}

// Count returns the number of items of a kind ("" counts all).
func (r Report) Count(k Kind) int {
	n := 0
	for _, it := range r.Items {
		if k == "" || it.Kind == k {
			n++
		}
	}
	return n
}

// Overdue returns the number of overdue items.
func (r Report) Overdue() int {
	n := 0
	for _, it := range r.Items {
		if it.Overdue {
			n++
		}
	}
	return n
}

// NoDue returns the number of items without a due date.
func (r Report) NoDue() int {
	n := 0
	for _, it := range r.Items {
		if !it.HasDue() {
			n++
		}
	}
	return n
}

// Of returns the items of one kind, in the report's order.
func (r Report) Of(k Kind) []Item {
	var out []Item
	for _, it := range r.Items {
		if it.Kind == k {
			out = append(out, it)
		}
	}
	return out
}

// openRisk reports whether a risk's treatment is still to be done.
func openRisk(r facts.Risk) bool {
	return r.Status == "" || r.Status == "open" || r.Status == "in-progress"
}

// List computes the gaps of the facts at date.
func List(f *facts.Facts, cat *catalog.Catalog, date facts.Date) Report {
	rep := Report{Date: date}
	// A control without a date of its own is due when the earliest open
	// treatment that relies on it is due.
	riskDue := map[string]facts.Risk{}
	for _, r := range f.Risks {
		if !openRisk(r) || r.Due.IsZero() {
			continue
		}
		for _, c := range r.Controls {
			if prev, ok := riskDue[c]; !ok || r.Due.Before(prev.Due) {
				riskDue[c] = r
			}
		}
	}
	for _, c := range cat.Controls() {
		d, decided := f.Decision(c.ID)
		if !d.IsApplicable() || d.Status == "implemented" {
			continue
		}
		path := "controls." + c.ID
		it := Item{Kind: Control, ID: c.ID, Title: c.Title, Status: d.Status, StatusLabel: controlLabel(d.Status), Due: d.Due, Action: d.Notes, Source: f.WhereKey(path)}
		if !decided {
			it.StatusLabel = "No decision (not implemented)"
			it.Source = f.Where("controls")
		}
		if d.Owner != "" {
			it.Owner, it.HasOwner = f.Resolve(d.Owner)
		}
		if it.Due.IsZero() {
			if r, ok := riskDue[c.ID]; ok {
				it.Due, it.DueFrom = r.Due, r.ID
			}
		}
		rep.Items = append(rep.Items, it)
	}
	for i, r := range f.Risks {
		if !openRisk(r) {
			continue
		}
		it := Item{Kind: Risk, ID: r.ID, Title: r.Title, Status: cmp.Or(r.Status, "open"), Due: r.Due, Action: r.Plan, Source: f.Where(index("risks", i))}
		it.StatusLabel = riskLabel(it.Status)
		it.Owner, it.HasOwner = f.Resolve(r.Owner)
		rep.Items = append(rep.Items, it)
	}
	for i, o := range f.Objectives {
		if o.Status != "" && o.Status != "open" {
			continue
		}
		it := Item{Kind: Objective, ID: o.ID, Title: o.Title, Status: "open", StatusLabel: "Open", Due: o.Due, Action: o.Plan, Source: f.Where(index("objectives", i))}
		it.Owner, it.HasOwner = f.Resolve(o.Owner)
		rep.Items = append(rep.Items, it)
	}
	for i := range rep.Items {
		it := &rep.Items[i]
		it.Overdue = !it.Due.IsZero() && !date.IsZero() && it.Due.Before(date)
	}
	slices.SortStableFunc(rep.Items, func(a, b Item) int {
		switch {
		case a.Due.IsZero() != b.Due.IsZero():
			if a.Due.IsZero() {
				return 1
			}
			return -1
		case a.Due.Before(b.Due):
			return -1
		case b.Due.Before(a.Due):
			return 1
		}
		if c := a.Kind.rank() - b.Kind.rank(); c != 0 {
			return c
		}
		return compareIDs(a.ID, b.ID)
	})
	return rep
}

func index(list string, i int) string {
	return list + "[" + itoa(i) + "]"
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for ; i > 0; i /= 10 {
		n--
		b[n] = byte('0' + i%10)
	}
	return string(b[n:])
}

// compareIDs orders "A.5.9" before "A.5.10" and "R-2" before "R-10".
func compareIDs(a, b string) int {
	for a != "" && b != "" {
		da, ra := leadingDigits(a)
		db, rb := leadingDigits(b)
		if da != "" && db != "" {
			if c := cmp.Compare(len(strings.TrimLeft(da, "0")), len(strings.TrimLeft(db, "0"))); c != 0 {
				return c
			}
			if c := strings.Compare(strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func leadingDigits(s string) (digits, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

func controlLabel(s string) string {
	switch s {
	case "partial":
		return "Partially implemented"
	case "planned":
		return "Planned"
	}
	return "Not implemented"
}

func riskLabel(s string) string {
	if s == "in-progress" {
		return "Treatment in progress"
	}
	return "Treatment not started"
}
