package pdf

import (
	"strconv"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
)

// The combined pack is a cover, a table of contents and then every
// document, painted from the layouts already made for the document PDFs:
// each document keeps its own running header, footer and "Page X of Y",
// as a controlled document should, and the table of contents gives the
// page numbers of the pack, which are the viewer's page numbers.

func (e *env) renderPack(p *document.Pack, layouts []*Layout, docPDFs [][]byte) ([]byte, error) {
	m := newMeasurer(e.fs)
	b := newBuilder("pack", "", nil, m, e.st, nil)
	coverBlocks := b.cover(p)
	hf := furniture{org: b.plain(p.Org, faceBold), class: b.plain(p.Classification, faceBold)}
	entries := b.tocEntries(p, layouts, e.st.PackContents == PackContentsSections)
	if err := diagErr(b.diags); err != nil {
		return nil, err
	}

	cover := &Layout{Width: e.pageW, Height: e.pageH}
	lo := e.newLayouter(cover, m)
	lo.f.anchor("cover")
	// A band of the accent color across the top edge and a thin one at
	// the foot frame the cover.
	lo.f.under(Box{Kind: KindFill, X: 0, Y: 0, W: e.pageW, H: 14, Color: e.st.AccentColor})
	lo.f.under(Box{Kind: KindFill, X: 0, Y: e.pageH - 6, W: e.pageW, H: 6, Color: e.st.AccentColor})
	lo.blocks(coverBlocks)
	if p.Draft {
		lo.watermark(cover.Pages[0], b.plain("DRAFT", faceBold))
	}
	cover.Pages = cover.Pages[:1] // the cover is one page by design

	// Lay the contents out with placeholder numbers to learn how many pages
	// it takes, then again with the real numbers. Numbers sit in a fixed
	// column, so the second pass breaks lines exactly like the first; should
	// it ever differ, the numbers are worked out again for the new length.
	var toc *Layout
	var starts []int
	for pass := 0; ; pass++ {
		toc = e.layoutTOC(entries, starts, m)
		next := packStarts(1+len(toc.Pages), layouts)
		if starts != nil && slicesEqual(next, starts) || pass == 3 {
			break
		}
		starts = next
	}
	total := 1 + len(toc.Pages)
	for _, l := range layouts {
		total += len(l.Pages)
	}
	// The furniture is drawn with a layouter of its own: one on toc would
	// start a page of its own, a blank page after the contents.
	flo := e.newLayouter(&Layout{Width: e.pageW, Height: e.pageH}, m)
	for i, pg := range toc.Pages {
		n := flo.plainRuns("Page " + strconv.Itoa(i+2) + " of " + strconv.Itoa(total))
		ver := flo.plainRuns("Document pack version " + p.Version)
		flo.furniturePage(pg, hf.org, flo.plainRuns("Contents"), hf.class, ver, nil, n, 0)
	}
	stamps := e.layoutStamps(layouts, starts, total, m)

	parts := []*part{{l: cover}, {l: toc}, {l: stamps, stamps: true}}
	names := map[string]bool{"cover": true, "contents": true}
	inPack := map[string]bool{}
	for i, d := range p.Docs {
		parts = append(parts, &part{l: layouts[i], doc: d.ID, prefix: true})
		inPack[d.ID] = true
		for _, a := range layouts[i].Anchors {
			names[destName(d.ID, a.Name)] = true
		}
	}
	link := func(pt *part, t *Target) string {
		if t.URL != "" {
			return actionURI(t.URL)
		}
		doc := t.Doc
		if doc == "" {
			doc = pt.doc
		}
		if !inPack[doc] {
			if t.Doc == "" {
				return ""
			}
			return actionGoToR(t.Doc+".pdf", t.Frag)
		}
		if n := destName(doc, t.Frag); names[n] {
			return actionGoTo(n)
		}
		if t.Doc == "" {
			return ""
		}
		return actionGoTo(destName(doc, ""))
	}
	outline := []outlineRef{{title: "Contents", level: 1, name: "contents", open: true}}
	for i, d := range p.Docs {
		l := layouts[i]
		outline = append(outline, outlineRef{title: strings.TrimSpace(d.Ref + " " + d.Title), level: 1, name: destName(d.ID, "")})
		top := minLevel(l.Outline)
		for _, o := range l.Outline {
			outline = append(outline, outlineRef{title: o.Title, level: o.Level - top + 2, name: destName(d.ID, o.Anchor), open: true})
		}
	}
	var refs []string
	for _, d := range p.Docs {
		if d.Ref != "" {
			refs = append(refs, d.Ref)
		}
	}
	meta := info{
		Title:    strings.TrimSpace(p.Org + " ISMS document pack"),
		Author:   p.Org,
		Subject:  "Information security management system (ISO/IEC 27001), version " + p.Version,
		Keywords: strings.Join(append([]string{"ISO/IEC 27001", "ISMS"}, refs...), ", "),
		Creator:  e.o.Creator,
		Producer: producer,
		Date:     p.Date.Time(),
	}
	return e.merge(parts, docPDFs, link, outline, meta)
}

