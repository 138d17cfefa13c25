package pdf

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite the layout golden files in testdata/golden")

// golden compares v, as indented JSON, with testdata/golden/name.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
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
		t.Fatalf("%v (run go test ./engine/pdf -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("layout differs from %s (run go test ./engine/pdf -run %s -update to accept, after looking at the PDF)", path, t.Name())
	}
}

// TestSoATableLayout lays out a 93-row Statement of Applicability with
// long justifications. Besides the golden boxes it asserts what matters to
// an auditor: the table crosses pages, its header row repeats at the top of
// every page it continues on, no box crosses the margins, and every control
// appears once and in order.
func TestSoATableLayout(t *testing.T) {
	p := testPack(t)
	r, err := NewRenderer(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := soaDoc()
	l, err := r.Layout(d, p)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "soa-table.json", l)

	st := DefaultStyle()
	top, bottom := st.Margins.Top, l.Height-st.Margins.Bottom
	left, right := st.Margins.Left, l.Width-st.Margins.Right
	headerPages := 0
	for i, pg := range l.Pages {
		var body []Box
		for _, b := range pg.Boxes {
			// Running header and footer live in the margins by design.
			if b.Y >= top && b.Y <= bottom {
				body = append(body, b)
			}
			if b.Kind == KindText && (b.X < left-0.01 || b.X+b.W > right+0.01) {
				t.Errorf("page %d: %q runs past the margins (x %.2f..%.2f)", i+1, b.Text, b.X, b.X+b.W)
			}
		}
		for _, b := range append(pg.Under, pg.Boxes...) {
			if b.Kind == KindFill && b.Y+b.H > bottom+0.01 && b.Y < bottom {
				t.Errorf("page %d: a table row (fill at %.2f, %.2f high) overflows the bottom margin at %.2f", i+1, b.Y, b.H, bottom)
			}
		}
		if i == 0 || len(body) == 0 {
			continue
		}
		// On a continuation page the first text is the header row.
		if first := firstText(body); first == "Control" {
			headerPages++
		}
	}
	if len(l.Pages) < 4 {
		t.Fatalf("the SoA fits on %d pages; the fixture must cross pages", len(l.Pages))
	}
	if headerPages < len(l.Pages)-2 {
		t.Errorf("the header row repeats on %d of %d continuation pages", headerPages, len(l.Pages)-1)
	}
	words := strings.Join(layoutWords(l), " ")
	last := -1
	for _, id := range []string{"5.1 ", "5.37 ", "6.8 ", "7.14 ", "8.1 ", "8.34 "} {
		i := strings.Index(words, " "+id)
		if i <= last {
			t.Errorf("control %s is missing or out of order", strings.TrimSpace(id))
		}
		last = i
	}
}

func firstText(bs []Box) string {
	for _, b := range bs {
		if b.Kind == KindText {
			return b.Text
		}
	}
	return ""
}
