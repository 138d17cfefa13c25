package pdf

import (
	"strings"
	"testing"
)

// TestHyphenIsAHyphen: the hyphen of every text face is clearly shorter
// than its en dash, so "RBH-ISMS-REG-02" and "2027-03-31" do not read as
// ranges. The Go fonts' hyphen-minus is wider than their en dash.
func TestHyphenIsAHyphen(t *testing.T) {
	fs, err := parseFonts(DefaultFonts())
	if err != nil {
		t.Fatal(err)
	}
	m := newMeasurer(fs)
	for _, f := range []face{faceRegular, faceBold, faceItalic, faceBoldItalic, faceSymbol} {
		hy, en := m.units(f, '-'), m.units(f, '–')
		if hy <= 0 || en <= 0 || float64(hy) > 0.85*float64(en) {
			t.Errorf("%s: hyphen %d/1000 em, en dash %d/1000 em; want the hyphen at most 85%% of the dash", f, hy, en)
		}
	}
}

// TestCoverage: the characters of everyday documents are covered, by the
// text faces or through the symbol font, and characters no font has are
// not.
func TestCoverage(t *testing.T) {
	for _, r := range "AzÀÿŁŻ€£©§¶°±×÷αβΩЖжЯ✓✔☐☑☒⚠→←↑↓↔⇒⇔≤≥≠≈∞√∑∈⊂•◦▪–—…“”‘’■□●○◆★☆│┌┐└┘" {
		if !Covers(r) {
			t.Errorf("%q (U+%04X) is not covered", r, r)
		}
	}
	for _, r := range "🔒✅漢" {
		if Covers(r) {
			t.Errorf("%q (U+%04X) is covered, but no built-in font has it", r, r)
		}
	}
}

// TestFallbackToSymbolFont: a theme whose text face lacks the check mark
// still draws it, from the symbol font, in a run of its own.
func TestFallbackToSymbolFont(t *testing.T) {
	o := testOptions()
	// The mono face of DejaVu Sans Mono lacks ⩽; as a text face it falls back.
	o.Fonts.Regular = DefaultFonts().Mono
	d := smallDoc("fallback", "F-1", "Fallback", "# Title\n\nless ⩽ more and ✓ done.\n")
	l, err := LayoutDocument(d, testPack(t), o)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, pg := range l.Pages {
		for _, b := range pg.Boxes {
			if b.Kind == KindText && strings.TrimSpace(b.Text) == "⩽" {
				found = true
				if b.Font != faceSymbol {
					t.Errorf("⩽ drawn in %s, want the symbol font", b.Font)
				}
			}
		}
	}
	if !found {
		t.Fatal("⩽ is not drawn in a box of its own")
	}
}
