package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"github.com/klauspost/compress/flate"
)

// gopdf compresses each stream with a zlib writer of its own, and a new
// zlib writer allocates and clears hundreds of kilobytes of tables: in a
// pack of 200 pages that setup, not the compression, dominated the time.
// So gopdf writes the content streams uncompressed and compressStreams
// deflates them afterwards with one writer, reset between streams. The
// rewrite keeps every object number; the incremental update that follows
// only needs the new startxref.
//
// The deflater is klauspost/compress's level 1, not compress/flate's: on
// these content streams it is about twice as fast and its output a tenth
// smaller, and compression is a tenth of a build's CPU. It runs on one
// goroutine with fixed tables, so the same stream gives the same bytes.

var (
	xrefStartRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	lengthRE    = regexp.MustCompile(`/Length (\d+)\b`)
	sizeRE      = regexp.MustCompile(`/Size (\d+)`)
)

// fontEmpty is the font resources of gopdf's resource dictionary when it
// was given no font.
const fontEmpty = "\t/Font <<\n\t>>\n"

// compressor deflates streams with one reusable zlib stream writer.
type compressor struct {
	fw  *flate.Writer
	buf bytes.Buffer
	// marked holds a stream with its markers replaced, before it is
	// compressed; reused, as most of a pack's bytes pass through it.
	marked []byte
	// base and update are a document's PDF before its update and the
	// update itself, both copied into the file update.write returns.
	base, update bytes.Buffer
	// ops holds the operators of a painter's markers (markOps) between
	// documents: they are most of a content stream's bytes.
	ops []byte
}

// newCompressor is the New of env.compressors, which keeps writers between
// documents: setting one up costs more than compressing a small document's
// streams.
func newCompressor() any {
	fw, _ := flate.NewWriter(nil, flate.BestSpeed) // fails only for a bad level
	return &compressor{fw: fw}
}

// bytes returns the painted PDF, its streams compressed and its fonts
// added, and sets pt.next to the first object number it leaves free. It is
// written into dst, which the caller resets, or into a new buffer when dst
// is nil; c compresses.
func (pt *painter) bytes(c *compressor, dst *bytes.Buffer) ([]byte, error) {
	raw, err := pt.gp.GetBytesPdfReturnErr()
	if err != nil {
		return nil, fmt.Errorf("pdf: gopdf: %w", err)
	}
	extra := map[int]string{}
	for i, id := range pt.pages {
		extra[id] = "/StructParents " + strconv.Itoa(i) + " /Tabs /S"
	}
	if dst == nil {
		dst = bytes.NewBuffer(make([]byte, 0, len(raw)/2))
	}
	next, err := c.compressStreams(dst, raw, rewrite{fonts: pt.fonts, marks: &pt.marks, pages: extra})
	pt.next = next
	c.ops = pt.marks.ops[:0]
	pt.marks = markOps{}
	return dst.Bytes(), err
}

// rewrite is what compressStreams changes besides compressing: the fonts
// it adds, the markers of marked content, and entries added to page
// dictionaries (by object number).
type rewrite struct {
	fonts []embedded
	marks *markOps
	pages map[int]string
}

// zlib wraps data in the zlib format (RFC 1950) that /FlateDecode expects.
func (c *compressor) zlib(data []byte) []byte {
	c.buf.Reset()
	c.buf.Write([]byte{0x78, 0x01}) // deflate, 32 KiB window, fastest level
	c.fw.Reset(&c.buf)
	c.fw.Write(data)
	c.fw.Close()
	sum := adler32(data)
	c.buf.Write([]byte{byte(sum >> 24), byte(sum >> 16), byte(sum >> 8), byte(sum)})
	return bytes.Clone(c.buf.Bytes())
}

func adler32(p []byte) uint32 {
	const mod = 65521
	a, b := uint32(1), uint32(0)
	for len(p) > 0 {
		n := min(len(p), 5552)
		for _, x := range p[:n] {
			a += uint32(x)
			b += a
		}
		a %= mod
		b %= mod
		p = p[n:]
	}
	return b<<16 | a
}

