package pdf

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // the logo and figures may be JPEG
	_ "image/png"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// builder walks one document's AST into blocks. Text is checked against
// the fonts here, where the source position is still known, so a missing
// character is reported at its line.
type builder struct {
	file    string // "<doc-id>.md", for diagnostics
	self    string // the document's ID, to recognise links to itself
	src     []byte
	lineOff []int // offsets of line starts in src
	m       *measurer
	st      Style
	image   func(string) ([]byte, error)
	numbers map[*ast.Heading]markdown.Heading
	diags   diag.List
	missing map[rune]bool
}

func newBuilder(file, self string, md *markdown.Doc, m *measurer, st Style, img func(string) ([]byte, error)) *builder {
	b := &builder{file: file, self: self, m: m, st: st, image: img, missing: map[rune]bool{}}
	if md != nil {
		b.src = md.Source
		b.numbers = md.HeadingsByNode()
	}
	b.lineOff = []int{0}
	for i, c := range b.src {
		if c == '\n' {
			b.lineOff = append(b.lineOff, i+1)
		}
	}
	return b
}

// line converts a source offset to a 1-based line; -1 means unknown.
func (b *builder) line(off int) int {
	if off < 0 || len(b.src) == 0 {
		return 0
	}
	return sort.Search(len(b.lineOff), func(i int) bool { return b.lineOff[i] > off })
}

// nodeOffset finds a source offset for a node, for diagnostics.
func nodeOffset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return -1
}

// style is the inline state while walking a paragraph.
type style struct {
	face   face
	strike bool
	under  bool
	link   *Target
	color  string
	size   float64
}

// appendText appends text t in face f and style st to runs, joining it to
// the last run when that has the same style.
func appendText(runs []run, t string, f face, st style) []run {
	if t == "" {
		return runs
	}
	if n := len(runs); n > 0 {
		p := &runs[n-1]
		if p.Face == f && p.Strike == st.strike && p.Under == st.under && p.Link == st.link && p.Color == st.color &&
			p.Size == st.size && !p.Sup && p.Check == 0 && !p.Break {
			p.Text += t
			return runs
		}
	}
	return append(runs, run{Text: t, Face: f, Strike: st.strike, Under: st.under, Link: st.link, Color: st.color, Size: st.size})
}

// text appends s to runs in style st, splitting it where a fallback face
// must supply a glyph and reporting characters that no font has.
func (b *builder) text(runs []run, s string, st style, off int) []run {
	// The run being collected is s[from:at] as long as no character of it
	// was replaced or dropped (lit), which is nearly always: then its text
	// is a substring of s and nothing is copied. Otherwise it is buf.
	var buf []byte
	from, at, lit := 0, 0, true
	curFace := st.face
	flush := func() {
		var t string
		if lit {
			t = s[from:at]
		} else {
			t = string(buf)
		}
		buf, lit = buf[:0], true
		runs = appendText(runs, t, curFace, st)
	}
	// edit leaves the literal substring for buf, before a change to it.
	edit := func() {
		if lit {
			buf = append(buf[:0], s[from:at]...)
			lit = false
		}
	}
	for i, r := range s {
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			size = 1
			if i+1 < len(s) {
				_, size = utf8.DecodeRuneInString(s[i:])
			}
		}
		orig := r
		switch r {
		case '\t', '\n', '\r', '\u00a0':
			r = ' '
		}
		if r < ' ' {
			edit()
			at = i + size
			continue
		}
		f, ok := b.m.fallback(st.face, r)
		if !ok {
			b.reportMissing(r, off+i)
			edit()
			at = i + size
			continue
		}
		if f != curFace {
			flush()
			curFace = f
			from, at = i, i
		}
		if r != orig || (orig == utf8.RuneError && size == 1) {
			edit()
		}
		if lit {
			at = i + size
		} else {
			buf = utf8.AppendRune(buf, r)
			at = i + size
		}
	}
	flush()
	return runs
}

func (b *builder) reportMissing(r rune, off int) {
	if b.missing[r] {
		return
	}
	b.missing[r] = true
	line := 0
	if off >= 0 {
		line = b.line(off)
	}
	d := diag.Errorf(diag.Pos{File: b.file, Line: line},
		"use a theme font that has this character, or replace it in the template",
		"character %q (U+%04X) is in none of the configured PDF fonts", r, r)
	b.diags.Add(d.WithSource(b.src).WithCode("pdf-missing-glyph"))
}

// plain checks a string that does not come from the Markdown (control
// block, furniture) and returns it as runs.
func (b *builder) plain(s string, f face) []run {
	return b.text(nil, s, style{face: f}, -1)
}

// blocks converts the children of n.
func (b *builder) blocks(n ast.Node) []block {
	var out []block
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, b.block(c)...)
	}
	return out
}

