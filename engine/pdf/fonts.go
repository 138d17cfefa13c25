package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusanscondensed"
	"github.com/go-fonts/dejavu/dejavusanscondensedbold"
	"github.com/go-fonts/dejavu/dejavusanscondensedboldoblique"
	"github.com/go-fonts/dejavu/dejavusanscondensedoblique"
	"github.com/go-fonts/dejavu/dejavusansmono"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/ismsforge/ismsforge/engine/internal/key"
)

// Fonts holds the TrueType bytes of the faces the emitter uses. The engine
// reads a theme's font files; this package only sees bytes.
//
// Symbol is the fallback: a character that the face of its run lacks is
// drawn from Symbol, so a theme font with a narrow character set still
// shows check marks, arrows and comparison signs.
type Fonts struct {
	Regular, Bold, Italic, BoldItalic, Mono []byte
	Symbol                                  []byte
}

// faces returns the fonts in a fixed order.
func (f Fonts) faces() [6][]byte {
	return [6][]byte{f.Regular, f.Bold, f.Italic, f.BoldItalic, f.Mono, f.Symbol}
}

// key identifies the fonts' bytes.
func (f Fonts) key() string {
	h := key.New()
	for _, b := range f.faces() {
		h.Add("font", b)
	}
	return h.Sum()
}

// equal reports whether f and g hold the same bytes.
func (f Fonts) equal(g Fonts) bool {
	a, b := f.faces(), g.faces()
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// DefaultFonts returns the DejaVu family, embedded in the binary: DejaVu
// Sans Condensed for text (about as wide as a typical book face, so pages
// hold as much as with the Go fonts before it), DejaVu Sans Mono for code,
// and DejaVu Sans as the symbol font. DejaVu covers Latin, Greek, Cyrillic,
// arrows, mathematical operators, box drawing, geometric shapes and the
// dingbats documents use (✓ ✔ ☐ ☑ ⚠), and its hyphen is a hyphen: a third
// of an em, clearly shorter than its en dash.
func DefaultFonts() Fonts {
	return Fonts{
		Regular:    dejavusanscondensed.TTF,
		Bold:       dejavusanscondensedbold.TTF,
		Italic:     dejavusanscondensedoblique.TTF,
		BoldItalic: dejavusanscondensedboldoblique.TTF,
		Mono:       dejavusansmono.TTF,
		Symbol:     dejavusans.TTF,
	}
}

// face names one of the fonts.
type face uint8

const (
	faceRegular face = iota
	faceBold
	faceItalic
	faceBoldItalic
	faceMono
	faceSymbol
	numFaces
)

var faceNames = [numFaces]string{"regular", "bold", "italic", "bolditalic", "mono", "symbol"}

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
	if f == faceMono || f == faceSymbol {
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
	raw  [numFaces][]byte
	sf   [numFaces]*sfnt.Font
	upem [numFaces]int
	// psName is each face's PostScript name, for the subset names of the
	// embedded fonts ("ABCDEF+DejaVuSansCondensed").
	psName [numFaces]string
	// descriptor is each face's font descriptor entries (descriptorEntries).
	descriptor [numFaces]string
	// ascent and descent of the regular face, in em, place baselines in a
	// line box the same way for every face.
	ascent, descent float64
}

// builtinFonts parses the built-in fonts once per process. Parsing six
// TrueType files (and removing their hinting) costs more than laying out a
// small document, and the result is read-only and depends on nothing but
// the embedded bytes, so every render shares it.
var builtinFonts = sync.OnceValues(func() (*fontSet, error) { return parseFonts(DefaultFonts()) })

// fontsFor returns the parsed fonts for f, sharing the built-in set when f
// is the built-in fonts.
func fontsFor(f Fonts) (*fontSet, error) {
	d := DefaultFonts()
	if sameBytes(f.Regular, d.Regular) && sameBytes(f.Bold, d.Bold) && sameBytes(f.Italic, d.Italic) &&
		sameBytes(f.BoldItalic, d.BoldItalic) && sameBytes(f.Mono, d.Mono) && sameBytes(f.Symbol, d.Symbol) {
		return builtinFonts()
	}
	return parseFonts(f)
}

// sameBytes reports whether a and b are the same slice (not merely equal
// bytes: comparing megabytes of font data would cost what sharing saves).
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func parseFonts(f Fonts) (*fontSet, error) {
	if len(f.Symbol) == 0 {
		f.Symbol = DefaultFonts().Symbol
	}
	fs := &fontSet{raw: [numFaces][]byte{f.Regular, f.Bold, f.Italic, f.BoldItalic, f.Mono, f.Symbol}}
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
		fs.psName[i] = postScriptName(sf, &b, face(i))
	}
	for i, data := range fs.raw {
		// Each painter embeds a font cut down to what it draws (subset.go);
		// a font that cannot be cut down is refused here, not mid-render.
		probe, _, err := subsetTTF(data, []rune("A"), func(rune) int { return 0 })
		if err == nil {
			_, err = sfnt.Parse(probe)
		}
		if err != nil {
			return nil, fmt.Errorf("pdf fonts: the %s font: %w (only TrueType fonts with glyf outlines can be embedded)", face(i), err)
		}
		sf := fs.sf[i]
		fs.descriptor[i], err = descriptorEntries(data, func(r rune) int {
			g, err := sf.GlyphIndex(&b, r)
			if err != nil {
				return 0
			}
			return int(g)
		})
		if err != nil {
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

// measurer measures text exactly as the PDF places it: fontObjects writes
// each glyph's advance into the /W array as advance*1000/unitsPerEm,
// truncated to an integer, and the painter draws without kerning. Widths are cached per rune and face;
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

// postScriptName reads a font's PostScript name, keeping only the
// characters a PDF name may hold without escapes; a font without one is
// named after its face.
func postScriptName(sf *sfnt.Font, b *sfnt.Buffer, f face) string {
	n, _ := sf.Name(b, sfnt.NameIDPostScript)
	out := make([]byte, 0, len(n))
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c > ' ' && c < 0x7f && !strings.ContainsRune("()<>[]{}/%#", rune(c)) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return "ISMSForge-" + f.String()
	}
	return string(out)
}

// Covers reports whether one of the built-in fonts can draw r, so that a
// stage before the PDF can report an unsupported character at the fact or
// template line that holds it. A theme's fonts can only add characters:
// the built-in symbol font stays the last fallback.
func Covers(r rune) bool {
	fs, err := builtinFonts()
	if err != nil {
		return false
	}
	return fs.covers(r)
}

// Coverage returns the Covers of a set of fonts (a theme's), with the
// built-in symbol font as the last fallback as the renderer has it.
func Coverage(f Fonts) (func(rune) bool, error) {
	fs, err := fontsFor(f)
	if err != nil {
		return nil, err
	}
	return fs.covers, nil
}

// covers reports whether some face of the set has r. Spaces and line ends
// count as covered: the builder turns them into spaces.
func (fs *fontSet) covers(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\u00a0':
		return true
	}
	if r < ' ' {
		return true // dropped, never drawn
	}
	var b sfnt.Buffer
	for _, sf := range fs.sf {
		if gi, err := sf.GlyphIndex(&b, r); err == nil && gi != 0 {
			return true
		}
	}
	return false
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

// fallback returns a face that has r: f itself, else the symbol font,
// else the first other face that has it; false when no font has it.
func (m *measurer) fallback(f face, r rune) (face, bool) {
	if m.has(f, r) {
		return f, true
	}
	if m.has(faceSymbol, r) {
		return faceSymbol, true
	}
	for g := range numFaces {
		if m.has(g, r) {
			return g, true
		}
	}
	return f, false
}
