package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Grid tables, as pandoc writes them:
//
//	+----------+-------------------+
//	| Level    | Handling          |
//	+==========+===================+
//	| Internal | Staff only; may   |
//	|          | leave the office. |
//	+----------+-------------------+
//
// A cell may span several lines and hold paragraphs and simple lists.
// The parser makes the same table nodes as GitHub tables, so every
// emitter that lays out a table lays out a grid table too. A "=" border
// ends the header rows; without one the table has no header. Colons in
// that border (or the top one) align the columns. Cells that span
// columns or rows are not supported: such a table stays text and the
// parse records a note.

// gridTableParser collects the lines of a grid table and builds the table
// when it closes.
type gridTableParser struct{}

func (gridTableParser) Trigger() []byte { return []byte{'+'} }

// isGridBorder reports whether line is a border: "+", then runs of "-",
// "=" or ":" each closed by "+".
func isGridBorder(line []byte) bool {
	l := bytes.TrimRight(bytes.TrimLeft(line, " "), " \t\r\n")
	if len(l) < 3 || l[0] != '+' || l[len(l)-1] != '+' {
		return false
	}
	run := 0
	for _, c := range l[1:] {
		switch c {
		case '-', '=', ':':
			run++
		case '+':
			if run == 0 {
				return false
			}
			run = 0
		default:
			return false
		}
	}
	return true
}

func (gridTableParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if !isGridBorder(line) || !bytes.Contains(line, []byte("-")) {
		return nil, parser.NoChildren
	}
	t := east.NewTable()
	t.Lines().Append(seg)
	reader.Advance(seg.Len() - 1)
	return t, parser.NoChildren
}

