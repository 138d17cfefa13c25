// Package html emits the browsable HTML site of a pack: one page per
// document and a home page with the register, the SoA summary and the
// clause-to-document traceability. Pages are offline (no CDN, no required
// script), valid HTML5, readable on a phone and printable. Site makes the
// pages from the theme's layouts; Emitter is the site as one of the pack's
// output formats (see document.Emitter).
package html

import (
	"bytes"
	"fmt"
	htemplate "html/template"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/gaps"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/registers"
)

// Layouts are the theme's page templates, read by the caller from the
// layered theme files.
type Layouts struct {
	Base, Document, Index []byte
	// Names say where each came from, for error messages.
	BaseName, DocumentName, IndexName string
}

// Site makes the pages of the site from the theme's layouts. It is safe for
// concurrent use.
type Site struct {
	doc, index *htemplate.Template
	generator  string
	rawHTML    bool
	downloads  []document.Download
	registers  []Link
}

// Options configure a Site.
type Options struct {
	// Generator names the tool and version in the pages' footer and meta.
	Generator string
	// RawHTML passes raw HTML in templates through to the pages.
	RawHTML bool
	// Downloads are the other forms of each document the pack holds; each
	// page links to them, the printable ones first.
	Downloads []document.Download
	// Registers are the spreadsheets the home page links to.
	Registers []Link
}

// Link is a labelled hyperlink.
type Link struct{ Label, Href string }

// printable orders the download links: a reader looks for the PDF first,
// then the Word file, then the Markdown; other formats follow in build
// order.
var printable = []string{"pdf", "docx", "md"}

var pageFuncs = htemplate.FuncMap{
	"title": func(s string) string {
		if s == "" {
			return s
		}
		return strings.ToUpper(s[:1]) + s[1:]
	},
}

// NewSite parses the layouts.
func NewSite(l Layouts, o Options) (*Site, error) {
	parse := func(name string, page []byte, pageName string) (*htemplate.Template, error) {
		t, err := htemplate.New(name).Funcs(pageFuncs).Parse(string(l.Base))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.BaseName, err)
		}
		if _, err := t.Parse(string(page)); err != nil {
			return nil, fmt.Errorf("%s: %w", pageName, err)
		}
		return t, nil
	}
	doc, err := parse("document", l.Document, l.DocumentName)
	if err != nil {
		return nil, err
	}
	index, err := parse("index", l.Index, l.IndexName)
	if err != nil {
		return nil, err
	}
	downloads := slices.Clone(o.Downloads)
	rank := func(f string) int {
		if i := slices.Index(printable, f); i >= 0 {
			return i
		}
		return len(printable)
	}
	slices.SortStableFunc(downloads, func(a, b document.Download) int { return rank(a.Format) - rank(b.Format) })
	return &Site{doc: doc, index: index, generator: o.Generator, rawHTML: o.RawHTML, downloads: downloads, registers: o.Registers}, nil
}

// NavItem is one entry of the document list in the sidebar.
type NavItem struct {
	Href, Title string
	Current     bool
}

// TOCEntry is a heading listed in a document's table of contents.
type TOCEntry struct {
	ID, Text, Number string
	Level            int
}

type docPage struct {
	Pack *document.Pack
	Doc  *document.Document
	// Front is the document's control block and revision history, with
	// the labels and values every format prints.
	Front     document.Front
	Body      htemplate.HTML
	TOC       []TOCEntry
	Nav       []NavItem
	Generator string
	// Downloads link the document's other forms: PDF, Word, Markdown.
	Downloads []Link
}

// navLimit is the largest pack whose every page lists every document. A
// bigger pack's pages link to the register instead: listing a thousand
// documents on each of a thousand pages would make the site grow with the
// square of its size.
const navLimit = 150

func nav(p *document.Pack, current string) []NavItem {
	if len(p.Docs) > navLimit {
		return []NavItem{{Href: "index.html#register", Title: fmt.Sprintf("Document register (%d documents)", len(p.Docs))}}
	}
	items := make([]NavItem, len(p.Docs))
	for i, d := range p.Docs {
		items[i] = NavItem{Href: d.ID + ".html", Title: d.Title, Current: d.ID == current}
	}
	return items
}

// toc lists the document's two shallowest heading levels.
func toc(md *markdown.Doc) []TOCEntry {
	top := 7
	for _, h := range md.Headings {
		top = min(top, h.Level)
	}
	var out []TOCEntry
	for _, h := range md.Headings {
		if h.Level <= top+1 {
			out = append(out, TOCEntry{ID: h.ID, Text: h.Text, Number: h.Number, Level: h.Level - top + 1})
		}
	}
	return out
}

// Document makes the page of one document.
func (e *Site) Document(p *document.Pack, d *document.Document) ([]byte, error) {
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	if err := writeBody(buf, d.MD, e.rawHTML, ""); err != nil {
		return nil, fmt.Errorf("html %s: %w", d.ID, err)
	}
	page := docPage{Pack: p, Doc: d, Front: d.Front(p), Body: htemplate.HTML(buf.String()), TOC: toc(d.MD), Nav: nav(p, d.ID), Generator: e.generator}
	for _, dl := range e.downloads {
		page.Downloads = append(page.Downloads, Link{Label: dl.Label, Href: "../" + dl.Path(d.ID)})
	}
	buf.Reset()
	if err := e.doc.ExecuteTemplate(buf, "base", page); err != nil {
		return nil, fmt.Errorf("document layout: %w", err)
	}
	return endLine(bytes.Clone(buf.Bytes())), nil
}

// The home page's summaries are the registers' (see engine/registers).
type (
	SoASummary = registers.SoASummary
	ThemeCount = registers.ThemeCount
	TraceRow   = registers.TraceRow
)

type indexPage struct {
	packPage
	SoA   SoASummary
	Gaps  gaps.Report
	Trace []TraceRow
	// Registers link the registers as spreadsheets.
	Registers []Link
}

// packPage is what every page of the pack that is not a document shows.
type packPage struct {
	Pack      *document.Pack
	Nav       []NavItem
	Generator string
}

// Href returns the page of a document of the pack, or "" when the pack does
// not hold it, so that pages link only to pages that exist.
func (p packPage) Href(id string) string {
	for _, d := range p.Pack.Docs {
		if d.ID == id {
			return d.ID + ".html"
		}
	}
	return ""
}

// Index makes the pack's home page.
func (e *Site) Index(p *document.Pack, soa SoASummary, g gaps.Report, trace []TraceRow) ([]byte, error) {
	page := indexPage{packPage: packPage{Pack: p, Nav: nav(p, ""), Generator: e.generator}, SoA: soa, Gaps: g, Trace: trace, Registers: e.registers}
	var buf bytes.Buffer
	if err := e.index.ExecuteTemplate(&buf, "base", page); err != nil {
		return nil, fmt.Errorf("index layout: %w", err)
	}
	return endLine(buf.Bytes()), nil
}

// endLine makes a page end with a newline, as text files should.
func endLine(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] != '\n' {
		b = append(b, '\n')
	}
	return b
}
