package pdf

import (
	"encoding/binary"
	"slices"
)

// More than half of a hinted font's glyph data is TrueType hinting:
// programs that snap outlines to a screen's pixel grid at small sizes. PDF
// viewers and printers scale outlines without them, so subsetTTF drops the
// instructions of every glyph it keeps, as `ttfautohint --dehint` and
// fontTools do, and leaves out the font-wide programs (fpgm, prep, cvt);
// outlines and metrics stay byte for byte. It is done per glyph, for the
// few hundred glyphs a document draws, rather than once for the thousands
// of each whole font: that cost every process about 25 ms and 4 MB.

// stripGlyph returns one glyph's data without its instructions.
func stripGlyph(g []byte) ([]byte, bool) {
	if len(g) == 0 {
		return nil, true // an empty glyph, such as the space
	}
	if len(g) < 10 {
		return nil, false
	}
	contours := int(int16(binary.BigEndian.Uint16(g)))
	if contours >= 0 {
		// A simple glyph: the contour ends, then the instructions, then
		// the flags and coordinates.
		at := 10 + 2*contours
		if at+2 > len(g) {
			return nil, false
		}
		il := int(binary.BigEndian.Uint16(g[at:]))
		if at+2+il > len(g) {
			return nil, false
		}
		out := make([]byte, 0, len(g)-il)
		out = append(out, g[:at]...)
		out = append(out, 0, 0)
		return append(out, g[at+2+il:]...), true
	}
	// A composite glyph: components, then instructions when a component
	// says so.
	const (
		argWords     = 0x0001
		haveScale    = 0x0008
		more         = 0x0020
		haveXYScale  = 0x0040
		have2x2      = 0x0080
		instructions = 0x0100
	)
	out := slices.Clone(g)
	at, hasInstr := 10, false
	for {
		if at+4 > len(g) {
			return nil, false
		}
		flags := binary.BigEndian.Uint16(g[at:])
		if flags&instructions != 0 {
			hasInstr = true
			binary.BigEndian.PutUint16(out[at:], flags&^instructions)
		}
		at += 4
		if flags&argWords != 0 {
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&have2x2 != 0:
			at += 8
		}
		if at > len(g) {
			return nil, false
		}
		if flags&more == 0 {
			break
		}
	}
	if !hasInstr {
		return out[:at], true
	}
	if at+2 > len(g) {
		return nil, false
	}
	il := int(binary.BigEndian.Uint16(g[at:]))
	if at+2+il > len(g) {
		return nil, false
	}
	return out[:at], true
}

// sfntSum is the TrueType table checksum: the sum of big-endian 32-bit
// words, the last one padded with zeros.
func sfntSum(b []byte) uint32 {
	var s uint32
	for len(b) >= 4 {
		s += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var w [4]byte
		copy(w[:], b)
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
