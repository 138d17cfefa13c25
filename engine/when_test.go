package engine_test

import (
	"context"
	"os"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// TestWhenMissingFactIsAFinding: a condition that reads a fact the file
// does not have is a warning at the condition, and an error under --strict.
func TestWhenMissingFactIsAFinding(t *testing.T) {
	dir := safetyProject(t, map[string]string{
		"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\nwhen: .Custom.OnCallRota\n---\nText.\n",
	})
	lo := engine.LoadOptions{Library: os.DirFS("../testdata/minilib")}
	for _, strict := range []bool{false, true} {
		findings, err := engine.Check(context.Background(), dir, lo, strict)
		if err != nil {
			t.Fatal(err)
		}
		var found *diag.Diagnostic
		for _, d := range findings {
			if d.Code == "when-missing" {
				found = d
			}
		}
		want := diag.Warning
		if strict {
			want = diag.Error
		}
		if found == nil || found.Pos.String() != "templates/x.md:5:7" || found.Severity != want {
			t.Errorf("strict=%v: findings %v", strict, findings)
		}
	}
}
