package pdf

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/internal/par"
)

// Options configure rendering.
type Options struct {
	Style    Style
	Fonts    Fonts
	PageSize string // "a4" (the default) or "letter"
	// Creator is written to the PDF metadata, such as "ismsforge v0.1.0".
	Creator string
	// Lang is the documents' language, a BCP 47 tag; default en-US.
	Lang string
	// Image resolves an image destination from the Markdown to PNG or
	// JPEG bytes. When nil, images are replaced by their alternative text.
	Image func(dest string) ([]byte, error)
}

// env is what every step of one render shares: options checked once and
// fonts parsed once. It is read-only after newEnv.
type env struct {
	o            Options
	st           Style
	fs           *fontSet
	pageW, pageH float64
	compressors  sync.Pool // of *compressor
	// front is a pack's cover and contents as last painted.
	front struct {
		sync.Mutex
		key [sha256.Size]byte
		pdf []byte
	}
	// heads are the heading IDs of the documents of the pack last
	// painted, which every document's links are checked against: worked
	// out once per pack, not once per document (a 1,000-document pack
	// spent seconds on it).
	heads struct {
		sync.Mutex
		pack *document.Pack
		ids  map[string]map[string]bool
	}
}

// headings returns docHeadings(p), made once for each pack. It keeps the
// pack it was made for, so its address cannot be reused by another.
func (e *env) headings(p *document.Pack) map[string]map[string]bool {
	e.heads.Lock()
	defer e.heads.Unlock()
	if e.heads.pack != p || e.heads.ids == nil {
		e.heads.pack, e.heads.ids = p, docHeadings(p)
	}
	return e.heads.ids
}

func newEnv(o Options) (*env, error) {
	if err := o.Style.validate(); err != nil {
		return nil, err
	}
	e := &env{o: o, st: o.Style}
	e.compressors.New = newCompressor
	switch o.PageSize {
	case "", "a4", "A4":
		e.pageW, e.pageH = 595.28, 841.89
	case "letter", "Letter":
		e.pageW, e.pageH = 612, 792
	default:
		return nil, fmt.Errorf("pdf: page size %q is neither \"a4\" nor \"letter\"", o.PageSize)
	}
	if e.st.Margins.Left+e.st.Margins.Right > e.pageW/2 || e.st.Margins.Top+e.st.Margins.Bottom > e.pageH/2 {
		return nil, errors.New("pdf style: the margins leave less than half the page for text")
	}
	f := o.Fonts
	if len(f.Regular) == 0 && len(f.Bold) == 0 && len(f.Italic) == 0 && len(f.BoldItalic) == 0 && len(f.Mono) == 0 {
		f = DefaultFonts()
	}
	fs, err := fontsFor(f)
	if err != nil {
		return nil, err
	}
	e.fs = fs
	return e, nil
}

// Document renders one document as a standalone PDF. The pack gives
// the organization, classification and the other documents that links may
// point to.
func Document(d *document.Document, p *document.Pack, o Options) ([]byte, error) {
	e, err := newEnv(o)
	if err != nil {
		return nil, err
	}
	l, err := e.layoutDocument(d, p)
	if err != nil {
		return nil, err
	}
	return e.paintDocument(l, d, p)
}

// Pack renders the combined pack: cover, table of contents, then
// every document in the order of p.Docs.
func Pack(p *document.Pack, o Options) ([]byte, error) {
	set, err := render(p, o, false)
	if err != nil {
		return nil, err
	}
	return set.Pack, nil
}

// Set is the output of All.
type Set struct {
	// Docs are the document PDFs in the order of the pack's documents.
	Docs [][]byte
	Pack []byte
}

// All renders every document and the combined pack, laying out and
// painting each document once: the pack copies the documents' pages.
// Documents are laid out and painted in parallel; each has its own
// measuring caches, so the result does not depend on scheduling.
func All(p *document.Pack, o Options) (*Set, error) {
	return render(p, o, true)
}

