package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	"github.com/ismsforge/ismsforge/engine/document"
)

// paintDocument is the third step for a standalone document PDF.
func (e *env) paintDocument(l *Layout, d *document.Document, p *document.Pack) ([]byte, error) {
	if l.reduced {
		return nil, fmt.Errorf("pdf: %s: a layout reduced for the pack cannot be painted", d.ID)
	}
	parts := []*part{{l: l, doc: d.ID}}
	anchors := map[string]bool{}
	for _, a := range l.Anchors {
		anchors[a.Name] = true
	}
	others := e.headings(p)
	link := func(_ *part, t *Target) string {
		switch {
		case t.URL != "":
			return actionURI(t.URL)
		case t.Doc == "":
			if t.Frag != "" && anchors[t.Frag] {
				return actionGoTo(t.Frag)
			}
			return "" // an anchor that does not exist: keep the text, drop the link
		}
		frag := t.Frag
		if ids, ok := others[t.Doc]; ok && !ids[frag] {
			frag = "" // unknown heading: open the document at its start
		}
		return actionGoToR(t.Doc+".pdf", frag)
	}
	var items []outlineRef
	top := minLevel(l.Outline)
	for _, o := range l.Outline {
		items = append(items, outlineRef{title: o.Title, level: o.Level - top + 1, name: o.Anchor, open: true})
	}
	meta := info{
		Title:    d.Title,
		Subject:  d.Summary,
		Keywords: keywords(d),
		Creator:  e.o.Creator,
		Producer: producer,
	}
	if p != nil {
		meta.Author = p.Org
		meta.Date = p.Date.Time()
	}
	if meta.Subject == "" {
		meta.Subject = strings.TrimSpace(d.Ref + " " + d.Kind)
	}
	return e.finish(parts, link, items, meta)
}

const producer = "ismsforge PDF emitter (gopdf)"

// docHeadings maps each document of the pack to its heading IDs.
func docHeadings(p *document.Pack) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	if p == nil {
		return out
	}
	for _, d := range p.Docs {
		ids := map[string]bool{"": true}
		if d.MD != nil {
			for _, h := range d.MD.Headings {
				ids[h.ID] = true
			}
		}
		out[d.ID] = ids
	}
	return out
}

func minLevel(items []OutlineItem) int {
	top := 7
	for _, o := range items {
		top = min(top, o.Level)
	}
	return top
}

func keywords(d *document.Document) string {
	ks := []string{"ISO/IEC 27001", "ISMS"}
	if d.Ref != "" {
		ks = append(ks, d.Ref)
	}
	if d.Kind != "" {
		ks = append(ks, d.Kind)
	}
	ks = append(ks, d.Clauses()...)
	ks = append(ks, d.Controls()...)
	return strings.Join(ks, ", ")
}

// outlineRef is a bookmark pointing at a named destination.
type outlineRef struct {
	title string
	level int
	name  string
	open  bool
}

// finish paints the parts and appends the update with the outline, the
// destinations, the links and the metadata.
func (e *env) finish(parts []*part, link linker, outline []outlineRef, meta info) ([]byte, error) {
	// The compressor's buffers hold the painter's operators, then the base
	// and the update until write has copied them into the file.
	c := e.compressors.Get().(*compressor)
	defer e.compressors.Put(c)
	pt, err := e.newPainter(parts, c)
	if err != nil {
		return nil, err
	}
	if err := pt.paint(parts, link); err != nil {
		return nil, err
	}
	c.base.Reset()
	base, err := pt.bytes(c, &c.base)
	if err != nil {
		return nil, err
	}
	byName := map[string]dest{}
	for _, d := range pt.dests {
		if _, ok := byName[d.name]; !ok {
			byName[d.name] = d
		}
	}
	var flat []flatItem
	for _, o := range outline {
		d, ok := byName[o.name]
		if !ok {
			continue
		}
		flat = append(flat, flatItem{title: o.title, level: o.level, page: d.page, y: d.y, open: o.open})
	}
	var dests []dest
	for _, d := range pt.dests {
		if d.name != "" {
			dests = append(dests, d)
		}
	}
	tree := &structWriter{}
	first := 0
	for _, p := range parts {
		tree.parts = append(tree.parts, treePart{l: p.l, first: first})
		first += len(p.l.Pages)
	}
	u := &update{base: base, next: pt.next, pageIDs: pt.pages, pageH: e.pageH,
		annots: pt.annots, dests: dests, outline: buildOutline(flat), info: meta, tree: tree, lang: e.lang(), scratch: &c.update, c: c}
	return u.write()
}

