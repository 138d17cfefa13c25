package pdf

import (
	"strconv"
	"unicode/utf8"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
)

// layoutDocument runs the first two steps for one document: blocks, then
// boxes, then the page furniture once the page count is known.
func (e *env) layoutDocument(d *document.Document, p *document.Pack) (*Layout, error) {
	m := newMeasurer(e.fs)
	b := newBuilder(d.ID+".md", d.ID, d.MD, m, e.st, e.o.Image)
	blocks := b.front(d, p)
	if d.MD != nil && d.MD.Root != nil {
		blocks = append(blocks, b.blocks(d.MD.Root)...)
	}
	fu := b.furnitureText(d, p)
	if err := diagErr(b.diags); err != nil {
		return nil, err
	}
	l := &Layout{Doc: d.ID, Width: e.pageW, Height: e.pageH}
	lo := e.newLayouter(l, m)
	lo.f.anchor(docStart)
	lo.blocks(blocks)
	lo.furnish(fu, d.IsDraft())
	return l, nil
}

// docStart is the anchor of a document's first page.
const docStart = ""

func diagErr(l diag.List) error {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	}
	return l
}

// front is what precedes the Markdown on the first page: the title, the
// document control block and the revision history.
func (b *builder) front(d *document.Document, p *document.Pack) []block {
	val := func(s string) []run { return b.plain(s, faceRegular) }
	key := func(s string) []run { return b.plain(s, faceBold) }
	// The control block's labels and values, and the revision history,
	// come from the document model, which every format shares; two fields
	// to a row.
	ctl := &tableBlock{
		Align: []align{alignLeft, alignLeft, alignLeft, alignLeft}, Key: true, NoHeader: true,
		Header: make([][]run, 4),
	}
	front := d.Front(p)
	fields := front.Fields
	for i := 0; i < len(fields); i += 2 {
		row := [][]run{key(fields[i].Label), val(fields[i].Value), nil, nil}
		if i+1 < len(fields) {
			row[2], row[3] = key(fields[i+1].Label), val(fields[i+1].Value)
		}
		ctl.Rows = append(ctl.Rows, row)
	}
	title := &titleBlock{Runs: b.plain(d.Title, faceBold)}
	if d.Summary != "" {
		title.Sub = b.plain(d.Summary, faceItalic)
	}
	out := []block{title, ctl}
	if hist := front.History; len(hist.Rows) > 0 {
		h := &tableBlock{Align: make([]align, len(hist.Columns))}
		for _, c := range hist.Columns {
			h.Header = append(h.Header, key(c))
		}
		for _, r := range hist.Rows {
			var cells [][]run
			for _, v := range r {
				cells = append(cells, val(v))
			}
			h.Rows = append(h.Rows, cells)
		}
		out = append(out,
			&headingBlock{Level: 3, ID: "revision-history", Runs: b.plain(hist.Title, faceBold),
				Outline: hist.Title, NoOutline: true},
			h)
	}
	return append(out, &spaceBlock{H: 8})
}

// furniture is the checked text of the running header and footer.
type furniture struct {
	org, title, class []run
	ref, version      []run
	draft             []run
}

func (b *builder) furnitureText(d *document.Document, p *document.Pack) furniture {
	class := d.Control.Classification
	org := ""
	if p != nil {
		org = p.Org
		if class == "" {
			class = p.Classification
		}
	}
	fu := furniture{
		org:   b.plain(org, faceBold),
		title: b.plain(d.Title, faceRegular),
		class: b.plain(class, faceBold),
		ref:   b.plain(d.Ref, faceRegular),
	}
	if d.Control.Version != "" {
		fu.version = b.plain("Version "+d.Control.Version, faceRegular)
	}
	if d.IsDraft() {
		fu.draft = b.plain("DRAFT", faceBold)
	}
	return fu
}

