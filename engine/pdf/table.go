package pdf

// Tables follow the browser's automatic table layout: every column has a
// min-content width (its widest word) and a max-content width (its longest
// cell on one line); the text width is shared out between the two, so
// short columns stay narrow and long justifications get the room. Rows
// break across pages with the header repeated, and a row taller than a page
// is split line by line rather than overflowing the bottom margin.

type tableGeom struct {
	widths  []float64
	header  [][]line
	headerH float64
	rows    [][][]line
	rowH    []float64
	width   float64
}

func (lo *layouter) tableGeom(t *tableBlock) *tableGeom {
	if g, ok := lo.tables[t]; ok {
		return g
	}
	size := lo.st.tableSize()
	pad := lo.st.CellPadding
	cols := len(t.Align)
	mins := make([]float64, cols)
	maxs := make([]float64, cols)
	// Each cell is split into words once: the words give the columns'
	// widths, then are wrapped at them.
	measure := func(cells [][]run) [][]word {
		out := make([][]word, len(cells))
		for c, cell := range cells {
			out[c] = lo.ts.tokenize(cell, size)
			least, most := minMax(out[c])
			mins[c] = max(mins[c], least+2*pad)
			maxs[c] = max(maxs[c], most+2*pad)
		}
		return out
	}
	var header [][]word
	if !t.NoHeader {
		header = measure(t.Header)
	}
	rows := make([][][]word, len(t.Rows))
	for i, r := range t.Rows {
		rows[i] = measure(r)
	}
	g := &tableGeom{widths: distribute(mins, maxs, lo.width)}
	for _, w := range g.widths {
		g.width += w
	}
	wrapRow := func(cells [][]word) ([][]line, float64) {
		out := make([][]line, cols)
		h := 0.0
		for c, words := range cells {
			out[c] = lo.ts.wrapWords(words, size, g.widths[c]-2*pad, lo.e.fs.ascent, lo.e.fs.descent, false)
			h = max(h, linesHeight(out[c]))
		}
		return out, h + 2*pad
	}
	if !t.NoHeader {
		g.header, g.headerH = wrapRow(header)
	}
	for _, r := range rows {
		ls, h := wrapRow(r)
		g.rows = append(g.rows, ls)
		g.rowH = append(g.rowH, h)
	}
	if lo.tables == nil {
		lo.tables = map[*tableBlock]*tableGeom{}
	}
	lo.tables[t] = g
	return g
}

// distribute shares avail between columns as CSS automatic table layout
// does. A table whose content is fairly wide is stretched to the full text
// width, which reads better in a printed document than a ragged edge.
func distribute(mins, maxs []float64, avail float64) []float64 {
	n := len(mins)
	w := make([]float64, n)
	var sumMin, sumMax float64
	for i := range n {
		maxs[i] = max(maxs[i], mins[i])
		sumMin += mins[i]
		sumMax += maxs[i]
	}
	switch {
	case sumMax <= avail:
		copy(w, maxs)
		if sumMax > avail*0.6 && sumMax > 0 {
			for i := range w {
				w[i] += (avail - sumMax) * maxs[i] / sumMax
			}
		}
	case sumMin >= avail:
		// Even the widest words do not fit: scale down and let the words
		// break inside their cells.
		for i := range w {
			w[i] = mins[i] * avail / sumMin
		}
	default:
		// Short cells (a name, a status, a date) stay on one line when the
		// long columns can still have their widest words: "Dana Ruiz"
		// broken over two lines beside a paragraph of justification reads
		// badly, and text extraction interleaves the pieces.
		short := avail * 0.15
		var shortMax, restMin, restMax float64
		for i := range n {
			if maxs[i] <= short {
				shortMax += maxs[i]
			} else {
				restMin += mins[i]
				restMax += maxs[i]
			}
		}
		if restMax > restMin && shortMax+restMin <= avail {
			f := (avail - shortMax - restMin) / (restMax - restMin)
			for i := range w {
				if maxs[i] <= short {
					w[i] = maxs[i]
				} else {
					w[i] = mins[i] + (maxs[i]-mins[i])*f
				}
			}
			return w
		}
		f := (avail - sumMin) / (sumMax - sumMin)
		for i := range w {
			w[i] = mins[i] + (maxs[i]-mins[i])*f
		}
	}
	return w
}

func (lo *layouter) tableFirstNeed(t *tableBlock) float64 {
	g := lo.tableGeom(t)
	need := g.headerH
	if len(g.rowH) > 0 {
		need += g.rowH[0]
	}
	return min(need, lo.f.maxPageHeight)
}

