package check

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/tmpl"
)

// glyphs reports every character that the PDF's fonts cannot draw, once
// for the whole pack, at the template line or the fact that holds it: the
// author fixes the source, not the rendered Markdown, and one stray emoji
// used on forty pages is one mistake, not forty.
func glyphs(in Input) diag.List {
	if in.Covers == nil {
		return nil
	}
	covered := map[rune]bool{}
	seen := map[rune]bool{}
	var out diag.List
	missing := func(r rune) bool {
		if r < 0x80 || seen[r] {
			return false
		}
		ok, known := covered[r]
		if !known {
			ok = in.Covers(r)
			covered[r] = ok
		}
		return !ok
	}
	// The strings the pack prints on every page (organization, scope,
	// classification) and the people and classification of each control
	// block know where they were written: each missing character is
	// reported there, once, without looking for it.
	at := func(s string, o document.Origin) {
		for _, r := range s {
			if missing(r) && o.Known() {
				seen[r] = true
				out.Add(glyphAt(o, r))
			}
		}
	}
	if pk := in.Pack; pk != nil {
		at(pk.Org, pk.Origins[document.OriginOrganization])
		at(pk.Scope, pk.Origins[document.OriginScope])
		at(pk.Classification, pk.Origins[document.OriginClassification])
	}
	for _, d := range in.Docs {
		c := d.Control
		at(c.Owner.Name, d.Origins["owner"])
		at(c.Approver.Name, d.Origins["approver"])
		at(c.Classification, d.Origins["classification"])
	}
	for i, d := range in.Docs {
		var t *tmpl.Template
		if i < len(in.Selected) {
			t = in.Selected[i]
		}
		visit := func(s string) {
			for _, r := range s {
				if missing(r) {
					seen[r] = true
					out.Add(missingGlyph(in, r, d, t))
				}
			}
		}
		// The body's characters, at the place its body map names.
		if d.MD != nil && d.MD.Root != nil {
			src := d.MD.Source
			_ = ast.Walk(d.MD.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				switch n := n.(type) {
				case *ast.HTMLBlock, *ast.RawHTML:
					return ast.WalkSkipChildren, nil
				case *ast.Text:
					if !entering {
						break
					}
					seg := n.Segment
					for j, r := range string(src[seg.Start:seg.Stop]) {
						if missing(r) {
							if g := bodyGlyph(d, seg.Start+j, r); g != nil {
								seen[r] = true
								out.Add(g)
							}
						}
					}
				}
				return ast.WalkContinue, nil
			})
		}
		// What the map does not place (the control block, a character
		// written as an entity) is looked for in the sources.
		for _, s := range printedText(d) {
			visit(s)
		}
	}
	if in.Facts != nil {
		for _, s := range []string{in.Facts.Organization.Name, in.Facts.ScopeStatement(), in.Facts.DocumentControl.Classification} {
			for _, r := range s {
				if r >= 0x80 && !seen[r] && !in.Covers(r) {
					seen[r] = true
					out.Add(missingGlyph(in, r, nil, nil))
				}
			}
		}
	}
	return oneAtEachPlace(out)
}

// glyphHint and glyphMessage are the words of every missing-glyph finding.
const glyphHint = "replace the character, or name a theme font that has it under fonts: in theme.yaml (see Themes in the README)"

func glyphMessage(r rune) string {
	return fmt.Sprintf("character %q (U+%04X) is in none of the PDF fonts", r, r)
}

// glyphAt is the finding for r in a string whose origin is known: at the
// character itself, the first r from where the string starts.
func glyphAt(o document.Origin, r rune) *diag.Diagnostic {
	pos := o.Pos
	if off := offsetOf(o.Src, pos.Line, pos.Col); off >= 0 {
		if i := bytes.IndexRune(o.Src[off:], r); i >= 0 {
			i += off
			pos.Line = bytes.Count(o.Src[:i], []byte("\n")) + 1
			pos.Col = utf8.RuneCount(o.Src[bytes.LastIndexByte(o.Src[:i], '\n')+1:i]) + 1
		}
	}
	return diag.Errorf(pos, glyphHint, "%s", glyphMessage(r)).WithSource(o.Src).WithCode("pdf-missing-glyph")
}

// bodyGlyph is the finding for r at offset off of d's Markdown: in
// isms.yaml at the character when the text is a fact, else in the template
// at the character, or at the action that printed it. nil when the body
// map knows nothing of it.
func bodyGlyph(d *document.Document, off int, r rune) *diag.Diagnostic {
	o := d.Body.At(off)
	switch {
	case !o.Known():
		return nil
	case o.IsFact():
		return glyphAt(o, r)
	case o.Action.File != "":
		return diag.Errorf(o.Action, glyphHint, "%s, printed by this action", glyphMessage(r)).WithSource(o.ActionSrc).WithCode("pdf-missing-glyph")
	}
	return diag.Errorf(o.Pos, glyphHint, "%s", glyphMessage(r)).WithSource(o.Src).WithCode("pdf-missing-glyph")
}