// furnish adds the running header, the footer with "Page X of Y" and the
// draft band to every page, now that the page count is known.
func (lo *layouter) furnish(fu furniture, draft bool) {
	n := len(lo.l.Pages)
	lo.f.setElem(0) // furniture is an artifact of pagination
	// Room is kept left of "Page X of Y" for the combined pack's own page
	// number, so the centre text never runs into it.
	reserve := lo.m.width(faceRegular, lo.st.FurnitureSize, packFolio(9999, 9999)+folioGap)
	for i, pg := range lo.l.Pages {
		page := lo.plainRuns("Page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(n))
		pg.Folio = lo.furniturePage(pg, fu.org, fu.title, fu.class, fu.ref, fu.version, page, reserve)
		if draft && fu.draft != nil {
			lo.watermark(pg, fu.draft)
		}
	}
}

// plainRuns is for text we generate from digits and ASCII words, which
// every font has.
func (lo *layouter) plainRuns(s string) []run { return []run{{Text: s, Face: faceRegular}} }

// furniturePage draws a header (left, centre, right) and a footer (left,
// centre, right) on pg, keeping reserve points free left of the footer's
// right text, and returns where that text starts.
func (lo *layouter) furniturePage(pg *Page, hl, hc, hr, fl, fc, fr []run, reserve float64) *Point {
	st := lo.st
	size := st.FurnitureSize
	left := st.Margins.Left
	width := lo.e.pageW - st.Margins.Left - st.Margins.Right
	save, saveElem := lo.f.pg, lo.f.elem
	lo.f.pg = pg
	lo.f.setElem(0) // an artifact of pagination
	defer func() { lo.f.pg = save; lo.f.setElem(saveElem) }()
	headTop := st.Margins.Top - 30
	lo.slots(hl, hc, hr, left, width, headTop, size, 0)
	lo.f.add(Box{Kind: KindLine, X: left, Y: st.Margins.Top - 14, W: width, Color: st.RuleColor, LineWidth: 0.5})
	footY := lo.e.pageH - st.Margins.Bottom + 16
	lo.f.add(Box{Kind: KindLine, X: left, Y: footY, W: width, Color: st.RuleColor, LineWidth: 0.5})
	return lo.slots(fl, fc, fr, left, width, footY+6, size, reserve)
}

// slots places three texts left, centred and right on one line, shortening
// the centre one so that it never overlaps the others (nor reserve points
// left of the right one), and returns where the right one starts.
func (lo *layouter) slots(l, c, r []run, x, width, top, size, reserve float64) *Point {
	ll := lo.oneLine(l, size, width/3)
	rl := lo.oneLine(r, size, width/3)
	room := width - 2*max(ll.w, rl.w+reserve) - 24
	cl := lo.oneLine(c, size, room)
	color := lo.st.MutedColor
	lo.f.drawLine(&ll, x, top, color)
	lo.f.drawLine(&cl, x+(width-cl.w)/2, top, color)
	lo.f.drawLine(&rl, x+width-rl.w, top, color)
	return &Point{X: r2(x + width - rl.w), Y: r2(top + rl.base)}
}

// packFolio is the combined pack's page number, printed beside each
// document's own "Page X of Y".
func packFolio(page, total int) string {
	return "Pack page " + strconv.Itoa(page) + " of " + strconv.Itoa(total)
}

// folioGap separates the pack's page number from the document's.
const folioGap = "  ·  "

// oneLine lays runs out on a single line no wider than width, cutting the
// text with an ellipsis when needed.
func (lo *layouter) oneLine(runs []run, size, width float64) line {
	for {
		ls := lo.wrap(runs, size, 1e9)
		if len(ls) == 0 {
			return line{h: size}
		}
		if ls[0].w <= width || len(runs) == 0 {
			return ls[0]
		}
		runs = shorten(runs)
	}
}

// shorten drops the last character before a trailing ellipsis.
func shorten(runs []run) []run {
	runs = append([]run(nil), runs...)
	for len(runs) > 0 {
		last := &runs[len(runs)-1]
		t := last.Text
		if len(t) >= len("…") && t[len(t)-len("…"):] == "…" {
			t = t[:len(t)-len("…")]
		}
		if t == "" {
			runs = runs[:len(runs)-1]
			continue
		}
		_, n := utf8.DecodeLastRuneInString(t)
		last.Text = t[:len(t)-n] + "…"
		return runs
	}
	return runs
}

// watermark marks a draft page with a band across the top edge, in the
// margin above the running header. A diagonal watermark over the text was
// tried first: it breaks text extraction (pdftotext interleaves its letters
// with table cells), and auditors copy text out of these files.
func (lo *layouter) watermark(pg *Page, word []run) {
	size := lo.st.FurnitureSize + 1
	h := size * 2.2
	text := ""
	f := faceBold
	for _, r := range word {
		text += r.Text
		f = r.Face
	}
	text += " — NOT APPROVED FOR RELEASE"
	w := lo.m.width(f, size, text)
	pg.Under = append(pg.Under, Box{Kind: KindFill, X: 0, Y: 0, W: lo.e.pageW, H: h, Color: lo.st.DraftColor}.rounded())
	pg.Boxes = append(pg.Boxes, Box{Kind: KindText, X: (lo.e.pageW - w) / 2, Y: h/2 + size*0.35, W: w, H: size, Text: text,
		Font: f, Size: size, Color: "#ffffff"}.rounded())
}
