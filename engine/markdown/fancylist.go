package markdown

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Ordered lists numbered with letters or roman numerals, as pandoc writes
// them ("a.", "B)", "(iii)"). Templates ported from pandoc-based tools use
// them throughout; CommonMark reads them as paragraphs, or as code blocks
// when nested. The first marker sets the list's style, delimiter and start;
// later markers only need the same style and delimiter, so a list written
// "a. a. a." counts a, b, c as pandoc does.

// ListStyle is how an ordered list numbers its items.
type ListStyle uint8

// The numbering styles of fancy lists.
const (
	LowerAlpha ListStyle = iota + 1 // a, b, c
	UpperAlpha                      // A, B, C
	LowerRoman                      // i, ii, iii
	UpperRoman                      // I, II, III
)

// HTMLType is the value of the <ol type> attribute for the style.
func (s ListStyle) HTMLType() string {
	switch s {
	case LowerAlpha:
		return "a"
	case UpperAlpha:
		return "A"
	case LowerRoman:
		return "i"
	case UpperRoman:
		return "I"
	}
	return "1"
}

// Label returns the marker of item number n (1-based) without its
// delimiter: "c" for LowerAlpha and 3, "IV" for UpperRoman and 4. Letters
// past z continue as aa, ab, like spreadsheet columns.
func (s ListStyle) Label(n int) string {
	switch s {
	case LowerAlpha, UpperAlpha:
		var b []byte
		for n > 0 {
			n--
			b = append([]byte{byte('a' + n%26)}, b...)
			n /= 26
		}
		if s == UpperAlpha {
			return strings.ToUpper(string(b))
		}
		return string(b)
	case LowerRoman:
		return strings.ToLower(roman(n))
	case UpperRoman:
		return roman(n)
	}
	return strconv.Itoa(n)
}

// FancyList is an ordered list numbered with letters or roman numerals. Its
// children are *ast.ListItem nodes, as in a CommonMark list.
type FancyList struct {
	ast.BaseBlock
	Style ListStyle
	// Delim is '.', ')' or '(' for markers written "a.", "a)" or "(a)".
	Delim byte
	// Start is the number of the first item (1 for "a." and "i.").
	Start   int
	IsTight bool
}

// KindFancyList is the node kind of FancyList.
var KindFancyList = ast.NewNodeKind("FancyList")

// Kind implements ast.Node.
func (n *FancyList) Kind() ast.NodeKind { return KindFancyList }

// Dump implements ast.Node.
func (n *FancyList) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{
		"Style": n.Style.HTMLType(), "Delim": string(n.Delim), "Start": strconv.Itoa(n.Start),
		"Tight": strconv.FormatBool(n.IsTight),
	}, nil)
}

// Marker returns the marker of item number i (0-based) as a reader sees
// it: "c.", "iv)", "(b)".
func (n *FancyList) Marker(i int) string {
	l := n.Style.Label(n.Start + i)
	if n.Delim == '(' {
		return "(" + l + ")"
	}
	return l + string(n.Delim)
}

// fancyMarker is a parsed list marker at the start of a line.
type fancyMarker struct {
	indent   int // leading blanks
	end      int // offset just past the marker
	content  int // offset of the item's text, or -1 for an empty item
	value    int
	style    ListStyle
	alt      ListStyle // a second reading: "i" is roman one or the letter i
	altValue int
	delim    byte
}

