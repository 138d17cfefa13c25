package markdown

import (
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

func firstOf[T ast.Node](root ast.Node) (T, bool) {
	var found T
	ok := false
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, is := n.(T); is && entering && !ok {
			found, ok = t, true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found, ok
}

func TestFancyLists(t *testing.T) {
	for _, c := range []struct {
		src   string
		style ListStyle
		delim byte
		start int
		items int
	}{
		{"a. one\na. two\na. three\n", LowerAlpha, '.', 1, 3},
		{"c. three\nd. four\n", LowerAlpha, '.', 3, 2},
		{"i. one\nii. two\niii. three\niv. four\n", LowerRoman, '.', 1, 4},
		{"(a) one\n(b) two\n", LowerAlpha, '(', 1, 2},
		{"A)  one\nB)  two\n", UpperAlpha, ')', 1, 2},
		{"IV.  four\nV.  five\n", UpperRoman, '.', 4, 2},
		// In a lettered list, h. is followed by i., the letter.
		{"h. eight\ni. nine\nj. ten\n", LowerAlpha, '.', 8, 3},
		// v. and x. start lettered lists, as in pandoc.
		{"v. v\nw. w\n", LowerAlpha, '.', 22, 2},
	} {
		d := NewParser(Options{}).Parse([]byte(c.src))
		l, ok := firstOf[*FancyList](d.Root)
		if !ok {
			t.Errorf("%q: no fancy list", c.src)
			continue
		}
		if l.Style != c.style || l.Delim != c.delim || l.Start != c.start || l.ChildCount() != c.items {
			t.Errorf("%q: style %v delim %q start %d items %d; want %v %q %d %d", c.src, l.Style, l.Delim, l.Start, l.ChildCount(), c.style, c.delim, c.start, c.items)
		}
	}
}

func TestNotFancyLists(t *testing.T) {
	for _, src := range []string{
		"B. Smith signed it.\n",                // a capital and a period need two blanks
		"Section\na. of the contract\n",        // a fancy list does not interrupt a paragraph
		"ab. two letters\n",                    // not a roman numeral, not one letter
		"iiii. not roman\n",                    // not a canonical numeral
		"a.no blank\n",                         // the marker needs a blank after it
		"Aa. mixed case\n",                     // mixed case
		"    i. an indented code block line\n", // four blanks: code
	} {
		d := NewParser(Options{}).Parse([]byte(src))
		if l, ok := firstOf[*FancyList](d.Root); ok {
			t.Errorf("%q parsed as a fancy list starting at %d", src, l.Start)
		}
	}
}

func TestNestedFancyListIsNotCode(t *testing.T) {
	d := NewParser(Options{}).Parse([]byte("a. Onboarding:\n\n    i. HR is told.\n\n    i. IT is told.\n\na. Offboarding.\n"))
	if _, ok := firstOf[*ast.CodeBlock](d.Root); ok {
		t.Fatal("the nested roman list became a code block")
	}
	outer, _ := firstOf[*FancyList](d.Root)
	if outer.ChildCount() != 2 {
		t.Fatalf("outer list has %d items, want 2", outer.ChildCount())
	}
	inner, ok := firstOf[*FancyList](outer.FirstChild())
	if !ok || inner.Style != LowerRoman || inner.ChildCount() != 2 {
		t.Fatalf("no nested roman list of two items")
	}
}

func TestListStyleLabels(t *testing.T) {
	for _, c := range []struct {
		s    ListStyle
		n    int
		want string
	}{{LowerAlpha, 1, "a"}, {LowerAlpha, 26, "z"}, {LowerAlpha, 27, "aa"}, {UpperAlpha, 3, "C"}, {LowerRoman, 4, "iv"}, {UpperRoman, 1994, "MCMXCIV"}} {
		if got := c.s.Label(c.n); got != c.want {
			t.Errorf("Label(%v, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

func TestPageBreak(t *testing.T) {
	d := NewParser(Options{}).Parse([]byte("one\n\\pagebreak\ntwo\n\n  \\newpage  \n"))
	n := 0
	for c := d.Root.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == KindPageBreak {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("%d page breaks, want 2", n)
	}
	// Inside a paragraph's line, the command is text, noted as LaTeX.
	d = NewParser(Options{}).Parse([]byte("see \\pagebreak here\n"))
	if _, ok := firstOf[*PageBreak](d.Root); ok {
		t.Fatal("a command inside a line made a page break")
	}
}

func TestGridTable(t *testing.T) {
	src := "+-----+------+\n| a   | b    |\n| a2  |      |\n+=====+:====:+\n| 1   | 2    |\n+-----+------+\n| 3   | - x  |\n|     | - y  |\n+-----+------+\n"
	d := NewParser(Options{}).Parse([]byte(src))
	tb, ok := firstOf[*east.Table](d.Root)
	if !ok {
		t.Fatal("no table")
	}
	if len(tb.Alignments) != 2 || tb.Alignments[1] != east.AlignCenter {
		t.Errorf("alignments %v", tb.Alignments)
	}
	if _, ok := tb.FirstChild().(*east.TableHeader); !ok {
		t.Fatal("no header row")
	}
	if a := tb.FirstChild().FirstChild(); a.ChildCount() != 2 || PlainText(a, d.Source) != "aa2" {
		t.Errorf("the header cell does not hold its two lines: %q", PlainText(a, d.Source))
	}
	if tb.ChildCount() != 3 {
		t.Errorf("%d rows, want header and 2", tb.ChildCount())
	}
	if _, ok := firstOf[*ast.List](tb.LastChild()); !ok {
		t.Error("the list in the last cell is not a list")
	}
	if len(d.Notes) != 0 {
		t.Errorf("notes: %+v", d.Notes)
	}
}

func TestBrokenGridTableStaysTextWithANote(t *testing.T) {
	src := "+---+---+\n| a | b |\n| c |\n"
	d := NewParser(Options{}).Parse([]byte(src))
	if _, ok := firstOf[*east.Table](d.Root); ok {
		t.Fatal("an unfinished grid table became a table")
	}
	if len(d.Notes) != 1 || d.Notes[0].Kind != NoteGridTable || d.Notes[0].Offset != 0 {
		t.Fatalf("notes %+v", d.Notes)
	}
	if PlainText(d.Root, d.Source) == "" {
		t.Fatal("the text of the table vanished")
	}
}

// TestNotes lists what the outputs would not show as written, each at its
// offset in the Markdown.
func TestNotes(t *testing.T) {
	src := "# Title\n\nWrite to <insert email address here>.\n\n<div>\nhidden\n</div>\n\nA <br> break and <!-- a comment -->.\n\n## Scope {#scope}\n\n\\clearpage\n\n#. first\n\n::: warning\n\n<placeholder>\n"
	d := NewParser(Options{}).Parse([]byte(src))
	want := []struct {
		kind NoteKind
		text string
	}{
		{NoteHeading1, "# Title"},
		{NoteLiteralTag, "<insert email address here>"},
		{NoteRawHTML, "<div>"},
		{NoteRawHTML, "<br>"},
		{NoteAttributes, "{#scope}"},
		{NoteLaTeX, `\clearpage`},
		{NotePandocList, "#."},
		{NoteFencedDiv, "::: warning"},
		{NoteLiteralTag, "<placeholder>"},
	}
	if len(d.Notes) != len(want) {
		t.Fatalf("%d notes, want %d: %+v", len(d.Notes), len(want), d.Notes)
	}
	for i, w := range want {
		n := d.Notes[i]
		if n.Kind != w.kind || n.Text != w.text {
			t.Errorf("note %d = %s %q, want %s %q", i, n.Kind, n.Text, w.kind, w.text)
		}
		if got := src[n.Offset:min(len(src), n.Offset+len(w.text))]; w.kind != NoteHeading1 && got != w.text {
			t.Errorf("note %d points at %q, want %q", i, got, w.text)
		}
	}
}
