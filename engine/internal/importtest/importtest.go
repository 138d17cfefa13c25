// Package importtest holds what the importers' tests share: filling in an
// imported project the way its report asks, and checking it strictly.
package importtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
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
		fmt.Fprintf(&b, "  %s: {status: implemented, owner: isms-owner}\n", c.ID)
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
