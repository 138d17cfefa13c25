package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// recordIDs are the records and plans a stage 1 auditor asks for (issue
// 15): every example's pack holds all of them.
var recordIDs = []string{
	"internal-audit-checklist", "management-review-minutes", "nonconformity-log", "training-record",
	"access-review-record", "supplier-assessment", "incident-response-plan", "business-impact-analysis",
}

// recordFacts are the facts of an example that a record is filled from,
// by kind: the people who act in it, and the systems, suppliers, services
// and incident scenarios it names.
type recordFacts struct {
	people, systems, suppliers, services, scenarios []string
}

func factsOfRecords(f *facts.Facts) recordFacts {
	var r recordFacts
	for _, p := range f.People {
		r.people = append(r.people, p.Name)
	}
	for _, a := range f.Assets {
		if a.AccessReviewer != "" {
			r.systems = append(r.systems, a.Name)
		}
	}
	for _, s := range f.Suppliers {
		r.suppliers = append(r.suppliers, s.Name)
	}
	for _, s := range f.Scope.Services {
		r.services = append(r.services, s.Name)
	}
	for _, k := range f.Risks {
		if k.Incident {
			r.scenarios = append(r.scenarios, k.Title)
		}
	}
	return r
}

// TestRecordsAreTailored builds every example and checks each of the eight
// records: it is in the pack, it names the facts of its own example that
// it is filled from (people, systems, suppliers, services, incident
// scenarios), and it names no person, system, supplier, service or
// scenario of another example that its own facts do not also hold.
func TestRecordsAreTailored(t *testing.T) {
	packs := allPacks(t)
	if len(packs) < 4 {
		t.Fatalf("%d examples; the records are checked on all four", len(packs))
	}
	for _, p := range packs {
		own := factsOfRecords(p.facts)
		ownText := readFacts(t, p)
		t.Run(p.name, func(t *testing.T) {
			md := map[string]string{}
			for _, id := range recordIDs {
				// Compare the text, not its Markdown escapes ("Hollis \& Brandt").
				md[id] = mdEscape.ReplaceAllString(p.doc(t, id), "$1")
			}
			// Each record names its own people.
			for _, id := range recordIDs {
				if n := countIn(md[id], own.people); n == 0 {
					t.Errorf("%s names none of the %s example's people", id, p.name)
				}
			}
			// What each record is filled from, all of it.
			wantAll := func(id, what string, names []string) {
				t.Helper()
				if len(names) == 0 {
					t.Errorf("the %s example has no %s for %s", p.name, what, id)
				}
				for _, n := range names {
					if !strings.Contains(md[id], n) {
						t.Errorf("%s does not name the %s %q of its facts", id, what, n)
					}
				}
			}
			wantAll("access-review-record", "system with an access reviewer", own.systems)
			wantAll("supplier-assessment", "supplier", own.suppliers)
			wantAll("business-impact-analysis", "service", own.services)
			for _, nc := range p.facts.Nonconformities {
				if nc.Status == "open" {
					wantAll("nonconformity-log", "open nonconformity", []string{nc.ID})
					wantAll("management-review-minutes", "open nonconformity", []string{nc.ID})
				}
			}
			// The plan's playbooks are the three highest-rated scenarios.
			if n := countIn(md["incident-response-plan"], own.scenarios); n != min(3, len(own.scenarios)) || n == 0 {
				t.Errorf("the incident response plan names %d of the %d incident scenarios of its risk register, want 3 playbooks", n, len(own.scenarios))
			}
			// Nothing of another example.
			for _, q := range packs {
				if q == p {
					continue
				}
				other := factsOfRecords(q.facts)
				for _, list := range [][]string{other.people, other.systems, other.suppliers, other.services, other.scenarios} {
					for _, n := range list {
						if len(n) <= 4 || strings.Contains(ownText, n) {
							continue // a supplier both use, such as Microsoft
						}
						for _, id := range recordIDs {
							if strings.Contains(md[id], n) {
								t.Errorf("%s names %q from the %s example", id, n, q.name)
							}
						}
					}
				}
			}
		})
	}
}

