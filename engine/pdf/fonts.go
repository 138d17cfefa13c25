package pdf

import (
	"fmt"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Fonts holds the TrueType bytes of the five faces the emitter uses. The
// engine reads a theme's font files; this package only sees bytes.
type Fonts struct {
	Regular, Bold, Italic, BoldItalic, Mono []byte
}

// DefaultFonts returns the Go fonts, which are embedded in the binary and
// cover Latin, Greek and Cyrillic.
func DefaultFonts() Fonts {
	return Fonts{
		Regular:    goregular.TTF,
		Bold:       gobold.TTF,
		Italic:     goitalic.TTF,
		BoldItalic: gobolditalic.TTF,
		Mono:       gomono.TTF,
	}
}

// face names one of the five fonts.
type face uint8

const (
	faceRegular face = iota
	faceBold
	faceItalic
	faceBoldItalic
	faceMono
	numFaces
)

var faceNames = [numFaces]string{"regular", "bold", "italic", "bolditalic", "mono"}

func (f face) String() string { return faceNames[f] }

// MarshalText names the face in golden files.
func (f face) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText reads a face name back from a golden file.
func (f *face) UnmarshalText(b []byte) error {
	for i, n := range faceNames {
		if n == string(b) {
			*f = face(i)
			return nil
		}
	}
	return fmt.Errorf("unknown face %q", b)
}

// with returns the face with bold and/or italic added.
func (f face) with(bold, italic bool) face {
	if f == faceMono {
		return f
	}
	b := bold || f == faceBold || f == faceBoldItalic
	i := italic || f == faceItalic || f == faceBoldItalic
	switch {
	case b && i:
		return faceBoldItalic
	case b:
		return faceBold
	case i:
		return faceItalic
	}
	return faceRegular
}

// fontSet is the parsed fonts of one render. Parsed sfnt fonts are only read
// after parsing, so the documents of one pack share them; widths are cached
// per document in a measurer.
type fontSet struct {
	raw [numFaces][]byte
	// gopdf's parsed fonts, parsed once and shared by every document's
	// painter; gopdf only reads them.
	gopdf *gopdf.FontContainer
	sf    [numFaces]*sfnt.Font
	upem  [numFaces]int
	// ascent and descent of the regular face, in em, place baselines in a
	// line box the same way for every face.
	ascent, descent float64
}

func parseFonts(f Fonts) (*fontSet, error) {
	fs := &fontSet{raw: [numFaces][]byte{f.Regular, f.Bold, f.Italic, f.BoldItalic, f.Mono}}
	var b sfnt.Buffer
	for i, data := range fs.raw {
		if len(data) == 0 {
			return nil, fmt.Errorf("pdf fonts: the %s font is missing", face(i))
		}
		sf, err := sfnt.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("pdf fonts: parse the %s font: %w", face(i), err)
		}
		fs.sf[i] = sf
		fs.upem[i] = int(sf.UnitsPerEm())
	}
	fs.gopdf = &gopdf.FontContainer{}
	for i, data := range fs.raw {
		if err := fs.gopdf.AddTTFFontData(face(i).String(), dehint(data)); err != nil {
			return nil, fmt.Errorf("pdf fonts: the %s font: %w", face(i), err)
		}
	}
	upem := fs.upem[faceRegular]
	m, err := fs.sf[faceRegular].Metrics(&b, fixed.I(upem), font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("pdf fonts: metrics of the regular font: %w", err)
	}
	fs.ascent = float64(m.Ascent) / 64 / float64(upem)
	fs.descent = float64(m.Descent) / 64 / float64(upem)
	return fs, nil
}

// measurer measures text exactly as gopdf places it: gopdf writes each
// glyph's advance into the PDF /W array as advance*1000/unitsPerEm,
// truncated to an integer, and draws without kerning (UseKerning is off by
// default and we never turn it on). Widths are cached per rune and face;
// one measurer belongs to one document, so a cache never carries state
// from one document's build into another's.
type measurer struct {
	fs    *fontSet
	buf   sfnt.Buffer
	ascii [numFaces][128]int32 // 0 means not measured yet; -1 missing glyph
	other [numFaces]map[rune]int32
}

func newMeasurer(fs *fontSet) *measurer {
	m := &measurer{fs: fs}
	for i := range m.other {
		m.other[i] = map[rune]int32{}
	}
	return m
}

// units returns the advance of r in thousandths of an em, or -1 when the
// face has no glyph for r.
func (m *measurer) units(f face, r rune) int32 {
	if r >= 0 && r < 128 {
		if w := m.ascii[f][r]; w != 0 {
			return w
		}
		w := m.load(f, r)
		m.ascii[f][r] = w
		return w
	}
	if w, ok := m.other[f][r]; ok {
		return w
	}
	w := m.load(f, r)
	m.other[f][r] = w
	return w
}

func (m *measurer) load(f face, r rune) int32 {
	sf := m.fs.sf[f]
	gi, err := sf.GlyphIndex(&m.buf, r)
	if err != nil || gi == 0 {
		return -1
	}
	upem := m.fs.upem[f]
	// Asking for the advance at ppem = unitsPerEm returns it in font units.
	adv, err := sf.GlyphAdvance(&m.buf, gi, fixed.I(upem), font.HintingNone)
	if err != nil {
		return -1
	}
	units := int(adv) >> 6
	return int32(units * 1000 / upem)
}

// has reports whether face f has a glyph for r.
func (m *measurer) has(f face, r rune) bool { return m.units(f, r) >= 0 }

// width returns the width of s in face f at size pt. Runes without a glyph
// count as zero; the block builder has replaced or reported them before
// anything is measured.
func (m *measurer) width(f face, size float64, s string) float64 {
	var u int64
	for _, r := range s {
		if w := m.units(f, r); w > 0 {
			u += int64(w)
		}
	}
	return float64(u) * size / 1000
}

// fallback returns a face that has r, preferring f, or false when no
// configured font has it.
func (m *measurer) fallback(f face, r rune) (face, bool) {
	if m.has(f, r) {
		return f, true
	}
	for g := range numFaces {
		if m.has(g, r) {
			return g, true
		}
	}
	return f, false
}