func (gridTableParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	l := bytes.TrimLeft(line, " ")
	if len(l) == 0 || (l[0] != '+' && l[0] != '|') {
		return parser.Close
	}
	// A table ends at its last border: a "+" line that is not a border
	// (a list item, say) is not part of it.
	if l[0] == '+' && !isGridBorder(l) {
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.Advance(seg.Len() - 1)
	return parser.Continue | parser.NoChildren
}

func (gridTableParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	t := node.(*east.Table)
	lines := t.Lines().Sliced(0, t.Lines().Len())
	t.SetLines(text.NewSegments())
	src := reader.Source()
	if why := buildGridTable(t, lines, src); why != "" {
		// Keep the text visible and say why it is not a table.
		p := ast.NewParagraph()
		for _, l := range lines {
			p.Lines().Append(l)
		}
		p.SetBlankPreviousLines(t.HasBlankPreviousLines())
		t.Parent().ReplaceChild(t.Parent(), t, p)
		first := lines[0]
		addNote(pc, Note{Offset: first.Start, Kind: NoteGridTable, Text: strings.TrimSpace(string(first.Value(src))), Detail: why})
	}
}

func (gridTableParser) CanInterruptParagraph() bool { return false }
func (gridTableParser) CanAcceptIndentedLine() bool { return false }

// gridLine is one line of the table: its segment and its runes' byte
// offsets in the source.
type gridLine struct {
	seg  text.Segment
	text string // without the line break
	offs []int  // source offset of each rune, plus one past the end
}

func newGridLine(seg text.Segment, src []byte) gridLine {
	v := seg.Value(src)
	v = bytes.TrimRight(v, "\r\n")
	g := gridLine{seg: seg, text: string(v)}
	for i := range g.text {
		g.offs = append(g.offs, seg.Start+i)
	}
	g.offs = append(g.offs, seg.Start+len(g.text))
	return g
}

// runeAt returns the rune at rune column c, or 0 past the end.
func (g gridLine) runeAt(c int) rune {
	if c >= len(g.offs)-1 {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(g.text[g.offs[c]-g.seg.Start:])
	return r
}

// span returns the segment of rune columns [from, to), clipped to the line.
func (g gridLine) span(from, to int) text.Segment {
	n := len(g.offs) - 1
	from, to = min(from, n), min(to, n)
	return text.NewSegment(g.offs[from], g.offs[to])
}

// buildGridTable fills t from the lines of a grid table and returns "" or
// why the lines are not a table it supports.
func buildGridTable(t *east.Table, segs []text.Segment, src []byte) string {
	var lines []gridLine
	for _, s := range segs {
		lines = append(lines, newGridLine(s, src))
	}
	// Column boundaries are the "+" of the top border, in runes.
	top := lines[0]
	indent := len(top.text) - len(strings.TrimLeft(top.text, " "))
	var bounds []int
	for c := indent; c < len(top.offs)-1; c++ {
		if top.runeAt(c) == '+' {
			bounds = append(bounds, c)
		}
	}
	cols := len(bounds) - 1
	if !isGridBorder([]byte(lines[len(lines)-1].text)) {
		return "the table does not end with a border line (+---+)"
	}
	type row struct{ cells [][]text.Segment }
	var rows []*row
	var cur *row
	headerEnd := -1
	alignFrom := top
	for i, l := range lines {
		if isGridBorder([]byte(l.text)) {
			if i > 0 && cur == nil {
				return "two borders follow each other"
			}
			if strings.Contains(l.text, "=") {
				if headerEnd >= 0 {
					return "the table has two header borders (+===+)"
				}
				headerEnd = len(rows)
				alignFrom = l
			}
			cur = nil
			continue
		}
		if cur == nil {
			cur = &row{cells: make([][]text.Segment, cols)}
			rows = append(rows, cur)
		}
		cells, ok := splitGridLine(l, bounds)
		if !ok {
			return "line " + strconv.Itoa(i+1) + " of the table does not line up with its columns; cells that span columns are not supported"
		}
		for c := range cols {
			cur.cells[c] = append(cur.cells[c], cells[c])
		}
	}
	if len(rows) == 0 {
		return "the table has no rows"
	}
	if headerEnd == len(rows) {
		return "the table has a header but no body rows"
	}
	// Several header rows merge into one, as a reader reads them: each
	// column's lines run on. Without a "=" border there is no header.
	if headerEnd > 1 {
		head := rows[0]
		for _, r := range rows[1:headerEnd] {
			for c := range cols {
				head.cells[c] = append(head.cells[c], r.cells[c]...)
			}
		}
		rows = append([]*row{head}, rows[headerEnd:]...)
		headerEnd = 1
	}
	align := gridAlignments(alignFrom, bounds)
	t.Alignments = align
	for i, r := range rows {
		tr := east.NewTableRow(align)
		for c := range cols {
			cell := east.NewTableCell()
			cell.Alignment = align[c]
			fillGridCell(cell, r.cells[c], src)
			tr.AppendChild(tr, cell)
		}
		if i < headerEnd {
			t.AppendChild(t, east.NewTableHeader(tr))
			continue
		}
		t.AppendChild(t, tr)
	}
	return ""
}

// splitGridLine cuts a content line into its cells at the column
// boundaries. A line whose "|" do not sit on the boundaries is cut at its
// "|" instead when it has one per boundary, because hand-edited tables are
// often off by a character.
func splitGridLine(l gridLine, bounds []int) ([]text.Segment, bool) {
	cols := len(bounds) - 1
	aligned := true
	for _, b := range bounds {
		r := l.runeAt(b)
		if r != '|' && r != 0 {
			aligned = false
			break
		}
	}
	if aligned && l.runeAt(bounds[0]) == '|' {
		out := make([]text.Segment, cols)
		for c := range cols {
			out[c] = l.span(bounds[c]+1, bounds[c+1])
		}
		return out, true
	}
	var pipes []int
	for c := 0; c < len(l.offs)-1; c++ {
		if l.runeAt(c) == '|' && (c == 0 || l.runeAt(c-1) != '\\') {
			pipes = append(pipes, c)
		}
	}
	if len(pipes) == cols+1 || (len(pipes) == cols && strings.TrimSpace(string(l.text[l.offs[pipes[len(pipes)-1]]-l.seg.Start+1:])) != "") {
		out := make([]text.Segment, cols)
		for c := range cols {
			end := len(l.offs) - 1
			if c+1 < len(pipes) {
				end = pipes[c+1]
			}
			out[c] = l.span(pipes[c]+1, end)
		}
		return out, true
	}
	return nil, false
}

func gridAlignments(border gridLine, bounds []int) []east.Alignment {
	out := make([]east.Alignment, len(bounds)-1)
	for c := range out {
		left := border.runeAt(bounds[c]+1) == ':'
		right := border.runeAt(bounds[c+1]-1) == ':'
		switch {
		case left && right:
			out[c] = east.AlignCenter
		case right:
			out[c] = east.AlignRight
		case left:
			out[c] = east.AlignLeft
		default:
			out[c] = east.AlignNone
		}
	}
	return out
}

// fillGridCell gives a cell its content: one paragraph becomes the cell's
// own inline text, as in a GitHub table; paragraphs separated by blank
// lines and bullet or numbered lists become blocks.
func fillGridCell(cell *east.TableCell, lines []text.Segment, src []byte) {
	type block struct {
		list  byte // 0, '-' for a bullet item, '.' for a numbered one
		start int
		lines []text.Segment
	}
	var blocks []*block
	var cur *block
	for _, s := range lines {
		s = s.TrimLeftSpace(src)
		s = s.TrimRightSpace(src)
		v := s.Value(src)
		if len(v) == 0 {
			cur = nil
			continue
		}
		if marker, start, n := cellListMarker(v); marker != 0 {
			cur = &block{list: marker, start: start}
			blocks = append(blocks, cur)
			cur.lines = append(cur.lines, text.NewSegment(s.Start+n, s.Stop))
			continue
		}
		if cur == nil {
			cur = &block{}
			blocks = append(blocks, cur)
		}
		cur.lines = append(cur.lines, s)
	}
	// goldmark's inline parser expects every line but the last of a block
	// to end with a line break, and a cell's lines are cut out of the
	// table's lines. So each line of a cell is a text block of its own,
	// which both emitters join with a space; emphasis does not run from one
	// line of a cell to the next.
	lineBlocks := func(parent ast.Node, ls []text.Segment) {
		for _, l := range ls {
			tb := ast.NewTextBlock()
			tb.Lines().Append(l)
			parent.AppendChild(parent, tb)
		}
	}
	if len(blocks) == 1 && blocks[0].list == 0 {
		if len(blocks[0].lines) == 1 {
			cell.Lines().Append(blocks[0].lines[0])
			return
		}
		lineBlocks(cell, blocks[0].lines)
		return
	}
	var list *ast.List
	for _, b := range blocks {
		if b.list == 0 {
			list = nil
			p := ast.NewParagraph()
			lineBlocks(p, b.lines)
			cell.AppendChild(cell, p)
			continue
		}
		if list == nil || list.Marker != b.list {
			list = ast.NewList(b.list)
			if b.list == '.' {
				list.Start = b.start
			}
			cell.AppendChild(cell, list)
		}
		item := ast.NewListItem(2)
		lineBlocks(item, b.lines)
		list.AppendChild(list, item)
	}
}

// cellListMarker reads "- ", "* ", "+ " or "1. " at the start of a cell
// line and returns the list kind, the number and the marker's length.
func cellListMarker(v []byte) (byte, int, int) {
	if len(v) >= 2 && (v[0] == '-' || v[0] == '*' || v[0] == '+') && v[1] == ' ' {
		return '-', 0, 2
	}
	i := 0
	for i < len(v) && i < 9 && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(v) && (v[i] == '.' || v[i] == ')') && v[i+1] == ' ' {
		n, _ := strconv.Atoi(string(v[:i]))
		return '.', n, i + 2
	}
	return 0, 0, 0
}
