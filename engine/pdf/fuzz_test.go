package pdf

import (
	"testing"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// FuzzRender feeds arbitrary Markdown through the whole emitter. It must
// never panic, and any error must be a diagnostic about the input. The
// seed corpus lives in testdata/fuzz/FuzzRender.
func FuzzRender(f *testing.F) {
	f.Add("# T\n\nText with **bold** and `code`.\n")
	f.Add("| a | b |\n|---|:-:|\n| 1 | 2 |\n")
	f.Add("- [x] a\n  1. b\n     - c\n       - d\n")
	f.Add("> q\n> > qq\n\n```\n\tcode\n```\n")
	f.Add("x[^1]\n\n[^1]: note\n\n![alt](logo.png)\n")
	f.Add("a. one\n\n    i. nested\n\n(b) two\n\\pagebreak\n")
	f.Add("+---+---+\n| a | - x |\n|   | - y |\n+===+===+\n| 1 | 2 |\n+---+---+\n")
	f.Add("Write to <insert email address here>.\n\n<placeholder>\n")
	p := testPack(f)
	o := testOptions()
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 20000 {
			return
		}
		d := smallDoc("fuzz", "F-1", "Fuzz", src)
		out, err := Document(d, p, o)
		if err != nil {
			if !diag.IsUserError(err) {
				t.Fatalf("internal error on user input: %v", err)
			}
			return
		}
		if len(out) == 0 {
			t.Fatal("empty output")
		}
	})
}
