package docx

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// writer writes one document's parts.
type writer struct {
	d   *document.Document
	p   *document.Pack
	o   Options
	src []byte
	// b is the part being written: document.xml, or for a moment the
	// header's or footer's paragraph.
	b *bytes.Buffer

	media  []*media
	images map[string]*media
	logo   *media
	// links are the external relationships of document.xml: URLs and
	// other documents' files, by target.
	links    map[string]string
	linkList []string
	// nums are the list instances of numbering.xml after the two shared
	// ones: each ordered list restarts at its own start.
	nums       []numInstance
	bookmark   int
	change     int
	numbers    map[*ast.Heading]markdown.Heading
	textWidth  int // twips
	pageW      int
	pageH      int
	marginTwip int
}

type numInstance struct {
	abstract, level, start int
}

func newWriter(d *document.Document, p *document.Pack, o Options) *writer {
	w := &writer{d: d, p: p, o: o, b: bodies.Get().(*bytes.Buffer), images: map[string]*media{}, links: map[string]string{}, marginTwip: 1134}
	w.pageW, w.pageH = pageSize(o.PageSize)
	w.textWidth = w.pageW - 2*w.marginTwip
	if d.MD != nil {
		w.src = d.MD.Source
		w.numbers = d.MD.HeadingsByNode()
	}
	if len(p.Logo) > 0 {
		w.logo = w.addImage(p.Logo)
	}
	return w
}

// bodies keeps the buffers document.xml is written into. A build writes
// dozens of Word files, and growing each document's buffer anew from
// nothing made several times its final size in garbage.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// release returns the writer's buffer for the next document. The bytes
// document returned are invalid from then on.
func (w *writer) release() {
	w.b.Reset()
	bodies.Put(w.b)
	w.b = nil
}

// document writes word/document.xml. The bytes are the writer's buffer:
// they stay valid until release.
func (w *writer) document() ([]byte, error) {
	w.b.WriteString(xmlHeader + `<w:document ` + nsMain + `><w:body>`)
	w.front()
	if w.d.MD != nil && w.d.MD.Root != nil {
		w.blocks(w.d.MD.Root, ctx{})
	}
	pgW, pgH := strconv.Itoa(w.pageW), strconv.Itoa(w.pageH)
	m := strconv.Itoa(w.marginTwip)
	w.b.WriteString(`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>` +
		`<w:pgSz w:w="` + pgW + `" w:h="` + pgH + `"/><w:pgMar w:top="1418" w:right="` + m + `" w:bottom="1418" w:left="` + m +
		`" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`)
	return w.b.Bytes(), nil
}

// front writes the title, the control block and the revision history.
func (w *writer) front() {
	d := w.d
	w.simplePara("Title", d.Title)
	if d.Summary != "" {
		w.simplePara("Subtitle", d.Summary)
	}
	front := d.Front(w.p)
	fields := front.Fields
	w.b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ControlBlock"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, c := range []int{18, 32, 18, 32} {
		w.b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w.textWidth*c/100) + `"/>`)
	}
	w.b.WriteString(`</w:tblGrid>`)
	for i := 0; i < len(fields); i += 2 {
		w.b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		for k := i; k < i+2; k++ {
			label, value := "", ""
			if k < len(fields) {
				label, value = fields[k].Label, fields[k].Value
			}
			w.cell(w.textWidth*18/100, "ControlLabel", label)
			w.cell(w.textWidth*32/100, "ControlValue", value)
		}
		w.b.WriteString(`</w:tr>`)
	}
	w.b.WriteString(`</w:tbl>`)
	if hist := front.History; len(hist.Rows) > 0 {
		w.simplePara("SectionLabel", hist.Title)
		w.b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ISMSTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
		cols := []int{12, 20, 43, 25}
		for _, c := range cols {
			w.b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(w.textWidth*c/100) + `"/>`)
		}
		w.b.WriteString(`</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>`)
		for i, h := range hist.Columns {
			w.cellShaded(w.textWidth*cols[i]/100, "TableHeading", h, headerFill)
		}
		w.b.WriteString(`</w:tr>`)
		for _, r := range hist.Rows {
			w.b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
			for i, v := range r {
				w.cell(w.textWidth*cols[i]/100, "TableText", v)
			}
			w.b.WriteString(`</w:tr>`)
		}
		w.b.WriteString(`</w:tbl>`)
	}
	w.simplePara("BodyText", "")
}

