package check

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
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
		at(c.Owner.Title, d.Origins["owner.title"])
		at(c.Approver.Title, d.Origins["approver.title"])
		at(c.Classification, d.Origins["classification"])
		at(d.Title, d.Origins[document.OriginTitle])
		at(d.Summary, d.Origins[document.OriginSummary])
		at(d.Ref, d.Origins["ref"])
	}
	// Each document's characters, in the order of the documents: what a
	// document lacks depends on it alone, and watch mode keeps it.
	key := func(i int) string {
		if k := in.docKey(i); k != "" && in.CoversKey != "" {
			return k + "\x00" + in.CoversKey
		}
		return ""
	}
	for i := range in.Docs {
		for _, g := range memoDo(in.Memo, "glyphs", key(i), func() []glyph { return glyphsOf(in, i) }) {
			if !seen[g.r] {
				seen[g.r] = true
				out.Add(g.d)
			}
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

// glyph is the first place of a character that the fonts lack.
type glyph struct {
	r rune
	d *diag.Diagnostic
}

// glyphsOf lists the characters of document i, body then control block,
// that the fonts lack, each at its first place.
func glyphsOf(in Input, i int) []glyph {
	d := in.Docs[i]
	var t *tmpl.Template
	if i < len(in.Selected) {
		t = in.Selected[i]
	}
	var out []glyph
	seen := map[rune]bool{}
	missing := func(r rune) bool {
		if r < 0x80 || seen[r] || in.Covers(r) {
			return false
		}
		seen[r] = true
		return true
	}
	// The body's characters, at the place its body map names.
	if d.MD != nil {
		for _, c := range d.MD.Chars {
			if !missing(c.R) {
				continue
			}
			g := bodyGlyph(d, c.Offset, c.R)
			if g == nil {
				g = missingGlyph(in, c.R, d, t)
			}
			out = append(out, glyph{c.R, g})
		}
	}
	// The control block's strings that have no origin of their own (a
	// reference built from a prefix, the history from isms.lock).
	for _, s := range controlText(d) {
		for _, r := range s {
			if missing(r) {
				out = append(out, glyph{r, missingGlyph(in, r, d, t)})
			}
		}
	}
	return out
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

// missingGlyph builds the finding for r where no origin places it: at the
// first value of isms.yaml that holds it (a reference built from a prefix,
// a page made from the facts), else at the document's template, or at
// isms.lock for a revision summary.
func missingGlyph(in Input, r rune, d *document.Document, t *tmpl.Template) *diag.Diagnostic {
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
			return glyphAt(document.Origin{Pos: *at, Src: in.Facts.Source()}, r)
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
	return diag.Errorf(pos, glyphHint, "%s (in the text of %s)", glyphMessage(r), where).WithCode("pdf-missing-glyph")
}

// controlText lists what the PDF prints of a document besides its body:
// its control block and revision history.
func controlText(d *document.Document) []string {
	c := d.Control
	out := []string{d.Title, d.Summary, d.Ref, c.Owner.Name, c.Owner.Title, c.Approver.Name, c.Approver.Title, c.Classification}
	for _, h := range d.History {
		out = append(out, h.Summary, h.Approver)
	}
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
