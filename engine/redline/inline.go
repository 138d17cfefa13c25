package redline

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/ismsforge/ismsforge/engine/markdown"
)

// The inline content of a block is diffed as a list of tokens, each a word,
// a space or a punctuation mark with the styles around it (emphasis, link,
// code). A word that turns bold is a change, like a word that is replaced.
// After the diff, the block's inline nodes are built anew from the tokens,
// with the changed ones inside Insertion and Deletion nodes.

// styleNode is an inline container that styles the text inside it.
type styleNode struct {
	key  string   // what makes two of them the same style
	node ast.Node // the original, cloned when rebuilding
}

// token is one word, space, punctuation mark or atom of a block's text.
type token struct {
	text  string
	key   string // style keys and text: what the diff compares
	style []styleNode
	// atom is a node that is one token whole: an image, a task box, a
	// footnote reference or a hard line break.
	atom ast.Node
	hard bool // a hard line break
}

// tokenizer collects the tokens of one block.
type tokenizer struct {
	src  []byte
	toks []token
}

func blockTokens(n ast.Node, src []byte) []token {
	t := &tokenizer{src: src}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t.inline(c, nil)
	}
	return t.toks
}

func styleKey(style []styleNode) string {
	if len(style) == 0 {
		return ""
	}
	var b strings.Builder
	for _, s := range style {
		b.WriteString(s.key)
		b.WriteByte('\x1f')
	}
	return b.String()
}

func (t *tokenizer) words(s string, style []styleNode) {
	sk := styleKey(style)
	for _, w := range splitWords(s) {
		t.toks = append(t.toks, token{text: w, key: sk + w, style: style})
	}
}

func (t *tokenizer) atom(n ast.Node, key, text string, style []styleNode) {
	t.toks = append(t.toks, token{key: styleKey(style) + "\x00" + key, text: text, style: style, atom: n})
}

func with(style []styleNode, s styleNode) []styleNode {
	out := make([]styleNode, len(style), len(style)+1)
	copy(out, style)
	return append(out, s)
}

func (t *tokenizer) inline(n ast.Node, style []styleNode) {
	switch n := n.(type) {
	case *ast.Text:
		t.words(string(markdown.TextValue(n, t.src)), style)
		switch {
		case n.HardLineBreak():
			t.toks = append(t.toks, token{key: styleKey(style) + "\x00br", style: style, hard: true})
		case n.SoftLineBreak():
			t.words(" ", style)
		}
	case *ast.String:
		t.words(string(n.Value), style)
	case *ast.CodeSpan:
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch x := c.(type) {
			case *ast.Text:
				b.Write(x.Segment.Value(t.src))
			case *ast.String:
				b.Write(x.Value)
			}
		}
		t.words(b.String(), with(style, styleNode{key: "code", node: n}))
	case *ast.Emphasis:
		t.children(n, with(style, styleNode{key: "em" + strconv.Itoa(n.Level), node: n}))
	case *east.Strikethrough:
		t.children(n, with(style, styleNode{key: "strike", node: n}))
	case *ast.Link:
		t.children(n, with(style, styleNode{key: "link " + string(n.Destination) + " " + string(n.Title), node: n}))
	case *ast.AutoLink:
		url := string(n.URL(t.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
			url = "mailto:" + url
		}
		l := ast.NewLink()
		l.Destination = []byte(url)
		t.words(string(n.Label(t.src)), with(style, styleNode{key: "link " + url + " ", node: l}))
	case *ast.Image:
		alt := markdown.PlainText(n, t.src)
		t.atom(n, "img "+string(n.Destination)+" "+alt, alt, style)
	case *east.TaskCheckBox:
		t.atom(n, "task "+strconv.FormatBool(n.IsChecked), "", style)
	case *east.FootnoteLink:
		t.atom(n, "fn "+strconv.Itoa(n.Index), "", style)
	case *east.FootnoteBacklink:
		t.atom(n, "fnback "+strconv.Itoa(n.Index), "", style)
	case *ast.RawHTML, *markdown.Deletion:
		// Raw HTML is no text a reader sees; a redline of a redline
		// keeps only the new text.
	default:
		t.children(n, style)
	}
}

func (t *tokenizer) children(n ast.Node, style []styleNode) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t.inline(c, style)
	}
}

// piece is a run of tokens with one change and one style, ready to become
// nodes.
type piece struct {
	op    Op
	text  string
	style []styleNode
	atom  ast.Node
	hard  bool
}