func (b *builder) block(n ast.Node) []block {
	switch n := n.(type) {
	case *ast.Heading:
		h := b.numbers[n]
		runs := b.inlines(nil, n, style{face: faceBold})
		title := strings.TrimSpace(markdown.PlainText(n, b.src))
		if h.Number != "" {
			runs = append(b.text(nil, h.Number+"  ", style{face: faceBold}, -1), runs...)
			title = h.Number + " " + title
		}
		id := h.ID
		if id == "" {
			if v, ok := n.AttributeString("id"); ok {
				if bs, ok := v.([]byte); ok {
					id = string(bs)
				}
			}
		}
		return []block{&headingBlock{Level: n.Level, Number: h.Number, ID: id, Runs: runs, Outline: title,
			Bar: markdown.ChangeOf(n) != markdown.Unchanged, NoOutline: markdown.ChangeOf(n) == markdown.Deleted}}
	case *ast.Paragraph, *ast.TextBlock:
		out := b.paragraph(n)
		if markdown.ChangeOf(n) != markdown.Unchanged {
			for _, blk := range out {
				if p, ok := blk.(*paraBlock); ok {
					p.Bar = true
				}
			}
		}
		return out
	case *ast.ThematicBreak:
		return []block{&ruleBlock{}}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		cb := b.code(n).(*codeBlock)
		cb.Bar = markdown.ChangeOf(n) != markdown.Unchanged
		return []block{cb}
	case *ast.Blockquote:
		return []block{&quoteBlock{Blocks: b.blocks(n)}}
	case *ast.List:
		l := &listBlock{Ordered: n.IsOrdered(), Start: n.Start, Tight: n.IsTight}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			item := listItem{Blocks: b.blocks(it)}
			if fc := it.FirstChild(); fc != nil {
				if _, ok := fc.FirstChild().(*east.TaskCheckBox); ok {
					item.Task = true
				}
			}
			l.Items = append(l.Items, item)
		}
		return []block{l}
	case *markdown.FancyList:
		l := &listBlock{Ordered: true, Start: n.Start, Tight: n.IsTight}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Markers = append(l.Markers, n.Marker(len(l.Items)))
			l.Items = append(l.Items, listItem{Blocks: b.blocks(it)})
		}
		return []block{l}
	case *markdown.PageBreak:
		return []block{&pageBreakBlock{}}
	case *east.Table:
		return []block{b.table(n)}
	case *east.FootnoteList:
		return b.footnotes(n)
	case *ast.HTMLBlock:
		// Raw HTML is never passed through: the PDF has no HTML engine and
		// a template must not smuggle markup into an audited document.
		return nil
	}
	// Unknown containers: keep their content rather than lose text.
	if n.Type() == ast.TypeBlock && n.HasChildren() {
		return b.blocks(n)
	}
	return nil
}

// paragraph converts a paragraph, splitting it around images, which are
// laid out as blocks of their own.
func (b *builder) paragraph(n ast.Node) []block {
	var out []block
	var runs []run
	flush := func() {
		if hasText(runs) {
			out = append(out, &paraBlock{Runs: trimRuns(runs)})
		}
		runs = nil
	}
	st := style{face: faceRegular}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if img, ok := c.(*ast.Image); ok {
			flush()
			if ib := b.imageBlock(img); ib != nil {
				out = append(out, ib)
			}
			continue
		}
		runs = b.inline(runs, c, st)
	}
	flush()
	return out
}

func hasText(runs []run) bool {
	for _, r := range runs {
		if strings.TrimSpace(r.Text) != "" || r.Check != 0 {
			return true
		}
	}
	return false
}

// trimRuns drops leading and trailing blanks of a paragraph.
func trimRuns(runs []run) []run {
	for len(runs) > 0 && runs[0].Check == 0 && strings.TrimSpace(runs[0].Text) == "" {
		runs = runs[1:]
	}
	for len(runs) > 0 && runs[len(runs)-1].Check == 0 && strings.TrimSpace(runs[len(runs)-1].Text) == "" && !runs[len(runs)-1].Sup {
		runs = runs[:len(runs)-1]
	}
	if len(runs) > 0 {
		runs[0].Text = strings.TrimLeft(runs[0].Text, " ")
		last := &runs[len(runs)-1]
		last.Text = strings.TrimRight(last.Text, " ")
		last.Break = false
	}
	return runs
}

func (b *builder) inlines(runs []run, n ast.Node, st style) []run {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		runs = b.inline(runs, c, st)
	}
	return runs
}

