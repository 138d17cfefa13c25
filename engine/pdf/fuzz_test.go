package pdf

import (
	"regexp"
	"strconv"
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

// refExpr is what refs stands for.
var refExpr = regexp.MustCompile(`(\d+) 0 R\b`)

// FuzzRefs holds refs, the merge's scanner of indirect references, equal
// to the expression it replaces, on any bytes.
func FuzzRefs(f *testing.F) {
	for _, s := range []string{
		"<< /Type /Page /Parent 2 0 R /Contents 12 0 R /Resources 4 0 R >>",
		"/Kids [3 0 R 10 0 R 117 0 R]", "5 0 0 R", "1 0 R0 0 R", "1 0 Rx 2 0 R_", "0 R 0 R", "x9 0 R", " 0 R",
		"99999999999999999999 0 R", "/Annots [7 0 R] 8 0 R\n9 0 R",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want := refExpr.FindAllSubmatchIndex(b, -1)
		got := refs(b)
		if len(got) != len(want) {
			t.Fatalf("%q: %d references, the expression finds %d", b, len(got), len(want))
		}
		for i, w := range want {
			if got[i].start != w[0] || got[i].end != w[1] {
				t.Fatalf("%q: reference %d at %d..%d, the expression at %d..%d", b, i, got[i].start, got[i].end, w[0], w[1])
			}
			if n, err := strconv.Atoi(string(b[w[2]:w[3]])); err == nil && n != got[i].n {
				t.Fatalf("%q: reference %d is %d, want %d", b, i, got[i].n, n)
			}
		}
	})
}
