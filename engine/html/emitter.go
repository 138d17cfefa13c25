package html

import (
	"context"
	"path"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/gaps"
	"github.com/ismsforge/ismsforge/engine/internal/key"
)

// Emitter is the site as an output format: html/<id>.html for every
// document and generated page, then html/index.html, the stylesheet and the
// images the pages show.
type Emitter struct {
	Layouts Layouts
	CSS     []byte
	// Theme identifies the theme's files, for the watch cache.
	Theme   string
	RawHTML bool
	// Registers are the spreadsheets the home page links to.
	Registers []Link
	// The home page's summaries.
	SoA   SoASummary
	Gaps  gaps.Report
	Trace []TraceRow
}

// Name is "html".
func (e *Emitter) Name() string { return "html" }

// Begin parses the layouts.
func (e *Emitter) Begin(_ context.Context, b *document.Build) (document.Run, error) {
	site, err := NewSite(e.Layouts, Options{Generator: b.Generator, RawHTML: e.RawHTML, Downloads: b.Downloads, Registers: e.Registers})
	if err != nil {
		return nil, err
	}
	k := key.New().Add("html", b.Pack.Key(), e.Theme, e.RawHTML, b.Generator)
	for _, d := range b.Downloads {
		k.Add("download", d.Format, d.Label)
	}
	return &run{e: e, b: b, site: site, env: k.Sum()}, nil
}

type run struct {
	e    *Emitter
	b    *document.Build
	site *Site
	env  string
}

// Document makes a document's page, or takes it from the memo when neither
// the document nor what every page shows of the pack changed.
func (r *run) Document(_ context.Context, d *document.Document, m *document.Memo) ([]document.File, error) {
	k := key.New().Add("page", d.Key(), r.env).Sum()
	if files, ok := m.Reuse(k); ok {
		return files, nil
	}
	page, err := r.site.Document(r.b.Pack, d)
	if err != nil {
		return nil, err
	}
	files := []document.File{{Path: "html/" + d.ID + ".html", Data: page}}
	m.Keep(k, files)
	return files, nil
}

// Pack makes the home page, and adds the stylesheet and the images.
func (r *run) Pack(context.Context) ([]document.File, error) {
	index, err := r.site.Index(r.b.Pack, r.e.SoA, r.e.Gaps, r.e.Trace)
	if err != nil {
		return nil, err
	}
	files := []document.File{{Path: "html/index.html", Data: index}, {Path: "html/style.css", Data: r.e.CSS}}
	for dest, b := range r.b.Images {
		files = append(files, document.File{Path: "html/" + path.Clean(dest), Data: b})
	}
	return files, nil
}
