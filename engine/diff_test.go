package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
)

// TestDiffAfterScopeChange releases a project, adds a service to the scope
// and checks that diff reports the document that prints the scope, with a
// redline showing the new words.
func TestDiffAfterScopeChange(t *testing.T) {
	dir := t.TempDir()
	lib := os.DirFS("../testdata/minilib")
	base := "organization: {name: Diff Ltd, country: GB}\npeople:\n  - {id: ann, name: Ann, roles: [top-management, isms-owner]}\nrelease: {date: 2026-02-01}\n"
	writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(base+"scope:\n  services: [{name: Consulting}]\ncontrols:\n  A.8.30: {applicable: false, justification: None outsourced.}\n"))
	ctx := context.Background()
	if _, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "Initial", NoPDF: true, Library: lib}); err != nil {
		t.Fatal(err)
	}
	o := engine.DiffOptions{Dir: dir, Library: lib}
	res, err := engine.Diff(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 0 || len(res.SoA) != 0 {
		t.Fatalf("right after a release the draft must equal it: %+v", res)
	}

	writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(base+"scope:\n  services: [{name: Consulting}, {name: Managed Analytics}]\ncontrols:\n  A.8.30: {applicable: true, status: planned}\n"))
	res, err = engine.Diff(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 1 || res.Documents[0].ID != "mini-isms" || res.Documents[0].Change != "modified" || res.Documents[0].From != "1.0" || res.Documents[0].To != "1.1" {
		t.Fatalf("documents = %+v", res.Documents)
	}
	var fields []string
	for _, c := range res.SoA {
		if c.ID == "A.8.30" {
			fields = append(fields, c.Field+":"+c.From+"->"+c.To)
		}
	}
	if got := strings.Join(fields, ","); got != "applicable:no->yes,justification:None outsourced.->Baseline: Development done by others for the organization must meet the same security requirements as its own.,status:excluded->planned" {
		t.Errorf("SoA changes = %s", got)
	}
	written, err := engine.WriteRedlines(ctx, o, res)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(written, "mini-isms.html"))
	if !strings.Contains(string(page), "Managed Analytics") || !strings.Contains(string(page), "<ins") {
		t.Error("the redline does not show the new service as an insertion")
	}
	index, _ := os.ReadFile(filepath.Join(written, "index.html"))
	if !strings.Contains(string(index), `href="mini-isms.html"`) || !strings.Contains(string(index), "A.8.30") {
		t.Error("the index does not list the changed document and SoA row")
	}
}

// redlines diffs as o says and writes the redlines, failing the test on
// an error; it returns the diff and the directory written.
func redlines(t *testing.T, o engine.DiffOptions) (*engine.DiffResult, string) {
	t.Helper()
	ctx := context.Background()
	res, err := engine.Diff(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	written, err := engine.WriteRedlines(ctx, o, res)
	if err != nil {
		t.Fatal(err)
	}
	return res, written
}
