package pdf

import (
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestSubsetKeepsGlyphs cuts each built-in face down to a few characters,
// accented ones (composite glyphs) and symbols among them, and checks that
// the small font maps each to a glyph with the same outline and advance.
func TestSubsetKeepsGlyphs(t *testing.T) {
	fs, err := parseFonts(DefaultFonts())
	if err != nil {
		t.Fatal(err)
	}
	text := []rune("Aé Żółć ǅ Ελληνικά Кириллица ✓☐⚠→≤ -–— 0123456789")
	for f := range numFaces {
		full := fs.sf[f]
		var b sfnt.Buffer
		glyphOf := func(r rune) int { g, _ := full.GlyphIndex(&b, r); return int(g) }
		small, gids, err := subsetTTF(fs.raw[f], text, glyphOf)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := sfnt.Parse(small)
		if err != nil {
			t.Fatalf("%s: the subset does not parse: %v", face(f), err)
		}
		if sub.NumGlyphs() >= full.NumGlyphs()/4 {
			t.Errorf("%s: the subset keeps %d of %d glyphs", face(f), sub.NumGlyphs(), full.NumGlyphs())
		}
		var sb sfnt.Buffer
		ppem := fixed.I(int(full.UnitsPerEm()))
		for _, r := range text {
			g1, _ := full.GlyphIndex(&b, r)
			if g1 == 0 {
				continue // not in this face (the mono face lacks some)
			}
			g2, err := sub.GlyphIndex(&sb, r)
			if err != nil || g2 == 0 {
				t.Errorf("%s: %q is not in the subset", face(f), r)
				continue
			}
			// The painter writes the glyph numbers subsetTTF returns; they
			// must be those of the subset's cmap.
			if gids[r] != uint16(g2) {
				t.Errorf("%s %q: subsetTTF says glyph %d, the subset's cmap %d", face(f), r, gids[r], g2)
			}
			s1, err1 := full.LoadGlyph(&b, g1, ppem, nil)
			s2, err2 := sub.LoadGlyph(&sb, g2, ppem, nil)
			if err1 != nil || err2 != nil || len(s1) != len(s2) {
				t.Errorf("%s %q: outline of %d segments (%v), want %d (%v)", face(f), r, len(s2), err2, len(s1), err1)
				continue
			}
			for i := range s1 {
				if s1[i] != s2[i] {
					t.Errorf("%s %q: segment %d differs", face(f), r, i)
					break
				}
			}
			a1, _ := full.GlyphAdvance(&b, g1, ppem, font.HintingNone)
			a2, _ := sub.GlyphAdvance(&sb, g2, ppem, font.HintingNone)
			if a1 != a2 {
				t.Errorf("%s %q: advance %v, want %v", face(f), r, a2, a1)
			}
		}
	}
}

func TestRuneSetSorted(t *testing.T) {
	var s runeSet
	s.add("ba\u00e9a")
	s.add("\U0001F600z\xff—")
	got := string(s.sorted())
	if want := "abz\u00e9\u2014\ufffd\U0001F600"; got != want {
		t.Errorf("sorted %q, want %q", got, want)
	}
	if len(runeSet(nil).sorted()) != 0 {
		t.Error("an empty set lists characters")
	}
}
