package pdf

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/document"
)

// dialectDoc is one of the Markdown extension fixtures as a document.
func dialectDoc(t *testing.T, name string) *document.Document {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "markdown", "testdata", "dialect", name+".md"))
	if err != nil {
		t.Fatal(err)
	}
	return newDoc(name, "ACME-ISMS-"+strings.ToUpper(name), strings.ToUpper(name[:1])+name[1:], "policy", string(src))
}

// TestLayoutGoldenDialect lays out the Markdown extensions of ismsforge's
// own and compares the boxes with golden copies.
func TestLayoutGoldenDialect(t *testing.T) {
	for _, name := range []string{"fancy-lists", "grid-tables", "page-breaks"} {
		t.Run(name, func(t *testing.T) {
			l, err := LayoutDocument(dialectDoc(t, name), testPack(t), testOptions())
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "dialect-"+name+".golden", goldenJSON(t, l))
		})
	}
}

// texts returns the text boxes of a layout, page by page.
func texts(l *Layout) [][]Box {
	var out [][]Box
	for _, pg := range l.Pages {
		var bs []Box
		for _, b := range pg.Boxes {
			if b.Kind == KindText {
				bs = append(bs, b)
			}
		}
		out = append(out, bs)
	}
	return out
}

// findText finds the first text box that starts with s.
func findText(l *Layout, s string) (page int, b Box, ok bool) {
	for i, bs := range texts(l) {
		for _, b := range bs {
			if strings.HasPrefix(b.Text, s) {
				return i, b, true
			}
		}
	}
	return 0, Box{}, false
}

// TestFancyListMarkers checks what the golden file protects: each item
// shows its marker in the list's style, left of its text on the same
// baseline, and nested items sit further right.
func TestFancyListMarkers(t *testing.T) {
	l, err := LayoutDocument(dialectDoc(t, "fancy-lists"), testPack(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var markers []string
	for _, bs := range texts(l) {
		for _, b := range bs {
			markers = append(markers, b.Text)
		}
	}
	for _, want := range []string{"a.", "b.", "c.", "i.", "ii.", "d.", "e.", "f.", "(a)", "(b)", "A)", "B)", "III.", "IV."} {
		if !slices.Contains(markers, want) {
			t.Errorf("no marker %q in the layout", want)
		}
	}
	_, a, _ := findText(l, "a.")
	_, i, _ := findText(l, "i.")
	if a.Text != "a." || i.Text != "i." {
		t.Fatalf("markers are not boxes of their own: %q %q", a.Text, i.Text)
	}
	if i.X <= a.X {
		t.Errorf("nested marker i. at x=%v is not right of a. at x=%v", i.X, a.X)
	}
	if _, b, _ := findText(l, "B. Smith"); b.Text == "" {
		t.Errorf(`"B. Smith" lost its "B."; it must stay a sentence`)
	}
}

// TestPageBreaks checks that a break starts a new page and that two
// breaks in a row make one.
func TestPageBreaks(t *testing.T) {
	l, err := LayoutDocument(dialectDoc(t, "page-breaks"), testPack(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	before, _, _ := findText(l, "This paragraph ends")
	after, _, ok := findText(l, "2 After the break")
	two, _, _ := findText(l, "Two markers")
	if !ok || after != before+1 || two != after+1 || len(l.Pages) != two+1 {
		t.Fatalf("pages: %q on %d, %q on %d, %q on %d of %d; want consecutive pages", "ends", before+1, "After", after+1, "Two", two+1, len(l.Pages))
	}
}

// TestGridTableCells checks that a grid table's cells keep their lines,
// paragraphs and list items, and that a table without a "=" border has no
// header row.
func TestGridTableCells(t *testing.T) {
	l, err := LayoutDocument(dialectDoc(t, "grid-tables"), testPack(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	_, enc, ok1 := findText(l, "Encrypt")
	_, log, ok2 := findText(l, "Log")
	if !ok1 || !ok2 || log.Y <= enc.Y {
		t.Errorf("the two paragraphs of a cell share a line: %v %v", enc, log)
	}
	_, label, ok := findText(l, "• Label")
	_, share, _ := findText(l, "• Share")
	if !ok || label.Y <= share.Y {
		t.Errorf("the list items of a cell share a line")
	}
	bullets := 0
	for _, bs := range texts(l) {
		for _, b := range bs {
			if strings.HasPrefix(b.Text, "•") {
				bullets++
			}
		}
	}
	if bullets != 2 {
		t.Errorf("%d bullets in the grid table, want 2", bullets)
	}
	if _, b, ok := findText(l, "Backups"); !ok || b.Font != faceRegular {
		t.Errorf("the first row of a table without a header is drawn as a header: %+v", b)
	}
}

// TestPlaceholderTagIsPrinted: a tag-like placeholder whose name is no HTML
// element is text, in the PDF as in the HTML; it used to vanish as raw
// HTML.
func TestPlaceholderTagIsPrinted(t *testing.T) {
	d := newDoc("contacts", "C-1", "Contacts", "policy", "## Contacts\n\nWrite to <insert email address here> within a day.\n\n<insert phone number>\n")
	l, err := LayoutDocument(d, testPack(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, bs := range texts(l) {
		for _, b := range bs {
			text.WriteString(b.Text + " ")
		}
	}
	for _, want := range []string{"<insert email address here>", "<insert phone number>"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
