package facts

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
)

const minimal = `organization:
  name: Example Ltd
  country: GB
people:
  - id: ann
    name: Ann Example
    roles: [top-management, isms-owner]
release:
  date: 2026-03-01
`

func parse(t *testing.T, src string) (*Facts, error) {
	t.Helper()
	return Parse("isms.yaml", []byte(src), catalog.Default())
}

func TestParseMinimalAppliesDefaults(t *testing.T) {
	f, err := parse(t, minimal)
	if err != nil {
		t.Fatal(err)
	}
	if f.Organization.ShortName != "Example Ltd" || f.Output.PageSize != "a4" || f.DocumentControl.ReviewMonths != 12 {
		t.Errorf("defaults not applied: %+v %+v", f.Organization, f.Output)
	}
	if len(f.RiskMethod.Likelihood) != 5 || f.RiskMethod.AcceptanceThreshold == 0 {
		t.Errorf("default risk method missing: %+v", f.RiskMethod)
	}
	d, written := f.Decision("A.5.1")
	if written || !d.IsApplicable() || d.Status != "not-implemented" {
		t.Errorf("undecided control = %+v, %v; want applicable, not implemented", d, written)
	}
	if f.ReleaseDate().String() != "2026-03-01" {
		t.Errorf("release date = %q", f.ReleaseDate())
	}
}

func TestUSDefaultsToLetter(t *testing.T) {
	f, err := parse(t, strings.Replace(minimal, "GB", "us", 1))
	if err != nil {
		t.Fatal(err)
	}
	if f.Output.PageSize != "letter" {
		t.Errorf("page size = %s, want letter", f.Output.PageSize)
	}
}

func TestCustomKeepsCase(t *testing.T) {
	f, err := parse(t, minimal+"custom:\n  SupportHours: 24x7\n  nested: {CamelKey: 1}\n")
	if err != nil {
		t.Fatal(err)
	}
	if f.Custom["SupportHours"] != "24x7" {
		t.Errorf("custom = %#v", f.Custom)
	}
}

func TestControlKeysAreNormalized(t *testing.T) {
	f, err := parse(t, minimal+"controls:\n  a.5.1: {status: implemented}\n  A.8.34: {applicable: false, justification: No audits of live systems.}\n")
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := f.Decision("A.5.1"); !ok || d.Status != "implemented" {
		t.Errorf("A.5.1 = %+v %v", d, ok)
	}
	if d, _ := f.Decision("A.8.34"); d.IsApplicable() {
		t.Error("A.8.34 should be excluded")
	}
}

// TestErrorsPointAtTheLine feeds bad input and asserts the exact position,
// message and hint of the first diagnostic.
func TestErrorsPointAtTheLine(t *testing.T) {
	cases := []struct {
		name, src, pos, msg, hint string
	}{
		{"yaml syntax", "organization:\n  name: [Acme\n", "isms.yaml:2:3", "invalid YAML", "not closed with ]"},
		{"tab indent", "organization:\n\tname: Acme\n", "isms.yaml:2:2", "invalid YAML", "tabs"},
		{"unknown key", strings.Replace(minimal, "  country: GB", "  countyr: GB", 1), "isms.yaml:3:3", `unknown key "countyr" in organization`, `did you mean "country"?`},
		{"unknown top key", minimal + "risk:\n  - id: R1\n", "isms.yaml:10:1", `unknown key "risk"`, `did you mean "risks"?`},
		{"unknown top key 2", minimal + "organization_x: 1\n", "isms.yaml:10:1", `unknown key "organization_x"`, `did you mean "organization"?`},
		{"int expected", strings.Replace(minimal, "  country: GB", "  country: GB\n  employees: many", 1), "isms.yaml:4:14", "organization.employees must be a whole number", "number"},
		{"list expected", strings.Replace(minimal, "[top-management, isms-owner]", "top-management", 1), "isms.yaml:7:12", "must be a list", "- "},
		{"yes is text", strings.Replace(minimal, "Example Ltd", "yes", 1), "", "", ""},
		{"bool as text", strings.Replace(minimal, "Example Ltd", "true", 1), "isms.yaml:2:9", "must be text, not the boolean true", "quotes"},
		{"bad date", strings.Replace(minimal, "2026-03-01", "2026-13-01", 1), "isms.yaml:9:9", "release.date", "YYYY-MM-DD"},
		{"unknown control", minimal + "controls:\n  A.5.1: {status: implemented}\n  A.5.38: {status: planned}\n", "isms.yaml:12:3", `unknown Annex A control "A.5.38"`, `did you mean`},
		{"unknown control in risk", minimal + "risks:\n  - {id: R1, title: t, asset: a, threat: x, likelihood: 2, impact: 3, treatment: mitigate, owner: ann, controls: [B.12.77]}\n", "isms.yaml:11:115", `unknown Annex A control "B.12.77"`, "A.5.1 to A.8.34"},
		{"bad enum", minimal + "controls:\n  A.5.1: {status: implemnted}\n", "isms.yaml:11:19", `"implemnted" is not a valid value`, `did you mean "implemented"?`},
		{"missing required", "organization:\n  country: GB\n", "isms.yaml:2:3", `missing the required key "name"`, `add "name: ..."`},
		{"unknown role", strings.Replace(minimal, "isms-owner]", "isms-ownr]", 1), "isms.yaml:7:29", `unknown role "isms-ownr"`, `did you mean "isms-owner"?`},
		{"unheld role", minimal + "objectives:\n  - {id: O1, title: o, metric: m, target: t, owner: dpo, due: 2026-12-31}\n", "isms.yaml:11:53", `role "dpo" is referenced but no person holds it`, "roles of the person"},
		{"comma in flow mapping", strings.Replace(minimal, "  country: GB", "  country: GB\n  locations:\n    - {id: hq, name: HQ, address: 1 Main St, Denver}", 1), "isms.yaml:5:46", `unknown key "Denver"`, "put that value in quotes"},
		{"duplicate key", strings.Replace(minimal, "  country: GB", "  country: GB\n  country: US", 1), "isms.yaml:4:3", `duplicate key "country"`, "line 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parse(t, c.src)
			if c.pos == "" { // a case that must load
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("want a diagnostic, got %v", err)
			}
			if got := d.Pos.String(); got != c.pos {
				t.Errorf("position = %s, want %s\n%v", got, c.pos, err)
			}
			if !strings.Contains(d.Message, c.msg) || !strings.Contains(d.Hint, c.hint) {
				t.Errorf("diagnostic = %q (hint %q), want message containing %q and hint containing %q", d.Message, d.Hint, c.msg, c.hint)
			}
			if d.Excerpt == nil {
				t.Error("diagnostic carries no source excerpt")
			}
		})
	}
}

