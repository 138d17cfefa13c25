package pdf

import (
	"encoding/binary"
	"errors"
	"slices"
	"sort"
)

// gopdf embeds a subset of each font, but its subset keeps the whole
// horizontal metrics and glyph location tables: for DejaVu's 6,253 glyphs
// that is 50 KB per face per document to build and compress, more than all
// the glyphs a policy draws. So the painter hands gopdf a font of its own
// making that holds only the glyphs the document draws, renumbered, with
// their metrics: gopdf's subset of it is then small. The text is measured
// with the full font, whose advances the small one keeps.

// subsetTTF returns a TrueType font with the glyphs that runes map to in
// ttf (plus .notdef and the components of composite glyphs), renumbered
// in their original order, and a Unicode cmap for runes; and the glyph
// number of each rune in it (a rune without a glyph is absent). ttf must
// be a TrueType font with glyf outlines, such as dehint returns.
func subsetTTF(ttf []byte, runes []rune, glyphOf func(rune) int) ([]byte, map[rune]uint16, error) {
	tables, err := readTables(ttf)
	if err != nil {
		return nil, nil, err
	}
	head, hhea, maxp, hmtx, loca, glyf := tables["head"], tables["hhea"], tables["maxp"], tables["hmtx"], tables["loca"], tables["glyf"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || glyf == nil || loca == nil || hmtx == nil {
		return nil, nil, errors.New("pdf fonts: not a TrueType font with outlines")
	}
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	glyph := func(g int) []byte { return glyphData(tables, g) }
	// The glyphs: .notdef, those of the runes, and every component of a
	// composite glyph among them.
	keep := map[int]bool{0: true}
	var work []int
	add := func(g int) {
		if g > 0 && g < numGlyphs && !keep[g] {
			keep[g] = true
			work = append(work, g)
		}
	}
	byRune := map[rune]int{}
	for _, r := range runes {
		if g := glyphOf(r); g > 0 {
			byRune[r] = g
			add(g)
		}
	}
	for len(work) > 0 {
		g := work[len(work)-1]
		work = work[:len(work)-1]
		for _, c := range components(glyph(g)) {
			add(c.gid)
		}
	}
	old := make([]int, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	renum := make(map[int]int, len(old))
	for i, g := range old {
		renum[g] = i
	}
	n := len(old)

	// glyf and loca (long offsets), composite references renumbered, and
	// each glyph without its hinting instructions (dehint.go). A glyph
	// whose data cannot be read to the end is kept as it is.
	var newGlyf []byte
	newLoca := make([]byte, 4*(n+1))
	for i, g := range old {
		binary.BigEndian.PutUint32(newLoca[4*i:], uint32(len(newGlyf)))
		data := glyph(g)
		stripped, ok := stripGlyph(data)
		if ok {
			data = stripped // a copy, or nil for an empty glyph
		}
		if cs := components(data); len(cs) > 0 {
			if !ok {
				data = slices.Clone(data)
			}
			for _, c := range cs {
				binary.BigEndian.PutUint16(data[c.at:], uint16(renum[c.gid]))
			}
		}
		newGlyf = append(newGlyf, data...)
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*n:], uint32(len(newGlyf)))

	// hmtx: every glyph with its own advance and side bearing.
	nhm := int(binary.BigEndian.Uint16(hhea[34:]))
	if nhm == 0 || 4*nhm > len(hmtx) {
		return nil, nil, errors.New("pdf fonts: bad horizontal metrics")
	}
	newHmtx := make([]byte, 4*n)
	for i, g := range old {
		var adv, lsb uint16
		if g < nhm {
			adv, lsb = binary.BigEndian.Uint16(hmtx[4*g:]), binary.BigEndian.Uint16(hmtx[4*g+2:])
		} else {
			adv = binary.BigEndian.Uint16(hmtx[4*(nhm-1):])
			if at := 4*nhm + 2*(g-nhm); at+2 <= len(hmtx) {
				lsb = binary.BigEndian.Uint16(hmtx[at:])
			}
		}
		binary.BigEndian.PutUint16(newHmtx[4*i:], adv)
		binary.BigEndian.PutUint16(newHmtx[4*i+2:], lsb)
	}

	newHead := slices.Clone(head[:54])
	binary.BigEndian.PutUint32(newHead[8:], 0) // checkSumAdjustment
	binary.BigEndian.PutUint16(newHead[50:], 1)
	newHhea := slices.Clone(hhea[:36])
	binary.BigEndian.PutUint16(newHhea[34:], uint16(n))
	newMaxp := slices.Clone(maxp)
	binary.BigEndian.PutUint16(newMaxp[4:], uint16(n))
	if len(newMaxp) >= 32 {
		binary.BigEndian.PutUint16(newMaxp[26:], 0) // maxSizeOfInstructions
	}
	post := make([]byte, 32)
	if p := tables["post"]; len(p) >= 32 {
		copy(post, p[:32])
	}
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	out := map[string][]byte{
		"head": newHead, "hhea": newHhea, "maxp": newMaxp, "hmtx": newHmtx,
		"loca": newLoca, "glyf": newGlyf, "cmap": buildCmap(byRune, renum), "post": post,
	}
	// The OS/2 table's metrics are the font's; its name table, with
	// copyright and licence text, is kilobytes a PDF does not need.
	if t, ok := tables["OS/2"]; ok {
		out["OS/2"] = t
	}
	gids := make(map[rune]uint16, len(byRune))
	for r, g := range byRune {
		gids[r] = uint16(renum[g])
	}
	return writeTables(out), gids, nil
}

// component is a glyph a composite glyph uses: its number and where the
// number is written in the composite's data.
type component struct{ gid, at int }

// components lists the components of a composite glyph (none for a simple
// glyph or damaged data).
func components(g []byte) []component {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil
	}
	var out []component
	for at := 10; at+4 <= len(g); {
		flags := binary.BigEndian.Uint16(g[at:])
		out = append(out, component{gid: int(binary.BigEndian.Uint16(g[at+2:])), at: at + 2})
		at += 4
		if flags&0x0001 != 0 { // ARG_1_AND_2_ARE_WORDS
			at += 4
		} else {
			at += 2
		}
		switch {
		case flags&0x0008 != 0: // WE_HAVE_A_SCALE
			at += 2
		case flags&0x0040 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
			at += 4
		case flags&0x0080 != 0: // WE_HAVE_A_TWO_BY_TWO
			at += 8
		}
		if flags&0x0020 == 0 { // MORE_COMPONENTS
			break
		}
	}
	return out
}

