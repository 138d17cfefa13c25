package pdf

import (
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/markdown"
)

// layoutWords reads the text boxes of a layout in painting order, which is
// reading order, joining the parts of a word broken at the margin.
func layoutWords(l *Layout) []string {
	var b strings.Builder
	for _, pg := range l.Pages {
		for _, bx := range pg.Boxes {
			if bx.Kind != KindText {
				continue
			}
			if !bx.Cont {
				b.WriteByte(' ')
			}
			b.WriteString(bx.Text)
		}
	}
	return strings.Fields(b.String())
}

// TestTextIsPreservedInReadingOrder lays out every fixture and checks that
// each word of the rendered Markdown appears in the PDF's text, in order.
func TestTextIsPreservedInReadingOrder(t *testing.T) {
	p := testPack(t)
	r, err := NewRenderer(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	// Facts arrive escaped; the PDF must show them as the reader of the
	// HTML sees them, backslashes resolved.
	p.Docs = append(p.Docs, newDoc("escaped", "ACME-ESC", "Escaped facts", "policy",
		"## Organization\n\nThe organization \\<script\\>alert(1)\\</script\\> \\& \"Co\" \\*bold\\* runs <https://acme.example/a_b> and 1\\. no list.\n\n| Name | Value |\n|---|---|\n| a \\| b | \\_x\\_ |\n"))
	total := 0
	for _, d := range p.Docs {
		l, err := r.Layout(d, p)
		if err != nil {
			t.Fatal(err)
		}
		want := markdown.VisibleWords(d.MD.Source)
		got := layoutWords(l)
		if i := markdown.ContainsInOrder(got, want); i >= 0 {
			t.Errorf("%s: word %d %q of the Markdown is missing or out of order in the PDF text", d.ID, i, want[i])
		}
		total += len(want)
		if d.ID == "escaped" && !strings.Contains(strings.Join(got, " "), `<script>alert(1)</script> & "Co" *bold*`) {
			t.Errorf("escaped facts print as %q", strings.Join(got, " "))
		}
	}
	if total < 500 {
		t.Errorf("only %d words in all fixtures; too few to prove anything", total)
	}
}

// TestTextCheckCanFail makes sure the check above catches a dropped word and
// a swapped pair.
func TestTextCheckCanFail(t *testing.T) {
	want := []string{"alpha", "beta", "gamma", "delta"}
	if markdown.ContainsInOrder([]string{"x", "alpha", "be", "ta", "gamma", "delta"}, want) != -1 {
		t.Error("a word broken at the margin should match")
	}
	if markdown.ContainsInOrder([]string{"alpha", "gamma", "delta"}, want) != 1 {
		t.Error("a dropped word went unnoticed")
	}
	if markdown.ContainsInOrder([]string{"alpha", "gamma", "beta", "delta"}, want) == -1 {
		t.Error("a swapped pair went unnoticed")
	}
}