// missingGlyph builds the finding for r, pointing at the first place it is
// written: the document's template, a partial, then the facts file. Only a
// character that none of them holds (a revision summary from the lock) is
// reported at the document's template without a line.
func missingGlyph(in Input, r rune, d *document.Document, t *tmpl.Template) *diag.Diagnostic {
	needle := string(r)
	hint, msg := glyphHint, glyphMessage(r)
	type file struct {
		name string
		src  []byte
	}
	var files []file
	if t != nil {
		files = append(files, file{t.File.Display, t.Source()})
	}
	if in.Library != nil {
		for _, p := range in.Library.Partials() {
			files = append(files, file{p.Display, p.Src})
		}
	}
	for _, f := range files {
		if i := bytes.Index(f.src, []byte(needle)); i >= 0 {
			line := bytes.Count(f.src[:i], []byte("\n")) + 1
			col := utf8.RuneCount(f.src[bytes.LastIndexByte(f.src[:i], '\n')+1:i]) + 1
			return diag.Errorf(diag.Pos{File: f.name, Line: line, Col: col}, hint, "%s", msg).WithSource(f.src).WithCode("pdf-missing-glyph")
		}
	}
	// In the facts, at the value that holds it, not at a comment that
	// happens to come first.
	if in.Facts != nil {
		var at *diag.Pos
		in.Facts.Scalars(func(pos diag.Pos, v string) {
			if at == nil && strings.ContainsRune(v, r) {
				at = &pos
			}
		})
		if at != nil {
			// On the character itself: the first one at or after where
			// the value starts.
			src := in.Facts.Source()
			pos := *at
			if off := offsetOf(src, pos.Line, pos.Col); off >= 0 {
				if i := bytes.Index(src[off:], []byte(needle)); i >= 0 {
					i += off
					pos.Line = bytes.Count(src[:i], []byte("\n")) + 1
					pos.Col = utf8.RuneCount(src[bytes.LastIndexByte(src[:i], '\n')+1:i]) + 1
				}
			}
			return diag.Errorf(pos, hint, "%s", msg).WithSource(src).WithCode("pdf-missing-glyph")
		}
	}
	where := "the pack"
	pos := diag.Pos{File: "isms.lock"}
	if d != nil {
		where = "document " + d.ID
		if t != nil {
			pos = diag.Pos{File: t.File.Display}
		}
	}
	return diag.Errorf(pos, hint, "%s (in the text of %s)", msg, where).WithCode("pdf-missing-glyph")
}

// printedText lists what the PDF prints of a document: its control block,
// revision history and the text of its Markdown (not link destinations,
// raw HTML or comments, which are never drawn).
func printedText(d *document.Document) []string {
	c := d.Control
	out := []string{d.Title, d.Summary, d.Ref, c.Owner.Name, c.Owner.Title, c.Approver.Name, c.Approver.Title, c.Classification}
	for _, h := range d.History {
		out = append(out, h.Summary, h.Approver)
	}
	if d.MD == nil || d.MD.Root == nil {
		return out
	}
	src := d.MD.Source
	_ = ast.Walk(d.MD.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			out = append(out, string(markdown.TextValue(n, src)))
		case *ast.String:
			out = append(out, string(n.Value))
		case *ast.AutoLink:
			out = append(out, string(n.Label(src)))
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				out = append(out, string(s.Value(src)))
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// oneAtEachPlace folds the findings for several characters on one line (a
// name in another script) into one finding at the first, naming it and
// counting the others.
func oneAtEachPlace(l diag.List) diag.List {
	var out diag.List
	type line struct {
		file string
		n    int
	}
	at := map[line]int{}
	extra := map[int]int{}
	for _, d := range l {
		if d.Pos.Line == 0 {
			out = append(out, d)
			continue
		}
		k := line{d.Pos.File, d.Pos.Line}
		if i, ok := at[k]; ok {
			extra[i]++
			continue
		}
		at[k] = len(out)
		out = append(out, d)
	}
	for i, n := range extra {
		c := *out[i]
		c.Message += fmt.Sprintf(", nor are %d other characters on this line", n)
		out[i] = &c
	}
	return out
}

// offsetOf is the byte offset of a 1-based line and column (in runes) of
// src, or -1.
func offsetOf(src []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(src); c++ {
		_, n := utf8.DecodeRune(src[off:])
		off += n
	}
	return off
}