func TestExamplesLoad(t *testing.T) {
	dirs, _ := filepath.Glob("../../examples/*")
	for _, dir := range dirs {
		if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if _, err := Load(dir, catalog.Default()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestDurationWords(t *testing.T) {
	// A duration from the facts keeps the unit it was written in, where
	// that unit divides it: a contract's "72 hours" is not "3 days".
	for in, want := range map[string]string{"15m": "15 minutes", "8h": "8 hours", "190m": "190 minutes", "48h": "48 hours", "2d": "2 days", "14d": "14 days", "1w": "1 week", "90 minutes": "90 minutes", "36h": "36 hours", "1h": "1 hour", "1.5h": "1 hour 30 minutes", "1.5d": "36 hours", "0.5w": "84 hours"} {
		d, err := ParseDuration(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.String(); got != want {
			t.Errorf("%s prints %q, want %q", in, got, want)
		}
	}
	// A computed one is written in the largest unit that divides it.
	for in, want := range map[time.Duration]string{190 * time.Minute: "3 hours 10 minutes", 48 * time.Hour: "2 days", 90 * time.Minute: "1 hour 30 minutes", 36 * time.Hour: "36 hours", 14 * 24 * time.Hour: "2 weeks"} {
		if got := NewDuration(in).String(); got != want {
			t.Errorf("%v prints %q, want %q", in, got, want)
		}
	}
	if a, _ := ParseDuration("24h"); !a.Equal(NewDuration(24 * time.Hour)) {
		t.Error("24h and a computed day are not equal")
	}
	if _, err := ParseDuration("soon"); err == nil {
		t.Error("a duration without a number parses")
	}
}

// A finding about a free-form fact points at that fact, not at the start
// of custom.
func TestCustomValuesHavePositions(t *testing.T) {
	src := minimal + "custom:\n  SupportHours: 24x7\n  TrustCenter: https://trust.example\n  list: [a, {Deep: b}]\n"
	f, err := parse(t, src)
	if err != nil {
		t.Fatal(err)
	}
	base := strings.Count(minimal, "\n")
	for path, want := range map[string][2]int{
		"custom.SupportHours":    {base + 2, 17},
		"custom.TrustCenter":     {base + 3, 16},
		"custom.TrustCenter#key": {base + 3, 3},
		"custom.list[1].Deep":    {base + 4, 20},
	} {
		var got diag.Pos
		if strings.HasSuffix(path, "#key") {
			got = f.WhereKey(strings.TrimSuffix(path, "#key"))
		} else {
			got = f.Where(path)
		}
		if got.Line != want[0] || got.Col != want[1] {
			t.Errorf("%s at %d:%d, want %d:%d", path, got.Line, got.Col, want[0], want[1])
		}
	}
}

// The hint for an unknown kind of test or review lists the keys the
// validation knows, from the same table.
func TestCycleKeys(t *testing.T) {
	if got, want := TestKeys(), "restore, recovery, continuity, incident or penetration"; got != want {
		t.Errorf("TestKeys() = %q, want %q", got, want)
	}
	for _, k := range strings.Split(strings.NewReplacer(" or ", ", ").Replace(ReviewKeys()), ", ") {
		if _, _, ok := ReviewKind(k); !ok {
			t.Errorf("ReviewKeys() lists %q, which is not a kind of review", k)
		}
	}
	if n := strings.Count(ReviewKeys(), ",") + 2; n != len(reviewKinds) {
		t.Errorf("ReviewKeys() = %q lists %d keys, want %d", ReviewKeys(), n, len(reviewKinds))
	}
}