// topItems are the outline items at the document's top level, which the
// table of contents lists under each document.
func topItems(items []OutlineItem) []OutlineItem {
	top := minLevel(items)
	var out []OutlineItem
	for _, o := range items {
		if o.Level == top {
			out = append(out, o)
		}
	}
	return out
}

// cover builds the cover page.
func (b *builder) cover(p *document.Pack) []block {
	st := b.st
	var out []block
	if len(p.Logo) > 0 {
		if info, err := normalizeImage(p.Logo); err == nil {
			out = append(out, &imageBlock{Data: info.data, W: info.w, H: info.h, MaxH: 70, Alt: p.Org + " logo"})
		} else {
			b.diags.Add(diag.Errorf(diag.Pos{File: "logo"}, "use a PNG or JPEG logo", "the organization's logo: %v", err))
		}
	}
	out = append(out, &spaceBlock{H: 150})
	center := func(s string, f face, size float64, color string) *paraBlock {
		return &paraBlock{Runs: b.plain(s, f), Size: size, Color: color, Align: alignCenter}
	}
	org := center(p.Org, faceBold, 28, st.AccentColor)
	org.Role = "H1"
	out = append(out,
		org,
		&spaceBlock{H: 6},
		center("Information Security Management System", faceRegular, 16, st.HeadingColor),
		center("ISO/IEC 27001 document pack", faceRegular, 12, st.MutedColor),
		&spaceBlock{H: 30},
	)
	if p.Draft {
		out = append(out, center("DRAFT — not approved for release", faceBold, 14, st.DraftColor), &spaceBlock{H: 20})
	}
	kv := func(k, v string) [][]run {
		if v == "" {
			v = "—"
		}
		return [][]run{b.plain(k, faceBold), b.plain(v, faceRegular)}
	}
	rows := [][][]run{
		kv("Version", p.Version),
		kv("Date", p.LongDate(p.Date)),
		kv("Classification", p.Classification),
		kv("Documents", strconv.Itoa(len(p.Docs))),
	}
	// The release: which version, approved by whom and when, with its
	// summary; a draft says it is not approved.
	if r := p.Release; r != nil {
		rows = append(rows, kv("Release", r.Version+", "+p.LongDate(r.Date)), kv("Approved by", r.Approver.String()))
		if r.Summary != "" {
			rows = append(rows, kv("Release notes", r.Summary))
		}
	} else {
		rows = append(rows, [][]run{b.plain("Release", faceBold), b.plain("Not approved", faceBold)})
	}
	out = append(out, &tableBlock{
		Align: []align{alignLeft, alignLeft}, Key: true, NoHeader: true, Header: make([][]run, 2), Center: true,
		Rows: rows,
	})
	if strings.TrimSpace(p.Scope) != "" {
		out = append(out, &spaceBlock{H: 14},
			&paraBlock{Runs: b.plain("Scope", faceBold), Color: st.HeadingColor, Role: "H2"},
			&paraBlock{Runs: b.plain(p.Scope, faceRegular)})
	}
	return out
}

