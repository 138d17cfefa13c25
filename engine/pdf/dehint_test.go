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

// TestDehintKeepsOutlinesAndMetrics checks every glyph of the built-in
// fonts and the Go fonts: after dehint it has the same outline and advance,
// and no instructions.
func TestDehintKeepsOutlinesAndMetrics(t *testing.T) {
	for name, ttf := range dehintFonts {
		t.Run(name, func(t *testing.T) {
			out := dehint(ttf)
			if len(out) >= len(ttf) {
				t.Fatalf("dehint left %d bytes of %d", len(out), len(ttf))
			}
			a, err := sfnt.Parse(ttf)
			if err != nil {
				t.Fatal(err)
			}
			b, err := sfnt.Parse(out)
			if err != nil {
				t.Fatalf("the dehinted font does not parse: %v", err)
			}
			if a.NumGlyphs() != b.NumGlyphs() {
				t.Fatalf("%d glyphs, want %d", b.NumGlyphs(), a.NumGlyphs())
			}
			var ba, bb sfnt.Buffer
			ppem := fixed.I(int(a.UnitsPerEm()))
			for i := range a.NumGlyphs() {
				g := sfnt.GlyphIndex(i)
				sa, err1 := a.LoadGlyph(&ba, g, ppem, nil)
				sb, err2 := b.LoadGlyph(&bb, g, ppem, nil)
				if (err1 == nil) != (err2 == nil) || len(sa) != len(sb) {
					t.Fatalf("glyph %d: outline of %d segments (%v), want %d (%v)", i, len(sb), err2, len(sa), err1)
				}
				for j := range sa {
					if sa[j] != sb[j] {
						t.Fatalf("glyph %d: segment %d is %v, want %v", i, j, sb[j], sa[j])
					}
				}
				wa, _ := a.GlyphAdvance(&ba, g, ppem, font.HintingNone)
				wb, _ := b.GlyphAdvance(&bb, g, ppem, font.HintingNone)
				if wa != wb {
					t.Fatalf("glyph %d: advance %v, want %v", i, wb, wa)
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

func TestDehintLeavesWhatItCannotReadAlone(t *testing.T) {
	cut := goregular.TTF[:len(goregular.TTF)/2]
	otto := append([]byte("OTTO"), goregular.TTF[4:]...)
	for name, in := range map[string][]byte{"empty": nil, "garbage": []byte("not a font at all"), "truncated": cut, "CFF": otto} {
		if out := dehint(in); !bytes.Equal(out, in) {
			t.Errorf("%s: dehint changed a font it cannot read", name)
		}
	}
}

// FuzzDehint feeds damaged fonts, as a theme may bring: dehint must never
// panic, and what it returns it must return again when given it back.
func FuzzDehint(f *testing.F) {
	f.Add(gomono.TTF)
	f.Add(goregular.TTF[:4096])
	f.Add([]byte{0, 1, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, in []byte) {
		once := dehint(in)
		if twice := dehint(once); !bytes.Equal(once, twice) {
			t.Errorf("dehint is not idempotent on %d bytes", len(in))
		}
	})
}