func (b *builder) inline(runs []run, n ast.Node, st style) []run {
	switch n := n.(type) {
	case *ast.Text:
		runs = b.text(runs, string(markdown.TextValue(n, b.src)), st, n.Segment.Start)
		switch {
		case n.HardLineBreak():
			if len(runs) > 0 {
				runs[len(runs)-1].Break = true
			}
		case n.SoftLineBreak():
			runs = b.text(runs, " ", st, -1)
		}
	case *ast.String:
		runs = b.text(runs, string(n.Value), st, nodeOffset(n.Parent()))
	case *ast.CodeSpan:
		cs := st
		cs.face = faceMono
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				runs = b.text(runs, string(t.Segment.Value(b.src)), cs, t.Segment.Start)
			case *ast.String:
				runs = b.text(runs, string(t.Value), cs, -1)
			}
		}
	case *ast.Emphasis:
		es := st
		es.face = st.face.with(n.Level >= 2, n.Level == 1 || n.Level >= 3)
		runs = b.inlines(runs, n, es)
	case *east.Strikethrough:
		ss := st
		ss.strike = true
		runs = b.inlines(runs, n, ss)
	case *ast.Link:
		ls := st
		if t := b.target(string(n.Destination)); t != nil {
			ls.link = t
			ls.color = b.st.LinkColor
		}
		runs = b.inlines(runs, n, ls)
	case *ast.AutoLink:
		ls := st
		label := string(n.Label(b.src))
		url := string(n.URL(b.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		ls.link = &Target{URL: url}
		ls.color = b.st.LinkColor
		runs = b.text(runs, label, ls, nodeOffset(n))
	case *ast.Image:
		// Images inside links or emphasis: keep the alternative text.
		runs = b.inlines(runs, n, st)
	case *east.TaskCheckBox:
		c := 1
		if n.IsChecked {
			c = 2
		}
		runs = append(runs, run{Check: c, Face: st.face})
	case *east.FootnoteLink:
		runs = append(runs, run{Text: strconv.Itoa(n.Index), Face: faceRegular, Sup: true,
			Link: &Target{Frag: footnoteAnchor(n.Index)}, Color: b.st.LinkColor})
	case *markdown.Insertion:
		is := st
		is.under, is.color = true, insColor
		runs = b.inlines(runs, n, is)
	case *markdown.Deletion:
		ds := st
		ds.strike, ds.color = true, delColor
		runs = b.inlines(runs, n, ds)
	case *east.FootnoteBacklink, *ast.RawHTML:
		// Backlinks are an HTML convenience; raw HTML is never passed
		// through.
	default:
		runs = b.inlines(runs, n, st)
	}
	return runs
}

func footnoteAnchor(i int) string { return "fn-" + strconv.Itoa(i) }

// target classifies a link destination. Links that are neither external,
// nor to a heading, nor to another document (a relative file, say) keep
// their text and lose the link, because the PDF cannot resolve them.
func (b *builder) target(dest string) *Target {
	switch {
	case markdown.IsExternal(dest):
		return &Target{URL: dest}
	case strings.HasPrefix(dest, "#") && len(dest) > 1:
		return &Target{Frag: dest[1:]}
	}
	if id, frag, ok := markdown.DocLink(dest); ok {
		if id == b.self {
			id = ""
			if frag == "" {
				return nil
			}
		}
		return &Target{Doc: id, Frag: frag}
	}
	return nil
}

func (b *builder) code(n ast.Node) block {
	cb := &codeBlock{}
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		s := strings.TrimRight(string(seg.Value(b.src)), "\r\n")
		s = expandTabs(s)
		var clean strings.Builder
		for j, r := range s {
			if r < ' ' {
				continue
			}
			if _, ok := b.m.fallback(faceMono, r); !ok {
				b.reportMissing(r, seg.Start+j)
				continue
			}
			clean.WriteRune(r)
		}
		cb.Lines = append(cb.Lines, clean.String())
	}
	return cb
}

// expandTabs expands tabs to stops every four columns, as editors show
// code.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var out strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			out.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		out.WriteRune(r)
		col++
	}
	return out.String()
}

func (b *builder) table(n *east.Table) block {
	t := &tableBlock{}
	for _, a := range n.Alignments {
		switch a {
		case east.AlignCenter:
			t.Align = append(t.Align, alignCenter)
		case east.AlignRight:
			t.Align = append(t.Align, alignRight)
		default:
			t.Align = append(t.Align, alignLeft)
		}
	}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		var cells [][]run
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			st := style{face: faceRegular}
			if _, ok := r.(*east.TableHeader); ok {
				st.face = faceBold
			}
			cells = append(cells, trimRuns(b.cell(nil, c, st)))
		}
		if _, ok := r.(*east.TableHeader); ok {
			t.Header = cells
		} else {
			t.Rows = append(t.Rows, cells)
			t.Bars = append(t.Bars, markdown.ChangeOf(r) != markdown.Unchanged)
		}
	}
	// A grid table without a "=" border has no header row.
	t.NoHeader = t.Header == nil
	cols := len(t.Align)
	norm := func(cells [][]run) [][]run {
		for len(cells) < cols {
			cells = append(cells, nil)
		}
		return cells[:cols]
	}
	t.Header = norm(t.Header)
	for i := range t.Rows {
		t.Rows[i] = norm(t.Rows[i])
	}
	return t
}