// pieces joins consecutive tokens of the same change and style.
func pieces(out []piece, toks []token, op Op) []piece {
	for _, tk := range toks {
		if tk.atom == nil && !tk.hard && len(out) > 0 {
			p := &out[len(out)-1]
			if p.op == op && p.atom == nil && !p.hard && styleKey(p.style) == styleKey(tk.style) {
				p.text += tk.text
				continue
			}
		}
		out = append(out, piece{op: op, text: tk.text, style: tk.style, atom: tk.atom, hard: tk.hard})
	}
	return out
}

// builder makes the nodes of a redline. Its text goes into one source
// buffer that starts with the new document's own source, so that the nodes
// kept from the new document stay valid.
type builder struct {
	src []byte
}

// text returns a raw text node holding s: raw, because s is already what
// the reader sees, with escapes resolved.
func (b *builder) text(s string) *ast.Text {
	start := len(b.src)
	b.src = append(b.src, s...)
	t := ast.NewRawTextSegment(text.NewSegment(start, len(b.src)))
	return t
}

// rebuild replaces the inline children of block with pieces.
func (b *builder) rebuild(block ast.Node, ps []piece) {
	for c := block.FirstChild(); c != nil; {
		next := c.NextSibling()
		block.RemoveChild(block, c)
		c = next
	}
	// open is the chain of nodes the last piece went into: its style
	// clones, then its change wrapper (inside links and emphasis, outside
	// code, whose renderers take nothing but text).
	type level struct {
		key  string
		node ast.Node
	}
	var open []level
	for _, p := range ps {
		var want []level
		wrap := func() {
			switch p.op {
			case Insert:
				want = append(want, level{key: "\x00ins"})
			case Delete:
				want = append(want, level{key: "\x00del"})
			}
		}
		wrapped := false
		for _, s := range p.style {
			if s.key == "code" && !wrapped {
				wrap()
				wrapped = true
			}
			want = append(want, level(s))
		}
		if !wrapped {
			wrap()
		}
		// Keep the common prefix of what is open.
		k := 0
		for k < len(open) && k < len(want) && open[k].key == want[k].key {
			k++
		}
		open = open[:k]
		parent := block
		if k > 0 {
			parent = open[k-1].node
		}
		for _, w := range want[k:] {
			var n ast.Node
			switch w.key {
			case "\x00ins":
				n = &markdown.Insertion{}
			case "\x00del":
				n = &markdown.Deletion{}
			default:
				n = cloneStyle(w.node)
			}
			parent.AppendChild(parent, n)
			open = append(open, level{key: w.key, node: n})
			parent = n
		}
		switch {
		case p.hard:
			t := ast.NewTextSegment(text.NewSegment(len(b.src), len(b.src)))
			t.SetHardLineBreak(true)
			parent.AppendChild(parent, t)
		case p.atom != nil:
			parent.AppendChild(parent, b.cloneAtom(p.atom, p.text))
		default:
			parent.AppendChild(parent, b.text(p.text))
		}
	}
}

// cloneStyle copies an inline container without its children.
func cloneStyle(n ast.Node) ast.Node {
	switch n := n.(type) {
	case *ast.Emphasis:
		return ast.NewEmphasis(n.Level)
	case *east.Strikethrough:
		return east.NewStrikethrough()
	case *ast.Link:
		l := ast.NewLink()
		l.Destination, l.Title = n.Destination, n.Title
		return l
	case *ast.CodeSpan:
		return ast.NewCodeSpan()
	}
	return &markdown.Insertion{} // not reached: tokenize makes no other style
}

// cloneAtom copies an atom; text is an image's alternative text.
func (b *builder) cloneAtom(n ast.Node, text string) ast.Node {
	switch n := n.(type) {
	case *ast.Image:
		l := ast.NewLink()
		l.Destination, l.Title = n.Destination, n.Title
		img := ast.NewImage(l)
		if text != "" {
			img.AppendChild(img, b.text(text))
		}
		return img
	case *east.TaskCheckBox:
		return east.NewTaskCheckBox(n.IsChecked)
	case *east.FootnoteLink:
		f := east.NewFootnoteLink(n.Index)
		f.RefCount, f.RefIndex = n.RefCount, n.RefIndex
		return f
	case *east.FootnoteBacklink:
		f := east.NewFootnoteBacklink(n.Index)
		f.RefCount, f.RefIndex = n.RefCount, n.RefIndex
		return f
	}
	return b.text("")
}
