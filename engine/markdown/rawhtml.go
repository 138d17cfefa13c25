package markdown

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// CommonMark reads anything shaped like a tag as raw HTML, and ismsforge
// drops raw HTML from the PDF (and from the HTML unless output.raw_html
// is on). A placeholder such as "<insert email address here>" would vanish
// from every output. An author who writes a tag whose name HTML does not
// know means the text, so these parsers keep it as text, and the parse
// records a note so that `check` can say so.

// tagLike matches an opening or closing tag at the start of the text, the
// shapes CommonMark's raw HTML rule accepts on one line.
var tagLike = regexp.MustCompile(`^(?:<([A-Za-z][A-Za-z0-9-]*)(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^"'=<>` + "`" + `\s]+|'[^']*'|"[^"]*"))?)*\s*/?>|</([A-Za-z][A-Za-z0-9-]*)\s*>)`)

// htmlElements are the element names of HTML, current and obsolete, that
// browsers know. A tag with another name is literal text.
var htmlElements = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`a abbr acronym address area article aside audio b base bdi bdo big
		blink blockquote body br button canvas caption center cite code col colgroup data datalist dd del
		details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame
		frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li
		link main map mark marquee math menu meta meter nav nobr noembed noframes noscript object ol
		optgroup option output p param picture plaintext pre progress q rp rt ruby s samp script search
		section select slot small source span strike strong style sub summary sup svg table tbody td
		template textarea tfoot th thead time title tr track tt u ul var video wbr xmp`) {
		htmlElements[n] = true
	}
}

// literalTag returns the length of a tag-like text at the start of b whose
// name is not an HTML element, or 0.
func literalTag(b []byte) int {
	m := tagLike.FindSubmatchIndex(b)
	if m == nil {
		return 0
	}
	name := ""
	switch {
	case m[2] >= 0:
		name = string(b[m[2]:m[3]])
	case m[4] >= 0:
		name = string(b[m[4]:m[5]])
	}
	if htmlElements[strings.ToLower(name)] {
		return 0
	}
	return m[1]
}

// literalTagParser runs before goldmark's raw HTML parser and turns a tag
// with an unknown name into text.
type literalTagParser struct{}

func (literalTagParser) Trigger() []byte { return []byte{'<'} }

func (literalTagParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	n := literalTag(line)
	if n == 0 {
		return nil
	}
	addNote(pc, Note{Offset: seg.Start, Kind: NoteLiteralTag, Text: string(line[:n])})
	block.Advance(n)
	return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+n))
}

// literalTagBlockParser runs before goldmark's HTML block parser: a line
// that starts with a tag of unknown name starts a paragraph, not an HTML
// block that every output would drop.
type literalTagBlockParser struct{ para parser.BlockParser }

func (literalTagBlockParser) Trigger() []byte { return []byte{'<'} }

func (p literalTagBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	trimmed := strings.TrimLeft(string(line), " ")
	if len(line)-len(trimmed) > 3 || literalTag([]byte(trimmed)) == 0 {
		return nil, parser.NoChildren
	}
	// The inline parser records the note when it reads the paragraph.
	return p.para.Open(parent, reader, pc)
}

func (p literalTagBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return p.para.Continue(node, reader, pc)
}

func (p literalTagBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.para.Close(node, reader, pc)
}

// An HTML block of this kind cannot interrupt a paragraph either; inside
// one the line is just more text.
func (literalTagBlockParser) CanInterruptParagraph() bool { return false }
func (literalTagBlockParser) CanAcceptIndentedLine() bool { return false }
