package pdf

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// Tagged PDF (ISO 32000-1, 14.8; PDF/UA-1). The layout names, for every
// box, the structure element it belongs to or none (an artifact). From
// that alone, markPage decides the page's marked-content sequences and
// their MCIDs, so the painter (which writes the sequences into the content
// streams) and the tree writer (which writes the structure tree, for a
// document or for the pack that copies its pages) always agree.
//
// gopdf cannot write marked content. The painter asks it for a line width
// that no drawing uses, markerBase plus a number; gopdf writes it as
// "9000012.00 w" in the content stream, and the stream rewrite that
// already compresses gopdf's output (compress.go) replaces it with the
// BDC or EMC operator it stands for.

// mcSeq is one marked-content sequence of a page: boxes from..to-1 of the
// page in paint order (Under, then Boxes).
type mcSeq struct {
	from, to int
	elem     int // 0: an artifact
	mcid     int // -1 for an artifact
	// at is the position of the first box in Boxes (negative in Under),
	// which orders the sequence among its element's children.
	at int
	// check is a task-list check box, whose sequence carries its
	// character as ActualText; hyphen a hyphen the line breaker added,
	// whose ActualText is empty.
	check, checked, hyphen bool
}

// markPage appends the marked-content sequences of pg to out[:0].
// Consecutive boxes of one element share a sequence; links draw nothing
// and never break one; a check box has a sequence of its own.
func markPage(out []mcSeq, pg *Page) []mcSeq {
	out = out[:0]
	nu := len(pg.Under)
	mcid := 0
	for i := 0; i < nu+len(pg.Boxes); i++ {
		var b *Box
		el := 0 // shading and bands under the text are decoration
		if i < nu {
			b = &pg.Under[i]
		} else {
			b = &pg.Boxes[i-nu]
			el = b.Elem
		}
		if b.Kind == KindLink {
			continue
		}
		chk := b.Kind == KindCheck && el != 0
		hy := b.Hyphen && el != 0
		if last := len(out) - 1; last >= 0 && out[last].elem == el && !chk && !hy && !out[last].check && !out[last].hyphen {
			out[last].to = i + 1
			continue
		}
		s := mcSeq{from: i, to: i + 1, elem: el, mcid: -1, at: i - nu, check: chk, checked: b.Checked, hyphen: hy}
		if el != 0 {
			s.mcid = mcid
			mcid++
		}
		out = append(out, s)
	}
	return out
}

// contentMark is what the structure tree needs of a marked-content
// sequence that belongs to an element: the element, the sequence's
// position among the page's boxes, and its MCID.
type contentMark struct{ elem, at, mcid int32 }

// contentMarks returns the marked content of pg that belongs to elements,
// in order: kept by ForPack, or worked out from the boxes, with seqs as
// scratch space.
func contentMarks(pg *Page, seqs *[]mcSeq) []contentMark {
	if pg.marks != nil {
		return pg.marks
	}
	*seqs = markPage(*seqs, pg)
	n := 0
	for _, s := range *seqs {
		if s.elem != 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]contentMark, 0, n)
	for _, s := range *seqs {
		if s.elem != 0 {
			out = append(out, contentMark{elem: int32(s.elem), at: int32(s.at), mcid: int32(s.mcid)})
		}
	}
	return out
}

// markerBase is added to a marker's number to make the line width that
// stands for it: far above any line width a document uses, and exact in
// gopdf's two-decimal format.
const markerBase = 9000000

// openMark is the operator that opens sequence s of layout l.
func openMark(s mcSeq, l *Layout) string {
	if s.elem == 0 {
		return "/Artifact BMC\n"
	}
	typ := l.Struct[s.elem-1].Type
	if s.check {
		c := "☐"
		if s.checked {
			c = "☑"
		}
		return fmt.Sprintf("/%s <</MCID %d /ActualText %s>> BDC\n", typ, s.mcid, pdfText(c))
	}
	if s.hyphen {
		// A hyphen that only breaks the word at the line's end (ISO
		// 32000-1, 14.9.4): the word reads whole.
		return fmt.Sprintf("/%s <</MCID %d /ActualText ()>> BDC\n", typ, s.mcid)
	}
	return fmt.Sprintf("/%s <</MCID %d>> BDC\n", typ, s.mcid)
}

// replaceMarks replaces the marker line widths in a content stream with
// the operators they stand for.
// The result is appended to out[:0], a buffer the caller reuses between
// streams; nil when data holds no marker.
func replaceMarks(out, data []byte, marks *markOps) []byte {
	const tail = ".00 w\n"
	if len(marks.ends) == 0 || !bytes.Contains(data, []byte(tail)) {
		return nil
	}
	out = out[:0]
	last := 0
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte(tail))
		if j < 0 {
			break
		}
		end := i + j
		start := end
		for start > 0 && data[start-1] >= '0' && data[start-1] <= '9' {
			start--
		}
		if (start == 0 || data[start-1] == '\n') && end-start == 7 && data[start] == '9' {
			v, _ := strconv.Atoi(string(data[start:end]))
			if k := v - markerBase; k >= 0 && k < len(marks.ends) {
				out = append(out, data[last:start]...)
				out = append(out, marks.at(k)...)
				last = end + len(tail)
			}
		}
		i = end + len(tail)
	}
	return append(out, data[last:]...)
}

