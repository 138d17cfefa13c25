package pdf

import (
	"encoding/binary"
	"slices"
)

// More than half of the Go fonts' glyph data is TrueType hinting: programs
// that snap outlines to a screen's pixel grid at small sizes. PDF viewers
// and printers scale outlines without them, and every document embeds a
// subset of each face it uses, so the instructions only made the files
// larger and compressing them slower. dehint drops the instructions of
// every glyph, as `ttfautohint --dehint` and fontTools do; outlines,
// metrics and the character map stay byte for byte. The font-wide
// programs (fpgm, prep, cvt) stay too: gopdf always copies them into its
// subsets, and with no glyph calling them they do nothing.

// dehint returns ttf without glyph instructions, or ttf itself when it is
// not a TrueType font it can read completely (a CFF-based OpenType font, a
// collection, a damaged file): a font it cannot rewrite is embedded as it
// is.
func dehint(ttf []byte) []byte {
	out, ok := dehintTTF(ttf)
	if !ok {
		return ttf
	}
	return out
}

type sfntTable struct {
	tag  string
	data []byte
}

func dehintTTF(b []byte) ([]byte, bool) {
	if len(b) < 12 || binary.BigEndian.Uint32(b) != 0x00010000 {
		return nil, false
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if n == 0 || len(b) < 12+16*n {
		return nil, false
	}
	var tables []sfntTable
	byTag := map[string]int{}
	for i := range n {
		r := b[12+16*i:]
		off, l := int64(binary.BigEndian.Uint32(r[8:])), int64(binary.BigEndian.Uint32(r[12:]))
		if off+l > int64(len(b)) {
			return nil, false
		}
		tag := string(r[:4])
		if _, dup := byTag[tag]; dup {
			return nil, false
		}
		byTag[tag] = len(tables)
		tables = append(tables, sfntTable{tag, b[off : off+l]})
	}
	get := func(tag string) []byte {
		if i, ok := byTag[tag]; ok {
			return tables[i].data
		}
		return nil
	}
	head, maxp, loca, glyf := get("head"), get("maxp"), get("loca"), get("glyf")
	if len(head) < 54 || len(maxp) < 6 || glyf == nil {
		return nil, false
	}
	long := binary.BigEndian.Uint16(head[50:]) == 1
	glyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	offset := func(i int) (int, bool) {
		if long {
			if 4*i+4 > len(loca) {
				return 0, false
			}
			return int(binary.BigEndian.Uint32(loca[4*i:])), true
		}
		if 2*i+2 > len(loca) {
			return 0, false
		}
		return 2 * int(binary.BigEndian.Uint16(loca[2*i:])), true
	}

	// Glyphs are 2-byte aligned, which the short offset format needs; the
	// glyph table only shrinks, so the format stays what it was.
	newGlyf := make([]byte, 0, len(glyf))
	offs := make([]int, 0, glyphs+1)
	for i := range glyphs {
		from, ok1 := offset(i)
		to, ok2 := offset(i + 1)
		if !ok1 || !ok2 || from > to || to > len(glyf) {
			return nil, false
		}
		offs = append(offs, len(newGlyf))
		g, ok := stripGlyph(glyf[from:to])
		if !ok {
			return nil, false
		}
		newGlyf = append(newGlyf, g...)
		if len(newGlyf)%2 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	offs = append(offs, len(newGlyf))
	var newLoca []byte
	for _, o := range offs {
		if long {
			newLoca = binary.BigEndian.AppendUint32(newLoca, uint32(o))
		} else {
			newLoca = binary.BigEndian.AppendUint16(newLoca, uint16(o/2))
		}
	}

	newHead := slices.Clone(head)
	binary.BigEndian.PutUint32(newHead[8:], 0) // checkSumAdjustment, set below
	tables[byTag["glyf"]].data = newGlyf
	tables[byTag["head"]].data = newHead
	if i, ok := byTag["loca"]; ok {
		tables[i].data = newLoca
	} else {
		return nil, false
	}
	// With no glyph calling them, the font-wide programs are dead code.
	// They become programs that push and pop one byte, and the control
	// values one zero, rather than empty tables, which some readers
	// reject.
	for tag, data := range map[string][]byte{"fpgm": {0xB0, 0, 0x21}, "prep": {0xB0, 0, 0x21}, "cvt ": {0, 0}} {
		if i, ok := byTag[tag]; ok {
			tables[i].data = data
		}
	}
	if newMaxp := slices.Clone(maxp); len(newMaxp) >= 32 {
		binary.BigEndian.PutUint16(newMaxp[26:], 0) // maxSizeOfInstructions
		tables[byTag["maxp"]].data = newMaxp
	}
	return writeSFNT(tables), true
}

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

// writeSFNT assembles a TrueType file from its tables, sorted by tag and
// 4-byte aligned, with the checksums the format asks for.
func writeSFNT(tables []sfntTable) []byte {
	slices.SortFunc(tables, func(a, b sfntTable) int {
		if a.tag < b.tag {
			return -1
		}
		if a.tag > b.tag {
			return 1
		}
		return 0
	})
	n := len(tables)
	sel := 0
	for 1<<(sel+1) <= n {
		sel++
	}
	size := 12 + 16*n
	for _, t := range tables {
		size += len(t.data) + 3
	}
	out := binary.BigEndian.AppendUint32(make([]byte, 0, size), 0x00010000)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(16<<sel))
	out = binary.BigEndian.AppendUint16(out, uint16(sel))
	out = binary.BigEndian.AppendUint16(out, uint16(16*n-16<<sel))
	off := 12 + 16*n
	headAt := -1
	for _, t := range tables {
		out = append(out, t.tag...)
		out = binary.BigEndian.AppendUint32(out, sfntSum(t.data))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t.data)))
		off += (len(t.data) + 3) &^ 3
	}
	for _, t := range tables {
		if t.tag == "head" {
			headAt = len(out)
		}
		out = append(out, t.data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-sfntSum(out))
	}
	return out
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
