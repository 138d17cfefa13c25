package comply

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/importer"
	"github.com/ismsforge/ismsforge/engine/internal/importtest"
)

func imported(t *testing.T) (string, *importer.Project) {
	t.Helper()
	return importtest.Imported(t, Import, "testdata/repo")
}

// TestReport asserts what the report tells the user: the facts and
// placeholders to fill in, what was not imported and why, what changed,
// the mappings kept and the crosswalk suggested but not applied.
func TestReport(t *testing.T) {
	dir, _ := imported(t)
	b, err := os.ReadFile(filepath.Join(dir, importer.ReportName))
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	for _, want := range []string{
		"`ismsforge import comply` read testdata/repo and wrote 4 documents under templates/ and isms.yaml.",
		"## To fill in (61)",
		"- [ ] `templates/policies/access.md:31`: the placeholder \"<insert security team email>\": replace it with the fact or the text it stands for",
		"- [ ] `people`: the people of the ISMS with their roles: someone must hold top-management and someone isms-owner",
		"- [ ] `release.date`: the pack's date",
		"- [ ] `controls`: a decision for each of the 93 Annex A controls",
		// What the built-in documents ask for, read from their templates.
		"- [ ] `governance`: the forum that follows the ISMS between management reviews (forum, meets, members); the built-in documents ask for it where it applies",
		"- [ ] `plans`: a plan with kind: incident-response; the built-in documents ask for it where it applies",
		"- [ ] `people`: the person who holds the facility-security-officer role, the Facility Security Officer a cleared contractor appoints (32 CFR 117.7(b)(2)) to make the reports to DCSA; the built-in documents ask for it where it applies",
		"- [ ] `classification`: the organization's classification scheme",
		"- `comply.yml tickets`: comply's ticket system integration; ismsforge does not reach any network",
		"- `policies/classification.md`: CC9.9 is not a SOC 2 criterion in ismsforge's catalog (TSC 2017); the mapping to it was dropped",
		"- `policies/access.md majorRevisions`: 2 revisions (the last: Feb 9 2025, Quarterly reviews added)",
		"- `procedures/offboarding.md cron`: the schedule \"0 9 * * 1\"; ismsforge does not schedule procedures",
		"- `templates/`: comply's LaTeX and HTML output templates",
		"- `policies/classification.md`: the heading attribute \"{#handling}\" of \"Handling\" was removed",
		"- `narratives/control.md`: the first heading repeated the title and was removed",
		"- SOC 2 (soc2): 7 requirements mapped by 3 documents",
		"| SOC 2 | CC6.2 | access | A.5.16 Identity management, A.5.18 Access rights, A.6.5 Responsibilities after termination or change of employment |",
		"| offboard | Offboard a Leaver | procedure | procedures/offboarding.md | templates/procedures/offboard.md |",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// The crosswalk is a suggestion: no imported document gained a control.
	for path, tpl := range mustTemplates(t, dir) {
		if strings.Contains(tpl, "controls:") {
			t.Errorf("%s has controls; an import never applies a crosswalk", path)
		}
	}
}

func mustTemplates(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	_ = filepath.WalkDir(filepath.Join(dir, "templates"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			out[p] = string(b)
		}
		return nil
	})
	return out
}

// TestFront matter and body: comply's keys become ismsforge's, lettered and
// roman lists, the grid table and the page break stay, {{.Name}} is the
// organization's name.
func TestConverted(t *testing.T) {
	_, p := imported(t)
	access := string(p.Templates["templates/policies/access.md"])
	for _, want := range []string{"id: access\ntitle: Account Lifecycle Policy\nkind: policy\nref: ALP\n", "  soc2: [CC6.1, CC6.2, CC6.3]\n", "## Purpose and Scope\n\na. This policy", "    i. The hiring manager"} {
		if !strings.Contains(access, want) {
			t.Errorf("access.md lacks %q:\n%s", want, access)
		}
	}
	control := string(p.Templates["templates/narratives/control.md"])
	if !strings.Contains(control, "kind: record") || !strings.Contains(control, "{{ .Org.Name }} runs its security programme") {
		t.Errorf("control.md:\n%s", control)
	}
	if cls := string(p.Templates["templates/policies/classification.md"]); !strings.Contains(cls, "  soc2: [CC6.7, C1.1]\n") || !strings.Contains(cls, "\\pagebreak") {
		t.Errorf("classification.md:\n%s", cls)
	}
}

// TestFilledProjectPassesStrictCheck: the imported project passes
// `check --strict` once the user does what the report lists, and fails it
// while any one of those things is left undone.
func TestFilledProjectPassesStrictCheck(t *testing.T) {
	steps := []struct {
		name string
		do   func(dir string)
	}{
		{"people", func(dir string) {
			importtest.Replace(t, dir, "isms.yaml", "people: [] # fill in: see IMPORT-REPORT.md\n",
				"people:\n  - {id: ann, name: Ann Lee, title: Chief Executive Officer, roles: [top-management]}\n  - {id: raj, name: Raj Patel, title: Security Lead, roles: [isms-owner]}\n")
		}},
		{"release.date", func(dir string) { importtest.Append(t, dir, "isms.yaml", "release: {date: 2026-05-04}\n") }},
		{"controls", func(dir string) { importtest.Append(t, dir, "isms.yaml", importtest.Decisions()) }},
		{"placeholder", func(dir string) {
			importtest.Replace(t, dir, "templates/policies/access.md", "<insert security team email>", "security@harbor.example")
		}},
	}
	for _, n := range importtest.BuiltinNeeds(t) {
		steps = append(steps, struct {
			name string
			do   func(dir string)
		}{n.Name, n.Do})
	}
	for skip := -1; skip < len(steps); skip++ {
		dir, _ := imported(t)
		for i, s := range steps {
			if i != skip {
				s.do(dir)
			}
		}
		l := importtest.Check(t, dir)
		switch {
		case skip < 0 && len(l) != 0:
			t.Fatalf("check --strict after filling in what the report lists:\n%v", l)
		case skip >= 0 && len(l) == 0:
			t.Errorf("check --strict passes without %s, which the report asks for", steps[skip].name)
		}
	}
}
