package pdf

import (
	"strconv"
)

// layouter lays blocks out into a flow. One layouter serves one document.
type layouter struct {
	e      *env
	st     Style
	m      *measurer
	ts     *typesetter
	f      *flow
	l      *Layout
	left   float64 // the current column
	width  float64
	color  string // the current text color
	tight  bool   // inside a tight list
	depth  int    // list nesting
	tables map[*tableBlock]*tableGeom
	paras  map[paraKey][]line
}

func (e *env) newLayouter(l *Layout, m *measurer) *layouter {
	st := e.st
	lo := &layouter{e: e, st: st, m: m, ts: newTypesetter(m, st.LineHeight), l: l,
		left: st.Margins.Left, width: e.pageW - st.Margins.Left - st.Margins.Right, color: st.TextColor}
	lo.f = newFlow(l, st.Margins.Top, e.pageH-st.Margins.Bottom, e.fs.ascent, e.fs.descent)
	lo.f.setElem(lo.f.newElem("Document", 0))
	return lo
}

// open starts a structure element of type typ under the current one and
// returns the current one, for close.
func (lo *layouter) open(typ string) (prev int) {
	prev = lo.f.elem
	lo.f.setElem(lo.f.newElem(typ, prev))
	return prev
}

// close returns to the element open returned.
func (lo *layouter) close(prev int) { lo.f.setElem(prev) }

func (lo *layouter) wrap(runs []run, size, width float64) []line {
	return lo.ts.wrap(runs, size, width, lo.e.fs.ascent, lo.e.fs.descent, false)
}

// paraLines wraps a paragraph at the current width, hyphenating justified
// text. The lines are kept, since a heading before the paragraph measures
// them first to decide whether it fits on the page.
func (lo *layouter) paraLines(p *paraBlock) []line {
	k := paraKey{p, lo.width}
	if ls, ok := lo.paras[k]; ok {
		return ls
	}
	just := p.Align == alignJustify || p.Align == alignLeft && lo.st.Justify
	ls := lo.ts.wrap(p.Runs, lo.paraSize(p), lo.width, lo.e.fs.ascent, lo.e.fs.descent, just)
	if lo.paras == nil {
		lo.paras = map[paraKey][]line{}
	}
	lo.paras[k] = ls
	return ls
}

type paraKey struct {
	p *paraBlock
	w float64
}

func (lo *layouter) blocks(bs []block) {
	for i, b := range bs {
		lo.block(b, bs[i+1:])
	}
}

func (lo *layouter) spacing() float64 {
	if lo.tight {
		return lo.st.FontSize * 0.15
	}
	return lo.st.ParagraphSpacing
}

func (lo *layouter) block(b block, rest []block) {
	switch b := b.(type) {
	case *headingBlock:
		lo.heading(b, rest)
	case *paraBlock:
		lo.para(b)
	case *listBlock:
		lo.list(b)
	case *quoteBlock:
		lo.quote(b)
	case *codeBlock:
		lo.code(b)
	case *ruleBlock:
		lo.rule()
	case *imageBlock:
		lo.image(b)
	case *tableBlock:
		lo.table(b)
	case *titleBlock:
		lo.title(b)
	case *spaceBlock:
		lo.f.gap(b.H)
	case *pageBreakBlock:
		if !lo.f.fresh {
			lo.f.newPage()
		}
	}
}

func (lo *layouter) headingSize(level int) float64 {
	return lo.st.HeadingSizes[min(max(level, 1), 6)-1]
}

func (lo *layouter) heading(h *headingBlock, rest []block) {
	size := lo.headingSize(h.Level)
	lines := lo.wrap(h.Runs, size, lo.width)
	lo.f.gap(size * 0.9)
	// Keep with next: the heading moves to the next page unless the start
	// of what follows fits under it.
	need := linesHeight(lines) + size*0.35 + lo.firstNeed(rest)
	lo.f.ensure(min(need, lo.f.maxPageHeight))
	if h.ID != "" {
		lo.f.anchor(h.ID)
	}
	if !h.NoOutline {
		lo.l.Outline = append(lo.l.Outline, OutlineItem{Title: h.Outline, Level: h.Level, Anchor: h.ID})
	}
	lo.barIf(h.Bar)
	prev := lo.open("H" + strconv.Itoa(min(max(h.Level, 1), 6)))
	for i := range lines {
		lo.f.placeLine(&lines[i], lo.left, lo.width, alignLeft, lo.st.HeadingColor, lo.ts)
	}
	lo.close(prev)
	lo.f.bar = 0
	lo.f.gap(size * 0.35)
}

