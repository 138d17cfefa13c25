package check

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// Glyphs reports each fact that holds a character the PDF fonts cannot
// draw, once, at the fact, naming the character. Without it, a CJK
// organization name gives one error per rendered line of every PDF, none of
// them at isms.yaml. Only characters that reach the pack count: a fact no
// template prints cannot spoil a PDF. has reports whether the fonts have a
// glyph for a character; extra holds text the PDFs show besides the
// documents' Markdown (the organization in running heads, say).
func Glyphs(f *facts.Facts, docs []*document.Document, extra []string, has func(rune) bool) diag.List {
	// Which missing characters does the pack print at all?
	printed := map[rune]bool{}
	scan := func(s string) {
		for _, r := range s {
			if r >= utf8.RuneSelf && !printed[r] && !has(r) {
				printed[r] = true
			}
		}
	}
	for _, d := range docs {
		scan(string(d.MD.Source))
	}
	for _, s := range extra {
		scan(s)
	}
	if len(printed) == 0 {
		return nil
	}
	var l diag.List
	f.Scalars(func(pos diag.Pos, v string) {
		var missing []rune
		for _, r := range v {
			if printed[r] && !containsRune(missing, r) {
				missing = append(missing, r)
			}
		}
		if len(missing) == 0 {
			return
		}
		msg := fmt.Sprintf("character %q (U+%04X) is in none of the PDF fonts", missing[0], missing[0])
		if n := len(missing) - 1; n > 0 {
			msg += fmt.Sprintf(", nor are %d other characters of this value", n)
		}
		l.Add(diag.Errorf(pos, "name TTF files that cover this script under fonts in the theme (see Themes in the README), or write the value in characters the fonts have", "%s", msg).WithSource(f.Source()).WithCode("pdf-missing-glyph"))
	})
	return l
}

func containsRune(rs []rune, r rune) bool { return strings.ContainsRune(string(rs), r) }