// compressStreams writes to out src, a PDF as gopdf writes it with
// compression off, with every unfiltered stream deflated, the objects of
// rw.fonts appended and named in the resources, and a new cross-reference
// table; and returns the first object number it leaves free.
func (c *compressor) compressStreams(out *bytes.Buffer, src []byte, rw rewrite) (int, error) {
	m := xrefStartRE.FindSubmatch(src)
	if m == nil {
		return 0, fmt.Errorf("pdf compress: no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(src) {
		return 0, fmt.Errorf("pdf compress: startxref %d out of range", xref)
	}
	offs, trailer, err := readXref(src[xref:])
	if err != nil {
		return 0, err
	}
	// The fonts are numbered after gopdf's objects, and named in gopdf's
	// one resource dictionary, which every page shares.
	firstFont := len(offs)
	fontRes := []byte(fontEmpty)
	if len(rw.fonts) > 0 {
		fontRes = []byte("\t/Font <<\n")
		for i, f := range rw.fonts {
			fontRes = fmt.Appendf(fontRes, "\t\t/%s %d 0 R\n", f.res, firstFont+objectsPerFont*i)
		}
		fontRes = append(fontRes, "\t>>\n"...)
	}
	type object struct{ id, off int }
	var objs []object
	for id, off := range offs {
		if off > 0 {
			objs = append(objs, object{id, off})
		}
	}
	slices.SortFunc(objs, func(a, b object) int { return a.off - b.off })

	out.Write(src[:objs[0].off])
	newOffs := make([]int, len(offs))
	for i, o := range objs {
		end := xref
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		newOffs[o.id] = out.Len()
		seg := src[o.off:end]
		s := bytes.Index(seg, []byte(">>\nstream\n"))
		if s < 0 {
			if add, ok := rw.pages[o.id]; ok {
				if k := bytes.Index(seg, []byte("/Type /Page\n")); k >= 0 {
					k += len("/Type /Page\n")
					out.Write(seg[:k])
					out.WriteString("  " + add + "\n")
					out.Write(seg[k:])
					continue
				}
			}
			if len(rw.fonts) > 0 && bytes.Contains(seg, []byte("/ProcSet [")) {
				k := bytes.Index(seg, []byte(fontEmpty))
				if k < 0 {
					return 0, fmt.Errorf("pdf compress: object %d: no empty font resources", o.id)
				}
				out.Write(seg[:k])
				out.Write(fontRes)
				out.Write(seg[k+len(fontEmpty):])
				continue
			}
			out.Write(seg)
			continue
		}
		if bytes.Contains(seg[:s], []byte("/Filter")) {
			out.Write(seg)
			continue
		}
		dict := seg[:s]
		lm := lengthRE.FindSubmatchIndex(dict)
		if lm == nil {
			out.Write(seg)
			continue
		}
		n, _ := strconv.Atoi(string(dict[lm[2]:lm[3]]))
		start := s + len(">>\nstream\n")
		if start+n > len(seg) {
			return 0, fmt.Errorf("pdf compress: object %d: stream longer than the object", o.id)
		}
		data := seg[start : start+n]
		if rw.marks != nil && len(rw.marks.ends) > 0 && !bytes.Contains(dict, []byte("/Length1")) && !bytes.Contains(dict, []byte("/Subtype")) {
			if m := replaceMarks(c.marked, data, rw.marks); m != nil {
				c.marked, data = m, m
			}
		}
		z := c.zlib(data)
		out.Write(dict[:lm[0]])
		fmt.Fprintf(out, "/Length %d\n/Filter /FlateDecode", len(z))
		out.Write(dict[lm[1]:])
		out.WriteString(">>\nstream\n")
		out.Write(z)
		out.Write(seg[start+n:])
	}
	// The fonts' objects, each stream compressed.
	obj := func(id int, dict string, stream []byte) {
		newOffs = append(newOffs, out.Len())
		if stream == nil {
			plainObject(out, id, dict)
			return
		}
		streamObject(out, c, id, dict, stream)
	}
	for i, f := range rw.fonts {
		if err := c.fontObjects(f, firstFont+objectsPerFont*i, obj); err != nil {
			return 0, err
		}
	}
	size := len(newOffs)
	start := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for id := 1; id < size; id++ {
		if id < len(offs) && offs[id] == 0 {
			out.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(out, "%010d 00000 n \n", newOffs[id])
	}
	sm := sizeRE.FindSubmatchIndex(trailer)
	if sm == nil {
		return 0, fmt.Errorf("pdf compress: no /Size in the trailer")
	}
	out.Write(trailer[:sm[2]])
	out.WriteString(strconv.Itoa(size))
	out.Write(trailer[sm[3]:])
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", start)
	return size, nil
}

// readXref reads a classic cross-reference table with one subsection from
// object 0, as gopdf writes it, returning each object's offset (0 for free
// entries) and the trailer through its closing ">>\n".
func readXref(x []byte) ([]int, []byte, error) {
	if !bytes.HasPrefix(x, []byte("xref\n")) {
		return nil, nil, fmt.Errorf("pdf compress: no xref table")
	}
	x = x[len("xref\n"):]
	nl := bytes.IndexByte(x, '\n')
	var first, count int
	if _, err := fmt.Sscanf(string(x[:nl]), "%d %d", &first, &count); err != nil || first != 0 || count <= 0 {
		return nil, nil, fmt.Errorf("pdf compress: unexpected xref subsection %q", x[:nl])
	}
	x = x[nl+1:]
	if len(x) < count*20 {
		return nil, nil, fmt.Errorf("pdf compress: xref table cut short")
	}
	offs := make([]int, count)
	for i := range count {
		e := x[i*20 : i*20+20]
		if e[17] == 'n' {
			offs[i], _ = strconv.Atoi(string(e[:10]))
		}
	}
	rest := x[count*20:]
	t := bytes.Index(rest, []byte("trailer"))
	end := bytes.Index(rest, []byte("startxref"))
	if t < 0 || end < t {
		return nil, nil, fmt.Errorf("pdf compress: no trailer")
	}
	return offs, rest[t:end], nil
}