func linesHeight(ls []line) float64 {
	h := 0.0
	for _, l := range ls {
		h += l.h
	}
	return h
}

// firstNeed is the height of the start of rest that must share a page
// with a heading before it: at least two lines of what follows, and more
// when the paragraph rules would not let those two lines stay alone (a
// paragraph of three lines cannot be split at all).
func (lo *layouter) firstNeed(rest []block) float64 {
	h, _ := lo.lead(rest, 2)
	if h == 0 {
		return lo.st.FontSize * lo.st.LineHeight
	}
	return h
}

// lead measures the start of blocks up to want lines, as the pagination
// rules would place them, and returns the height and the lines counted.
func (lo *layouter) lead(blocks []block, want int) (float64, int) {
	h, got := 0.0, 0
	for i, b := range blocks {
		if got >= want {
			break
		}
		switch b := b.(type) {
		case *paraBlock:
			ls := lo.paraLines(b)
			n := len(ls)
			take := n
			if n > 2*minLines-1 {
				take = max(minLines, want-got)
			}
			h += linesHeight(ls[:min(take, n)])
			got += take
			if got < want {
				h += lo.spacing()
			}
		case *headingBlock:
			size := lo.headingSize(b.Level)
			hh, g := lo.lead(blocks[i+1:], want-got)
			return h + size*1.25 + size*lo.st.LineHeight + hh, got + g
		case *listBlock:
			saveLeft, saveW := lo.left, lo.width
			lo.left, lo.width = lo.left+lo.st.ListIndent, lo.width-lo.st.ListIndent
			for _, it := range b.Items {
				hh, g := lo.lead(it.Blocks, want-got)
				h += hh
				got += g
				if got >= want {
					break
				}
			}
			lo.left, lo.width = saveLeft, saveW
		case *quoteBlock:
			hh, g := lo.lead(b.Blocks, want-got)
			h += hh
			got += g
		case *codeBlock:
			lh := lo.st.CodeSize * lo.st.LineHeight
			n := len(b.Lines)
			take := n
			if n > 2*minLines-1 {
				take = minLines
			}
			return h + float64(take)*lh + 10, want
		case *imageBlock:
			_, ih := lo.imageSize(b)
			return h + ih, want
		case *tableBlock:
			return h + lo.tableFirstNeed(b), want
		}
	}
	return h, got
}

// minLines is the fewest lines of a paragraph or code block left at the
// foot of a page or carried to the top of the next (no orphans, no
// widows).
const minLines = 2

func (lo *layouter) paraSize(p *paraBlock) float64 {
	if p.Size > 0 {
		return p.Size
	}
	return lo.st.FontSize
}

func (lo *layouter) para(p *paraBlock) {
	lines := lo.paraLines(p)
	if len(lines) == 0 {
		return
	}
	al := p.Align
	if al == alignLeft && lo.st.Justify {
		al = alignJustify
	}
	color := p.Color
	if color == "" {
		color = lo.color
	}
	anchored := p.Anchor == ""
	role := p.Role
	if role == "" {
		role = "P"
	}
	prev := lo.open(role)
	defer lo.close(prev)
	lo.barIf(p.Bar)
	for i := 0; i < len(lines); {
		take := lo.f.split(lines[i:])
		if take == 0 {
			lo.f.newPage()
			continue
		}
		if !anchored {
			lo.f.anchor(p.Anchor)
			anchored = true
		}
		for j := i; j < i+take; j++ {
			lo.f.placeLine(&lines[j], lo.left, lo.width, al, color, lo.ts)
		}
		i += take
		if i < len(lines) {
			lo.f.newPage()
		}
	}
	lo.f.bar = 0
	lo.f.gap(lo.spacing())
}

var bullets = []string{"•", "◦", "▪", "–"}

