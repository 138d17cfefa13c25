package docx

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/ismsforge/ismsforge/engine/markdown"
)

// run is the character formatting of the text being written.
type run struct {
	bold, italic, strike, code, sup, link bool
}

func (r run) props() string {
	var b strings.Builder
	switch {
	case r.link:
		b.WriteString(`<w:rStyle w:val="Hyperlink"/>`)
	case r.code:
		b.WriteString(`<w:rStyle w:val="VerbatimChar"/>`)
	}
	if r.bold {
		b.WriteString(`<w:b/>`)
	}
	if r.italic {
		b.WriteString(`<w:i/>`)
	}
	if r.strike {
		b.WriteString(`<w:strike/>`)
	}
	if r.sup {
		b.WriteString(`<w:vertAlign w:val="superscript"/>`)
	}
	if b.Len() == 0 {
		return ""
	}
	return `<w:rPr>` + b.String() + `</w:rPr>`
}

// runs writes n's inline content as runs, after prefix.
func (w *writer) runs(n ast.Node, prefix string, _ markdown.Change) {
	if prefix != "" {
		w.text(prefix, run{}, false)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c, run{}, false)
	}
}

// text writes one run; deleted text is w:delText, as Word requires inside
// w:del.
func (w *writer) text(s string, r run, deleted bool) {
	s = clean(s)
	if s == "" {
		return
	}
	tag := "w:t"
	if deleted {
		tag = "w:delText"
	}
	w.b.WriteString(`<w:r>` + r.props() + `<` + tag + ` xml:space="preserve">`)
	w.b.WriteString(escape(s))
	w.b.WriteString(`</` + tag + `></w:r>`)
}

func (w *writer) inline(n ast.Node, r run, deleted bool) {
	switch n := n.(type) {
	case *ast.Text:
		w.text(string(markdown.TextValue(n, w.src)), r, deleted)
		switch {
		case n.HardLineBreak():
			w.b.WriteString(`<w:r><w:br/></w:r>`)
		case n.SoftLineBreak():
			w.text(" ", r, deleted)
		}
	case *ast.String:
		w.text(string(n.Value), r, deleted)
	case *ast.CodeSpan:
		cr := r
		cr.code = true
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(w.src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		w.text(b.String(), cr, deleted)
	case *ast.Emphasis:
		er := r
		if n.Level >= 2 {
			er.bold = true
		}
		if n.Level == 1 || n.Level >= 3 {
			er.italic = true
		}
		w.inlines(n, er, deleted)
	case *east.Strikethrough:
		sr := r
		sr.strike = true
		w.inlines(n, sr, deleted)
	case *ast.Link:
		w.link(string(n.Destination), func(lr run) { w.inlines(n, lr, deleted) }, r)
	case *ast.AutoLink:
		url := string(n.URL(w.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		label := string(n.Label(w.src))
		w.link(url, func(lr run) { w.text(label, lr, deleted) }, r)
	case *ast.Image:
		w.image(n, r, deleted)
	case *east.TaskCheckBox:
		box := "☐ "
		if n.IsChecked {
			box = "☒ "
		}
		w.text(box, r, deleted)
	case *east.FootnoteLink:
		fr := r
		fr.sup = true
		w.text(strconv.Itoa(n.Index), fr, deleted)
	case *east.FootnoteBacklink, *ast.RawHTML:
		// Backlinks are an HTML convenience; raw HTML never passes.
	case *markdown.Insertion:
		w.b.WriteString(w.trackTag("ins", false))
		w.inlines(n, r, deleted)
		w.b.WriteString(`</w:ins>`)
	case *markdown.Deletion:
		w.b.WriteString(w.trackTag("del", false))
		w.inlines(n, r, true)
		w.b.WriteString(`</w:del>`)
	default:
		// An inline kind this emitter does not know: keep its text.
		w.inlines(n, r, deleted)
	}
}

func (w *writer) inlines(n ast.Node, r run, deleted bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.inline(c, r, deleted)
	}
}

// link writes a hyperlink: to a heading of this document by bookmark, to
// another document of the pack by its .docx beside this one (at the
// heading's bookmark), anywhere else by URL. A destination it cannot
// follow (a relative file) keeps its text and loses the link.
func (w *writer) link(dest string, body func(run), r run) {
	lr := r
	lr.link = true
	switch {
	case markdown.IsExternal(dest):
		w.b.WriteString(`<w:hyperlink r:id="` + w.linkRel(dest) + `" w:history="1">`)
	case strings.HasPrefix(dest, "#") && len(dest) > 1:
		w.b.WriteString(`<w:hyperlink w:anchor="` + BookmarkName(dest[1:]) + `" w:history="1">`)
	default:
		id, frag, ok := markdown.DocLink(dest)
		if !ok {
			body(r)
			return
		}
		switch {
		case id == w.d.ID && frag == "":
			body(r)
			return
		case id == w.d.ID:
			w.b.WriteString(`<w:hyperlink w:anchor="` + BookmarkName(frag) + `" w:history="1">`)
		default:
			anchor := ""
			if frag != "" {
				anchor = ` w:anchor="` + BookmarkName(frag) + `"`
			}
			w.b.WriteString(`<w:hyperlink r:id="` + w.linkRel(id+".docx") + `"` + anchor + ` w:history="1">`)
		}
	}
	body(lr)
	w.b.WriteString(`</w:hyperlink>`)
}

// linkRel returns the relationship ID of an external target.
func (w *writer) linkRel(target string) string {
	if id, ok := w.links[target]; ok {
		return id
	}
	id := "rIdLink" + strconv.Itoa(len(w.linkList)+1)
	w.links[target] = id
	w.linkList = append(w.linkList, target)
	return id
}

// emuPerPixel is an image pixel at 96 dpi in English Metric Units.
const emuPerPixel = 9525

func (w *writer) image(n *ast.Image, r run, deleted bool) {
	alt := strings.TrimSpace(markdown.PlainText(n, w.src))
	var m *media
	if w.o.Image != nil {
		if data, err := w.o.Image(string(n.Destination)); err == nil {
			m = w.addImage(data)
		}
	}
	if m == nil {
		w.text(alt, run{italic: true}, deleted)
		return
	}
	cx, cy := int64(m.w)*emuPerPixel, int64(m.h)*emuPerPixel
	maxW := int64(w.textWidth) * 635 // twips to EMU
	if cx > maxW {
		cy = cy * maxW / cx
		cx = maxW
	}
	w.b.WriteString(`<w:r>` + r.props())
	w.drawing(m, cx, cy, alt)
	w.b.WriteString(`</w:r>`)
}

// drawing writes an inline picture.
func (w *writer) drawing(m *media, cx, cy int64, alt string) {
	w.bookmark++
	id := strconv.Itoa(w.bookmark)
	x, y := strconv.FormatInt(cx, 10), strconv.FormatInt(cy, 10)
	w.b.WriteString(`<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="` + x + `" cy="` + y + `"/>` +
		`<wp:docPr id="` + id + `" name="Picture ` + id + `" descr="` + escape(alt) + `"/>` +
		`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
		`<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="` + id + `" name="` + m.name + `"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + m.rel + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="` + x + `" cy="` + y + `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>` +
		`</a:graphicData></a:graphic></wp:inline></w:drawing>`)
}