// lang is the documents' language tag.
func (e *env) lang() string {
	if e.o.Lang == "" {
		return "en-US"
	}
	return e.o.Lang
}

// paintFront paints the cover, contents and page-number stamps of a pack,
// or returns them as last painted when their layout is the same: in watch
// mode, most edits leave them alone.
func (e *env) paintFront(front []*part) ([]byte, error) {
	var ls []*Layout
	for _, p := range front {
		ls = append(ls, p.l)
	}
	key := layoutKey(ls...)
	e.front.Lock()
	defer e.front.Unlock()
	if e.front.pdf != nil && e.front.key == key {
		return e.front.pdf, nil
	}
	c := e.compressors.Get().(*compressor)
	defer e.compressors.Put(c)
	pt, err := e.newPainter(front, c)
	if err != nil {
		return nil, err
	}
	if err := pt.paint(front, func(*part, *Target) string { return "" }); err != nil {
		return nil, err
	}
	b, err := pt.bytes(c, nil) // kept for the next pack: not in c's buffers
	if err != nil {
		return nil, err
	}
	e.front.key, e.front.pdf = key, b
	return b, nil
}

// layoutKey identifies everything of layouts that painting uses.
func layoutKey(ls ...*Layout) [sha256.Size]byte {
	h := sha256.New()
	var buf []byte
	f := func(v float64) { buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v)) }
	str := func(s string) { buf = binary.AppendUvarint(buf, uint64(len(s))); buf = append(buf, s...) }
	for _, l := range ls {
		str(l.Doc)
		f(l.Width)
		f(l.Height)
		for _, img := range l.Images {
			str(string(img))
		}
		for _, a := range l.Anchors {
			str(a.Name)
			f(float64(a.Page))
			f(a.Y)
		}
		for _, pg := range l.Pages {
			str("page")
			for _, bs := range [][]Box{pg.Under, pg.Boxes} {
				str("layer")
				for _, b := range bs {
					str(string(b.Kind))
					f(b.X)
					f(b.Y)
					f(b.W)
					f(b.H)
					str(b.Text)
					f(float64(b.Font))
					f(b.Size)
					str(b.Color)
					f(b.LineWidth)
					f(float64(b.Image))
					buf = append(buf, boolByte(b.Cont), boolByte(b.Checked), boolByte(b.Link != nil))
					if b.Link != nil {
						str(fmt.Sprintf("%+v", *b.Link))
					}
				}
				h.Write(buf)
				buf = buf[:0]
			}
		}
	}
	h.Write(buf)
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// merge writes the pack: parts[0] to parts[2] (cover, contents and the
// pack's page numbers) are painted here; every other part is a document
// whose PDF is docPDFs[i-3], copied rather than painted again, with its
// page number stamped over each page. Links, destinations and the outline
// come from the layouts, as they do when painting.
func (e *env) merge(parts []*part, docPDFs [][]byte, link linker, outline []outlineRef, meta info) ([]byte, error) {
	front := parts[:3]
	frontPDF, err := e.paintFront(front)
	if err != nil {
		return nil, err
	}
	files := [][]byte{frontPDF}
	files = append(files, docPDFs...)
	// The front PDF holds three parts; each document PDF holds one.
	filesParts := [][]*part{front}
	for _, p := range parts[3:] {
		filesParts = append(filesParts, []*part{p})
	}

	// The pack's structure tree: the cover and the contents directly
	// under its Document, each document as a Part.
	tree := &structWriter{}
	treeIndex := map[*part]int{}
	first := 0
	for _, p := range parts {
		if p.stamps {
			continue
		}
		root := ""
		if p.doc != "" {
			root = "Part"
		}
		treeIndex[p] = len(tree.parts)
		tree.parts = append(tree.parts, treePart{l: p.l, first: first, root: root})
		first += len(p.l.Pages)
	}
	m := newMerger(e.pageW, e.pageH)
	// The pack holds every file's objects: sized once, its buffer is not
	// copied again and again as it grows (for a large pack, hundreds of
	// megabytes of copying and a peak of twice its size). The pack's update
	// is appended in the same buffer: the documents' files hold their own
	// structure trees, which are not copied, and the pack's tree is about
	// their size, so the buffer holds both (for acme-saas, 5.5 MB of files
	// make a 2.6 MB base and a 2.6 MB update).
	size := 0
	for _, f := range files {
		size += len(f)
	}
	m.out.Grow(size + size/8)
	var annots []annot
	var dests []dest
	var stampForms []int // by document page of the pack, in order
	for fi, data := range files {
		f, err := parsePDF(data)
		if err != nil {
			return nil, err
		}
		// Map the file's pages to its parts' layout pages.
		var pagesOf []struct {
			p  *part
			pg *Page
		}
		for _, p := range filesParts[fi] {
			if p.stamps {
				continue
			}
			first := len(m.pages) + len(pagesOf)
			for _, a := range p.l.Anchors {
				dests = append(dests, dest{name: p.name(a.Name), page: first + a.Page, y: a.Y})
			}
			for _, pg := range p.l.Pages {
				pagesOf = append(pagesOf, struct {
					p  *part
					pg *Page
				}{p, pg})
			}
		}
		var stamps []int
		if fi > 0 {
			n := len(filesParts[fi][0].l.Pages)
			stamps, stampForms = stampForms[:min(n, len(stampForms))], stampForms[min(n, len(stampForms)):]
		}
		forms, err := m.add(f, len(pagesOf), stamps, func(i int) string {
			if i >= len(pagesOf) {
				return ""
			}
			var refs []string
			for _, b := range pagesOf[i].pg.Boxes {
				if b.Kind != KindLink {
					continue
				}
				if action := link(pagesOf[i].p, b.Link); action != "" {
					id := m.next
					m.next++
					annots = append(annots, annot{id: id, x: b.X, y: b.Y, w: b.W, h: b.H, action: action,
						part: treeIndex[pagesOf[i].p], elem: b.Elem, text: b.Text})
					refs = append(refs, fmt.Sprintf("%d 0 R", id))
				}
			}
			return strings.Join(refs, " ")
		})
		if err != nil {
			return nil, err
		}
		if fi == 0 {
			stampForms = forms
		}
		// Copied: when nothing else holds the file (a one-shot build
		// hands its PDFs over), it can go before the next is read.
		files[fi] = nil
	}
	base := m.base(e.pageW, e.pageH)
	byName := map[string]dest{}
	for _, d := range dests {
		if _, ok := byName[d.name]; !ok {
			byName[d.name] = d
		}
	}
	var flat []flatItem
	for _, o := range outline {
		if d, ok := byName[o.name]; ok {
			flat = append(flat, flatItem{title: o.title, level: o.level, page: d.page, y: d.y, open: o.open})
		}
	}
	var named []dest
	for _, d := range dests {
		if d.name != "" {
			named = append(named, d)
		}
	}
	u := &update{base: base, next: m.next, pageIDs: m.pages, pageH: e.pageH,
		annots: annots, dests: named, outline: buildOutline(flat), info: meta, tree: tree, lang: e.lang()}
	c := e.compressors.Get().(*compressor)
	defer e.compressors.Put(c)
	u.scratch, u.inPlace, u.c = &c.update, true, c
	return u.write()
}