// treePart is a layout whose pages are pages first, first+1, ... of the
// file. Its document element becomes an element of type root, or, when
// root is "", its children go straight under the file's Document.
type treePart struct {
	l     *Layout
	first int
	root  string
}

// treeAnnot is a link annotation: object id, on behalf of element elem of
// part part.
type treeAnnot struct {
	id, part, elem int
}

// structWriter writes a structure tree.
type structWriter struct {
	parts   []treePart
	pageIDs []int
	annots  []treeAnnot
	lang    string
}

// kid is one child of a structure element: an element, marked content
// (an MCR, by its MCID) or an annotation (an OBJR), with its position for
// sorting. A large pack has more than a million, so a kid is 20 bytes and
// all of them share one array.
type kid struct {
	page, at, order int32
	ref             int32 // the element's global number, the MCID, or the annotation's object
	kind            kidKind
}

type kidKind uint8

const (
	kidElem kidKind = iota
	kidMCR
	kidOBJR
)

// write writes the structure tree's objects with obj and returns the
// StructTreeRoot's object number; annotKey gives each annotation, in
// order, its /StructParent.
func (w *structWriter) write(alloc func() int, obj func(int, []byte)) (root int, annotKey []int) {
	// Global element numbers: the file's Document is 1, then each part's
	// elements in turn; a part's document element maps to the Document
	// or to its root element.
	type gelem struct {
		typ    string
		e      *Elem // nil for the Document
		parent int32 // -1: flattened into the Document, never written
		id     int32
		pg     int32 // page of the first MCR, or -1
		// its kids are kids[first : first+n]
		first, n int32
	}
	n := 1
	for _, p := range w.parts {
		n += len(p.l.Struct)
	}
	elems := make([]gelem, 1, n)
	elems[0] = gelem{typ: "Document", pg: -1}
	base := make([]int, len(w.parts)) // global number of each part's element 1
	for pi, p := range w.parts {
		base[pi] = len(elems) + 1
		for i := range p.l.Struct {
			e := &p.l.Struct[i]
			g := gelem{typ: e.Type, e: e, pg: -1}
			switch {
			case i == 0 && p.root == "":
				g.parent = -1
			case i == 0:
				g.typ = p.root
				g.parent = 1
			default:
				g.parent = int32(w.global(base[pi], p, int(e.Parent)))
			}
			elems = append(elems, g)
		}
	}
	// The marked content of every page, and the part it belongs to.
	marks := make([][]contentMark, len(w.pageIDs))
	partOf := make([]int32, len(w.pageIDs))
	var seqs []mcSeq
	for pi, p := range w.parts {
		for j, pg := range p.l.Pages {
			marks[p.first+j] = contentMarks(pg, &seqs)
			partOf[p.first+j] = int32(pi)
		}
	}
	markElem := func(page int, s contentMark) int {
		pi := partOf[page]
		return w.global(base[pi], w.parts[pi], int(s.elem))
	}
	annotElem := func(a treeAnnot) int { return w.global(base[a.part], w.parts[a.part], a.elem) }
	// Count each element's kids, give each its range, then fill them in.
	for i := 1; i < len(elems); i++ {
		if p := elems[i].parent; p > 0 {
			elems[p-1].n++
		}
	}
	for page, ms := range marks {
		for _, s := range ms {
			elems[markElem(page, s)-1].n++
		}
	}
	for _, a := range w.annots {
		elems[annotElem(a)-1].n++
	}
	total := int32(0)
	for i := range elems {
		elems[i].first, total, elems[i].n = total, total+elems[i].n, 0
	}
	kids := make([]kid, total)
	add := func(ge int, k kid) *gelem {
		g := &elems[ge-1]
		kids[g.first+g.n] = k
		g.n++
		return g
	}
	order := int32(0)
	for pi, p := range w.parts {
		for i := range p.l.Struct {
			ge := base[pi] + i
			if parent := elems[ge-1].parent; parent > 0 {
				e := &p.l.Struct[i]
				order++
				add(int(parent), kid{page: e.Page + int32(p.first), at: e.At, order: order, ref: int32(ge)})
			}
		}
	}
	// Marked content, page by page.
	for page, ms := range marks {
		for _, s := range ms {
			order++
			g := add(markElem(page, s), kid{page: int32(page), at: s.at, order: order, kind: kidMCR, ref: s.mcid})
			if g.pg < 0 {
				g.pg = int32(page)
			}
		}
	}
	annotKey = make([]int, len(w.annots))
	next := len(w.pageIDs)
	for i, a := range w.annots {
		add(annotElem(a), kid{page: 1 << 30, order: order + int32(i), kind: kidOBJR, ref: int32(a.id)})
		annotKey[i] = next
		next++
	}
	for _, g := range elems {
		// order is unique, so the order of the kids is fully decided.
		slices.SortFunc(kids[g.first:g.first+g.n], func(x, y kid) int {
			if x.page != y.page {
				return cmp.Compare(x.page, y.page)
			}
			if x.at != y.at {
				return cmp.Compare(x.at, y.at)
			}
			if (x.kind == kidMCR) != (y.kind == kidMCR) {
				if x.kind == kidMCR {
					return 1 // an element begun here comes before content
				}
				return -1
			}
			return cmp.Compare(x.order, y.order)
		})
	}
	root = alloc()
	for i := range elems {
		if elems[i].parent >= 0 {
			elems[i].id = int32(alloc())
		}
	}
	// Written with appends rather than fmt: a pack has tens of thousands
	// of elements.
	var b []byte
	ref := func(b []byte, ge int) []byte {
		b = strconv.AppendInt(b, int64(elems[ge-1].id), 10)
		return append(b, " 0 R"...)
	}
	for i := range elems {
		g := &elems[i]
		if g.parent < 0 {
			continue
		}
		b = append(b[:0], "<< /S /"...) // /Type /StructElem is optional
		b = append(b, g.typ...)
		b = append(b, " /P "...)
		if i == 0 {
			b = strconv.AppendInt(b, int64(root), 10)
			b = append(b, " 0 R"...)
			if w.lang != "" {
				b = append(b, " /Lang "...)
				b = append(b, pdfBytes(w.lang)...)
			}
		} else {
			b = ref(b, int(g.parent))
		}
		if g.pg >= 0 {
			b = append(b, " /Pg "...)
			b = strconv.AppendInt(b, int64(w.pageIDs[g.pg]), 10)
			b = append(b, " 0 R"...)
		}
		if g.e != nil && g.e.Alt != "" {
			b = append(b, " /Alt "...)
			b = append(b, pdfText(g.e.Alt)...)
		}
		if g.e != nil && g.e.Scope != NoScope {
			b = append(b, " /A << /O /Table /Scope /"...)
			b = append(b, g.e.Scope.String()...)
			b = append(b, " >>"...)
		}
		b = append(b, " /K ["...)
		for _, k := range kids[g.first : g.first+g.n] {
			switch {
			case k.kind == kidOBJR:
				b = append(b, " << /Type /OBJR /Obj "...)
				b = strconv.AppendInt(b, int64(k.ref), 10)
				b = append(b, " 0 R >>"...)
			case k.kind == kidMCR && k.page == g.pg:
				b = append(b, ' ')
				b = strconv.AppendInt(b, int64(k.ref), 10)
			case k.kind == kidMCR:
				b = append(b, " << /Type /MCR /Pg "...)
				b = strconv.AppendInt(b, int64(w.pageIDs[k.page]), 10)
				b = append(b, " 0 R /MCID "...)
				b = strconv.AppendInt(b, int64(k.ref), 10)
				b = append(b, " >>"...)
			default:
				b = append(b, ' ')
				b = ref(b, int(k.ref))
			}
		}
		b = append(b, " ] >>"...)
		obj(int(g.id), b)
	}
	// The parent tree: for each page, the element of each MCID (the
	// marks' MCIDs count from 0 in order); for each annotation, its Link.
	ptID := alloc()
	b = append(b[:0], "<< /Nums ["...)
	for page := range w.pageIDs {
		b = append(b, '\n')
		b = strconv.AppendInt(b, int64(page), 10)
		b = append(b, " ["...)
		for _, s := range marks[page] {
			b = append(b, ' ')
			b = ref(b, markElem(page, s))
		}
		b = append(b, " ]"...)
	}
	for i, a := range w.annots {
		b = append(b, '\n')
		b = strconv.AppendInt(b, int64(annotKey[i]), 10)
		b = append(b, ' ')
		b = ref(b, annotElem(a))
	}
	b = append(b, "\n] >>"...)
	obj(ptID, b)
	obj(root, fmt.Appendf(b[:0], "<< /Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d >>", elems[0].id, ptID, next))
	return root, annotKey
}

// global maps element e (1-based) of part p, whose element 1 is global
// element base, to its global number; a flattened part's document element
// is the file's Document.
func (w *structWriter) global(base int, p treePart, e int) int {
	if e <= 0 || e == 1 && p.root == "" {
		return 1
	}
	return base + e - 1
}