// tocEntry is one line of the contents: a document (reference, title,
// version) or one of its top-level sections.
type tocEntry struct {
	doc     int    // index of the document
	id      string // its ID
	section bool
	ref     []run
	title   []run
	version []run
	anchor  string // the section's heading, "" for the document
	page    int    // 0-based page within the document
}

// tocEntries lists the documents and, with sections, their top-level
// headings, as checked runs.
func (b *builder) tocEntries(p *document.Pack, layouts []*Layout, sections bool) []tocEntry {
	var out []tocEntry
	for i, d := range p.Docs {
		e := tocEntry{doc: i, id: d.ID, ref: b.plain(d.Ref, faceBold), title: b.plain(d.Title, faceBold)}
		if v := d.Control.Version; v != "" {
			e.version = b.plain(v, faceRegular)
		}
		out = append(out, e)
		if !sections {
			continue
		}
		for _, o := range topItems(layouts[i].Outline) {
			pg := 0
			for _, a := range layouts[i].Anchors {
				if a.Name == o.Anchor {
					pg = a.Page
					break
				}
			}
			out = append(out, tocEntry{doc: i, id: d.ID, section: true, title: b.plain(o.Title, faceRegular), anchor: o.Anchor, page: pg})
		}
	}
	return out
}

// packStarts returns the first page (0-based) of each document in a pack
// whose documents start after front pages.
func packStarts(front int, layouts []*Layout) []int {
	starts := make([]int, len(layouts))
	page := front
	for i, l := range layouts {
		starts[i] = page
		page += len(l.Pages)
	}
	return starts
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// layoutTOC lays out the table of contents. starts holds the first pack
// page (0-based) of each document, or nil for the counting pass.
func (e *env) layoutTOC(entries []tocEntry, starts []int, m *measurer) *Layout {
	l := &Layout{Width: e.pageW, Height: e.pageH}
	lo := e.newLayouter(l, m)
	lo.f.anchor("contents")
	lo.heading(&headingBlock{Level: 1, Runs: []run{{Text: "Contents", Face: faceBold}}, NoOutline: true}, nil)
	prev := lo.open("TOC")
	defer lo.close(prev)
	size := lo.st.FontSize
	cols := tocColumns{
		num: lo.m.width(faceBold, size, "0000"),
		ver: lo.m.width(faceRegular, size, "Version"),
	}
	for _, en := range entries {
		if !en.section {
			cols.ref = max(cols.ref, lo.m.width(faceBold, size, runsText(en.ref)))
			cols.ver = max(cols.ver, lo.m.width(faceRegular, size, runsText(en.version)))
		}
	}
	// A long reference must not squeeze the titles into a sliver.
	cols.ref = min(cols.ref, lo.width*0.35)
	// Column heads say what the numbers are; to a screen reader, each
	// entry says it.
	headY := lo.f.y
	toc := lo.f.elem
	lo.f.setElem(0)
	lo.f.ensure(size * lo.st.LineHeight)
	ln := lo.wrap(lo.plainRuns("Version"), lo.st.SmallSize, 1e9)[0]
	lo.f.drawLine(&ln, lo.left+lo.width-cols.num-12-ln.w, lo.f.y, lo.st.MutedColor)
	pl := lo.wrap(lo.plainRuns("Page"), lo.st.SmallSize, 1e9)[0]
	lo.f.drawLine(&pl, lo.left+lo.width-pl.w, lo.f.y, lo.st.MutedColor)
	lo.f.y = headY + ln.h
	lo.f.setElem(toc)
	for _, en := range entries {
		num := "000"
		if starts != nil {
			num = strconv.Itoa(starts[en.doc] + en.page + 1)
		}
		if en.section {
			lo.tocLine(nil, en.title, nil, num, cols, &Target{Doc: en.id, Frag: en.anchor}, faceRegular)
			continue
		}
		lo.f.gap(size * 0.45)
		lo.tocLine(en.ref, en.title, en.version, num, cols, &Target{Doc: en.id}, faceBold)
	}
	return l
}

// tocColumns are the widths of the contents' fixed columns.
type tocColumns struct{ ref, ver, num float64 }

func runsText(rs []run) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// tocLine places one entry: the reference in its column (documents), the
// title wrapped before the version and page columns, dot leaders, the
// version and the page number, and a link over the whole entry.
func (lo *layouter) tocLine(ref, title, version []run, num string, cols tocColumns, t *Target, f face) {
	size := lo.st.FontSize
	const gap = 12.0
	x := lo.left + cols.ref + gap
	if ref == nil {
		x = lo.left + cols.ref + gap + lo.st.ListIndent
	}
	right := lo.left + lo.width - cols.num - gap - cols.ver - gap // where the title column ends
	lines := lo.wrap(title, size, right-x-gap)
	if len(lines) == 0 {
		return
	}
	h := linesHeight(lines)
	lo.f.ensure(h)
	top := lo.f.y
	prev := lo.open("TOCI")
	defer lo.close(prev)
	lo.f.setElem(lo.f.linkElem(t)) // the entry's text is its link's
	link := lo.f.elem
	if ref != nil {
		rl := lo.oneLine(ref, size, cols.ref)
		lo.f.drawLine(&rl, lo.left, lo.f.y, lo.st.TextColor)
		lo.f.spaceAfter()
	}
	for i := range lines {
		ln := &lines[i]
		lo.f.drawLine(ln, x, lo.f.y, lo.st.TextColor)
		if i == len(lines)-1 {
			lo.f.spaceAfter()
			base := lo.f.y + ln.base
			dotW := lo.m.width(faceRegular, size, ". ")
			from := x + ln.w + 6
			if n := int((right - from) / dotW); n > 0 {
				dots := strings.TrimSpace(strings.Repeat(". ", n))
				dw := lo.m.width(faceRegular, size, dots)
				lo.f.add(Box{Kind: KindText, X: right - dw, Y: base, W: dw,
					H: size, Text: dots, Font: faceRegular, Size: size, Color: lo.st.RuleColor, Elem: -1})
			}
			if version != nil {
				vl := lo.oneLine(version, size, cols.ver)
				lo.f.drawLine(&vl, lo.left+lo.width-cols.num-gap-vl.w, lo.f.y, lo.st.TextColor)
				lo.f.spaceAfter()
			}
			nw := lo.m.width(f, size, num)
			lo.f.add(Box{Kind: KindText, X: lo.left + lo.width - nw, Y: base, W: nw, H: size, Text: num, Font: f, Size: size, Color: lo.st.TextColor})
		}
		lo.f.y += ln.h
	}
	lo.f.add(Box{Kind: KindLink, X: lo.left, Y: top, W: lo.width, H: h, Link: t, Elem: link,
		Text: strings.TrimSpace(runsText(ref) + " " + runsText(title))})
	lo.f.y += 1.5
}

// layoutStamps lays out the pack's page number of every document page, one
// stamp page per document page, for the merger to print over the copied
// pages: the documents' own PDFs are painted once and copied into the
// pack, so what only the pack has is added on top.
func (e *env) layoutStamps(layouts []*Layout, starts []int, total int, m *measurer) *Layout {
	st := e.st
	size := st.FurnitureSize
	l := &Layout{Width: e.pageW, Height: e.pageH}
	for i, dl := range layouts {
		for j, pg := range dl.Pages {
			sp := &Page{}
			if pg.Folio != nil {
				text := packFolio(starts[i]+j+1, total) + folioGap
				w := m.width(faceRegular, size, text)
				sp.Boxes = append(sp.Boxes, Box{Kind: KindText, X: pg.Folio.X - w, Y: pg.Folio.Y, W: w, H: size,
					Text: text, Font: faceRegular, Size: size, Color: st.MutedColor}.rounded())
			}
			l.Pages = append(l.Pages, sp)
		}
	}
	return l
}
