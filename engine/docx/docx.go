// Package docx emits a document as a Word file (WordprocessingML, ECMA-376),
// from the same parsed document the HTML and PDF emitters read.
//
// The file uses named styles only (Title, Heading 1 to 6, Body Text, List
// Paragraph, Quote, Source Code, the ISMS Table and Control Block table
// styles), so that an organization can restyle every document by attaching
// its own template, and Word's navigation pane and table of contents work
// from the real heading styles. The control block is a table, the running
// header and footer carry the organization, reference, classification and
// "Page X of Y" (PAGE and NUMPAGES fields), table header rows repeat on
// every page, links to other documents open their .docx beside it, and the
// logo and the document properties (title, author, version, status) are set.
//
// A redline (see markdown.Insertion) becomes tracked changes: w:ins and
// w:del with the author and date of Options.Track, which Word lets a
// reviewer accept or reject one by one.
//
// The WordprocessingML is written here rather than with a library:
// github.com/gomutex/godocx (evaluated) has no tracked changes, fields,
// bookmarks or internal links, and reads pictures from file paths; the
// parts ismsforge needs are a few hundred lines of XML. The zip is
// engine/bundle's canonical one, so the same inputs give the same bytes.
package docx

import (
	"bytes"
	"image"
	_ "image/jpeg" // the logo and figures may be JPEG
	_ "image/png"
	"strconv"
	"time"

	"github.com/ismsforge/ismsforge/engine/bundle"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// Options configure the emitter.
type Options struct {
	// Generator names the tool in the document properties.
	Generator string
	// PageSize is "a4" (the default) or "letter".
	PageSize string
	// Image resolves an image destination from the Markdown to PNG or
	// JPEG bytes; nil, or an error, prints the alternative text instead.
	Image func(dest string) ([]byte, error)
	// Track signs the tracked changes of a redline.
	Track Track
}

// Track is who made the changes of a redline, and when.
type Track struct {
	Author string
	Date   facts.Date
}

// Document renders one document as a .docx file. The pack gives the
// organization, classification, date and logo; p may be nil.
func Document(d *document.Document, p *document.Pack, o Options) ([]byte, error) {
	if p == nil {
		p = &document.Pack{}
	}
	w := newWriter(d, p, o)
	defer w.release()
	body, err := w.document()
	if err != nil {
		return nil, err
	}
	date := p.Date.Time()
	if date.IsZero() || date.Year() < 1980 {
		date = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	entries := []bundle.Entry{
		{Name: "[Content_Types].xml", Data: w.contentTypes()},
		{Name: "_rels/.rels", Data: []byte(packageRels)},
		{Name: "docProps/core.xml", Data: w.core()},
		{Name: "docProps/app.xml", Data: w.app()},
		{Name: "word/document.xml", Data: body},
		{Name: "word/styles.xml", Data: []byte(styles(p.Language()))},
		{Name: "word/settings.xml", Data: []byte(settingsXML)},
		{Name: "word/numbering.xml", Data: w.numbering()},
		{Name: "word/header1.xml", Data: w.header()},
		{Name: "word/footer1.xml", Data: w.footer()},
		{Name: "word/_rels/document.xml.rels", Data: w.rels()},
	}
	for _, m := range w.media {
		entries = append(entries, bundle.Entry{Name: "word/media/" + m.name, Data: m.data})
	}
	if w.logo != nil {
		entries = append(entries, bundle.Entry{Name: "word/_rels/header1.xml.rels", Data: w.headerRels()})
	}
	return bundle.Archive(entries, date)
}

// media is an image stored in the package.
type media struct {
	name, rel string
	data      []byte
	w, h      int // pixels
}

// addImage stores an image once and returns it; nil when it is not a PNG
// or JPEG.
func (w *writer) addImage(data []byte) *media {
	key := string(data)
	if m, ok := w.images[key]; ok {
		return m
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil
	}
	ext := "png"
	if format == "jpeg" {
		ext = "jpeg"
	}
	n := len(w.media) + 1
	m := &media{name: "image" + strconv.Itoa(n) + "." + ext, rel: "rIdImg" + strconv.Itoa(n), data: data, w: cfg.Width, h: cfg.Height}
	w.media = append(w.media, m)
	w.images[key] = m
	return m
}

// pageSize returns the page and margins in twentieths of a point.
func pageSize(s string) (w, h int) {
	switch s {
	case "letter", "Letter":
		return 12240, 15840
	}
	return 11906, 16838
}

// xmlDate is a date as the document properties and tracked changes write
// it.
func xmlDate(d facts.Date) string {
	if d.IsZero() {
		return "1980-01-01T00:00:00Z"
	}
	return d.Time().UTC().Format("2006-01-02") + "T00:00:00Z"
}