func (w *writer) cell(width int, style, text string) { w.cellShaded(width, style, text, "") }

// headerFill shades header cells directly as well as through the table
// style: LibreOffice ignores a table style's first-row formatting.
const headerFill = "0B3D62"

func (w *writer) cellShaded(width int, style, text, fill string) {
	w.tc(width, fill)
	w.simplePara(style, text)
	w.b.WriteString(`</w:tc>`)
}

// tc opens a table cell of width twips, shaded with fill if it is set.
func (w *writer) tc(width int, fill string) {
	w.b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="`)
	w.b.Write(strconv.AppendInt(w.b.AvailableBuffer(), int64(width), 10))
	w.b.WriteString(`" w:type="dxa"/>`)
	if fill != "" {
		w.b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="` + fill + `"/>`)
	}
	w.b.WriteString(`</w:tcPr>`)
}

// simplePara writes a paragraph of one plain run.
func (w *writer) simplePara(style, text string) {
	w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	if text != "" {
		w.b.WriteString(`<w:r><w:t xml:space="preserve">`)
		w.b.WriteString(escape(text))
		w.b.WriteString(`</w:t></w:r>`)
	}
	w.b.WriteString(`</w:p>`)
}

// ctx is where a block stands: in a list item, a quote, a table cell.
type ctx struct {
	// list is the numbering of the item's first paragraph, nil once it
	// is used; depth the list nesting.
	numID, ilvl int
	first       bool
	depth       int
	quote       bool
	cell        bool
	align       string
	// change is a redline mark inherited from an enclosing block (a
	// deleted table row).
	change markdown.Change
}

func (w *writer) blocks(n ast.Node, c ctx) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		w.block(ch, &c)
	}
}

func (w *writer) block(n ast.Node, c *ctx) {
	switch n := n.(type) {
	case *ast.Heading:
		w.heading(n)
	case *ast.Paragraph, *ast.TextBlock:
		w.paragraph(n, c)
	case *ast.ThematicBreak:
		w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="HorizontalRule"/></w:pPr></w:p>`)
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		w.code(n, c)
	case *ast.Blockquote:
		q := *c
		q.quote = true
		w.blocks(n, q)
	case *ast.List:
		w.list(n, c)
	case *east.Table:
		w.table(n)
	case *east.FootnoteList:
		w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="HorizontalRule"/></w:pPr></w:p>`)
		for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
			f, ok := fn.(*east.Footnote)
			if !ok {
				continue
			}
			first := true
			for b := f.FirstChild(); b != nil; b = b.NextSibling() {
				if first && (b.Kind() == ast.KindParagraph || b.Kind() == ast.KindTextBlock) {
					w.paraWith(b, "FootnoteText", "", strconv.Itoa(f.Index)+". ", c)
					first = false
					continue
				}
				w.block(b, c)
			}
		}
	case *ast.HTMLBlock:
		// Raw HTML is never passed through into an audited document.
	default:
		// A block kind this emitter does not know (a newer Markdown
		// extension): keep its content rather than lose text.
		switch {
		case n.Type() == ast.TypeBlock && n.HasChildren() && n.FirstChild().Type() == ast.TypeBlock:
			w.blocks(n, *c)
		case n.HasChildren():
			w.paragraph(n, c)
		default:
			if t := strings.TrimSpace(markdown.PlainText(n, w.src)); t != "" {
				w.simplePara("BodyText", t)
			}
		}
	}
}

func (w *writer) heading(n *ast.Heading) {
	level := min(max(n.Level, 1), 6)
	h := w.numbers[n]
	id := h.ID
	if id == "" {
		if v, ok := n.AttributeString("id"); ok {
			if b, ok := v.([]byte); ok {
				id = string(b)
			}
		}
	}
	prefix := ""
	if h.Number != "" {
		prefix = h.Number + "  "
	}
	w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Heading` + strconv.Itoa(level) + `"/>`)
	w.paraMark(markdown.ChangeOf(n))
	w.b.WriteString(`</w:pPr>`)
	if id != "" && markdown.ChangeOf(n) != markdown.Deleted {
		w.bookmark++
		bid := strconv.Itoa(w.bookmark)
		w.b.WriteString(`<w:bookmarkStart w:id="` + bid + `" w:name="` + BookmarkName(id) + `"/>`)
		w.runs(n, prefix, markdown.ChangeOf(n))
		w.b.WriteString(`<w:bookmarkEnd w:id="` + bid + `"/></w:p>`)
		return
	}
	w.runs(n, prefix, markdown.ChangeOf(n))
	w.b.WriteString(`</w:p>`)
}

