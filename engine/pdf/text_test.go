package pdf

import (
	"math"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/ismsforge/ismsforge/engine/document"
)

// The text-preservation property: every word of a document's Markdown is
// painted, in reading order. Expected words come straight from the AST,
// independently of the block model; painted words come from the text
// boxes in paint order.

// sourceWords lists the words a reader should find, in order. Footnote
// reference numbers are decoration and raw HTML is never rendered.
func sourceWords(d *document.Document) []string {
	var b strings.Builder
	src := d.MD.Source
	_ = ast.Walk(d.MD.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			b.WriteByte(' ')
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.Label(src))
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				b.Write(s.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.Fields(b.String())
}

// paintedWords joins text boxes into words: a box continues the previous
// one when it is marked Cont or touches it on the same baseline (a change
// of font inside a word).
func paintedWords(l *Layout) []string {
	var b strings.Builder
	for _, pg := range l.Pages {
		var prev *Box
		for i := range pg.Boxes {
			bx := &pg.Boxes[i]
			if bx.Kind != KindText {
				continue
			}
			touch := prev != nil && math.Abs(prev.Y-bx.Y) < 0.05 && math.Abs(prev.X+prev.W-bx.X) < 0.05
			if !(bx.Cont || touch) {
				b.WriteByte(' ')
			}
			text := bx.Text
			if bx.Hyphen {
				// A hyphen the line breaker added is not part of the word.
				text = strings.TrimSuffix(text, "-")
			}
			b.WriteString(text)
			prev = bx
		}
		b.WriteByte(' ')
	}
	return strings.Fields(b.String())
}

// missingInOrder returns the first expected word that cannot be matched,
// in order, against painted, or "".
func missingInOrder(expected, painted []string) (string, int) {
	j := 0
	for i, w := range expected {
		for j < len(painted) && !sameWord(painted[j], w) {
			j++
		}
		if j == len(painted) {
			return w, i
		}
		j++
	}
	return "", -1
}

func TestTextPreservedInReadingOrder(t *testing.T) {
	p := testPack(t)
	for _, d := range p.Docs {
		t.Run(d.ID, func(t *testing.T) {
			l, err := LayoutDocument(d, p, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			want := sourceWords(d)
			if len(want) < 10 {
				t.Fatalf("fixture has only %d words", len(want))
			}
			if w, i := missingInOrder(want, paintedWords(l)); w != "" {
				t.Fatalf("word %d %q of the Markdown is not painted in order", i, w)
			}
		})
	}
}

// TestTextCheckCanFail makes sure the property test above detects a lost
// word and a swapped pair of paragraphs.
func TestTextCheckCanFail(t *testing.T) {
	p := testPack(t)
	d := p.Docs[0]
	l, err := LayoutDocument(d, p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := sourceWords(d)
	painted := paintedWords(l)
	if w, _ := missingInOrder(want, painted); w != "" {
		t.Fatalf("baseline fails on %q", w)
	}
	// Drop one word.
	drop := append([]string(nil), painted...)
	for i, w := range drop {
		if w == "confidentiality," {
			drop = append(drop[:i], drop[i+1:]...)
			break
		}
	}
	if w, _ := missingInOrder(want, drop); w == "" {
		t.Error("a dropped word went unnoticed")
	}
	// Swap two distinct words.
	sw := append([]string(nil), painted...)
	a, b := -1, -1
	for i, w := range sw {
		if w == "Purpose" && a < 0 {
			a = i
		}
		if w == "Exceptions" {
			b = i
		}
	}
	sw[a], sw[b] = sw[b], sw[a]
	if w, _ := missingInOrder(want, sw); w == "" {
		t.Error("words out of order went unnoticed")
	}
}

// sameWord matches a painted word against an expected one. A footnote
// reference number may follow the word directly: text extraction glues the
// superscript to it ("27001.1").
func sameWord(painted, w string) bool {
	if painted == w {
		return true
	}
	rest, ok := strings.CutPrefix(painted, w)
	return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
}

// TestEscapedFactsPrintLiterally lays out facts as the template escaper
// writes them: the PDF must show what the HTML reader sees, with every
// backslash escape and character reference resolved.
func TestEscapedFactsPrintLiterally(t *testing.T) {
	d := newDoc("escaped", "ACME-ESC", "Escaped facts", "policy",
		"## Organization\n\nThe organization \\<script\\>alert(1)\\</script\\> \\& \"Co\" \\*bold\\* runs <https://acme.example/a_b>, 1\\. no list &amp; more.\n\n| Name | Value |\n|---|---|\n| a \\| b | \\_x\\_ |\n")
	l, err := LayoutDocument(d, testPack(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(paintedWords(l), " ")
	for _, want := range []string{`<script>alert(1)</script> & "Co" *bold*`, "https://acme.example/a_b", "1. no list & more.", "a | b", "_x_"} {
		if !strings.Contains(got, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, `\`) {
		t.Errorf("a backslash escape reached the PDF:\n%s", got)
	}
}