func (lo *layouter) list(l *listBlock) {
	size := lo.st.FontSize
	saveLeft, saveW, saveTight := lo.left, lo.width, lo.tight
	lo.depth++
	defer func() {
		lo.depth--
		lo.left, lo.width, lo.tight = saveLeft, saveW, saveTight
	}()
	lo.tight = l.Tight
	// The indent fits the widest number, so "100." does not touch its text.
	indent := lo.st.ListIndent
	switch {
	case l.Markers != nil:
		for _, m := range l.Markers {
			indent = max(indent, lo.m.width(faceRegular, size, m)+size*0.6)
		}
	case l.Ordered:
		last := strconv.Itoa(l.Start+len(l.Items)-1) + "."
		indent = max(indent, lo.m.width(faceRegular, size, last)+size*0.6)
	}
	lo.left, lo.width = saveLeft+indent, saveW-indent
	prevL := lo.open("L")
	defer lo.close(prevL)
	for i, it := range l.Items {
		prevLI := lo.open("LI")
		var label string
		switch {
		case it.Task:
		case l.Markers != nil:
			label = l.Markers[i]
		case l.Ordered:
			label = strconv.Itoa(l.Start+i) + "."
		default:
			label = bullets[(lo.depth-1)%len(bullets)]
			if !lo.m.has(faceRegular, []rune(label)[0]) {
				label = "-"
			}
		}
		if label != "" {
			w := lo.m.width(faceRegular, size, label)
			lo.f.marker = &marker{boxes: []Box{{Kind: KindText, X: lo.left - w - size*0.45, W: w, H: size,
				Text: label, Font: faceRegular, Size: size, Color: lo.color, Elem: lo.f.newElem("Lbl", lo.f.elem)}}}
		}
		prevB := lo.open("LBody")
		lo.blocks(it.Blocks)
		if lo.f.marker != nil { // an item without text: put the marker where it would have been
			lo.f.ensure(size * lo.st.LineHeight)
			lo.f.drawLine(&line{base: size}, 0, lo.f.y, lo.color)
			lo.f.y += size * lo.st.LineHeight
		}
		lo.close(prevB)
		lo.close(prevLI)
	}
	lo.tight = saveTight
	if lo.depth == 1 || !saveTight {
		lo.f.gap(lo.spacing())
	}
}

func (lo *layouter) quote(q *quoteBlock) {
	saveLeft, saveW, saveColor := lo.left, lo.width, lo.color
	lo.f.gap(2)
	lo.f.openFrame(&frame{x: lo.left, bar: lo.st.QuoteBarColor})
	lo.left += 12
	lo.width -= 12
	lo.color = lo.st.QuoteColor
	prev := lo.open("BlockQuote")
	lo.blocks(q.Blocks)
	lo.close(prev)
	lo.f.closeFrame()
	lo.left, lo.width, lo.color = saveLeft, saveW, saveColor
	lo.f.gap(lo.st.ParagraphSpacing)
}

// barIf turns on the change bar, in the left margin, for the lines placed
// next.
func (lo *layouter) barIf(on bool) {
	if on {
		lo.f.bar = lo.st.Margins.Left - 10
	}
}

func (lo *layouter) code(c *codeBlock) {
	size := lo.st.CodeSize
	pad := 5.0
	lh := size * lo.st.LineHeight
	inner := lo.width - 2*pad
	lo.f.gap(2)
	lo.f.ensure(min(float64(len(c.Lines)), 2)*lh + 2*pad)
	lo.f.openFrame(&frame{x: lo.left, w: lo.width, fill: lo.st.CodeBackground})
	prev := lo.open("Code")
	defer lo.close(prev)
	lo.f.y += pad
	base := (lh-(lo.e.fs.ascent+lo.e.fs.descent)*size)/2 + lo.e.fs.ascent*size
	for _, src := range c.Lines {
		// Long lines wrap at the character that would cross the margin.
		cont := false
		for first := true; first || src != ""; first = false {
			cut, w := lo.fitPrefix(faceMono, size, src, inner)
			lo.f.ensure(lh)
			if c.Bar {
				lo.f.changeBar(lo.st.Margins.Left-10, lo.f.y, lh)
			}
			if cut > 0 {
				lo.f.add(Box{Kind: KindText, X: lo.left + pad, Y: lo.f.y + base, W: w, H: size, Text: src[:cut],
					Font: faceMono, Size: size, Color: lo.color, Cont: cont})
			}
			// The next part continues a word when the cut fell inside one.
			cont = cut < len(src) && src[cut] != ' ' && src[cut-1] != ' '
			lo.f.y += lh
			src = src[cut:]
		}
	}
	lo.f.y += pad
	lo.f.closeFrame()
	lo.f.gap(lo.st.ParagraphSpacing)
}

