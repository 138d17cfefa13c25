// Package markdown parses a rendered document once into a goldmark AST that
// both the HTML and the PDF emitters read. It also answers the questions both
// emitters ask of that AST: which headings it has and how they are numbered,
// and which links point at other documents of the pack.
package markdown

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Doc is one parsed document. Emitters read it and never change it.
type Doc struct {
	Source []byte
	Root   ast.Node
	// Headings are plain data, which other documents' goroutines may read
	// while this one's tree is dropped or grown again.
	Headings []Heading
	// Notes are what the outputs do not show as written, in source order.
	Notes []Note
	// Links and Images are the tree's link and image destinations, and
	// Chars the first place of each character beyond ASCII that it draws,
	// in document order: taken when the source is parsed, they serve
	// what reads a document before its outputs are made, while the tree
	// may be dropped.
	Links, Images []Dest
	Chars         []Char
	// nodes are the tree's nodes of Headings, in order.
	nodes []*ast.Heading
	// sum is the SHA-256 of Source, taken when the Doc was made.
	sum [32]byte
}

// SourceSum is the SHA-256 of Source: taken once when the Doc was parsed,
// since every output format keys the document by it.
func (d *Doc) SourceSum() [32]byte {
	if d.sum == ([32]byte{}) {
		return sha256.Sum256(d.Source) // a Doc made by hand
	}
	return d.sum
}

// HeadingsByNode maps the tree's heading nodes to their headings.
func (d *Doc) HeadingsByNode() map[*ast.Heading]Heading {
	m := make(map[*ast.Heading]Heading, len(d.nodes))
	for i, n := range d.nodes {
		m[n] = d.Headings[i]
	}
	return m
}

// DropTree drops the syntax tree and keeps the source, the headings and
// the notes. A build that renders every format of a document once calls it
// when they are all made: a large pack's syntax trees are the largest part
// of its memory.
func (d *Doc) DropTree() {
	d.Root, d.nodes = nil, nil
}

// Regrow gives a document whose tree was dropped (DropTree) its tree back:
// it parses the source again with p, which must be the parser that made
// d. Only the tree changes, so other goroutines may read the headings
// meanwhile.
func (p *Parser) Regrow(d *Doc) error {
	if d.Root != nil {
		return nil
	}
	n := p.parse(d.Source)
	if len(n.Headings) != len(d.Headings) {
		return fmt.Errorf("markdown: parsed again, the document has %d headings, not %d", len(n.Headings), len(d.Headings))
	}
	for i := range n.Headings {
		if n.Headings[i] != d.Headings[i] {
			return fmt.Errorf("markdown: parsed again, heading %d is %q, not %q", i+1, n.Headings[i].ID, d.Headings[i].ID)
		}
	}
	d.Root, d.nodes = n.Root, n.nodes
	return nil
}

// Heading is a heading of the document, with its anchor ID and, when
// numbering is on, its number ("2.1").
type Heading struct {
	Level  int
	ID     string
	Text   string
	Number string
}

// Parser parses Markdown with the extensions ismsforge supports: GitHub
// tables, strikethrough, task lists and autolinks, footnotes, automatic
// heading IDs, and from pandoc's Markdown lists numbered with letters or
// roman numerals, grid tables and page breaks. It is safe for concurrent
// use.
type Parser struct {
	md      goldmark.Markdown
	numbers bool
}

// Options configure a Parser.
type Options struct {
	// HeadingNumbers numbers headings 1, 1.1, 1.1.1, starting at the
	// shallowest level the document uses.
	HeadingNumbers bool
}

