package pdf

import (
	"regexp"
	"strconv"
	"testing"

	"github.com/ismsforge/ismsforge/engine/internal/pdfread"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestToUnicodeMapsEveryGlyphToItsText reads the CMap back: ranges must not
// run across a code's or a text's last byte, a rune outside the Basic
// Multilingual Plane is a surrogate pair, and runes sharing a glyph give it
// the smallest one.
func TestToUnicodeMapsEveryGlyphToItsText(t *testing.T) {
	gids := map[rune]uint16{
		'a': 1, 'b': 2, 'c': 3, // one range
		'e':  4,                              // a gap in the text
		0xFE: 0xFE, 0xFF: 0xFF, 0x100: 0x100, // across a code's last byte
		0x1FF: 0x101, 0x200: 0x102, // across a text's last byte
		0x1F600: 0x103,                // a surrogate pair
		'K':     0x104, 0x212A: 0x104, // Kelvin sign, the same glyph as K
	}
	cmap := toUnicode(gids)
	got := pdfread.ToUnicode(cmap)
	want := map[uint32]string{}
	for r, g := range gids {
		if r == 0x212A {
			continue
		}
		want[uint32(g)] = string(r)
	}
	if len(got) != len(want) {
		t.Errorf("read %d codes, want %d:\n%s", len(got), len(want), cmap)
	}
	for g, s := range want {
		if got[g] != s {
			t.Errorf("code %04X reads %q, want %q", g, got[g], s)
		}
	}
	for _, m := range regexp.MustCompile(`<([0-9A-F]{4})> <([0-9A-F]{4})> <([0-9A-F]+)>`).FindAllStringSubmatch(string(cmap), -1) {
		lo, _ := strconv.ParseUint(m[1], 16, 16)
		hi, _ := strconv.ParseUint(m[2], 16, 16)
		last, _ := strconv.ParseUint(m[3][len(m[3])-2:], 16, 8)
		if lo>>8 != hi>>8 || last+(hi-lo) > 0xFF {
			t.Errorf("range %s crosses a last byte", m[0])
		}
	}
}

// TestFontDescriptorReadsTheFont checks the descriptor's metrics against
// what the font says through another reader: the cap height and x-height
// are the tops of H and x where the font does not state them, and only
// the slanted faces are italic.
func TestFontDescriptorReadsTheFont(t *testing.T) {
	fs, err := builtinFonts()
	if err != nil {
		t.Fatal(err)
	}
	entry := func(d, key string) int {
		m := regexp.MustCompile(`/` + key + ` (-?[0-9.]+)`).FindStringSubmatch(d)
		if m == nil {
			t.Fatalf("no /%s in %q", key, d)
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		return int(v)
	}
	var b sfnt.Buffer
	for f := range numFaces {
		d, sf := fs.descriptor[f], fs.sf[f]
		upem := fixed.I(fs.upem[f])
		top := func(r rune) int {
			g, err := sf.GlyphIndex(&b, r)
			if err != nil || g == 0 {
				t.Fatalf("%s: no glyph for %q", f, r)
			}
			bounds, _, err := sf.GlyphBounds(&b, g, upem, font.HintingNone)
			if err != nil {
				t.Fatal(err)
			}
			return int(-bounds.Min.Y.Round())
		}
		if f == faceSymbol {
			continue // no Latin letters to measure
		}
		for _, c := range []struct {
			key string
			r   rune
		}{{"CapHeight", 'H'}, {"XHeight", 'x'}} {
			want := roundDiv(top(c.r)*1000, fs.upem[f])
			if got := entry(d, c.key); got < want-1 || got > want+1 {
				t.Errorf("%s: /%s %d, want the top of %q, %d", f, c.key, got, c.r, want)
			}
		}
		italic := f == faceItalic || f == faceBoldItalic
		if flags := entry(d, "Flags"); (flags&64 != 0) != italic || (entry(d, "ItalicAngle") != 0) != italic {
			t.Errorf("%s: /Flags %d and /ItalicAngle %d for an italic face: %v", f, flags, entry(d, "ItalicAngle"), italic)
		}
		if flags := entry(d, "Flags"); (flags&1 != 0) != (f == faceMono) {
			t.Errorf("%s: /Flags %d, fixed pitch only for the mono face", f, flags)
		}
	}
}

// FuzzFontFile feeds damaged fonts, as a theme may bring, through what a
// PDF does with a font: read its descriptor, cut it down to a few glyphs
// and write its objects. Nothing may panic; a font that cannot be read is
// an error (parseFonts reports it at the theme's line).
func FuzzFontFile(f *testing.F) {
	f.Add(gomono.TTF)
	f.Add(goregular.TTF[:4096])
	f.Add([]byte{0, 1, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, in []byte) {
		glyphOf := func(r rune) int { return int(r) % 97 }
		_, _ = descriptorEntries(in, glyphOf)
		out, gids, err := subsetTTF(in, []rune("Aé✓ x"), glyphOf)
		if err != nil {
			return
		}
		c := newCompressor().(*compressor)
		_ = c.fontObjects(embedded{res: "F1", name: "ABCDEF+Fuzz", program: out, gids: gids}, 10, func(int, string, []byte) {})
	})
}