func (lo *layouter) table(t *tableBlock) {
	g := lo.tableGeom(t)
	pad := lo.st.CellPadding
	f := lo.f
	f.gap(2)
	f.ensure(lo.tableFirstNeed(t))
	prev := lo.open("Table")
	defer lo.close(prev)
	table := f.elem
	// The header row is structure once; repeated at the top of later
	// pages it is an artifact of pagination.
	headerElems := lo.rowElems(t, table, true)
	header := func() {
		if t.NoHeader {
			return
		}
		lo.row(t, g, g.header, g.headerH, -1, headerElems)
		headerElems = nil
	}
	header()
	for ri := range g.rows {
		elems := lo.rowElems(t, table, false)
		h := g.rowH[ri]
		if !f.fits(h) && h <= f.maxPageHeight-g.headerH+eps {
			// The row fits on a fresh page: move it whole.
			f.newPage()
			header()
		}
		if f.fits(h) {
			lo.row(t, g, g.rows[ri], h, ri, elems)
			continue
		}
		// A row taller than a page: split it line by line.
		rest := g.rows[ri]
		for {
			avail := f.room() - 2*pad
			seg := make([][]line, len(rest))
			segH, left := 0.0, false
			for c, ls := range rest {
				hh, k := 0.0, 0
				for k < len(ls) && hh+ls[k].h <= avail+eps {
					hh += ls[k].h
					k++
				}
				seg[c], rest[c] = ls[:k], ls[k:]
				segH = max(segH, hh)
				left = left || len(rest[c]) > 0
			}
			if segH > 0 {
				lo.row(t, g, seg, segH+2*pad, ri, elems)
			}
			if !left {
				break
			}
			f.newPage()
			header()
		}
	}
	f.gap(lo.st.ParagraphSpacing + 2)
}

// rowElems makes the structure elements of a row under table: TR and a
// cell for each column, TH for the header row (scope Column) and for the
// key columns of key/value tables (scope Row), TD otherwise.
func (lo *layouter) rowElems(t *tableBlock, table int, header bool) []int {
	if header && t.NoHeader {
		return nil
	}
	tr := lo.f.newElem("TR", table)
	out := make([]int, len(t.Align))
	for c := range out {
		switch {
		case header:
			out[c] = lo.f.newElem("TH", tr)
			lo.l.Struct[out[c]-1].Scope = ScopeColumn
		case t.Key && c%2 == 0:
			out[c] = lo.f.newElem("TH", tr)
			lo.l.Struct[out[c]-1].Scope = ScopeRow
		default:
			out[c] = lo.f.newElem("TD", tr)
		}
	}
	return out
}

// row draws one row (or a segment of a split row) at the flow's y. ri is
// -1 for the header. elems are the cells' structure elements; nil draws
// the row as an artifact (a repeated header).
func (lo *layouter) row(t *tableBlock, g *tableGeom, cells [][]line, h float64, ri int, elems []int) {
	table := lo.f.elem
	defer lo.f.setElem(table)
	f := lo.f
	pad := lo.st.CellPadding
	x := lo.left
	if t.Center {
		x += (lo.width - g.width) / 2
	}
	y := f.y
	for c, ls := range cells {
		w := g.widths[c]
		color := lo.color
		switch {
		case ri < 0:
			f.under(Box{Kind: KindFill, X: x, Y: y, W: w, H: h, Color: lo.st.TableHeaderFill})
			color = lo.st.TableHeaderText
		case t.Key && c%2 == 0:
			f.under(Box{Kind: KindFill, X: x, Y: y, W: w, H: h, Color: lo.st.ZebraColor})
		case !t.Key && lo.st.Zebra && ri%2 == 1:
			f.under(Box{Kind: KindFill, X: x, Y: y, W: w, H: h, Color: lo.st.ZebraColor})
		}
		al := alignLeft
		if c < len(t.Align) {
			al = t.Align[c]
		}
		ly := y + pad
		el := 0
		if c < len(elems) {
			el = elems[c]
		}
		f.setElem(el)
		for i := range ls {
			ln := &ls[i]
			off := 0.0
			switch al {
			case alignCenter:
				off = (w - 2*pad - ln.w) / 2
			case alignRight:
				off = w - 2*pad - ln.w
			}
			lc := color
			if ri < 0 {
				// Link blue on the dark header would be unreadable.
				for j := range ln.frags {
					ln.frags[j].color = ""
				}
			}
			f.drawLine(ln, x+pad+off, ly, lc)
			ly += ln.h
		}
		f.add(Box{Kind: KindRect, X: x, Y: y, W: w, H: h, Color: lo.st.TableBorder, LineWidth: 0.5})
		x += w
	}
	if ri >= 0 && ri < len(t.Bars) && t.Bars[ri] {
		f.changeBar(lo.st.Margins.Left-10, y, h)
	}
	f.y += h
}
