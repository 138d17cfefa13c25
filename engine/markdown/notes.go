package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// NoteKind says what a Note is about.
type NoteKind string

// The kinds of notes.
const (
	// NoteLiteralTag is text shaped like a tag whose name HTML does not
	// know ("<insert email address here>"); it prints as written.
	NoteLiteralTag NoteKind = "literal-tag"
	// NoteRawHTML is raw HTML: the PDF drops it, and so does the HTML
	// unless output.raw_html is on. Comments are not noted.
	NoteRawHTML NoteKind = "raw-html"
	// NoteHeading1 is a level-1 heading in a document body, where the
	// layout prints the title as the only one.
	NoteHeading1 NoteKind = "heading-1"
	// NoteAttributes is a pandoc attribute block ("{#id}", "{.class}"),
	// which prints as text.
	NoteAttributes NoteKind = "pandoc-attributes"
	// NoteLaTeX is a raw LaTeX command, which prints as text.
	NoteLaTeX NoteKind = "latex"
	// NoteGridTable is a grid table that could not be read as a table.
	NoteGridTable NoteKind = "grid-table"
	// NotePandocList is a pandoc list marker the dialect lacks: "#." or
	// "(@)".
	NotePandocList NoteKind = "pandoc-list"
	// NoteFencedDiv is a pandoc fenced div fence (":::").
	NoteFencedDiv NoteKind = "fenced-div"
)

// Note is something in a document's Markdown that the outputs do not show
// as its author probably meant: a construct of another Markdown dialect
// that prints as text, raw HTML that an output drops, or text kept
// literally. The check reports each note at the template line that wrote
// it.
type Note struct {
	// Offset is the byte offset in the document's Markdown.
	Offset int
	Kind   NoteKind
	// Text is the construct as written, such as "<div>" or "{#scope}".
	Text string
	// Detail adds why, for notes that need it (a grid table's problem).
	Detail string
}

var notesKey = parser.NewContextKey()

// addNote records a note in the parse's context, when the parse collects
// them.
func addNote(pc parser.Context, n Note) {
	if pc == nil {
		return
	}
	if l, ok := pc.Get(notesKey).(*[]Note); ok {
		*l = append(*l, n)
	}
}

var (
	attrBlock  = regexp.MustCompile(`\{\s*[#.][A-Za-z][\w:.-]*(?:\s+(?:[#.][A-Za-z][\w:.-]*|[A-Za-z][\w-]*=\S+))*\s*\}`)
	latexStart = regexp.MustCompile(`^\\[A-Za-z]+(?:\{[^}]*\}|\[[^\]]*\])*`)
)

// findNotes walks the parsed document for the constructs that no parser
// records: raw HTML, level-1 headings and text that another dialect
// would have read as markup.
func findNotes(root ast.Node, src []byte) []Note {
	var notes []Note
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			if n.Segments.Len() == 0 {
				return ast.WalkContinue, nil
			}
			var b strings.Builder
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(src))
			}
			if !strings.HasPrefix(b.String(), "<!--") {
				notes = append(notes, Note{Offset: n.Segments.At(0).Start, Kind: NoteRawHTML, Text: b.String()})
			}
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 && n.HTMLBlockType != ast.HTMLBlockType2 {
				first := n.Lines().At(0)
				v := string(first.Value(src))
				lead := len(v) - len(strings.TrimLeft(v, " \t"))
				notes = append(notes, Note{Offset: first.Start + lead, Kind: NoteRawHTML, Text: strings.TrimSpace(v)})
			}
		case *ast.Heading:
			if n.Level == 1 {
				// The note points at the line's "#", not at the text.
				off := nodeStart(n, src)
				line := lineAt(src, off)
				start := bytes.LastIndexByte(src[:off], '\n') + 1
				off = start + len(line) - len(strings.TrimLeft(line, " \t"))
				notes = append(notes, Note{Offset: off, Kind: NoteHeading1, Text: line})
			}
			notes = append(notes, lineNotes(n, src)...)
		case *ast.Paragraph, *ast.TextBlock:
			notes = append(notes, lineNotes(n, src)...)
		}
		return ast.WalkContinue, nil
	})
	return notes
}

// nodeStart is the offset of a block's first line, or of its first
// descendant with one.
func nodeStart(n ast.Node, src []byte) int {
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if off := nodeOffset(n); off >= 0 {
		return off
	}
	return 0
}

func nodeOffset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return -1
}

// lineAt returns the source line holding offset off, without its break.
func lineAt(src []byte, off int) string {
	start := bytes.LastIndexByte(src[:min(off, len(src))], '\n') + 1
	end := bytes.IndexByte(src[start:], '\n')
	if end < 0 {
		end = len(src) - start
	}
	return strings.TrimRight(string(src[start:start+end]), "\r")
}

// lineNotes checks each line of a paragraph, text block or heading for
// another dialect's markup that printed as text.
func lineNotes(n ast.Node, src []byte) []Note {
	var notes []Note
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		v := seg.Value(src)
		t := bytes.TrimLeft(v, " \t")
		off := seg.Start + len(v) - len(t)
		switch {
		case isGridBorder(t):
			notes = append(notes, Note{Offset: off, Kind: NoteGridTable, Text: strings.TrimSpace(string(t)),
				Detail: "a grid table needs a blank line before it"})
		case bytes.HasPrefix(t, []byte("#. ")) || bytes.HasPrefix(t, []byte("(@")):
			notes = append(notes, Note{Offset: off, Kind: NotePandocList, Text: string(bytes.Fields(t)[0])})
		case bytes.HasPrefix(t, []byte(":::")):
			notes = append(notes, Note{Offset: off, Kind: NoteFencedDiv, Text: strings.TrimSpace(string(t))})
		case latexStart.Match(t):
			notes = append(notes, Note{Offset: off, Kind: NoteLaTeX, Text: string(latexStart.Find(t))})
		}
		if loc := attrBlock.FindIndex(v); loc != nil && (loc[0] == 0 || v[loc[0]-1] != '{') && (loc[1] == len(v) || v[loc[1]] != '}') {
			notes = append(notes, Note{Offset: seg.Start + loc[0], Kind: NoteAttributes, Text: string(v[loc[0]:loc[1]])})
		}
	}
	return notes
}

// Offset returns where n starts in the document's Markdown, src: a link or
// an image at its opening bracket, a block at its first line, an inline at
// its first text. A node without text of its own (an empty link) is placed
// at the block that holds it.
func Offset(n ast.Node, src []byte) int {
	off := -1
	for c := n; c != nil && off < 0; c = c.Parent() {
		off = nodeOffset(c)
	}
	if off < 0 {
		return 0
	}
	switch n.(type) {
	case *ast.Link:
		if off >= 1 && src[off-1] == '[' {
			off--
		}
	case *ast.Image:
		if off >= 2 && src[off-2] == '!' && src[off-1] == '[' {
			off -= 2
		}
	}
	return off
}

// DestinationOffset returns where a link's or an image's destination
// starts in src: right after the "](" that closes its text. A reference
// link, or one whose text has no segment, falls back to Offset.
func DestinationOffset(n ast.Node, src []byte) int {
	end := -1
	for c := n.LastChild(); c != nil; c = c.LastChild() {
		if t, ok := c.(*ast.Text); ok {
			end = t.Segment.Stop
			break
		}
	}
	if end >= 0 && end+2 <= len(src) && src[end] == ']' && src[end+1] == '(' {
		off := end + 2
		if off < len(src) && src[off] == '<' {
			off++
		}
		return off
	}
	return Offset(n, src)
}
