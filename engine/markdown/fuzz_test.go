package markdown

import (
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary Markdown to the parser with ismsforge's
// extensions: it must not panic, every note must point into the source at
// the text it names, and every word stays visible to a reader.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"a. one\na. two\n\n    i. nested\n", "(iv) x\n(v) y\n", "B)  x\n",
		"+---+---+\n| a | b |\n+===+===+\n| c | d |\n+---+---+\n", "+---+\n| a |\n", "+--+--+\n|a|b|c|\n+--+--+\n",
		"x\n\\pagebreak\n", "<insert name here>\n\nA <b>x</b> <br> y\n\n<div>\nz\n</div>\n", "# H {#id}\n\n#. x\n\n::: d\n",
	} {
		f.Add(s)
	}
	p := NewParser(Options{HeadingNumbers: true})
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 10000 {
			return
		}
		d := p.Parse([]byte(src))
		for _, n := range d.Notes {
			if n.Offset < 0 || n.Offset > len(src) {
				t.Fatalf("note %+v points outside the source of %d bytes", n, len(src))
			}
			if n.Kind == NoteLiteralTag || n.Kind == NoteRawHTML && strings.HasPrefix(n.Text, "<") && !strings.Contains(n.Text, "\n") {
				if !strings.HasPrefix(src[n.Offset:], n.Text) {
					t.Fatalf("note %+v does not point at its text", n)
				}
			}
		}
		_ = VisibleWords([]byte(src))
	})
}
