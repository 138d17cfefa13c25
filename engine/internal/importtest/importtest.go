// Package importtest holds what the importers' tests share: filling in an
// imported project the way its report asks, and checking it strictly.
package importtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/importer"
)

// Replace replaces old by new in a file of the project, once; old must be
// there.
func Replace(t testing.TB, dir, path, old, new string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(path))
	b, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s lacks %q", path, old)
	}
	if err := os.WriteFile(full, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Append adds text at the end of a file of the project.
func Append(t testing.TB, dir, path, text string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(path))
	b, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, append(b, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Decisions is a controls section deciding every Annex A control, as a
// user does when the report asks for it.
func Decisions() string {
	var b strings.Builder
	b.WriteString("controls:\n")
	for _, c := range catalog.Default().Controls() {
		fmt.Fprintf(&b, "  %s: {status: implemented, owner: isms-owner, evidence: [Record kept by the ISMS owner]}\n", c.ID)
	}
	return b.String()
}

// Check runs `ismsforge check --strict` on the project and returns the
// findings.
func Check(t testing.TB, dir string) diag.List {
	t.Helper()
	l, err := engine.Check(context.Background(), dir, engine.LoadOptions{}, true)
	if err != nil {
		t.Fatalf("check: internal error: %v", err)
	}
	return l
}

// Step is one thing the report asks the user to do.
type Step struct {
	Name string
	Do   func(dir string)
}

// BuiltinNeeds are the facts the built-in documents ask for that an
// imported project does not have, each filled as a user would, one step per
// item of the report's list.
func BuiltinNeeds(t testing.TB) []Step {
	// under adds line to a top-level section, which it starts if needed.
	under := func(dir, section, line string) {
		full := filepath.Join(dir, "isms.yaml")
		b, err := os.ReadFile(full)
		if err != nil {
			t.Fatal(err)
		}
		if head := "\n" + section + ":\n"; strings.Contains(string(b), head) {
			Replace(t, dir, "isms.yaml", head, head+"  "+line+"\n")
			return
		}
		Append(t, dir, "isms.yaml", section+":\n  "+line+"\n")
	}
	tech := func(dir, line string) { under(dir, "technology", line) }
	// nested adds line to the map key of a top-level section, starting
	// either if needed.
	nested := func(dir, section, key, line string) {
		b, err := os.ReadFile(filepath.Join(dir, "isms.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		head := "\n  " + key + ":\n"
		if !strings.Contains(string(b), head) {
			under(dir, section, key+":")
		}
		Replace(t, dir, "isms.yaml", head, head+"    "+line+"\n")
	}
	test := func(dir, line string) { nested(dir, "deadlines", "tests", line) }
	review := func(dir, line string) { nested(dir, "deadlines", "reviews", line) }
	return []Step{
		{"classification", func(dir string) {
			// The regimes' information sits at the highest level.
			b, err := os.ReadFile(filepath.Join(dir, "isms.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			regimes := "[]"
			if m := regimesLine.FindSubmatch(b); m != nil {
				regimes = string(m[1])
			}
			Append(t, dir, "isms.yaml", `classification:
  default: internal
  levels:
    - {id: public, name: Public, meaning: Approved for release; disclosure causes no harm.}
    - {id: internal, name: Internal, meaning: For staff; disclosure would cause limited harm.}
    - {id: confidential, name: Confidential, meaning: Disclosure would harm the organization or the people it serves., regimes: `+regimes+`}
`)
		}},
		{"assets", func(dir string) {
			Append(t, dir, "isms.yaml", "assets:\n  - {id: records, name: Business records, kind: information, owner: isms-owner, backup_interval: 1d, recovery: restore}\n")
		}},
		{"governance", func(dir string) {
			Append(t, dir, "isms.yaml", "governance: {forum: Security Committee, meets: monthly, members: [top-management, isms-owner]}\n")
		}},
		{"identity_domains", func(dir string) {
			Append(t, dir, "isms.yaml", "identity_domains:\n  - {id: workforce, name: Workforce identity, directory: Google Workspace, mfa: security keys, sso: true, admins: [isms-owner], access_review_months: 3}\n")
		}},
		{"plans", func(dir string) {
			Append(t, dir, "isms.yaml", "plans:\n  - {id: irp, name: Incident Response Plan, kind: incident-response, document: incident-response-plan, owner: isms-owner, kept: the shared drive}\n")
		}},
		{"document_control.records_kept", func(dir string) {
			under(dir, "document_control", "records_kept: the shared drive")
			under(dir, "document_control", "retention_years: 6")
		}},
		{"document_control.source_kept", func(dir string) { under(dir, "document_control", "source_kept: a Git repository") }},
		{"reporting", func(dir string) {
			Append(t, dir, "isms.yaml", "reporting: {email: security@example.org}\n")
		}},
		{"travel", func(dir string) {
			Append(t, dir, "isms.yaml", "travel: {abroad: allowed, loaners: never, regulated_data: false, approver: isms-owner}\n")
		}},
		{"cryptography.key_store", func(dir string) {
			under(dir, "cryptography", "key_store: the cloud provider's key management service")
		}},
		{"cryptography.rotation.keys", func(dir string) { nested(dir, "cryptography", "rotation", "keys: 12") }},
		{"cryptography.rotation.secrets", func(dir string) { nested(dir, "cryptography", "rotation", "secrets: 12") }},
		{"technology.logging", func(dir string) { tech(dir, "logging: the cloud provider's log service, kept for a year") }},
		{"technology.screen_lock", func(dir string) { tech(dir, "screen_lock: 10m") }},
		{"technology.training", func(dir string) { tech(dir, "training: the awareness course of the HR system") }},
		{"technology.vulnerability_scanning", func(dir string) { tech(dir, "vulnerability_scanning: the cloud provider's scanner, weekly") }},
		{"deadlines.leaver_access", func(dir string) { under(dir, "deadlines", "leaver_access: 24h") }},
		{"deadlines.vulnerabilities", func(dir string) {
			under(dir, "deadlines", "vulnerabilities: {exploited: 72h, critical: 15d, high: 30d, medium: 90d, low: 180d}")
		}},
		{"deadlines.dormant_accounts", func(dir string) { under(dir, "deadlines", "dormant_accounts: 90d") }},
		{"deadlines.access_review", func(dir string) { under(dir, "deadlines", "access_review: 12") }},
		{"deadlines.access_removal", func(dir string) { under(dir, "deadlines", "access_removal: 5d") }},
		{"deadlines.training", func(dir string) { under(dir, "deadlines", "training: 12") }},
		{"deadlines.corrective_action", func(dir string) {
			under(dir, "deadlines", "corrective_action: {major: 10d, minor: 30d}")
		}},
		{"deadlines.exception_review", func(dir string) { under(dir, "deadlines", "exception_review: 90d") }},
		{"deadlines.post_incident_review", func(dir string) { under(dir, "deadlines", "post_incident_review: 14d") }},
		{"deadlines.emergency_change_review", func(dir string) { under(dir, "deadlines", "emergency_change_review: 3d") }},
		{"deadlines.incident_response", func(dir string) {
			under(dir, "deadlines", "incident_response: {sev1: 15m, sev2: 1h, sev3: 1d, sev4: 3d}")
		}},
		{"deadlines.incident_escalation", func(dir string) { under(dir, "deadlines", "incident_escalation: {sev1: 1h, sev2: 8h}") }},
		{"deadlines.physical_access_records", func(dir string) { under(dir, "deadlines", "physical_access_records: 12") }},
		{"deadlines.alert_triage", func(dir string) { under(dir, "deadlines", "alert_triage: 1d") }},
		{"deadlines.supplier_review", func(dir string) {
			under(dir, "deadlines", "supplier_review: {critical: 12, high: 12, medium: 24}")
		}},
		{"deadlines.tests.restore", func(dir string) { test(dir, "restore: 3") }},
		{"deadlines.tests.recovery", func(dir string) { test(dir, "recovery: 12") }},
		{"deadlines.tests.continuity", func(dir string) { test(dir, "continuity: 12") }},
		{"deadlines.tests.incident", func(dir string) { test(dir, "incident: 12") }},
		{"deadlines.tests.penetration", func(dir string) { test(dir, "penetration: 12") }},
		{"deadlines.reviews.inventory", func(dir string) { review(dir, "inventory: 3") }},
		{"deadlines.reviews.physical_access", func(dir string) { review(dir, "physical_access: 3") }},
		{"deadlines.reviews.clear_desk", func(dir string) { review(dir, "clear_desk: 3") }},
		{"deadlines.reviews.capacity", func(dir string) { review(dir, "capacity: 3") }},
		{"deadlines.reviews.detection_rules", func(dir string) { review(dir, "detection_rules: 3") }},
		{"deadlines.reviews.cloud_baseline", func(dir string) { review(dir, "cloud_baseline: 3") }},
		{"deadlines.reviews.reporting_channels", func(dir string) { review(dir, "reporting_channels: 3") }},
		{"deadlines.reviews.cabling", func(dir string) { review(dir, "cabling: 12") }},
		{"deadlines.reviews.ownership", func(dir string) { review(dir, "ownership: 12") }},
		{"deadlines.reviews.deletion", func(dir string) { review(dir, "deletion: 12") }},
		{"deadlines.reviews.project_sampling", func(dir string) { review(dir, "project_sampling: 3") }},
		{"deadlines.reviews.compliance_checks", func(dir string) { review(dir, "compliance_checks: 12") }},
		{"deadlines.reviews.baselines", func(dir string) { review(dir, "baselines: 12") }},
	}
}

var regimesLine = regexp.MustCompile(`(?m)^regimes: (\[[^\]]*\])`)

// Imported runs an importer over src with the built-in template IDs,
// writes the project into a new directory and returns both.
func Imported(t testing.TB, importFn func(src string, reserved map[string]bool) (*importer.Project, error), src string) (string, *importer.Project) {
	t.Helper()
	p, err := importFn(src, importer.BuiltinIDs())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := importer.Write(dir, p); err != nil {
		t.Fatal(err)
	}
	return dir, p
}
