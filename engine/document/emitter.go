package document

import (
	"context"
	"maps"
	"slices"

	"github.com/ismsforge/ismsforge/engine/internal/key"
)

// An Emitter is an output format: Markdown, HTML, PDF, Word, the register
// workbooks, or one of a project's own. The engine calls Begin once per
// build, then Run.Document for every document and generated page (from
// several goroutines, in any order), then Run.Pack once all of them are
// done. An emitter never changes the Pack.
type Emitter interface {
	// Name names the format, such as "html" or "pdf": it keys the watch
	// cache and marks the format's files in the manifest.
	Name() string
	// Begin starts the format's part of one build.
	Begin(ctx context.Context, b *Build) (Run, error)
}

// Run is one build of one format.
type Run interface {
	// Document returns the files of one document, with paths relative to
	// the output directory. m is what the format kept of the document
	// from the previous build in watch mode, to reuse and to update; it is
	// nil without a cache and for generated pages.
	Document(ctx context.Context, d *Document, m *Memo) ([]File, error)
	// Pack returns the files that belong to the whole pack (an index, a
	// combined file), once every document is done.
	Pack(ctx context.Context) ([]File, error)
}

// Downloadable is an emitter that makes one file per document that
// readers may download; the HTML site links to it from every page.
type Downloadable interface {
	Emitter
	// Label names the format for a reader: "PDF", "Word".
	Label() string
	// Path is the document's file, relative to the output directory.
	Path(id string) string
}

// Download is a document's file in another format, for the site's links.
type Download struct {
	// Format is the emitter's name, Label what a reader sees.
	Format, Label string
	Path          func(id string) string
}

// Build is what an emitter is given of one build.
type Build struct {
	Pack *Pack
	// Images are the images the documents and the running heads show, by
	// their destination in the Markdown, read from inside the project.
	Images map[string][]byte
	// Generator names ismsforge and its version, for metadata.
	Generator string
	// Downloads are the build's downloadable formats, in emitter order.
	Downloads []Download
	// Memo is what the format kept of the whole pack from the previous
	// build in watch mode (a parsed font set, say); nil without a cache.
	Memo *Memo
}

// File is one output file, relative to the output directory, with forward
// slashes.
type File struct {
	Path string
	Data []byte
}

// Memo is what a format keeps of a document between builds, in watch mode.
// A format stores the key of everything the files were made from, the
// files, and any state it wants back (a PDF layout); the engine keeps one
// memo per format and document, and counts the document as made anew when
// the key changed.
type Memo struct {
	Key   string
	Files []File
	State any
}

// Reuse returns the memo's files when they were made from k.
func (m *Memo) Reuse(k string) ([]File, bool) {
	if m == nil || m.Key == "" || m.Key != k {
		return nil, false
	}
	return m.Files, true
}

// Keep records files made from k; a nil memo keeps nothing.
func (m *Memo) Keep(k string, files []File) {
	if m != nil {
		m.Key, m.Files = k, files
	}
}

// Key identifies everything a document's own outputs show: its text, its
// identity and its front block.
func (d *Document) Key() string {
	sum := d.MD.SourceSum()
	h := key.New().Add("doc", d.ID, d.Ref, d.Title, d.Kind, d.Summary, sum[:])
	// The requirements come from the front matter, not the Markdown, and
	// the PDF's and the Word file's keywords list them.
	for _, fw := range slices.Sorted(maps.Keys(d.Requirements)) {
		parts := []any{fw}
		for _, id := range d.Requirements[fw] {
			parts = append(parts, id)
		}
		h.Add("requirements", parts...)
	}
	// The headings as parsed: their numbers come from an option, not
	// from the source.
	for _, hd := range d.MD.Headings {
		h.Add("heading", hd.Level, hd.ID, hd.Text, hd.Number)
	}
	c := d.Control
	h.Add("control", c.Version, c.Status, c.Owner.String(), c.Owner.Email, c.Approver.String(), c.Approver.Email, c.Classification, c.Effective, c.NextReview, c.ReviewMonths)
	for _, r := range d.History {
		h.Add("rev", r.Version, r.Date, r.Summary, r.Approver)
	}
	if a := c.Approval; a != nil {
		h.Add("approval", a.Version, a.Date, a.Approver.String())
	}
	return h.Sum()
}

// Key identifies what every page shows of the pack: the running heads, the
// navigation and the home page's summary.
func (p *Pack) Key() string {
	h := key.New().Add("pack", p.Org, p.Version, p.Date, p.DateLayout, p.Classification, p.Scope, p.Draft, p.LogoFile, p.Logo, p.Lang)
	if a := p.Release; a != nil {
		h.Add("release", a.Version, a.Date, a.Approver.String(), a.Summary)
	}
	for _, d := range p.Docs {
		h.Add("nav", d.ID, d.Title)
	}
	return h.Sum()
}