func render(p *document.Pack, o Options, docs bool) (*Set, error) {
	e, err := newEnv(o)
	if err != nil {
		return nil, err
	}
	n := len(p.Docs)
	layouts := make([]*Layout, n)
	pdfs := make([][]byte, n)
	errs := make([]error, n)
	each := func(f func(i int)) { par.For(par.Cores(), n, nil, f) }
	each(func(i int) { layouts[i], errs[i] = e.layoutDocument(p.Docs[i], p) })
	if err := joinErrors(errs); err != nil {
		return nil, err
	}
	// The pack copies the documents' pages, so every document is painted
	// first, in parallel, whether or not its own PDF is wanted.
	each(func(i int) {
		pdfs[i], errs[i] = e.paintDocument(layouts[i], p.Docs[i], p)
		layouts[i] = layouts[i].ForPack()
	})
	if err := joinErrors(errs); err != nil {
		return nil, err
	}
	pack, err := e.renderPack(p, layouts, pdfs)
	if err != nil {
		return nil, err
	}
	set := &Set{Pack: pack}
	if docs {
		set.Docs = pdfs
	}
	return set, nil
}

// joinErrors returns the errors in document order: one diagnostic list if
// all are about user input, else the first internal error.
func joinErrors(errs []error) error {
	var list diag.List
	for _, err := range errs {
		if err == nil {
			continue
		}
		var l diag.List
		var d *diag.Diagnostic
		switch {
		case errors.As(err, &l):
			list = append(list, l...)
		case errors.As(err, &d):
			list = append(list, d)
		default:
			return err
		}
	}
	if len(list) == 0 {
		return nil
	}
	return list
}

// LayoutDocument lays a document out without painting it, for tests and
// tools that inspect the boxes.
func LayoutDocument(d *document.Document, p *document.Pack, o Options) (*Layout, error) {
	e, err := newEnv(o)
	if err != nil {
		return nil, err
	}
	return e.layoutDocument(d, p)
}

// Writer lays out and paints with one set of options, parsing the
// fonts once. Watch mode keeps the layouts and PDFs of unchanged documents
// and asks a Writer only for the rest. It is safe for concurrent use: each call
// measures with its own caches.
type Writer struct{ e *env }

// NewWriter checks the options and parses the fonts.
func NewWriter(o Options) (*Writer, error) {
	e, err := newEnv(o)
	if err != nil {
		return nil, err
	}
	return &Writer{e: e}, nil
}

// Layout lays a document out. The layout depends on the document, the
// pack's organization and classification, and the options.
func (r *Writer) Layout(d *document.Document, p *document.Pack) (*Layout, error) {
	return r.e.layoutDocument(d, p)
}

// Paint paints a laid-out document as a standalone PDF. Besides the
// layout it depends on the pack's organization and date and on the headings
// of the documents it links to (see LinkedDocs).
func (r *Writer) Paint(l *Layout, d *document.Document, p *document.Pack) ([]byte, error) {
	return r.e.paintDocument(l, d, p)
}

// Pack assembles the combined pack from the documents' layouts, whole or
// as ForPack reduced them, and their PDFs (as Paint made them), in the
// order of p.Docs. The documents' pages are copied into the pack, not
// painted again.
func (r *Writer) Pack(p *document.Pack, layouts []*Layout, pdfs [][]byte) ([]byte, error) {
	return r.e.renderPack(p, layouts, pdfs)
}

// ForPack returns what the combined pack reads of a painted layout: the
// pages' count, footers, links and marked-content sequences, the anchors,
// the outline and the structure. A build that does not keep layouts for
// the next one holds this until the pack is assembled instead of every
// box of every page, most of a large pack's memory. The result cannot be
// painted.
func (l *Layout) ForPack() *Layout {
	out := &Layout{Doc: l.Doc, Width: l.Width, Height: l.Height, Anchors: l.Anchors, Outline: l.Outline,
		Struct: l.Struct, reduced: true, Pages: make([]*Page, len(l.Pages))}
	pages := make([]Page, len(l.Pages))
	var seqs []mcSeq
	for i, pg := range l.Pages {
		r := &pages[i]
		r.Folio = pg.Folio
		r.marks = contentMarks(pg, &seqs)
		if r.marks == nil {
			r.marks = []contentMark{}
		}
		n := 0
		for _, b := range pg.Boxes {
			if b.Kind == KindLink {
				n++
			}
		}
		if n > 0 {
			r.Boxes = make([]Box, 0, n)
			for _, b := range pg.Boxes {
				if b.Kind == KindLink {
					r.Boxes = append(r.Boxes, b)
				}
			}
		}
		out.Pages[i] = r
	}
	return out
}

// LinkedDocs returns the IDs of the other documents the layout links to,
// sorted: the documents whose headings decide where its links point.
func (l *Layout) LinkedDocs() []string {
	seen := map[string]bool{}
	for _, pg := range l.Pages {
		for _, b := range pg.Boxes {
			if b.Link != nil && b.Link.Doc != "" {
				seen[b.Link.Doc] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
