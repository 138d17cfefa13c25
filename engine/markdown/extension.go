package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// dialect is ismsforge's own goldmark extension: what templates ported
// from pandoc-based tools need (lists numbered with letters or roman
// numerals, grid tables, page breaks), and tag-like placeholders kept as
// text. It registers the parsers and their HTML renderers; the PDF emitter
// lays the same nodes out.
type dialect struct{}

func (dialect) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(
			// Before goldmark's list parsers (300, 400), whose triggers
			// differ, and before its HTML block parser (900).
			util.Prioritized(gridTableParser{}, 250),
			util.Prioritized(fancyListParser{}, 310),
			util.Prioritized(fancyItemParser{}, 410),
			util.Prioritized(pageBreakParser{}, 450),
			util.Prioritized(literalTagBlockParser{para: parser.NewParagraphParser()}, 850),
		),
		// After autolinks (300), before raw HTML (400).
		parser.WithInlineParsers(util.Prioritized(literalTagParser{}, 350)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(dialectHTML{}, 500)))
}

// dialectHTML renders the dialect's own nodes as HTML.
type dialectHTML struct{}

func (dialectHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFancyList, renderFancyList)
	reg.Register(KindPageBreak, renderPageBreak)
}
