package pdf

import (
	"errors"
	"testing"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// FuzzMarkdownPDF lays out and paints arbitrary Markdown. It must never
// panic; a failure must be a diagnostic about the input (a character no
// font has, an image that cannot be read), never an internal error.
func FuzzMarkdownPDF(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nText with **bold**, *italic*, `code` and [a link](other.md#x).\n",
		"- a\n  - b\n    - c\n      - d\n        - e\n",
		"3. three\n4. four\n\n- [ ] open\n- [x] done\n",
		"> quote\n> > nested\n\n```\n" + string(make([]byte, 300)) + "\n```\n",
		"| a | b |\n|:-|-:|\n| " + "word " + "| x |\n",
		"Footnote[^1].\n\n[^1]: The note.\n",
		"![logo](logo.png)\n\n![missing](nope.png)\n",
		"averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanybreakopportunityatall\n",
		"<div>raw</div>\n\nText <b>inline</b>.\n",
		"---\n\n***\n\n## \\*escaped\\* \\& done\n",
		"Ωμέγα Ж 漢字 \U0001F600\n",
	} {
		f.Add(s)
	}
	r, err := NewRenderer(testOptions())
	if err != nil {
		f.Fatal(err)
	}
	p := testPack(f)
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 1<<16 {
			return
		}
		d := newDoc("fuzz", "FUZZ-1", "Fuzz", "policy", src)
		l, err := r.Layout(d, p)
		if err != nil {
			var dg *diag.Diagnostic
			var dl diag.List
			if !errors.As(err, &dg) && !errors.As(err, &dl) {
				t.Fatalf("layout: internal error %v", err)
			}
			return
		}
		if _, err := r.Document(l, d, p); err != nil {
			t.Fatalf("paint: %v", err)
		}
	})
}
