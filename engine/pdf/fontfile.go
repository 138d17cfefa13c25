package pdf

import (
	"encoding/binary"
	"errors"
	"slices"
	"strconv"
	"unicode/utf16"
)

// The embedded fonts are written here, not by gopdf. gopdf parses every
// font it is given again, cuts it down a second time and compresses it with
// a new zlib writer whose tables alone are 800 KB: for the small fonts the
// painter already cuts down (subset.go), that was a tenth of a build's CPU
// and a quarter of the bytes it allocated. compressStreams appends these
// objects to what gopdf writes and names them in its resources.
//
// Each face is the five objects of a composite font with Identity encoding
// (ISO 32000-1, 9.7): the Type0 font, its CIDFontType2 descendant (glyph
// numbers are CIDs, so no CIDToGIDMap), the font descriptor, the TrueType
// program (FontFile2) and the ToUnicode map that lets a reader copy text.

// embedded is a face as one PDF embeds it.
type embedded struct {
	res     string // resource name, "F1"
	name    string // subset name, "ABCDEF+DejaVuSansCondensed"
	program []byte // the cut-down TrueType font
	gids    map[rune]uint16
	// descriptor is the face's font descriptor entries that do not depend
	// on the subset (descriptorEntries).
	descriptor string
}

// objectsPerFont is how many objects fontObjects writes for each face.
const objectsPerFont = 5

