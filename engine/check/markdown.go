package check

import (
	"fmt"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/tmpl"
)

// markdownNotes reports, at the template line that wrote it, what the
// outputs would not show as written: raw HTML an output drops, tag-like
// placeholders kept as text, level-1 headings, and other dialects' markup
// (pandoc attributes, LaTeX commands, broken grid tables) printed as text.
// Nothing is dropped or mangled without a finding.
func markdownNotes(in Input) diag.List {
	var l diag.List
	for i, d := range in.Docs {
		t := in.Selected[i]
		for _, n := range d.MD.Notes {
			pos, src := locateNote(t, in.Library, d, n)
			msg, hint := noteText(n, d, in)
			l.Add(diag.Warnf(pos, hint, "%s", msg).WithSource(src).WithCode("markdown-" + string(n.Kind)))
		}
	}
	return l.Compact()
}

func noteText(n markdown.Note, d *document.Document, in Input) (msg, hint string) {
	switch n.Kind {
	case markdown.NoteLiteralTag:
		return fmt.Sprintf(`"%s" looks like an HTML tag but HTML has no such element: it is printed as text`, n.Text),
			`if it is a placeholder, replace it with the fact it stands for; to keep the text, write \` + n.Text
	case markdown.NoteRawHTML:
		where := "from the PDF and the HTML"
		hint := "write it in Markdown; raw HTML is never passed to the PDF, and reaches the HTML only with output.raw_html"
		if in.Facts.Output.RawHTML {
			where = "from the PDF (the HTML keeps it, as output.raw_html is on)"
			hint = "write it in Markdown; raw HTML is never passed to the PDF"
		}
		return fmt.Sprintf(`raw HTML "%s" is dropped %s`, n.Text, where), hint
	case markdown.NoteHeading1:
		msg := fmt.Sprintf("level-1 heading %q in the body of %s: the layout prints the title as the document's only level-1 heading", strings.TrimSpace(strings.TrimLeft(n.Text, "#")), d.ID)
		if in.Facts.Output.HeadingNumbers {
			msg += ", and the sections before it are numbered 0.1, 0.2"
		}
		return msg, "start sections at ## and subsections at ###"
	case markdown.NoteAttributes:
		hint := "remove it; ismsforge's Markdown has no attributes"
		for _, h := range d.MD.Headings {
			if strings.Contains(h.Text, n.Text) {
				hint = fmt.Sprintf("remove it; the heading's anchor comes from its text (#%s), so links use that", h.ID)
				break
			}
		}
		return fmt.Sprintf(`pandoc attribute "%s" is printed as text`, n.Text), hint
	case markdown.NoteLaTeX:
		return fmt.Sprintf(`LaTeX command "%s" is printed as text`, n.Text),
			`remove it; for a page break, put \pagebreak on a line of its own`
	case markdown.NoteGridTable:
		return "grid table is printed as text: " + n.Detail,
			`put every "|" and "+" of the table under a "+" of its top border, with a blank line before the table; cells cannot span columns`
	case markdown.NotePandocList:
		return fmt.Sprintf(`pandoc list marker "%s" is not supported: the line is printed as text`, n.Text),
			"number the items 1., 2., 3. or a., b., c."
	case markdown.NoteFencedDiv:
		return fmt.Sprintf(`pandoc fenced div "%s" is not supported: the line is printed as text`, n.Text),
			"remove the ::: lines; a block quote (>) sets text apart"
	}
	return fmt.Sprintf("\"%s\" is not shown as written", n.Text), ""
}

// locateNote finds the template line that wrote a note's text: in the
// document's template, else in a partial. When the same text occurs more
// than once, the note's rank among the occurrences in the Markdown picks
// the occurrence in the template. Text that an action wrote is found by
// the template line most like the Markdown line.
func locateNote(t *tmpl.Template, lib *tmpl.Library, d *document.Document, n markdown.Note) (diag.Pos, []byte) {
	md := d.MD.Source
	rank := strings.Count(string(md[:min(n.Offset, len(md))]), n.Text)
	src := t.Source()
	skip := bodyOffset(src, t.BodyLine())
	if pos, ok := nth(t.File.Display, src, skip, n.Text, rank); ok {
		return pos, src
	}
	if lib != nil {
		for _, p := range lib.Partials() {
			if pos, ok := nth(p.Display, p.Src, 0, n.Text, 0); ok {
				return pos, p.Src
			}
		}
	}
	if pos, ok := likeLine(t.File.Display, src, skip, lineOf(md, n.Offset)); ok {
		return pos, src
	}
	return diag.Pos{File: t.File.Display, Line: t.BodyLine(), Col: 1}, src
}

// bodyOffset is the byte offset of line (1-based) in src.
func bodyOffset(src []byte, line int) int {
	off := 0
	for l := 1; l < line && off < len(src); l++ {
		i := strings.IndexByte(string(src[off:]), '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// nth returns the position of the rank-th occurrence (0-based) of needle
// in src after skip, or of the last one when there are fewer.
func nth(file string, src []byte, skip int, needle string, rank int) (diag.Pos, bool) {
	if needle == "" {
		return diag.Pos{}, false
	}
	s := string(src)
	at, from := -1, skip
	for i := 0; i <= rank; i++ {
		j := strings.Index(s[from:], needle)
		if j < 0 {
			break
		}
		at = from + j
		from = at + len(needle)
	}
	if at < 0 {
		return diag.Pos{}, false
	}
	return posAt(file, src, at), true
}

func posAt(file string, src []byte, off int) diag.Pos {
	line := strings.Count(string(src[:off]), "\n") + 1
	col := len([]rune(string(src[strings.LastIndexByte(string(src[:off]), '\n')+1:off]))) + 1
	return diag.Pos{File: file, Line: line, Col: col}
}

// lineOf returns the line of md holding offset off.
func lineOf(md []byte, off int) string {
	off = min(off, len(md))
	start := strings.LastIndexByte(string(md[:off]), '\n') + 1
	end := strings.IndexByte(string(md[start:]), '\n')
	if end < 0 {
		end = len(md) - start
	}
	return string(md[start : start+end])
}

// likeLine finds the template line that shares the longest start with
// line, at least a few characters: the line an action filled in.
func likeLine(file string, src []byte, skip int, line string) (diag.Pos, bool) {
	want := strings.TrimSpace(line)
	best, bestLen := -1, 0
	off := skip
	for _, l := range strings.SplitAfter(string(src[skip:]), "\n") {
		tl := strings.TrimSpace(l)
		n := 0
		for n < len(tl) && n < len(want) && tl[n] == want[n] {
			n++
		}
		if n > bestLen {
			best, bestLen = off+len(l)-len(strings.TrimLeft(l, " \t")), n
		}
		off += len(l)
	}
	if best < 0 || bestLen < min(4, len(want)) {
		return diag.Pos{}, false
	}
	return posAt(file, src, best), true
}
