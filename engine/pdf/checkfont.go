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
