package html

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/ismsforge/ismsforge/engine/markdown"
)

// bodyRenderer renders one document's AST to HTML. It overrides goldmark's
// link and heading renderers: links to other documents ("x.md#y") become
// "x.html#y", and headings carry their number. It reads the AST and never
// changes it.
type bodyRenderer struct {
	doc *markdown.Doc
	// labels counts the table labels given so far, so that two tables
	// under one heading get distinct names.
	labels map[string]int
	// linkBase prefixes the links to other documents: "" on the site,
	// "../html/" on a redline page beside it.
	linkBase string
}

func (r *bodyRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(east.KindTableCell, r.tableCell)
	reg.Register(east.KindTable, r.table)
	// The change marks of a redline (see markdown.Insertion).
	reg.Register(markdown.KindInsertion, r.change("ins"))
	reg.Register(markdown.KindDeletion, r.change("del"))
	reg.Register(ast.KindCodeBlock, r.code)
	reg.Register(ast.KindFencedCodeBlock, r.code)
}

// table puts each table in a scrolling container, so that a wide SoA stays
// readable on a phone. The container is a labelled region that takes focus,
// so that keyboard users can scroll it too (WCAG 2.1.1); its name is the
// heading the table stands under. It replaces goldmark's table renderer, so
// it also opens the <tbody> that goldmark's row renderer closes for a grid
// table without a header row.
func (r *bodyRenderer) table(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</table></div>\n")
		return ast.WalkContinue, nil
	}
	label := "Table"
	for n := node.PreviousSibling(); n != nil; n = n.PreviousSibling() {
		if h, ok := n.(*ast.Heading); ok {
			if t := strings.TrimSpace(plainText(h, src)); t != "" {
				label = "Table: " + t
			}
			break
		}
	}
	if r.labels == nil {
		r.labels = map[string]int{}
	}
	r.labels[label]++
	if n := r.labels[label]; n > 1 {
		label += " (" + strconv.Itoa(n) + ")"
	}
	_, _ = w.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="`)
	_, _ = w.Write(util.EscapeHTML([]byte(label)))
	_, _ = w.WriteString("\"><table>\n")
	if fc := node.FirstChild(); fc != nil && fc.Kind() != east.KindTableHeader {
		_, _ = w.WriteString("<tbody>\n")
	}
	return ast.WalkContinue, nil
}

// plainText is the text of a node's inline content, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func (r *bodyRenderer) change(tag string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<" + tag + ">")
		} else {
			_, _ = w.WriteString("</" + tag + ">")
		}
		return ast.WalkContinue, nil
	}
}

// changeAttr writes a block's redline mark, if any.
func changeAttr(w util.BufWriter, n ast.Node) {
	if c := markdown.ChangeOf(n); c != markdown.Unchanged {
		_, _ = w.WriteString(` ` + markdown.ChangeAttr + `="` + c.String() + `"`)
	}
}

// code renders code blocks as goldmark does, with a redline's mark on the
// pre element.
func (r *bodyRenderer) code(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<pre")
	changeAttr(w, node)
	_, _ = w.WriteString("><code")
	if f, ok := node.(*ast.FencedCodeBlock); ok {
		if lang := f.Language(src); lang != nil {
			_, _ = w.WriteString(` class="language-`)
			_, _ = w.Write(util.EscapeHTML(lang))
			_ = w.WriteByte('"')
		}
	}
	_ = w.WriteByte('>')
	lines := node.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
	}
	return ast.WalkContinue, nil
}

// tableCell replaces goldmark's table cell renderer, which appends its
// text-align style to the node's attributes on every render: rendering the
// same AST twice (as watch mode does) gave "text-align:right;text-align:right".
func (r *bodyRenderer) tableCell(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	tag := "td"
	if n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader {
		tag = "th"
	}
	if !entering {
		_, _ = w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + tag)
	changeAttr(w, n)
	if n.Alignment != east.AlignNone {
		_, _ = w.WriteString(` style="text-align:` + n.Alignment.String() + `"`)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r *bodyRenderer) link(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	dest := string(n.Destination)
	if id, frag, ok := markdown.DocLink(dest); ok {
		dest = r.linkBase + id + ".html"
		if frag != "" {
			dest += "#" + frag
		}
	}
	href := util.URLEscape([]byte(dest), true)
	_, _ = w.WriteString(`<a href="`)
	if !ghtml.IsDangerousURL(href) {
		_, _ = w.Write(util.EscapeHTML(href))
	}
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(n.Title))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r *bodyRenderer) heading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	tag := "h" + string(rune('0'+n.Level))
	if !entering {
		_, _ = w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + tag)
	if id, ok := n.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			_, _ = w.WriteString(` id="`)
			_, _ = w.Write(util.EscapeHTML(b))
			_ = w.WriteByte('"')
		}
	}
	changeAttr(w, n)
	_ = w.WriteByte('>')
	if num := r.doc.NumberOf(n); num != "" {
		_, _ = w.WriteString(`<span class="num">` + num + `</span>`)
	}
	return ast.WalkContinue, nil
}

// BodyOptions configure Body.
type BodyOptions struct {
	// RawHTML passes raw HTML through; by default it is dropped.
	RawHTML bool
	// LinkBase is put before the links to other documents' pages, such as
	// "../html/" for a page outside the site's directory.
	LinkBase string
}

// Body renders a document body as the site does, without the page around
// it. A redline's change marks become ins and del elements and
// data-change attributes.
func Body(doc *markdown.Doc, o BodyOptions) ([]byte, error) {
	return renderBody(doc, o.RawHTML, o.LinkBase)
}

// renderBody renders a document body. rawHTML passes raw HTML through; by
// default it is dropped.
func renderBody(doc *markdown.Doc, rawHTML bool, linkBase string) ([]byte, error) {
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	if err := writeBody(buf, doc, rawHTML, linkBase); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// writeBody renders a document body into buf.
func writeBody(buf *bytes.Buffer, doc *markdown.Doc, rawHTML bool, linkBase string) error {
	pool := &bodyRenderers[0]
	if rawHTML {
		pool = &bodyRenderers[1]
	}
	k, ok := pool.Get().(*bodyKit)
	if !ok {
		k = newBodyKit(rawHTML)
	}
	defer pool.Put(k)
	*k.r = bodyRenderer{doc: doc, linkBase: linkBase}
	return k.md.Renderer().Render(buf, doc.Source, doc.Root)
}

// bodyKit is a goldmark instance with its body renderer, whose document
// is set for each render. goldmark.New sets up every parser of the
// extensions too, though only the renderer is used: building one for each
// page was about 9% of a page's CPU and of its allocation. They are
// kept in bodyRenderers, one pool for each raw HTML setting.
type bodyKit struct {
	md goldmark.Markdown
	r  *bodyRenderer
}

var bodyRenderers [2]sync.Pool

func newBodyKit(rawHTML bool) *bodyKit {
	k := &bodyKit{r: &bodyRenderer{}}
	ropts := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(k.r, 100))}
	if rawHTML {
		ropts = append(ropts, ghtml.WithUnsafe())
	}
	k.md = goldmark.New(goldmark.WithExtensions(markdown.Extensions()...), goldmark.WithRendererOptions(ropts...))
	return k
}

// buffers keeps the buffers pages and bodies are written into before they
// are copied out at their size: grown anew for every page, their growth
// was more than half of a page's allocation, several times the
// site's size.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuffer(b *bytes.Buffer) {
	b.Reset()
	buffers.Put(b)
}
