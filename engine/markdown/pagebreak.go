package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A page break is a line holding only \pagebreak or \newpage, the LaTeX
// commands pandoc users write. The PDF starts a new page there; the HTML
// marks the place so that a printed page breaks too.

// PageBreak is a forced page break.
type PageBreak struct{ ast.BaseBlock }

// KindPageBreak is the node kind of PageBreak.
var KindPageBreak = ast.NewNodeKind("PageBreak")

// Kind implements ast.Node.
func (n *PageBreak) Kind() ast.NodeKind { return KindPageBreak }

// Dump implements ast.Node.
func (n *PageBreak) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// PageBreakMarkers are the lines that make a page break.
var PageBreakMarkers = []string{`\pagebreak`, `\newpage`}

func isPageBreak(line []byte) bool {
	l := bytes.TrimSpace(line)
	for _, m := range PageBreakMarkers {
		if string(l) == m {
			return true
		}
	}
	return false
}

type pageBreakParser struct{}

func (pageBreakParser) Trigger() []byte { return []byte{'\\'} }

func (pageBreakParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if !isPageBreak(line) {
		return nil, parser.NoChildren
	}
	reader.Advance(seg.Len() - 1)
	return &PageBreak{}, parser.NoChildren
}

func (pageBreakParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

func (pageBreakParser) Close(ast.Node, text.Reader, parser.Context) {}

// A line that is only a page break command cannot be meant as text, so it
// interrupts a paragraph.
func (pageBreakParser) CanInterruptParagraph() bool { return true }
func (pageBreakParser) CanAcceptIndentedLine() bool { return false }

func renderPageBreak(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"page-break\"></div>\n")
	}
	return ast.WalkContinue, nil
}
