package gaps

import (
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/facts"
)

const testFacts = `
organization: {name: Gapco}
people:
  - {id: ana, name: Ana Lima, roles: [top-management, isms-owner]}
  - {id: bo, name: Bo Chen, roles: [it-lead]}
risks:
  - {id: R-2, title: Late, asset: a, threat: t, likelihood: 3, impact: 3, treatment: mitigate, owner: bo, controls: [A.8.16], due: 2026-06-30, status: in-progress, plan: Buy MDR.}
  - {id: R-10, title: Later, asset: a, threat: t, likelihood: 3, impact: 3, treatment: mitigate, owner: ana, controls: [A.8.16, A.5.9], due: 2027-01-31, status: open}
  - {id: R-3, title: Done, asset: a, threat: t, likelihood: 3, impact: 3, treatment: mitigate, owner: bo, controls: [A.8.23], due: 2025-01-31, status: treated}
objectives:
  - {id: OBJ-1, title: Certify, metric: m, target: t, owner: ana, due: 2027-06-30}
  - {id: OBJ-2, title: Met one, metric: m, target: t, owner: ana, due: 2026-01-31, status: met}
controls:
  A.5.1: {status: implemented}
  A.5.9: {status: partial, owner: bo}
  A.8.16: {status: partial, owner: bo, due: 2026-12-31, notes: MDR contract pending.}
  A.8.23: {status: planned}
  A.7.4: {applicable: false, justification: No premises.}
`

func load(t *testing.T) *facts.Facts {
	t.Helper()
	cat := catalog.Default()
	// Every other control is decided as implemented, so that the list is
	// exactly the cases above.
	f, err := facts.Parse("isms.yaml", []byte(withAllImplemented(cat, testFacts)), cat)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// withAllImplemented adds an implemented decision for every control the
// facts leave undecided.
func withAllImplemented(cat *catalog.Catalog, src string) string {
	var b strings.Builder
	b.WriteString(src)
	for _, c := range cat.Controls() {
		if !strings.Contains(src, "  "+c.ID+":") {
			b.WriteString("  " + c.ID + ": {status: implemented}\n")
		}
	}
	return b.String()
}

func TestList(t *testing.T) {
	f := load(t)
	rep := List(f, catalog.Default(), facts.NewDate(2026, 11, 1))
	var got []string
	for _, it := range rep.Items {
		s := string(it.Kind) + " " + it.ID + " due=" + it.Due.String()
		if it.DueFrom != "" {
			s += " from=" + it.DueFrom
		}
		if it.Overdue {
			s += " OVERDUE"
		}
		if it.HasOwner {
			s += " owner=" + it.Owner.Name
		}
		got = append(got, s)
	}
	want := []string{
		// Overdue treatment first; the control's own date beats its risks'.
		"risk R-2 due=2026-06-30 OVERDUE owner=Bo Chen",
		"control A.8.16 due=2026-12-31 owner=Bo Chen",
		// A.5.9 has no date and inherits the earliest open treatment's.
		"control A.5.9 due=2027-01-31 from=R-10 owner=Bo Chen",
		"risk R-10 due=2027-01-31 owner=Ana Lima",
		"objective OBJ-1 due=2027-06-30 owner=Ana Lima",
		// R-3 is treated, so A.8.23 inherits nothing and has no owner.
		"control A.8.23 due=",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Overdue() != 1 || rep.NoDue() != 1 || rep.Count(Control) != 3 || rep.Count(Risk) != 2 || rep.Count(Objective) != 1 {
		t.Errorf("counts: overdue %d, no due %d, controls %d, risks %d, objectives %d", rep.Overdue(), rep.NoDue(), rep.Count(Control), rep.Count(Risk), rep.Count(Objective))
	}
	for _, it := range rep.Items {
		if it.Source.Line == 0 {
			t.Errorf("%s %s has no source position", it.Kind, it.ID)
		}
	}
	if a := rep.Items[1]; a.Action != "MDR contract pending." || a.StatusLabel != "Partially implemented" {
		t.Errorf("A.8.16: action %q, status %q", a.Action, a.StatusLabel)
	}
}

// An undecided control is a gap: it counts as applicable and not
// implemented, as the SoA says.
func TestUndecidedIsAGap(t *testing.T) {
	cat := catalog.Default()
	f, err := facts.Parse("isms.yaml", []byte("organization: {name: X}\npeople:\n  - {id: a, name: A, roles: [top-management, isms-owner]}\n"), cat)
	if err != nil {
		t.Fatal(err)
	}
	rep := List(f, cat, facts.NewDate(2026, 1, 1))
	if n := rep.Count(Control); n != len(cat.Controls()) {
		t.Fatalf("%d control gaps, want all %d", n, len(cat.Controls()))
	}
	if l := rep.Items[0].StatusLabel; !strings.Contains(l, "No decision") {
		t.Errorf("status label %q", l)
	}
	// Annex A order among equal (absent) dates: A.5.9 before A.5.10.
	if rep.Items[8].ID != "A.5.9" || rep.Items[9].ID != "A.5.10" {
		t.Errorf("order: %s, %s", rep.Items[8].ID, rep.Items[9].ID)
	}
}

func TestCompareIDs(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"A.5.9", "A.5.10", -1}, {"R-10", "R-2", 1}, {"R-02", "R-2", 0}, {"OBJ-1", "OBJ-1", 0}, {"A.8.1", "A.5.37", 1},
	} {
		if got := compareIDs(c.a, c.b); got != c.want {
			t.Errorf("compareIDs(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// TestMarkdown checks the page: facts are literal (a pipe cannot break the
// table, a star cannot start emphasis), documents absent from the pack are
// named without a link, and overdue items say so.
func TestMarkdown(t *testing.T) {
	f := load(t)
	rep := List(f, catalog.Default(), facts.NewDate(2026, 11, 1))
	rep.Items[0].Action = "Buy *MDR* | then [phish](x.md)"
	md := string(rep.Markdown("Gap|co", Links{SoA: "statement-of-applicability"}, facts.Date.Long))
	for _, want := range []string{
		`Buy \*MDR\* \| then \[phish\](x.md)`,
		"information security management system of Gap\\|co on 1 November 2026",
		"in the [Statement of Applicability](statement-of-applicability.md)",
		"in the risk treatment plan,",
		"| **2026-06-30, overdue** | R-2 Late |",
		"| 2027-01-31, from R-10 | Control [A.5.9](statement-of-applicability.md) Inventory of information and other associated assets |",
		"| **All open work** | **6** | **1** | **1** |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("page lacks %q:\n%s", want, md)
		}
	}
}