// romanValue parses a roman numeral written the canonical way; 0 means it is
// not one.
func romanValue(s string) int {
	if s == "" || len(s) > 12 {
		return 0
	}
	vals := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	lower := strings.ToLower(s)
	total := 0
	for i := 0; i < len(lower); i++ {
		v, ok := vals[lower[i]]
		if !ok {
			return 0
		}
		if i+1 < len(lower) && vals[lower[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total >= 4000 || !strings.EqualFold(roman(total), s) {
		return 0
	}
	return total
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}

// parseFancyMarker reads a fancy list marker at the start of line: up to
// three blanks, "x.", "x)" or "(x)" where x is one letter or a roman
// numeral, then a blank or the end of the line. A capital letter with a
// period needs two blanks after it, as in pandoc, so that "B. Smith"
// stays a sentence.
func parseFancyMarker(line []byte) (fancyMarker, bool) {
	var m fancyMarker
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i > 3 || i >= len(line) {
		return m, false
	}
	m.indent = i
	paren := line[i] == '('
	if paren {
		i++
	}
	start := i
	for i < len(line) && i-start < 12 && (line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z') {
		i++
	}
	word := string(line[start:i])
	if word == "" || i >= len(line) {
		return m, false
	}
	switch {
	case paren && line[i] == ')':
		m.delim = '('
	case !paren && (line[i] == '.' || line[i] == ')'):
		m.delim = line[i]
	default:
		return m, false
	}
	i++
	m.end = i
	lower := word == strings.ToLower(word)
	upper := word == strings.ToUpper(word)
	if !lower && !upper {
		return m, false
	}
	if rv := romanValue(word); rv > 0 {
		m.style, m.value = LowerRoman, rv
		if upper {
			m.style = UpperRoman
		}
	}
	if len(word) == 1 {
		av := int(word[0]|0x20-'a') + 1
		as := LowerAlpha
		if upper {
			as = UpperAlpha
		}
		switch {
		case m.style == 0:
			m.style, m.value = as, av
		case word == "i" || word == "I":
			// Roman one first, as in pandoc; the letter i when it
			// continues a lettered list.
			m.alt, m.altValue = as, av
		default:
			// v, x, c, l, d, m start lettered lists.
			m.alt, m.altValue = m.style, m.value
			m.style, m.value = as, av
		}
	}
	if m.style == 0 {
		return m, false
	}
	// The marker must be followed by a blank, or end the line.
	if i >= len(line) || line[i] == '\n' || line[i] == '\r' {
		m.content = -1
		return m, true
	}
	w, _ := util.IndentWidth(line[i:], 0)
	if w == 0 {
		return m, false
	}
	if upper && len(word) == 1 && m.delim == '.' && w < 2 {
		return m, false
	}
	m.content = i
	if util.IsBlank(line[i:]) {
		m.content = -1
	}
	return m, true
}

// as reads the marker in the given style, for a list that already has one.
func (m fancyMarker) as(style ListStyle, delim byte) bool {
	return m.delim == delim && (m.style == style || m.alt == style)
}

func fancyOffset(line []byte, m fancyMarker) int {
	if m.content < 0 {
		return 1
	}
	off, _ := util.IndentWidth(line[m.content:], m.content)
	if off > 4 {
		off = 1
	}
	return off
}

var fancyTrigger = []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ(")

// fancyListParser opens FancyList nodes.
type fancyListParser struct{}

func (fancyListParser) Trigger() []byte { return fancyTrigger }

// skipFancyList tells the list parser that the item parser found the next
// item of an open list, which the item parser, not a new list, takes.
var skipFancyList = parser.NewContextKey()

func (fancyListParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	last := pc.LastOpenedBlock().Node
	if _, ok := last.(*FancyList); ok || pc.Get(skipFancyList) != nil {
		pc.Set(skipFancyList, nil)
		return nil, parser.NoChildren
	}
	// Like pandoc, a fancy list never interrupts a paragraph: "Section
	// a. of the contract" stays one sentence.
	if ast.IsParagraph(last) && last.Parent() == parent {
		return nil, parser.NoChildren
	}
	line, _ := reader.PeekLine()
	m, ok := parseFancyMarker(line)
	if !ok {
		return nil, parser.NoChildren
	}
	return &FancyList{Style: m.style, Delim: m.delim, Start: m.value, IsTight: true}, parser.HasChildren
}

func lastItemOffset(n ast.Node) int {
	if li, ok := n.LastChild().(*ast.ListItem); ok {
		return li.Offset
	}
	return 0
}

func (fancyListParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	list := node.(*FancyList)
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Continue | parser.HasChildren
	}
	offset := lastItemOffset(node)
	lastIsEmpty := node.LastChild() == nil || node.LastChild().ChildCount() == 0
	indent, _ := util.IndentWidth(line, reader.LineOffset())
	if indent < offset || lastIsEmpty {
		if indent < 4 {
			if m, ok := parseFancyMarker(line); ok && m.indent-offset < 4 {
				if !m.as(list.Style, list.Delim) {
					return parser.Close
				}
				return parser.Continue | parser.HasChildren
			}
		}
		if !lastIsEmpty {
			return parser.Close
		}
	}
	if lastIsEmpty && indent < offset {
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (fancyListParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	list := node.(*FancyList)
	// A list is loose when a blank line separates its items or the blocks
	// of an item, as in CommonMark.
	for c := node.FirstChild(); c != nil && list.IsTight; c = c.NextSibling() {
		if c != node.FirstChild() && c.HasBlankPreviousLines() {
			list.IsTight = false
		}
		for cc := c.FirstChild(); cc != nil && list.IsTight; cc = cc.NextSibling() {
			if cc != c.FirstChild() && cc.HasBlankPreviousLines() {
				list.IsTight = false
			}
		}
	}
	if list.IsTight {
		for item := node.FirstChild(); item != nil; item = item.NextSibling() {
			for c := item.FirstChild(); c != nil; {
				p, ok := c.(*ast.Paragraph)
				c = c.NextSibling()
				if ok {
					tb := ast.NewTextBlock()
					tb.SetLines(p.Lines())
					item.ReplaceChild(item, p, tb)
				}
			}
		}
	}
}

func (fancyListParser) CanInterruptParagraph() bool { return true }
func (fancyListParser) CanAcceptIndentedLine() bool { return false }

// fancyItemParser opens the items of a FancyList.
type fancyItemParser struct{}

func (fancyItemParser) Trigger() []byte { return fancyTrigger }

func (fancyItemParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	list, ok := parent.(*FancyList)
	if !ok {
		return nil, parser.NoChildren
	}
	line, _ := reader.PeekLine()
	m, ok := parseFancyMarker(line)
	if !ok || !m.as(list.Style, list.Delim) || m.indent-lastItemOffset(list) > 3 {
		return nil, parser.NoChildren
	}
	itemOffset := fancyOffset(line, m)
	node := ast.NewListItem(m.end + itemOffset)
	if m.content < 0 {
		return node, parser.NoChildren
	}
	pos, padding := util.IndentPosition(line[m.content:], m.content, itemOffset)
	reader.AdvanceAndSetPadding(m.end+pos, padding)
	return node, parser.HasChildren
}

func (fancyItemParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if util.IsBlank(line) {
		reader.AdvanceToEOL()
		return parser.Continue | parser.HasChildren
	}
	list := node.Parent().(*FancyList)
	offset := lastItemOffset(list)
	isEmpty := node.ChildCount() == 0
	indent, _ := util.IndentWidth(line, reader.LineOffset())
	if (isEmpty || indent < offset) && indent < 4 {
		if m, ok := parseFancyMarker(line); ok && m.as(list.Style, list.Delim) {
			pc.Set(skipFancyList, true)
			return parser.Close
		}
		if !isEmpty {
			return parser.Close
		}
	}
	pos, padding := util.IndentPosition(line, reader.LineOffset(), offset)
	reader.AdvanceAndSetPadding(pos, padding)
	return parser.Continue | parser.HasChildren
}

func (fancyItemParser) Close(ast.Node, text.Reader, parser.Context) {}
func (fancyItemParser) CanInterruptParagraph() bool                 { return true }
func (fancyItemParser) CanAcceptIndentedLine() bool                 { return false }

// renderFancyList writes <ol type="a" start="3">. Browsers number the
// items themselves in the list's style.
func renderFancyList(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*FancyList)
	if !entering {
		_, _ = w.WriteString("</ol>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<ol type="` + n.Style.HTMLType() + `"`)
	if n.Start != 1 {
		_, _ = w.WriteString(` start="` + strconv.Itoa(n.Start) + `"`)
	}
	// The theme's style sheet draws "(a)" and "a)" markers from these.
	switch n.Delim {
	case '(':
		_, _ = w.WriteString(` class="paren"`)
	case ')':
		_, _ = w.WriteString(` class="rparen"`)
	}
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

var _ renderer.NodeRendererFunc = renderFancyList