// buildCmap writes a cmap with a format 4 subtable for the runes of the
// Basic Multilingual Plane and, when others are used, a format 12 one for
// all. Each rune is a segment of its own: a document draws a few hundred.
func buildCmap(byRune map[rune]int, renum map[int]int) []byte {
	runes := make([]rune, 0, len(byRune))
	wide := false
	for r := range byRune {
		runes = append(runes, r)
		wide = wide || r > 0xFFFF
	}
	slices.Sort(runes)
	var bmp []rune
	for _, r := range runes {
		if r <= 0xFFFF && r != 0xFFFF {
			bmp = append(bmp, r)
		}
	}
	segs := len(bmp) + 1 // and the final 0xFFFF segment
	f4 := make([]byte, 16+8*segs)
	binary.BigEndian.PutUint16(f4[0:], 4)
	binary.BigEndian.PutUint16(f4[2:], uint16(len(f4)))
	binary.BigEndian.PutUint16(f4[6:], uint16(2*segs))
	sr, es := 1, 0
	for sr*2 <= segs {
		sr *= 2
		es++
	}
	binary.BigEndian.PutUint16(f4[8:], uint16(2*sr))
	binary.BigEndian.PutUint16(f4[10:], uint16(es))
	binary.BigEndian.PutUint16(f4[12:], uint16(2*segs-2*sr))
	end, start := 14, 16+2*segs
	delta := start + 2*segs
	for i := 0; i < segs; i++ {
		r, d := rune(0xFFFF), 1 // the last segment maps 0xFFFF to .notdef
		if i < len(bmp) {
			r = bmp[i]
			d = renum[byRune[r]] - int(r)
		}
		binary.BigEndian.PutUint16(f4[end+2*i:], uint16(r))
		binary.BigEndian.PutUint16(f4[start+2*i:], uint16(r))
		binary.BigEndian.PutUint16(f4[delta+2*i:], uint16(d))
		// idRangeOffset stays 0.
	}
	subtables := [][]byte{f4}
	ids := [][2]uint16{{3, 1}}
	if wide {
		f12 := make([]byte, 16+12*len(runes))
		binary.BigEndian.PutUint16(f12[0:], 12)
		binary.BigEndian.PutUint32(f12[4:], uint32(len(f12)))
		binary.BigEndian.PutUint32(f12[12:], uint32(len(runes)))
		for i, r := range runes {
			at := 16 + 12*i
			binary.BigEndian.PutUint32(f12[at:], uint32(r))
			binary.BigEndian.PutUint32(f12[at+4:], uint32(r))
			binary.BigEndian.PutUint32(f12[at+8:], uint32(renum[byRune[r]]))
		}
		subtables = append(subtables, f12)
		ids = append(ids, [2]uint16{3, 10})
	}
	head := make([]byte, 4+8*len(subtables))
	binary.BigEndian.PutUint16(head[2:], uint16(len(subtables)))
	off := len(head)
	var body []byte
	for i, st := range subtables {
		binary.BigEndian.PutUint16(head[4+8*i:], ids[i][0])
		binary.BigEndian.PutUint16(head[6+8*i:], ids[i][1])
		binary.BigEndian.PutUint32(head[8+8*i:], uint32(off+len(body)))
		body = append(body, st...)
	}
	return append(head, body...)
}

// readTables returns a TrueType font's tables by tag.
func readTables(b []byte) (map[string][]byte, error) {
	if len(b) < 12 || binary.BigEndian.Uint32(b) != 0x00010000 {
		return nil, errors.New("pdf fonts: not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return nil, errors.New("pdf fonts: the table directory is cut short")
	}
	out := make(map[string][]byte, n)
	for i := range n {
		r := b[12+16*i:]
		off, l := int64(binary.BigEndian.Uint32(r[8:])), int64(binary.BigEndian.Uint32(r[12:]))
		if off+l > int64(len(b)) {
			return nil, errors.New("pdf fonts: a table runs past the end of the font")
		}
		out[string(r[:4])] = b[off : off+l]
	}
	return out, nil
}

// writeTables writes a TrueType font of the given tables, in tag order,
// each padded to four bytes, with their checksums and the font's checksum
// adjustment. head's checkSumAdjustment must be zero in tables.
func writeTables(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 0
	for t, d := range tables {
		tags = append(tags, t)
		size += (len(d) + 3) &^ 3
	}
	sort.Strings(tags)
	n := len(tags)
	out := make([]byte, 12+16*n, 12+16*n+size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16*sr))
	headAt := -1
	for i, t := range tags {
		d := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], sfntSum(d))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(d)))
		if t == "head" && len(d) >= 12 {
			headAt = len(out)
		}
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	// head's checkSumAdjustment makes the whole font sum to the magic
	// number; the head table's own checksum is taken with it zero.
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-sfntSum(out))
	}
	return out
}
