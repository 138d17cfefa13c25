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
			pos, src := bodyPos(t, d, n.Offset)
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

// bodyPos is where the Markdown at off of document d, rendered from t, was
// written: in isms.yaml when it is a fact as written there, else at the
// template text or action that wrote it (in a partial, perhaps), from the
// document's body map. A document without a map is reported at its
// template's first body line.
func bodyPos(t *tmpl.Template, d *document.Document, off int) (diag.Pos, []byte) {
	if o := d.Body.At(off); o.Known() {
		return o.Pos, o.Src
	}
	return diag.Pos{File: t.File.Display, Line: t.BodyLine(), Col: 1}, t.Source()
}

// templatePos is bodyPos for a finding whose fix is in the template even
// when the words came from a fact: the action that printed them.
func templatePos(t *tmpl.Template, d *document.Document, off int) (diag.Pos, []byte) {
	if pos, src := d.Body.At(off).InTemplate(); pos.File != "" {
		return pos, src
	}
	return diag.Pos{File: t.File.Display, Line: t.BodyLine(), Col: 1}, t.Source()
}