// cell converts the content of a table cell to runs. A GitHub table cell
// holds inlines; a grid table cell may hold one text block per line,
// paragraphs and lists, which become lines of the cell.
func (b *builder) cell(runs []run, n ast.Node, st style) []run {
	lineBreak := func() {
		if len(runs) > 0 {
			runs[len(runs)-1].Break = true
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.TextBlock:
			if c.PreviousSibling() != nil {
				if _, ok := c.PreviousSibling().(*ast.TextBlock); ok {
					runs = b.text(runs, " ", st, -1)
				} else {
					lineBreak()
				}
			}
			runs = b.inlines(runs, c, st)
		case *ast.Paragraph:
			if c.PreviousSibling() != nil {
				lineBreak()
			}
			runs = b.cell(runs, c, st)
		case *ast.List:
			if c.PreviousSibling() != nil {
				lineBreak()
			}
			i := 0
			for it := c.FirstChild(); it != nil; it, i = it.NextSibling(), i+1 {
				if i > 0 {
					lineBreak()
				}
				marker := "• "
				if c.IsOrdered() {
					marker = strconv.Itoa(c.Start+i) + ". "
				} else if _, ok := b.m.fallback(st.face, '•'); !ok {
					marker = "- "
				}
				runs = b.text(runs, marker, st, -1)
				runs = b.cell(runs, it, st)
			}
		default:
			runs = b.inline(runs, c, st)
		}
	}
	return runs
}

// footnotes lays the footnote definitions out as endnotes after a short
// rule, each anchored so that its reference links to it.
func (b *builder) footnotes(n *east.FootnoteList) []block {
	out := []block{&ruleBlock{}}
	for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
		f, ok := fn.(*east.Footnote)
		if !ok {
			continue
		}
		inner := b.blocks(f)
		label := run{Text: strconv.Itoa(f.Index) + ". ", Face: faceRegular}
		if len(inner) > 0 {
			if p, ok := inner[0].(*paraBlock); ok {
				p.Runs = append([]run{label}, p.Runs...)
				p.Anchor = footnoteAnchor(f.Index)
			} else {
				inner = append([]block{&paraBlock{Runs: []run{label}, Anchor: footnoteAnchor(f.Index)}}, inner...)
			}
		}
		for _, blk := range inner {
			if p, ok := blk.(*paraBlock); ok {
				p.Size = b.st.SmallSize
			}
		}
		out = append(out, inner...)
	}
	return out
}

// ImageProblem says why the PDF cannot embed an image, or returns "": the
// PDF takes PNG and JPEG images only.
func ImageProblem(data []byte) string {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	switch {
	case err != nil:
		return "not a PNG or JPEG image"
	case format != "png" && format != "jpeg":
		return fmt.Sprintf("%s images are not supported, only PNG and JPEG", format)
	case cfg.Width <= 0 || cfg.Height <= 0:
		return "the image has no pixels"
	}
	return ""
}

func (b *builder) imageBlock(n *ast.Image) block {
	dest := string(n.Destination)
	alt := b.inlines(nil, n, style{face: faceItalic, color: b.st.MutedColor})
	off := nodeOffset(n)
	if b.image == nil {
		// No resolver: the alternative text stands in for the picture.
		if hasText(alt) {
			return &paraBlock{Runs: trimRuns(alt), Color: b.st.MutedColor, Align: alignCenter}
		}
		return nil
	}
	data, err := b.image(dest)
	if err != nil {
		b.diags.Add(diag.Errorf(diag.Pos{File: b.file, Line: b.line(off)},
			"check the image path, relative to the project", "image %q: %v", dest, err).WithSource(b.src).WithCode("pdf-image"))
		return nil
	}
	info, err := normalizeImage(data)
	if err != nil {
		b.diags.Add(diag.Errorf(diag.Pos{File: b.file, Line: b.line(off)},
			"convert the image to PNG or JPEG", "image %q: %v", dest, err).WithSource(b.src).WithCode("pdf-image"))
		return nil
	}
	return &imageBlock{Data: info.data, W: info.w, H: info.h, Caption: trimRuns(alt), Alt: plainText(alt)}
}

// plainText is the text of runs, for alternative text.
func plainText(rs []run) string {
	var s strings.Builder
	for _, r := range rs {
		s.WriteString(r.Text)
	}
	return strings.TrimSpace(s.String())
}