// fitPrefix returns how many bytes of s fit in width, at least one rune.
func (lo *layouter) fitPrefix(f face, size float64, s string, width float64) (int, float64) {
	w := 0.0
	for i, r := range s {
		rw := float64(lo.m.units(f, r)) * size / 1000
		if w+rw > width+eps && i > 0 {
			return i, w
		}
		w += rw
	}
	return len(s), w
}

func (lo *layouter) rule() {
	lo.f.gap(lo.st.ParagraphSpacing)
	lo.f.ensure(1)
	lo.f.add(Box{Kind: KindLine, X: lo.left, Y: lo.f.y, W: lo.width, Color: lo.st.RuleColor, LineWidth: 0.6})
	lo.f.gap(lo.st.ParagraphSpacing + 1)
}

// imageSize is the drawn size: 96 dpi, at most the column wide and most of
// a page tall.
func (lo *layouter) imageSize(b *imageBlock) (w, h float64) {
	w = float64(b.W) * 0.75
	h = float64(b.H) * 0.75
	if w > lo.width {
		h *= lo.width / w
		w = lo.width
	}
	maxH := lo.f.maxPageHeight * 0.8
	if b.MaxH > 0 {
		maxH = min(maxH, b.MaxH)
	}
	if h > maxH {
		w *= maxH / h
		h = maxH
	}
	return w, h
}

func (lo *layouter) image(b *imageBlock) {
	w, h := lo.imageSize(b)
	lo.f.gap(2)
	lo.f.ensure(h)
	idx := len(lo.l.Images)
	lo.l.Images = append(lo.l.Images, b.Data)
	// A figure with alternative text is a Figure element; one without is
	// taken for decoration, an artifact, as PDF/UA asks.
	el := 0
	if b.Alt != "" {
		el = lo.f.newElem("Figure", lo.f.elem)
		lo.l.Struct[el-1].Alt = b.Alt
	}
	prev := lo.f.elem
	lo.f.setElem(el)
	lo.f.add(Box{Kind: KindImage, X: lo.left + (lo.width-w)/2, Y: lo.f.y, W: w, H: h, Image: idx})
	lo.f.setElem(prev)
	lo.f.y += h
	if len(b.Caption) > 0 {
		lo.f.gap(3)
		prev := lo.open("Caption")
		for _, ln := range lo.wrap(b.Caption, lo.st.SmallSize, lo.width) {
			lo.f.placeLine(&ln, lo.left, lo.width, alignCenter, lo.st.MutedColor, lo.ts)
		}
		lo.close(prev)
	}
	lo.f.gap(lo.st.ParagraphSpacing)
}

func (lo *layouter) title(t *titleBlock) {
	prev := lo.open("H1")
	for _, ln := range lo.wrap(t.Runs, lo.st.TitleSize, lo.width) {
		lo.f.placeLine(&ln, lo.left, lo.width, alignLeft, lo.st.AccentColor, lo.ts)
	}
	lo.close(prev)
	if len(t.Sub) > 0 {
		prev := lo.open("P")
		for _, ln := range lo.wrap(t.Sub, lo.st.FontSize, lo.width) {
			lo.f.placeLine(&ln, lo.left, lo.width, alignLeft, lo.st.MutedColor, lo.ts)
		}
		lo.close(prev)
	}
	lo.f.y += 4
	lo.f.add(Box{Kind: KindLine, X: lo.left, Y: lo.f.y, W: lo.width, Color: lo.st.AccentColor, LineWidth: 1.5})
	lo.f.y += 12
}
