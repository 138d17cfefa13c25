package pdf

import (
	"bytes"
	"encoding/binary"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// dehintFonts are the built-in faces and the Go fonts, hinted by
// different tools.
var dehintFonts = map[string][]byte{
	"go regular": goregular.TTF, "go bold": gobold.TTF, "go italic": goitalic.TTF,
	"go bold italic": gobolditalic.TTF, "go mono": gomono.TTF,
	"regular": DefaultFonts().Regular, "bold": DefaultFonts().Bold, "italic": DefaultFonts().Italic,
	"bold italic": DefaultFonts().BoldItalic, "mono": DefaultFonts().Mono, "symbol": DefaultFonts().Symbol,
}

// TestSubsetDropsHintingAndKeepsOutlines cuts each built-in face and each
// Go font down to every character of its Basic Multilingual Plane: each
// glyph keeps its outline and advance and loses its instructions, and the
// font's checksums hold.
func TestSubsetDropsHintingAndKeepsOutlines(t *testing.T) {
	for name, ttf := range dehintFonts {
		t.Run(name, func(t *testing.T) {
			a, err := sfnt.Parse(ttf)
			if err != nil {
				t.Fatal(err)
			}
			var ba, bb sfnt.Buffer
			var runes []rune
			for r := rune(0); r < 0x10000; r++ {
				if g, err := a.GlyphIndex(&ba, r); err == nil && g != 0 {
					runes = append(runes, r)
				}
			}
			if len(runes) < 100 {
				t.Fatalf("only %d characters", len(runes))
			}
			out, gids, err := subsetTTF(ttf, runes, func(r rune) int { g, _ := a.GlyphIndex(&ba, r); return int(g) })
			if err != nil {
				t.Fatal(err)
			}
			if instructionBytes(t, ttf) > 0 && len(out) >= len(ttf) {
				t.Errorf("the subset of every character is %d bytes, the hinted font %d", len(out), len(ttf))
			}
			b, err := sfnt.Parse(out)
			if err != nil {
				t.Fatalf("the subset does not parse: %v", err)
			}
			ppem := fixed.I(int(a.UnitsPerEm()))
			for _, r := range runes {
				ga, _ := a.GlyphIndex(&ba, r)
				gb := sfnt.GlyphIndex(gids[r])
				sa, err1 := a.LoadGlyph(&ba, ga, ppem, nil)
				sb, err2 := b.LoadGlyph(&bb, gb, ppem, nil)
				if (err1 == nil) != (err2 == nil) || len(sa) != len(sb) {
					t.Fatalf("%U: outline of %d segments (%v), want %d (%v)", r, len(sb), err2, len(sa), err1)
				}
				for j := range sa {
					if sa[j] != sb[j] {
						t.Fatalf("%U: segment %d is %v, want %v", r, j, sb[j], sa[j])
					}
				}
				wa, _ := a.GlyphAdvance(&ba, ga, ppem, font.HintingNone)
				wb, _ := b.GlyphAdvance(&bb, gb, ppem, font.HintingNone)
				if wa != wb {
					t.Fatalf("%U: advance %v, want %v", r, wb, wa)
				}
			}
			if n := instructionBytes(t, out); n != 0 {
				t.Errorf("%d bytes of glyph instructions remain", n)
			}
			if sfntSum(out) != 0xB1B0AFBA {
				t.Error("the font's checksum adjustment is wrong")
			}
		})
	}
}

// instructionBytes sums the instruction lengths of a font's simple glyphs.
func instructionBytes(t *testing.T, ttf []byte) int {
	t.Helper()
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		r := ttf[12+16*i:]
		off, l := binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])
		tables[string(r[:4])] = ttf[off : off+l]
	}
	long := binary.BigEndian.Uint16(tables["head"][50:]) == 1
	loca, glyf := tables["loca"], tables["glyf"]
	at := func(i int) int {
		if long {
			return int(binary.BigEndian.Uint32(loca[4*i:]))
		}
		return 2 * int(binary.BigEndian.Uint16(loca[2*i:]))
	}
	sum := 0
	for i := range int(binary.BigEndian.Uint16(tables["maxp"][4:])) {
		g := glyf[at(i):at(i+1)]
		if len(g) == 0 {
			continue
		}
		if c := int(int16(binary.BigEndian.Uint16(g))); c >= 0 {
			sum += int(binary.BigEndian.Uint16(g[10+2*c:]))
		}
	}
	return sum
}

// TestStripGlyphRefusesWhatItCannotRead: damaged glyph data is not
// stripped (subsetTTF then keeps it as it is).
func TestStripGlyphRefusesWhatItCannotRead(t *testing.T) {
	simple := []byte{0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 0, 2, 0, 5} // one contour, 5 bytes of instructions promised
	composite := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 9, 0, 9, 0x01, 0x20}
	for name, g := range map[string][]byte{"short": {0, 1, 0}, "instructions cut short": simple, "components cut short": composite} {
		if _, ok := stripGlyph(g); ok {
			t.Errorf("%s: stripped", name)
		}
	}
}

// FuzzStripGlyph feeds damaged glyphs, as a theme's font may hold: never a
// panic, and a stripped glyph strips to itself.
func FuzzStripGlyph(f *testing.F) {
	f.Add([]byte{0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 0, 2, 0, 1, 0xB0, 0x31, 0x07, 0x00, 0x00})
	f.Add([]byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 9, 0, 9, 0x01, 0x03, 0, 4, 0, 0, 0, 0, 0, 1, 0xB0})
	f.Add([]byte{0, 1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, in []byte) {
		once, ok := stripGlyph(in)
		if !ok {
			return
		}
		twice, ok := stripGlyph(once)
		if !ok || !bytes.Equal(once, twice) {
			t.Errorf("stripGlyph is not idempotent on %x", in)
		}
	})
}
