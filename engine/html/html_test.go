package html

import (
	"bytes"
	"testing"

	"github.com/ismsforge/ismsforge/engine/markdown"
)

// TestRenderingLeavesTheASTAlone renders one parsed document twice: the
// bytes must match, because the AST is shared by every emitter and, in watch
// mode, by successive rebuilds.
func TestRenderingLeavesTheASTAlone(t *testing.T) {
	src := []byte("## Numbers\n\n| Band | Max |\n|:---|---:|\n| Low | 4 |\n| High | 16 |\n\nSee [the policy](access-control.md#reviews) and [^1].\n\n- [x] done\n\n[^1]: A footnote.\n")
	doc := markdown.NewParser(markdown.Options{HeadingNumbers: true}).Parse(src)
	first, err := renderBody(doc, false, "")
	if err != nil {
		t.Fatal(err)
	}
	second, err := renderBody(doc, false, "")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("second render differs:\n%s\n---\n%s", first, second)
	}
	for _, want := range []string{`<th style="text-align:left">Band</th>`, `<td style="text-align:right">16</td>`, `<a href="access-control.html#reviews">`, `<span class="num">1</span>`} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("output lacks %s:\n%s", want, first)
		}
	}
}