// BookmarkName turns a heading ID into a Word bookmark name: letters,
// digits and underscores, starting with a letter, at most 40 characters.
// Links into the document, from itself or another file, use the same
// mapping.
func BookmarkName(id string) string {
	var b strings.Builder
	b.WriteString("h_")
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := b.String()
	if len(s) > 40 {
		// Keep names of long headings apart: a short hash of the whole ID.
		var h uint32 = 2166136261
		for i := 0; i < len(id); i++ {
			h = (h ^ uint32(id[i])) * 16777619
		}
		s = s[:31] + "_" + strconv.FormatUint(uint64(h), 36)
		if len(s) > 40 {
			s = s[:40]
		}
	}
	return s
}

func (w *writer) paragraph(n ast.Node, c *ctx) {
	style := "BodyText"
	switch {
	case c.cell:
		style = "TableText"
	case c.quote:
		style = "Quote"
	case c.depth > 0:
		style = "ListParagraph"
	}
	w.paraWith(n, style, "", "", c)
}

// paraWith writes a paragraph of n's inline content, with prefix text
// first (a footnote's number).
func (w *writer) paraWith(n ast.Node, style, extra, prefix string, c *ctx) {
	w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/>`)
	if c.depth > 0 && !c.cell {
		if c.first {
			w.b.WriteString(`<w:numPr><w:ilvl w:val="` + strconv.Itoa(c.ilvl) + `"/><w:numId w:val="` + strconv.Itoa(c.numID) + `"/></w:numPr>`)
			c.first = false
		} else {
			w.b.WriteString(`<w:ind w:left="` + strconv.Itoa(360*(c.depth+1)) + `"/>`)
		}
	}
	if c.align != "" {
		w.b.WriteString(`<w:jc w:val="` + c.align + `"/>`)
	}
	w.b.WriteString(extra)
	ch := markdown.ChangeOf(n)
	if ch == markdown.Unchanged || c.cell {
		// A cell keeps its paragraph whatever happens to the row; the
		// row carries the mark.
		ch = c.change
	}
	if !c.cell {
		w.paraMark(ch)
	}
	w.b.WriteString(`</w:pPr>`)
	w.runs(n, prefix, ch)
	w.b.WriteString(`</w:p>`)
}

// paraMark tracks a paragraph mark that a redline inserted or deleted, so
// that accepting the change also joins or drops the paragraph.
func (w *writer) paraMark(ch markdown.Change) {
	switch ch {
	case markdown.Inserted:
		w.b.WriteString(`<w:rPr>` + w.trackTag("ins", true) + `</w:rPr>`)
	case markdown.Deleted:
		w.b.WriteString(`<w:rPr>` + w.trackTag("del", true) + `</w:rPr>`)
	}
}

// trackTag opens (or, with empty, writes whole) a w:ins or w:del.
func (w *writer) trackTag(tag string, empty bool) string {
	w.change++
	s := `<w:` + tag + ` w:id="` + strconv.Itoa(w.change) + `" w:author="` + escape(w.author()) + `" w:date="` + xmlDate(w.date()) + `"`
	if empty {
		return s + `/>`
	}
	return s + `>`
}

// author signs tracked changes: Options.Track, else the document's owner.
func (w *writer) author() string {
	if w.o.Track.Author != "" {
		return w.o.Track.Author
	}
	if w.d.Control.Owner.Name != "" {
		return w.d.Control.Owner.Name
	}
	return "ismsforge"
}

func (w *writer) date() facts.Date {
	if !w.o.Track.Date.IsZero() {
		return w.o.Track.Date
	}
	return w.p.Date
}

func (w *writer) code(n ast.Node, c *ctx) {
	ch := markdown.ChangeOf(n)
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		line := strings.TrimRight(string(seg.Value(w.src)), "\r\n")
		w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="SourceCode"/>`)
		w.paraMark(ch)
		w.b.WriteString(`</w:pPr>`)
		r := run{}
		w.open(ch)
		w.text(line, r, ch == markdown.Deleted)
		w.close(ch)
		w.b.WriteString(`</w:p>`)
	}
}

