package pdf

import (
	"bytes"
	"image"
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
	titles := make([][]run, len(p.Docs))
	heads := make([][][]run, len(p.Docs))
	for i, d := range p.Docs {
		titles[i] = b.plain(strings.TrimSpace(d.Ref+"   "+d.Title), faceBold)
		for _, o := range topItems(layouts[i].Outline) {
			heads[i] = append(heads[i], b.plain(o.Title, faceRegular))
		}
	}
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

	// Lay the contents out once with placeholder numbers to learn how many
	// pages it takes, then again with the real numbers. Numbers sit in a
	// fixed column, so the second pass breaks lines exactly like the first.
	toc := e.layoutTOC(p, layouts, titles, heads, nil, m)
	starts := make([]int, len(p.Docs))
	page := 1 + len(toc.Pages)
	for i, l := range layouts {
		starts[i] = page
		page += len(l.Pages)
	}
	toc = e.layoutTOC(p, layouts, titles, heads, starts, m)
	tlo := e.newLayouter(toc, m)
	for i, pg := range toc.Pages {
		n := lo.plainRuns("Page " + strconv.Itoa(i+2))
		ver := lo.plainRuns("Document pack version " + p.Version)
		tlo.furniturePage(pg, hf.org, lo.plainRuns("Contents"), hf.class, ver, nil, n)
	}

	parts := []*part{{l: cover}, {l: toc}}
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
		if cfg, format, err := image.DecodeConfig(bytes.NewReader(p.Logo)); err == nil && (format == "png" || format == "jpeg") {
			out = append(out, &imageBlock{Data: p.Logo, W: cfg.Width, H: cfg.Height, MaxH: 70})
		} else {
			b.diags.Add(diag.Errorf(diag.Pos{File: "logo"}, "use a PNG or JPEG logo", "the organization's logo is not a PNG or JPEG image"))
		}
	}
	out = append(out, &spaceBlock{H: 150})
	center := func(s string, f face, size float64, color string) *paraBlock {
		return &paraBlock{Runs: b.plain(s, f), Size: size, Color: color, Align: alignCenter}
	}
	out = append(out,
		center(p.Org, faceBold, 28, st.AccentColor),
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
	out = append(out, &tableBlock{
		Align: []align{alignLeft, alignLeft}, Key: true, NoHeader: true, Header: make([][]run, 2), Center: true,
		Rows: [][][]run{
			kv("Version", p.Version),
			kv("Date", p.LongDate(p.Date)),
			kv("Classification", p.Classification),
			kv("Documents", strconv.Itoa(len(p.Docs))),
		},
	})
	if strings.TrimSpace(p.Scope) != "" {
		out = append(out, &spaceBlock{H: 14},
			&paraBlock{Runs: b.plain("Scope", faceBold), Color: st.HeadingColor},
			&paraBlock{Runs: b.plain(p.Scope, faceRegular)})
	}
	return out
}

// layoutTOC lays out the table of contents. starts holds the first pack
// page (0-based) of each document, or nil for the counting pass.
func (e *env) layoutTOC(p *document.Pack, layouts []*Layout, titles [][]run, heads [][][]run, starts []int, m *measurer) *Layout {
	l := &Layout{Width: e.pageW, Height: e.pageH}
	lo := e.newLayouter(l, m)
	lo.f.anchor("contents")
	lo.heading(&headingBlock{Level: 1, Runs: []run{{Text: "Contents", Face: faceBold}}, NoOutline: true}, nil)
	numW := lo.m.width(faceBold, lo.st.FontSize, "0000") + 6
	for i, d := range p.Docs {
		num := func(pg int) string {
			if starts == nil {
				return "000"
			}
			return strconv.Itoa(starts[i] + pg + 1)
		}
		lo.f.gap(lo.st.FontSize * 0.5)
		lo.tocEntry(titles[i], num(0), 0, numW, &Target{Doc: d.ID}, faceBold)
		for j, o := range topItems(layouts[i].Outline) {
			pg := 0
			for _, a := range layouts[i].Anchors {
				if a.Name == o.Anchor {
					pg = a.Page
					break
				}
			}
			lo.tocEntry(heads[i][j], num(pg), lo.st.ListIndent*1.5, numW, &Target{Doc: d.ID, Frag: o.Anchor}, faceRegular)
		}
	}
	return l
}

// tocEntry places one entry: its title wrapped before the number column,
// dot leaders, the page number, and a link over the whole entry.
func (lo *layouter) tocEntry(title []run, num string, indent, numW float64, t *Target, f face) {
	size := lo.st.FontSize
	x := lo.left + indent
	w := lo.width - indent - numW
	lines := lo.wrap(title, size, w-12)
	if len(lines) == 0 {
		return
	}
	h := linesHeight(lines)
	lo.f.ensure(h)
	top := lo.f.y
	for i := range lines {
		ln := &lines[i]
		lo.f.drawLine(ln, x, lo.f.y, lo.st.TextColor)
		if i == len(lines)-1 {
			base := lo.f.y + ln.base
			dotW := lo.m.width(faceRegular, size, ". ")
			from := x + ln.w + 6
			to := lo.left + lo.width - numW
			if n := int((to - from) / dotW); n > 0 {
				dots := strings.TrimSpace(strings.Repeat(". ", n))
				lo.f.add(Box{Kind: KindText, X: to - lo.m.width(faceRegular, size, dots), Y: base, W: lo.m.width(faceRegular, size, dots),
					H: size, Text: dots, Font: faceRegular, Size: size, Color: lo.st.RuleColor})
			}
			nw := lo.m.width(f, size, num)
			lo.f.add(Box{Kind: KindText, X: lo.left + lo.width - nw, Y: base, W: nw, H: size, Text: num, Font: f, Size: size, Color: lo.st.TextColor})
		}
		lo.f.y += ln.h
	}
	lo.f.add(Box{Kind: KindLink, X: x, Y: top, W: lo.left + lo.width - x, H: h, Link: t})
	lo.f.y += 1.5
}
