package facts

import (
	"errors"
	"os"
	"testing"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// FuzzParse feeds arbitrary bytes to the facts loader. It must never panic,
// and every failure must be a positioned diagnostic, never a bare error.
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte("organization: {name: x}\ncontrols: {A.5.1: {applicable: false}}\n"))
	f.Add([]byte("a: &x {b: 1}\nc: *x\n<<: *x\n"))
	if b, err := os.ReadFile("../../examples/acme-saas/isms.yaml"); err == nil {
		f.Add(b)
	}
	cat := catalog.Default()
	f.Fuzz(func(t *testing.T, src []byte) {
		facts, err := Parse("isms.yaml", src, cat)
		if err != nil {
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("error is not a diagnostic: %T %v", err, err)
			}
			return
		}
		if facts.Organization.Name == "" {
			t.Fatal("loaded facts without an organization name")
		}
	})
}