var mdEscape = regexp.MustCompile(`\\([!-/:-@\[-` + "`" + `{-~])`)

func countIn(text string, names []string) int {
	n := 0
	for _, s := range names {
		if strings.Contains(text, s) {
			n++
		}
	}
	return n
}

// TestRecordsAskForMissingFacts removes, from a copy of an example, facts
// the records are filled from, and checks that each gap is a warning that
// names the document and the key to add, and that the record leaves the
// value out ("Not set", "Not recorded") rather than inventing one.
func TestRecordsAskForMissingFacts(t *testing.T) {
	dir, path, src := copyExample(t, "fintech-ny")
	text := string(src)
	for _, cut := range []string{
		"      mtd: 4h\n",                        // the first service's MTD
		"      rto: 8h\n",                        // the second service's RTO
		"    access_reviewer: compliance-lead\n", // the verification records' reviewer
		"    assessed: 2026-05-15\n",             // Google Cloud's last assessment
		"  records_kept: Drata, with the evidence of each control\n",
		"    incident: true\n", // every incident scenario
	} {
		if !strings.Contains(text, cut) {
			t.Fatalf("the example no longer holds %q", cut)
		}
		n := 1
		if strings.HasPrefix(cut, "    incident") {
			n = -1
		}
		text = strings.Replace(text, cut, "", n)
	}
	writeFile(t, path, []byte(text))
	l, err := engine.Check(context.Background(), dir, engine.LoadOptions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if l.HasErrors() {
		t.Fatalf("missing facts are warnings, not errors: %v", l.Errors())
	}
	for _, want := range []struct{ doc, key string }{
		{"business-impact-analysis", "scope.services[0].mtd"},
		{"business-impact-analysis", "scope.services[1].rto"},
		{"access-review-record", ".access_reviewer"},
		{"supplier-assessment", "suppliers[0].assessed"},
		{"incident-response-plan", "risks"},
		{"internal-audit-checklist", "document_control.records_kept"},
		{"management-review-minutes", "document_control.records_kept"},
		{"nonconformity-log", "document_control.records_kept"},
		{"training-record", "document_control.records_kept"},
	} {
		found := false
		for _, d := range l {
			if d.Code == "missing-fact" && d.Severity == diag.Warning &&
				strings.Contains(d.Message, "document "+want.doc+" needs") && strings.Contains(d.Hint, want.key) {
				found = true
			}
		}
		if !found {
			t.Errorf("no warning says that %s needs %s; findings:\n%v", want.doc, want.key, l)
		}
	}

	out := build(t, dir, true)
	read := func(id string) string {
		b, err := os.ReadFile(filepath.Join(out, "md", id+".md"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	bia := read("business-impact-analysis")
	for _, row := range []string{
		"| Corvane Payouts platform and API | Not set | 30 minutes | 5 minutes |",
		"| Customer and payee verification | 24 hours | Not set | 1 hour |",
	} {
		if !strings.Contains(bia, row) {
			t.Errorf("the business impact analysis lacks the row %q", row)
		}
	}
	if !strings.Contains(read("access-review-record"), "| Verification records and documents | Not yet named in the facts | Quarterly |") {
		t.Error("the access review record invents a reviewer for the verification records")
	}
	if !strings.Contains(read("supplier-assessment"), "| Google Cloud | Critical | Hosting of the platform (GKE, Cloud SQL, Cloud Storage, KMS) in us-east4 and us-central1 | Not recorded | Before the next use |") {
		t.Error("the supplier questionnaire invents Google Cloud's last assessment")
	}
	if irp := read("incident-response-plan"); strings.Contains(irp, "### Playbook") || !strings.Contains(irp, "No risk of the register is marked as an incident scenario yet") {
		t.Error("the incident response plan has playbooks without incident scenarios")
	}
	if !strings.Contains(read("nonconformity-log"), "Not yet recorded in the facts") {
		t.Error("the nonconformity log invents where its entries are kept")
	}
}

// TestPoliciesLinkTheirRecords checks, in every example, that the policies
// that require one of the records link to it.
func TestPoliciesLinkTheirRecords(t *testing.T) {
	refs := map[string][]string{
		"business-continuity":           {"business-impact-analysis"},
		"incident-management":           {"incident-response-plan"},
		"management-review":             {"management-review-minutes", "internal-audit-checklist", "nonconformity-log"},
		"nonconformity-and-improvement": {"nonconformity-log"},
		"internal-audit":                {"internal-audit-checklist"},
		"competence-and-awareness":      {"training-record"},
		"access-control":                {"access-review-record"},
		"supplier-security":             {"supplier-assessment"},
		"documented-information":        recordIDs,
	}
	for _, p := range allPacks(t) {
		for policy, ids := range refs {
			text := p.doc(t, policy)
			for _, id := range ids {
				if !strings.Contains(text, "]("+id+".md") {
					t.Errorf("%s: %s does not link to %s", p.name, policy, id)
				}
			}
		}
	}
}

// TestReferenceToMissingRecordFails leaves a record out of a pack: the
// policies that refer to it make check fail, naming the policy and the
// record, until the facts declare the record kept outside the pack, which
// the policies then name with where it is kept.
func TestReferenceToMissingRecordFails(t *testing.T) {
	dir, path, src := copyExample(t, "fintech-ny")
	const anchor = "\ndocuments:\n"
	if !strings.Contains(string(src), anchor) {
		t.Fatal("the example has no documents section")
	}
	omitted := strings.Replace(string(src), anchor, anchor+"  business-impact-analysis: {omit: true}\n", 1)
	writeFile(t, path, []byte(omitted))
	l, err := engine.Check(context.Background(), dir, engine.LoadOptions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	var missing []*diag.Diagnostic
	for _, d := range l {
		if d.Code == "missing-record" {
			missing = append(missing, d)
		}
	}
	if len(missing) == 0 {
		t.Fatalf("check passes a pack whose policies refer to a business impact analysis it does not hold; findings:\n%v", l)
	}
	for _, d := range missing {
		if d.Severity != diag.Error || !strings.Contains(d.Message, "(business-impact-analysis), which is neither a document of the pack nor a plan or record declared in the facts") {
			t.Errorf("finding: %v", d)
		}
		if filepath.Base(d.Pos.File) != "business-continuity.md" && filepath.Base(d.Pos.File) != "documented-information.md" {
			t.Errorf("the finding is at %s, not at the policy that refers to the record", d.Pos.File)
		}
	}

	// Declared as a record kept outside the pack, the reference is good,
	// and the policy names it with where it is kept.
	declared := strings.Replace(omitted, "\nrecords:\n", "\nrecords:\n  - {id: bia, name: Continuity Impact Workbook, document: business-impact-analysis, owner: ciso, kept: the GRC workspace}\n", 1)
	writeFile(t, path, []byte(declared))
	l, err = engine.Check(context.Background(), dir, engine.LoadOptions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range l {
		if d.Code == "missing-record" {
			t.Errorf("a record declared in the facts is still reported: %v", d)
		}
	}
	out := build(t, dir, true)
	b, err := os.ReadFile(filepath.Join(out, "md", "business-continuity.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Continuity Impact Workbook (kept in the GRC workspace)") {
		t.Error("the continuity policy does not name the record the facts declare")
	}
	if _, err := os.Stat(filepath.Join(out, "md", "business-impact-analysis.md")); err == nil {
		t.Error("the omitted record is still in the pack")
	}
}

// copyExample copies an example into a temporary directory and returns
// the directory, its isms.yaml's path and content.
func copyExample(t *testing.T, name string) (dir, path string, src []byte) {
	t.Helper()
	dir = t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../examples/"+name)); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(dir, "isms.yaml")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return dir, path, src
}
