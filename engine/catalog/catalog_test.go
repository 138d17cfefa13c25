package catalog

import (
	"fmt"
	"strings"
	"testing"
)

func TestControlCountsByTheme(t *testing.T) {
	c := Default()
	want := map[Theme]int{Organizational: 37, People: 8, Physical: 14, Technological: 34}
	total := 0
	for _, th := range Themes() {
		got := len(c.ControlsOf(th))
		if got != want[th] {
			t.Errorf("theme %s: %d controls, want %d", th, got, want[th])
		}
		total += got
	}
	if total != 93 || len(c.Controls()) != 93 {
		t.Fatalf("total controls = %d, want 93", total)
	}
}

func TestControlIDsAreSequentialPerTheme(t *testing.T) {
	c := Default()
	for _, th := range Themes() {
		for i, ct := range c.ControlsOf(th) {
			want := fmt.Sprintf("A.%s.%d", th.Section(), i+1)
			if ct.ID != want {
				t.Errorf("control %d of %s is %s, want %s", i+1, th, ct.ID, want)
			}
			if ct.Title == "" || ct.Summary == "" {
				t.Errorf("%s lacks a title or summary", ct.ID)
			}
		}
	}
}

func TestClausesCoverFourToTen(t *testing.T) {
	c := Default()
	for _, id := range []string{"4.1", "4.3", "6.1.1", "6.1.2", "6.1.3", "7.5.1", "7.5.2", "7.5.3", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.2"} {
		if _, ok := c.Clause(id); !ok {
			t.Errorf("clause %s missing", id)
		}
	}
	first, last := c.Clauses()[0], c.Clauses()[len(c.Clauses())-1]
	if first.ID != "4" || last.ID != "10.2" {
		t.Errorf("clauses run %s..%s, want 4..10.2", first.ID, last.ID)
	}
	for _, it := range c.Items() {
		if !c.KnownClauseRef(it.ID) {
			t.Errorf("item %s is not a known clause reference", it.ID)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"a.5.1": "A.5.1", "5.1": "A.5.1", " A.8.34 ": "A.8.34", "A5.7": "A.5.7"} {
		if got := NormalizeControlID(in); got != want {
			t.Errorf("NormalizeControlID(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"6.1.3(d)": "6.1.3 d", "6.1.3.d": "6.1.3 d", "6.1.3d": "6.1.3 d", "6.1.3 e": "6.1.3 e", "9.2": "9.2"} {
		if got := NormalizeClauseID(in); got != want {
			t.Errorf("NormalizeClauseID(%q) = %q, want %q", in, got, want)
		}
	}
	c := Default()
	if _, ok := c.Control("A.5.38"); ok {
		t.Error("A.5.38 should not exist")
	}
}

// TestFrameworkCatalogs checks the size of each catalog against the
// publication: 61 TSC criteria, 106 CSF 2.0 subcategories, 110 and 97
// SP 800-171 requirements; and that every ID is unique and in its group.
func TestFrameworkCatalogs(t *testing.T) {
	c := Default()
	// HIPAA: 5 general rules in 164.306, 31 paragraphs of 164.308, 12 of
	// 164.310, 12 of 164.312, 6 of 164.314 and 5 of 164.316.
	want := map[string]int{"soc2": 61, "nist-csf-2": 106, "hipaa": 71, "nist-800-171r2": 110, "nist-800-171r3": 97}
	for _, f := range c.Frameworks() {
		if n := len(f.Requirements); n != want[f.ID] {
			t.Errorf("%s has %d requirements, want %d", f.ID, n, want[f.ID])
		}
		seen := map[string]bool{}
		for _, r := range f.Requirements {
			if seen[r.ID] {
				t.Errorf("%s: duplicate %s", f.ID, r.ID)
			}
			seen[r.ID] = true
			if f.GroupTitle(r.Group) == r.Group || r.Title == "" {
				t.Errorf("%s: %s has group %q and title %q", f.ID, r.ID, r.Group, r.Title)
			}
			if got, ok := f.Lookup(r.ID); !ok || got.ID != r.ID {
				t.Errorf("%s: Lookup(%s) = %v, %v", f.ID, r.ID, got, ok)
			}
		}
	}
	for _, c2 := range []struct{ fw, in, want string }{
		{"soc2", "cc6.1", "CC6.1"}, {"nist-csf-2", "pr.aa-01", "PR.AA-01"}, {"hipaa", "§ 164.312 (a)(1)", "164.312(a)(1)"},
		{"nist-800-171r3", "3.1.1", "03.01.01"}, {"nist-800-171r2", "03.1.1", "3.1.1"},
	} {
		f, _ := c.Framework(c2.fw)
		if r, ok := f.Lookup(c2.in); !ok || r.ID != c2.want {
			t.Errorf("%s: Lookup(%q) = %q, %v; want %q", c2.fw, c2.in, r.ID, ok, c2.want)
		}
	}
	// Withdrawn numbers of revision 3 and the CSF are absent.
	for fw, id := range map[string]string{"nist-800-171r3": "03.01.13", "nist-csf-2": "ID.AM-06"} {
		if f, _ := c.Framework(fw); f != nil {
			if _, ok := f.Lookup(id); ok {
				t.Errorf("%s has the withdrawn %s", fw, id)
			}
		}
	}
	if fs := c.FrameworksWith("CC6.1"); len(fs) != 1 || fs[0].ID != "soc2" {
		t.Errorf("FrameworksWith(CC6.1) = %v", fs)
	}
	if a := c.AnnexA(); len(a.Requirements) != 93 || !a.Cataloged() {
		t.Errorf("Annex A as a framework has %d requirements", len(a.Requirements))
	}
}

// TestEveryControlHasABaselineReason: the SoA falls back on it when no risk
// or requirement calls for a control, so none may be missing or generic.
func TestEveryControlHasABaselineReason(t *testing.T) {
	c := Default()
	seen := map[string]string{}
	for _, ct := range c.Controls() {
		b := c.Baseline(ct.ID)
		if len(b) < 40 {
			t.Errorf("%s has no baseline reason of substance: %q", ct.ID, b)
		}
		if other, dup := seen[b]; dup {
			t.Errorf("%s and %s share the baseline reason %q; each must be specific to its control", ct.ID, other, b)
		}
		seen[b] = ct.ID
	}
	if len(baselines) != 93 {
		t.Errorf("%d baseline reasons for 93 controls", len(baselines))
	}
}

// TestCitationsNameKnownControlsAndRegimes keeps the citation tables honest:
// every key is an Annex A control and every regime is built in.
func TestCitationsNameKnownControlsAndRegimes(t *testing.T) {
	c := Default()
	for regime, m := range citations {
		if _, ok := c.Regime(regime); !ok {
			t.Errorf("citations for unknown regime %q", regime)
		}
		for id, cite := range m {
			if _, ok := c.Control(id); !ok {
				t.Errorf("%s cites unknown control %q", regime, id)
			}
			if cite == "" || cite != strings.TrimSpace(cite) || strings.ContainsAny(cite, "?") {
				t.Errorf("%s %s has a malformed citation %q", regime, id, cite)
			}
		}
	}
}

// CMMC practice IDs follow the NIST SP 800-171 requirements: Level 2 IDs
// by default and at Level 2; at Level 1 only the FAR 52.204-21
// requirements, by their Level 1 IDs, a range being one ID when its
// requirements share it.
func TestCMMCPracticesFollowNISTRequirements(t *testing.T) {
	c := Default()
	for _, tc := range []struct{ level, id, want string }{
		{"", "A.5.15", "AC.L2-3.1.1 and AC.L2-3.1.2"},
		{"", "A.5.17", "IA.L2-3.5.7 to IA.L2-3.5.10"},
		{"", "A.8.16", "AU.L2-3.3.5, SI.L2-3.14.6 and SI.L2-3.14.7"},
		{"", "A.5.28", ""},
		{"", "A.5.26", "IR.L2-3.6.2"},
		{"Level 2 (C3PAO)", "A.5.17", "IA.L2-3.5.7 to IA.L2-3.5.10"},
		{"Level 1", "A.5.15", "AC.L1-B.1.I and AC.L1-B.1.II"},
		{"Level 1", "A.5.16", "IA.L1-B.1.V and IA.L1-B.1.VI"},
		{"Level 1", "A.7.2", "PE.L1-B.1.IX"},
		{"Level 1", "A.7.10", "MP.L1-B.1.VII"},
		{"Level 1", "A.8.7", "SI.L1-B.1.XIII, SI.L1-B.1.XIV and SI.L1-B.1.XV"},
		{"Level 1", "A.8.8", "SI.L1-B.1.XII"},
		{"Level 1", "A.5.17", ""},
		{"Level 1", "A.5.26", ""},
		{"Level 1", "A.8.24", ""},
	} {
		if got := c.CitationAt("cmmc", tc.level, tc.id); got != tc.want {
			t.Errorf("CMMC citation of %s at level %q = %q, want %q", tc.id, tc.level, got, tc.want)
		}
	}
}

func TestStateLawsAreComplete(t *testing.T) {
	for _, l := range stateLaws {
		if l.Citation == "" || l.Individuals == "" {
			t.Errorf("%s lacks a citation or a deadline", l.State)
		}
	}
}

// What the organization's free text names, read by the words the rules
// use: the CMMC level digit as 32 CFR 170 writes it, whatever follows it
// (a level that names none gives ""), and the SOC 2 report type in either
// numbering ("Type III" or a "typed" word names none).
func TestReadFromText(t *testing.T) {
	for _, c := range []struct {
		name  string
		read  func(string) string
		cases map[string]string
	}{
		{"LevelNumber", LevelNumber, map[string]string{
			"Level 2 (C3PAO)": "2",
			"level1":          "1",
			"CMMC Level 3":    "3",
			"Level 10":        "",
			"L2":              "",
			"":                "",
		}},
		{"ReportType", ReportType, map[string]string{
			"Type II":                           "Type II",
			"Type 2 report issued in September": "Type II",
			"type-1":                            "Type I",
			"First Type I report":               "Type I",
			"Type III":                          "",
			"typed summary":                     "",
			"":                                  "",
		}},
	} {
		for text, want := range c.cases {
			if got := c.read(text); got != want {
				t.Errorf("%s of %q = %q, want %q", c.name, text, got, want)
			}
		}
	}
}