// fontObjects writes the objects of f, numbered from id, through obj, and
// returns an error only for a program that is not a font subsetTTF wrote.
func (c *compressor) fontObjects(f embedded, id int, obj func(id int, dict string, stream []byte)) error {
	t, err := readTables(f.program)
	if err != nil {
		return err
	}
	head, hhea, hmtx := t["head"], t["hhea"], t["hmtx"]
	if len(head) < 54 || len(hhea) < 36 {
		return errors.New("pdf fonts: a subset without head or hhea")
	}
	upem := int(binary.BigEndian.Uint16(head[18:]))
	n := int(binary.BigEndian.Uint16(hhea[34:]))
	if upem == 0 || len(hmtx) < 4*n {
		return errors.New("pdf fonts: a subset with bad metrics")
	}
	ref := func(k int) string { return strconv.Itoa(id+k) + " 0 R" }

	obj(id, "<< /Type /Font /Subtype /Type0 /BaseFont /"+f.name+" /Encoding /Identity-H /DescendantFonts ["+
		ref(1)+"] /ToUnicode "+ref(4)+" >>", nil)

	// Every glyph's advance, as the measurer truncates it, so that text
	// ends where the layout measured it.
	w := make([]byte, 0, 16+5*n)
	w = append(w, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /"...)
	w = append(w, f.name...)
	w = append(w, " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "...)
	w = append(w, ref(2)...)
	w = append(w, " /W [0 ["...)
	for g := range n {
		if g > 0 {
			w = append(w, ' ')
		}
		w = strconv.AppendInt(w, int64(binary.BigEndian.Uint16(hmtx[4*g:]))*1000/int64(upem), 10)
	}
	w = append(w, "]] >>"...)
	obj(id+1, string(w), nil)

	obj(id+2, "<< /Type /FontDescriptor /FontName /"+f.name+" "+f.descriptor+" /FontFile2 "+ref(3)+" >>", nil)
	obj(id+3, "/Length1 "+strconv.Itoa(len(f.program)), f.program)
	obj(id+4, "", toUnicode(f.gids))
	return nil
}

// toUnicode writes the CMap from glyph numbers to text. Where runes share a
// glyph the smallest is the glyph's text, so that the map is the same in
// every build.
func toUnicode(gids map[rune]uint16) []byte {
	text := map[uint16]rune{}
	for r, g := range gids {
		if old, ok := text[g]; !ok || r < old {
			text[g] = r
		}
	}
	glyphs := make([]uint16, 0, len(text))
	for g := range text {
		glyphs = append(glyphs, g)
	}
	slices.Sort(glyphs)
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	// Ranges of consecutive glyphs with consecutive text, as the subset's
	// numbering mostly follows the font's, which mostly follows Unicode. A
	// range stays within one last byte of its codes and its text (ISO
	// 32000-1, 9.10.3), and holds runes of the Basic Multilingual Plane.
	type span struct {
		g0, g1 uint16
		r0     rune
	}
	var spans []span
	for _, g := range glyphs {
		r := text[g]
		if n := len(spans); n > 0 {
			last := &spans[n-1]
			next := last.r0 + rune(last.g1-last.g0) + 1
			if g == last.g1+1 && g&0xFF != 0 && r == next && r <= 0xFFFF && r&0xFF != 0 {
				last.g1 = g
				continue
			}
		}
		spans = append(spans, span{g, g, r})
	}
	// At most 100 entries to a block (Adobe Technical Note 5411).
	for len(spans) > 0 {
		k := min(len(spans), 100)
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, " beginbfrange\n"...)
		for _, sp := range spans[:k] {
			b = append(b, '<')
			b = appendHex16(b, sp.g0)
			b = append(b, "> <"...)
			b = appendHex16(b, sp.g1)
			b = append(b, "> <"...)
			for _, u := range utf16.Encode([]rune{sp.r0}) {
				b = appendHex16(b, u)
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfrange\n"...)
		spans = spans[k:]
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}

// appendHex16 appends v as four upper-case hexadecimal digits.
func appendHex16(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

// descriptorEntries returns the entries of a face's font descriptor that
// hold for every subset of it, read from the whole font ttf: its flags,
// bounding box, italic angle, ascent, descent, cap height and x-height
// (ISO 32000-1, 9.8). The cap height and x-height come from the OS/2
// table when it has them (version 2 on), else from the tops of the glyphs
// of "H" and "x".
func descriptorEntries(ttf []byte, glyphOf func(rune) int) (string, error) {
	t, err := readTables(ttf)
	if err != nil {
		return "", err
	}
	head, hhea, post, os2 := t["head"], t["hhea"], t["post"], t["OS/2"]
	if len(head) < 54 || len(hhea) < 36 {
		return "", errors.New("pdf fonts: no head or hhea table")
	}
	upem := int(binary.BigEndian.Uint16(head[18:]))
	if upem == 0 {
		return "", errors.New("pdf fonts: units per em is zero")
	}
	s16 := func(b []byte, at int) int { return int(int16(binary.BigEndian.Uint16(b[at:]))) }
	scale := func(v int) string { return strconv.Itoa(roundDiv(v*1000, upem)) }
	top := func(r rune) (int, bool) {
		g := glyphOf(r)
		data := glyphData(t, g)
		if g <= 0 || len(data) < 10 {
			return 0, false
		}
		return s16(data, 8), true
	}
	ascent := s16(hhea, 4)
	capH, ok := 0, false
	var xH int
	if len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		xH, capH, ok = s16(os2, 86), s16(os2, 88), true
	}
	if !ok || capH == 0 {
		if capH, ok = top('H'); !ok {
			capH = ascent
		}
	}
	if !ok || xH == 0 {
		if xH, ok = top('x'); !ok {
			xH = capH / 2
		}
	}
	italic := 0.0
	if len(post) >= 8 {
		italic = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
	}
	flags := 32 // nonsymbolic
	if len(post) >= 16 && binary.BigEndian.Uint32(post[12:]) != 0 {
		flags |= 1 // fixed pitch
	}
	if italic != 0 {
		flags |= 64
	}
	// /StemV is required, but a TrueType font does not state its stem
	// width, and a viewer uses it only to stand in for a font that is not
	// embedded, which these always are: a conventional value for a regular
	// face, and a larger one for a bold face (OS/2 weight class 600 on).
	stem := 80
	if len(os2) >= 6 && binary.BigEndian.Uint16(os2[4:]) >= 600 {
		stem = 140
	}
	return "/Flags " + strconv.Itoa(flags) +
		" /FontBBox [" + scale(s16(head, 36)) + " " + scale(s16(head, 38)) + " " + scale(s16(head, 40)) + " " + scale(s16(head, 42)) + "]" +
		" /ItalicAngle " + strconv.FormatFloat(italic, 'f', -1, 64) +
		" /Ascent " + scale(ascent) + " /Descent " + scale(s16(hhea, 6)) +
		" /CapHeight " + scale(capH) + " /XHeight " + scale(xH) +
		" /StemV " + strconv.Itoa(stem), nil
}

// roundDiv is a/b rounded to the nearest integer, halves away from zero.
func roundDiv(a, b int) int {
	if (a < 0) != (b < 0) {
		return -((-a + b/2) / b)
	}
	return (a + b/2) / b
}

// glyphData returns glyph g's outline data from a font's tables, or nil.
func glyphData(t map[string][]byte, g int) []byte {
	head, loca, glyf := t["head"], t["loca"], t["glyf"]
	if len(head) < 54 || g < 0 {
		return nil
	}
	var a, b int
	if binary.BigEndian.Uint16(head[50:]) == 1 {
		if 4*g+8 > len(loca) {
			return nil
		}
		a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		if 2*g+4 > len(loca) {
			return nil
		}
		a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	if a < 0 || b < a || b > len(glyf) {
		return nil
	}
	return glyf[a:b]
}
