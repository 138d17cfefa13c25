package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// TestCheckDates covers the checks on dates: documents overdue for review,
// a risk assessment overdue, and one dated after the pack.
func TestCheckDates(t *testing.T) {
	ctx := context.Background()
	lib := os.DirFS("../testdata/minilib")
	dir := safetyProject(t, nil)
	if _, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "First issue", NoPDF: true, Library: lib}); err != nil {
		t.Fatal(err)
	}
	check := func(facts string) diag.List {
		t.Helper()
		writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(strings.Replace(safetyFacts, "release: {date: 2026-01-10}", facts, 1)))
		findings, err := engine.Check(ctx, dir, engine.LoadOptions{Library: lib}, false)
		if err != nil {
			t.Fatal(err)
		}
		return findings
	}
	find := func(l diag.List, code string) []*diag.Diagnostic {
		var out []*diag.Diagnostic
		for _, d := range l {
			if d.Code == code {
				out = append(out, d)
			}
		}
		return out
	}

	// Fourteen months on, with nothing reviewed: every released document
	// is overdue, and so is the assessment of fourteen months ago.
	l := check("risk_method: {assessed: 2026-01-05}\nrelease: {date: 2027-03-01}")
	overdue := find(l, "review-overdue")
	if len(overdue) == 0 {
		t.Fatalf("no document is overdue for review; findings:\n%v", l)
	}
	for _, d := range overdue {
		if d.Severity != diag.Warning || !strings.Contains(d.Message, "before the release date 2027-03-01") {
			t.Errorf("review finding: %v", d)
		}
	}
	ra := find(l, "risk-assessment-overdue")
	if len(ra) != 1 || ra[0].Severity != diag.Warning || filepath.Base(ra[0].Pos.File) != "isms.yaml" || ra[0].Pos.Line != 6 {
		t.Errorf("want one warning at isms.yaml:6 for the overdue assessment, got %v", ra)
	}
	if l.HasErrors() {
		t.Errorf("warnings only expected, got %v", l.Errors())
	}

	// Within the cycle: nothing to report about dates.
	l = check("risk_method: {assessed: 2026-01-05}\nrelease: {date: 2026-06-01}")
	for _, code := range []string{"review-overdue", "risk-assessment-overdue", "risk-assessed-future"} {
		if f := find(l, code); len(f) != 0 {
			t.Errorf("within the review cycle, want no %s, got %v", code, f)
		}
	}

	// An assessment dated after the pack is an error at its position.
	l = check("risk_method: {assessed: 2026-07-01}\nrelease: {date: 2026-06-01}")
	fut := find(l, "risk-assessed-future")
	if len(fut) != 1 || fut[0].Severity != diag.Error || fut[0].Pos.Line != 6 || !strings.Contains(fut[0].Message, "2026-07-01") {
		t.Errorf("want one error at isms.yaml:6 for the future assessment, got %v", fut)
	}
}
