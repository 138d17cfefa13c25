package pdf

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/document"
)

var updateGolden = flag.Bool("update", false, "rewrite the layout golden files")

// goldenJSON writes one box per line so that a layout change reads as a
// small diff.
func goldenJSON(t *testing.T, l *Layout) []byte {
	t.Helper()
	var b bytes.Buffer
	head, _ := json.Marshal(struct {
		Doc     string        `json:"doc"`
		Width   float64       `json:"width"`
		Height  float64       `json:"height"`
		Anchors []Anchor      `json:"anchors"`
		Outline []OutlineItem `json:"outline"`
	}{l.Doc, l.Width, l.Height, l.Anchors, l.Outline})
	b.Write(head)
	b.WriteByte('\n')
	for i, pg := range l.Pages {
		b.WriteString("page " + itoa(i+1) + "\n")
		for _, layer := range []struct {
			name  string
			boxes []Box
		}{{"under", pg.Under}, {"box", pg.Boxes}} {
			for _, bx := range layer.boxes {
				j, err := json.Marshal(bx)
				if err != nil {
					t.Fatal(err)
				}
				b.WriteString(layer.name + " ")
				b.Write(j)
				b.WriteByte('\n')
			}
		}
	}
	return b.Bytes()
}

func itoa(i int) string { return strconv.Itoa(i) }

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s\n(run with -update if the change is intended)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: %d lines, want %d", name, len(gl), len(wl))
	}
}

// TestLayoutGoldenSoA covers the Statement of Applicability: 93 rows with
// long justifications crossing pages, the header repeated on each page.
func TestLayoutGoldenSoA(t *testing.T) {
	p := testPack(t)
	d := soaDoc()
	l, err := LayoutDocument(d, p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "soa.golden", goldenJSON(t, l))

	// The properties the golden file is meant to protect, stated outright.
	if len(l.Pages) < 5 {
		t.Fatalf("the SoA takes %d pages, want it to cross several", len(l.Pages))
	}
	rows := 0
	for i, pg := range l.Pages {
		headers := 0
		for _, b := range pg.Boxes {
			if b.Kind == KindText && b.Text == "Justification" {
				headers++
			}
			if b.Kind == KindText && strings.HasPrefix(b.Text, "Required to") || strings.HasPrefix(b.Text, "Not applicable:") {
				rows++
			}
		}
		if i > 0 && headers != 1 {
			t.Errorf("page %d has %d table header rows, want 1", i+1, headers)
		}
	}
	if rows != 93 {
		t.Errorf("found %d justification cells, want 93", rows)
	}
}

func TestLayoutGoldenPolicy(t *testing.T) {
	p := testPack(t)
	l, err := LayoutDocument(policyDoc(t), p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "policy.golden", goldenJSON(t, l))
}

// TestBoxesStayInsideMargins checks every fixture: content boxes stay in
// the text area, so nothing is drawn past a margin or below the bottom.
func TestBoxesStayInsideMargins(t *testing.T) {
	p := testPack(t)
	o := testOptions()
	st := o.Style
	for _, size := range []string{"a4", "letter"} {
		o.PageSize = size
		for _, d := range append(p.Docs, longTableDoc()) {
			l, err := LayoutDocument(d, p, o)
			if err != nil {
				t.Fatal(err)
			}
			for pi, pg := range l.Pages {
				for _, b := range pg.Boxes {
					top := b.Y
					bottom := b.Y + b.H
					if b.Kind == KindText {
						top, bottom = b.Y-b.Size, b.Y
					}
					inHeader := bottom <= st.Margins.Top
					inFooter := top >= l.Height-st.Margins.Bottom
					if inHeader || inFooter {
						continue
					}
					if b.X < st.Margins.Left-0.01 || b.X+b.W > l.Width-st.Margins.Right+0.01 ||
						bottom > l.Height-st.Margins.Bottom+0.01 || top < st.Margins.Top-0.01-b.Size {
						t.Errorf("%s %s page %d: %s box %q at x=%v y=%v w=%v h=%v leaves the text area", size, d.ID, pi+1, b.Kind, b.Text, b.X, b.Y, b.W, b.H)
					}
				}
			}
		}
	}
}

// longTableDoc has a table row taller than a page, which must be split.
func longTableDoc() *document.Document {
	var b strings.Builder
	b.WriteString("# Giant row\n\n| Key | Value |\n|---|---|\n| A | ")
	for i := range 400 {
		b.WriteString("word" + itoa(i) + " ")
	}
	b.WriteString("|\n| B | short |\n")
	return newDoc("giant", "G-1", "Giant row", "record", b.String())
}

func TestRowTallerThanPageIsSplit(t *testing.T) {
	p := testPack(t)
	d := longTableDoc()
	l, err := LayoutDocument(d, p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Pages) < 2 {
		t.Fatalf("%d pages, want the row split over at least 2", len(l.Pages))
	}
	if w, _ := missingInOrder(sourceWords(d), paintedWords(l)); w != "" {
		t.Fatalf("word %q lost when splitting the row", w)
	}
}
