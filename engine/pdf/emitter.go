package pdf

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"sync"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/internal/key"
)

// PackFile is the combined pack's path in the output directory.
const PackFile = "pdf/isms-pack.pdf"

// Emitter is the PDF output format: pdf/<id>.pdf for every document and
// generated page, and the combined pack, pdf/isms-pack.pdf, with the
// generated pages after the documents.
//
// In watch mode a document is laid out again only when it or the pack's
// running heads changed, and painted again only when its layout or the
// headings it links to changed; the combined pack is always assembled, from
// the layouts.
type Emitter struct {
	// Options are the style, fonts and page size; Image is set from the
	// build's images and Creator from its generator.
	Options Options
}

// Name is "pdf".
func (e *Emitter) Name() string { return "pdf" }

// Label is what the site calls the format.
func (e *Emitter) Label() string { return "PDF" }

// Path is a document's PDF.
func (e *Emitter) Path(id string) string { return "pdf/" + id + ".pdf" }

// Begin checks the options and parses the fonts, or takes the typesetter of
// the previous build when nothing it depends on changed.
func (e *Emitter) Begin(_ context.Context, b *document.Build) (document.Run, error) {
	o := e.Options
	o.Creator = b.Generator
	images := b.Images
	o.Image = func(dest string) ([]byte, error) {
		if data, ok := images[dest]; ok {
			return data, nil
		}
		return nil, fmt.Errorf("not found in the project")
	}
	// The fonts are megabytes: hashing them on every build would cost a
	// save in watch mode more than the rest of this setup. A kept
	// typesetter keeps its fonts and their key, and the same bytes (as a
	// rule the very same embedded slices, which compare at once) take that
	// key again.
	var kept *keptWriter
	if b.Memo != nil {
		kept, _ = b.Memo.State.(*keptWriter)
	}
	var fontsKey string
	if kept != nil && kept.fonts.equal(o.Fonts) {
		fontsKey = kept.fontsKey
	} else {
		fontsKey = o.Fonts.key()
	}
	env := key.New().Add("pdf-env", fmt.Sprintf("%+v", o.Style), o.PageSize, o.Creator, o.Lang, fontsKey)
	for _, dest := range slices.Sorted(maps.Keys(images)) {
		env.Add("image", dest, images[dest])
	}
	// The typesetter depends on nothing else, so watch mode keeps it, with
	// its parsed fonts and the pack's cover and contents as last painted.
	// A kept typesetter reads images from an earlier build's map, which
	// the key proves to hold the same bytes.
	tsKey := env.Sum()
	var ts *Writer
	if kept != nil && b.Memo.Key == tsKey {
		ts = kept.ts
	}
	if ts == nil {
		var err error
		if ts, err = NewWriter(o); err != nil {
			return nil, err
		}
		if b.Memo != nil {
			b.Memo.Key, b.Memo.Files, b.Memo.State = tsKey, nil, &keptWriter{ts: ts, fonts: o.Fonts, fontsKey: fontsKey}
		}
	}
	pk := b.Pack
	r := &emitRun{ts: ts, pk: pk, env: env.Add("pack", pk.Org, pk.Classification, pk.DateLayout).Sum(), index: map[string]int{}}
	r.heads = map[string]string{}
	for id, ids := range docHeadings(pk) {
		r.heads[id] = headingsKey(ids)
	}
	// The generated pages follow the documents in the combined pack, and
	// their links reach the documents as the pack's own do.
	r.all = pk.All()
	r.withGen = pk
	if gen := pk.Generated(); len(gen) > 0 {
		cp := *pk
		cp.Docs = r.all
		r.withGen = &cp
	}
	for i, d := range r.all {
		r.index[d.ID] = i
	}
	r.layouts = make([]*Layout, len(r.all))
	r.pdfs = make([][]byte, len(r.all))
	return r, nil
}

// keptWriter is what the emitter keeps of the pack's typesetter: the
// typesetter, and the fonts it was made with and their key.
type keptWriter struct {
	ts       *Writer
	fonts    Fonts
	fontsKey string
}

// layoutMemo is what the emitter keeps of a document's layout.
type layoutMemo struct {
	key    string
	layout *Layout
}

type emitRun struct {
	ts      *Writer
	pk      *document.Pack
	withGen *document.Pack
	all     []*document.Document
	env     string
	heads   map[string]string
	index   map[string]int
	mu      sync.Mutex
	layouts []*Layout
	pdfs    [][]byte
}

// Document lays a document out and paints it in one go, so that no core
// waits for the slowest layout before painting starts.
func (r *emitRun) Document(_ context.Context, d *document.Document, m *document.Memo) ([]document.File, error) {
	pk := r.pk
	if d.Generated {
		pk = r.withGen
	}
	lkey := key.New().Add("layout", d.Key(), r.env).Sum()
	var l *Layout
	if m != nil {
		if lm, ok := m.State.(layoutMemo); ok && lm.key == lkey {
			l = lm.layout
		}
	}
	if l == nil {
		var err error
		if l, err = r.ts.Layout(d, pk); err != nil {
			return nil, err
		}
	}
	h := key.New().Add("pdf", lkey, pk.Date)
	for _, id := range l.LinkedDocs() {
		h.Add("links-to", id, r.heads[id])
	}
	pkey := h.Sum()
	files, ok := m.Reuse(pkey)
	if !ok {
		b, err := r.ts.Paint(l, d, pk)
		if err != nil {
			return nil, err
		}
		files = []document.File{{Path: "pdf/" + d.ID + ".pdf", Data: b}}
		m.Keep(pkey, files)
	}
	if m != nil {
		m.State = layoutMemo{key: lkey, layout: l}
	} else {
		l = l.ForPack() // nothing keeps the boxes for a next build
	}
	i := r.index[d.ID]
	r.mu.Lock()
	r.layouts[i], r.pdfs[i] = l, files[0].Data
	r.mu.Unlock()
	return files, nil
}

// Pack assembles the combined pack from the documents' layouts and PDFs.
func (r *emitRun) Pack(context.Context) ([]document.File, error) {
	// The run hands its PDFs and layouts over: what the build does not
	// hold elsewhere can go as the pack is assembled.
	layouts, pdfs := r.layouts, r.pdfs
	r.layouts, r.pdfs = nil, nil
	b, err := r.ts.Pack(r.withGen, layouts, pdfs)
	if err != nil {
		return nil, err
	}
	return []document.File{{Path: PackFile, Data: b}}, nil
}

// headingsKey identifies a document's heading IDs, which decide where
// links into it point.
func headingsKey(ids map[string]bool) string {
	sorted := make([]string, 0, len(ids))
	for id := range ids {
		sorted = append(sorted, id)
	}
	sort.Strings(sorted)
	return key.New().Add("h", sorted).Sum()
}