// NewParser returns a parser.
func NewParser(o Options) *Parser {
	md := goldmark.New(
		goldmark.WithExtensions(Extensions()...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	return &Parser{md: md, numbers: o.HeadingNumbers}
}

// Extensions are the goldmark extensions ismsforge enables. Emitters that
// build a goldmark renderer use the same list, so that every node the parser
// makes has a renderer.
func Extensions() []goldmark.Extender {
	return []goldmark.Extender{extension.GFM, extension.Footnote, dialect{}}
}

// Parse parses src. Markdown has no syntax errors, so Parse cannot fail;
// what it cannot show as written is in the Doc's notes.
func (p *Parser) Parse(src []byte) *Doc {
	d := p.parse(src)
	d.sum = sha256.Sum256(src)
	collectRefs(d)
	return d
}

// parse is Parse without what Parse takes from the tree and the source:
// the tree, headings and notes, which Regrow needs.
func (p *Parser) parse(src []byte) *Doc {
	pc := parser.NewContext()
	var notes []Note
	pc.Set(notesKey, &notes)
	root := p.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	d := &Doc{Source: src, Root: root}
	d.Headings, d.nodes = collectHeadings(root, src, p.numbers)
	notes = append(notes, findNotes(root, src)...)
	slices.SortStableFunc(notes, func(a, b Note) int { return a.Offset - b.Offset })
	// A broken grid table is noted by its parser and again as a paragraph
	// line: keep the first, which says why.
	d.Notes = slices.CompactFunc(notes, func(a, b Note) bool { return a.Offset == b.Offset && a.Kind == b.Kind })
	return d
}

func collectHeadings(root ast.Node, src []byte, number bool) ([]Heading, []*ast.Heading) {
	var hs []Heading
	var nodes []*ast.Heading
	top := 7
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		h, ok := n.(*ast.Heading)
		if !ok {
			return ast.WalkContinue, nil
		}
		if ChangeOf(h) == Deleted {
			return ast.WalkSkipChildren, nil
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		hs = append(hs, Heading{Level: h.Level, ID: string(idb), Text: PlainText(h, src)})
		nodes = append(nodes, h)
		top = min(top, h.Level)
		return ast.WalkSkipChildren, nil
	})
	if number {
		var counters [7]int
		for i := range hs {
			depth := hs[i].Level - top
			counters[depth]++
			for j := depth + 1; j < len(counters); j++ {
				counters[j] = 0
			}
			parts := make([]string, depth+1)
			for j := range parts {
				parts[j] = strconv.Itoa(counters[j])
			}
			hs[i].Number = strings.Join(parts, ".")
		}
	}
	return hs, nodes
}

// NumberOf returns the number of a heading node, or "".
func (d *Doc) NumberOf(h *ast.Heading) string {
	for i, n := range d.nodes {
		if n == h {
			return d.Headings[i].Number
		}
	}
	return ""
}

// PlainText returns the text of n and its descendants without markup. In a
// redline it is the new version's text: deleted words are left out.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(TextValue(t, src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for cc := t.FirstChild(); cc != nil; cc = cc.NextSibling() {
				if tx, ok := cc.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(t.Label(src))
		case *ast.RawHTML, *Deletion:
			return ast.WalkSkipChildren, nil
		case *east.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TextValue returns the text a reader sees for a text node: backslash
// escapes and character references resolved, as goldmark's HTML writer
// resolves them. Emitters must use it rather than the raw segment, or an
// escaped "\*" in a fact would print with its backslash.
func TextValue(t *ast.Text, src []byte) []byte {
	v := t.Segment.Value(src)
	if t.IsRaw() || bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// DocLink reports whether a link destination points at another document of
// the pack. Templates write such links as "doc-id.md" or "doc-id.md#anchor";
// the HTML emitter turns them into .html links and the PDF emitter into
// internal or file links.
func DocLink(dest string) (id, fragment string, ok bool) {
	path, frag, _ := strings.Cut(dest, "#")
	if !strings.HasSuffix(path, ".md") || strings.ContainsAny(path, "/:\\") {
		return "", "", false
	}
	return strings.TrimSuffix(path, ".md"), frag, true
}

// IsExternal reports whether a destination leaves the pack (http, https or
// mailto).
func IsExternal(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "mailto:")
}
