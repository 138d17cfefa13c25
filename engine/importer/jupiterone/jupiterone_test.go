package jupiterone

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
	return importtest.Imported(t, Import, "testdata/set")
}

// TestReport asserts what the report tells the user.
func TestReport(t *testing.T) {
	dir, _ := imported(t)
	b, err := os.ReadFile(filepath.Join(dir, importer.ReportName))
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	for _, want := range []string{
		"`ismsforge import jupiterone` read testdata/set and wrote 5 documents under templates/ and isms.yaml.",
		"## To fill in (63)",
		"- [ ] `templates/procedures/cp-access-review.md:16`: the placeholder \"<insert reviewer role>\"",
		"- [ ] `people`: the e-mail address of security-officer (the templates print {{securityOfficerEmail}})",
		"- [ ] `technology.ticketing`: the value of {{ticketingSystem}}, which the templates print and config.json leaves empty",
		"- [ ] `people`: someone who holds the role isms-owner",
		"- [ ] `release.date`",
		"- [ ] `controls`: a decision for each of the 93 Annex A controls",
		// What the built-in documents ask for, read from their templates.
		"- [ ] `governance`: the forum that follows the ISMS between management reviews (forum, meets, members); the built-in documents ask for it where it applies",
		"- [ ] `plans`: a plan with kind: incident-response; the built-in documents ask for it where it applies",
		"- [ ] `classification`: the organization's classification scheme",
		"- `config.json policies vendor`: not adopted in config.json",
		"- `config.json procedures cp-fax-retention`: not adopted or not applicable in config.json",
		"- `standards/cis-controls.json`: CIS Controls is not selected under standards in config.json",
		"- `standards`: 164.308(b)(4) is not a HIPAA Security Rule paragraph in ismsforge's catalog (2013); the mapping to it was dropped",
		"- `standards`: CC9.9 is not a SOC 2 criterion in ismsforge's catalog (TSC 2017); the mapping to it was dropped",
		"- `config.json organization mkdocsLogoURL`: JupiterOne's documentation site settings",
		"- `policies/access.md.tmpl`: {{defaultRevision}} was removed",
		"- `access`: a section \"Procedures\" links the policy's procedures",
		"- [ ] `access`: Which systems count as critical?",
		"- SOC 2 (soc2): 3 requirements mapped by 3 documents",
		"- HIPAA Security Rule (hipaa): 1 requirement mapped by 1 document",
		"| SOC 2 | CC7.4 | cp-breach-notify | A.5.24 Information security incident management planning and preparation, A.5.26 Response to information security incidents |",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// TestMustacheConverted: variables become the facts that hold them,
// sections if blocks, regime flags hasRegime, other values custom facts;
// nothing of Mustache is left.
func TestMustacheConverted(t *testing.T) {
	_, p := imported(t)
	all := ""
	for _, b := range p.Templates {
		all += string(b)
	}
	for _, want := range []string{
		"{{ .Org.ShortName }} policy requires that",
		"{{ if hasRegime \"hipaa\" }}\n(c) access to electronic health information",
		"{{ if not (custom \"isServiceProvider\" false) }}",
		"{{ (person \"security-officer\").Name }}",
		"security@{{ custom \"companyEmailDomain\" }}",
		"{{ with .Tech.IdentityProvider }}{{ . }}{{ else }}{{ fail \"set technology.identity_provider in isms.yaml\" }}{{ end }}",
		"summary: Every account that reaches production data uses a second factor.",
		"  soc2: [CC6.1]\n  hipaa: [164.312(d)]\n",
		"- {{ link \"cp-access-mfa\" }}",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("templates lack %q", want)
		}
	}
	for _, bad := range []string{"{{#", "{{^", "{{/", "{{companyShortName}}", "defaultRevision", "# Access\n"} {
		if strings.Contains(all, bad) {
			t.Errorf("templates still contain %q", bad)
		}
	}
	facts := string(p.Facts)
	for _, want := range []string{"  name: Lakeside Genomics, Inc.\n", "    roles: [top-management]\n", "  - {id: cto, title: Chief Technology Officer}\n", "  identity_provider: Okta\n", "regimes: [hipaa]\n", "  companyEmailDomain: lakeside.example\n"} {
		if !strings.Contains(facts, want) {
			t.Errorf("isms.yaml lacks %q:\n%s", want, facts)
		}
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
		{"isms-owner and the officer's e-mail", func(dir string) {
			importtest.Replace(t, dir, "isms.yaml", "    title: Security Officer\n    roles: [security-officer]\n",
				"    title: Security Officer\n    email: priya@lakeside.example\n    roles: [security-officer, isms-owner]\n")
		}},
		{"technology.ticketing", func(dir string) {
			importtest.Replace(t, dir, "isms.yaml", "technology:\n", "technology:\n  ticketing: Linear\n")
		}},
		{"release.date", func(dir string) { importtest.Append(t, dir, "isms.yaml", "release: {date: 2026-05-04}\n") }},
		{"controls", func(dir string) { importtest.Append(t, dir, "isms.yaml", importtest.Decisions()) }},
		{"placeholder", func(dir string) {
			importtest.Replace(t, dir, "templates/procedures/cp-access-review.md", "<insert reviewer role>", "the system owner")
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
