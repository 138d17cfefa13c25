package pdf

import (
	"fmt"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/sfnt"
)

// CheckFont reports whether data is a TrueType font the PDF emitter can use:
// one that both the measuring parser and gopdf accept and that maps
// characters to glyphs. The engine calls it on a theme's font files when it
// loads the theme, so that a broken file is reported where it is named.
func CheckFont(data []byte) error {
	sf, err := sfnt.Parse(data)
	if err != nil {
		return fmt.Errorf("not a TrueType font: %w", err)
	}
	var b sfnt.Buffer
	if _, err := sf.GlyphIndex(&b, 'a'); err != nil {
		return fmt.Errorf("the font has no usable character map: %w", err)
	}
	var c gopdf.FontContainer
	if err := c.AddTTFFontData("check", data); err != nil {
		return fmt.Errorf("the PDF writer cannot embed it: %w", err)
	}
	return nil
}

// Coverage answers whether the configured fonts can draw a character: the
// same question the block builder asks before it reports a character that
// no font has. It lets the engine check facts before any PDF is made.
type Coverage struct {
	fonts []*sfnt.Font
	buf   sfnt.Buffer
	known map[rune]bool
}

// NewCoverage parses the fonts. A Coverage is not safe for concurrent use.
func NewCoverage(f Fonts) (*Coverage, error) {
	c := &Coverage{known: map[rune]bool{}}
	for i, data := range [][]byte{f.Regular, f.Bold, f.Italic, f.BoldItalic, f.Mono} {
		if len(data) == 0 {
			continue
		}
		sf, err := sfnt.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("pdf fonts: parse the %s font: %w", face(i), err)
		}
		c.fonts = append(c.fonts, sf)
	}
	return c, nil
}

// Has reports whether any configured font has a glyph for r. Control
// characters are layout or dropped, never drawn.
func (c *Coverage) Has(r rune) bool {
	if r < ' ' {
		return true
	}
	if r == '\u00a0' {
		r = ' ' // drawn as a space, as the block builder does
	}
	if v, ok := c.known[r]; ok {
		return v
	}
	has := false
	for _, sf := range c.fonts {
		if gi, err := sf.GlyphIndex(&c.buf, r); err == nil && gi != 0 {
			has = true
			break
		}
	}
	c.known[r] = has
	return has
}
