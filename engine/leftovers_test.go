package engine

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestExampleLeftovers renames only the organization in a copy of each
// example and checks that check warns about the example's values that
// remain; the example itself, unchanged, gets no such warning.
func TestExampleLeftovers(t *testing.T) {
	dirs, _ := filepath.Glob("../examples/*/isms.yaml")
	if len(dirs) < 3 {
		t.Fatalf("found %d examples", len(dirs))
	}
	name := regexp.MustCompile(`(?m)^organization:\n  name: .*$`)
	for _, path := range dirs {
		ex := filepath.Base(filepath.Dir(path))
		t.Run(ex, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if own := leftoverFindings(t, src); len(own) > 0 {
				t.Errorf("the example itself gets %d leftover warnings: %s", len(own), own[0])
			}
			if !name.Match(src) {
				t.Fatal("the example does not start organization: with name:")
			}
			renamed := name.ReplaceAll(src, []byte("organization:\n  name: Zenith Payments"))
			got := leftoverFindings(t, renamed)
			if len(got) < 10 {
				t.Fatalf("%d leftover warnings after renaming the organization, want many:\n%s", len(got), strings.Join(got, "\n"))
			}
			all := strings.Join(got, "\n")
			for _, want := range []string{`people[0].name "`, "short_name", ex + " example"} {
				if !strings.Contains(all, want) {
					t.Errorf("no warning mentions %q:\n%s", want, all)
				}
			}
		})
	}
}

func leftoverFindings(t *testing.T, src []byte) []string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "isms.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	findings, err := Check(context.Background(), dir, LoadOptions{}, false)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range findings {
		if d.Code == "example-leftover" {
			out = append(out, d.Error())
		}
	}
	return out
}