func (w *writer) open(ch markdown.Change) {
	switch ch {
	case markdown.Inserted:
		w.b.WriteString(w.trackTag("ins", false))
	case markdown.Deleted:
		w.b.WriteString(w.trackTag("del", false))
	}
}

func (w *writer) close(ch markdown.Change) {
	switch ch {
	case markdown.Inserted:
		w.b.WriteString(`</w:ins>`)
	case markdown.Deleted:
		w.b.WriteString(`</w:del>`)
	}
}

func (w *writer) list(l *ast.List, c *ctx) {
	depth := c.depth
	ilvl := min(depth, 8)
	numID := 1 // bullets
	if l.IsOrdered() {
		w.nums = append(w.nums, numInstance{abstract: 2, level: ilvl, start: l.Start})
		numID = 2 + len(w.nums)
	}
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		ic := *c
		ic.depth, ic.ilvl, ic.numID, ic.first = depth+1, ilvl, numID, true
		for b := it.FirstChild(); b != nil; b = b.NextSibling() {
			w.block(b, &ic)
		}
		if ic.first {
			// An empty item still shows its number.
			w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="` + strconv.Itoa(ilvl) +
				`"/><w:numId w:val="` + strconv.Itoa(numID) + `"/></w:numPr></w:pPr></w:p>`)
		}
	}
}

func (w *writer) table(t *east.Table) {
	cols := len(t.Alignments)
	if cols == 0 {
		return
	}
	// Column widths follow the longest text of each column, as a
	// browser's automatic layout roughly does, with a floor.
	weights := make([]int, cols)
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		k := 0
		for cell := r.FirstChild(); cell != nil && k < cols; cell = cell.NextSibling() {
			text := markdown.PlainText(cell, w.src)
			weights[k] = max(weights[k], min(len(text), 60))
			for _, word := range strings.Fields(text) {
				// The longest word must fit unbroken (min-content).
				weights[k] = max(weights[k], min(len(word)+2, 24)*2)
			}
			k++
		}
	}
	total := 0
	for i := range weights {
		weights[i] = max(weights[i], 6)
		total += weights[i]
	}
	widths := make([]int, cols)
	for i := range weights {
		widths[i] = w.textWidth * weights[i] / total
	}
	w.b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ISMSTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, wd := range widths {
		w.b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(wd) + `"/>`)
	}
	w.b.WriteString(`</w:tblGrid>`)
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		header := r.Kind() == east.KindTableHeader
		rowCh := markdown.ChangeOf(r)
		w.b.WriteString(`<w:tr><w:trPr>`)
		if header {
			w.b.WriteString(`<w:tblHeader/>`)
		} else {
			w.b.WriteString(`<w:cantSplit/>`)
		}
		switch rowCh {
		case markdown.Inserted:
			w.b.WriteString(w.trackTag("ins", true))
		case markdown.Deleted:
			w.b.WriteString(w.trackTag("del", true))
		}
		w.b.WriteString(`</w:trPr>`)
		k := 0
		for cell := r.FirstChild(); cell != nil && k < cols; cell = cell.NextSibling() {
			style, fill := "TableText", ""
			if header {
				style, fill = "TableHeading", headerFill
			}
			w.tc(widths[k], fill)
			cc := &ctx{cell: true}
			switch t.Alignments[k] {
			case east.AlignCenter:
				cc.align = "center"
			case east.AlignRight:
				cc.align = "right"
			}
			if rowCh == markdown.Inserted || rowCh == markdown.Deleted {
				cc.change = rowCh
			}
			w.paraWith(cell, style, "", "", cc)
			w.b.WriteString(`</w:tc>`)
			k++
		}
		for ; k < cols; k++ {
			w.tc(widths[k], "")
			w.b.WriteString(`<w:p/></w:tc>`)
		}
		w.b.WriteString(`</w:tr>`)
	}
	w.b.WriteString(`</w:tbl>`)
	// Two tables in a row would merge into one in Word; a paragraph
	// after each keeps them apart and gives the space a table needs.
	w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="AfterTable"/></w:pPr></w:p>`)
}
