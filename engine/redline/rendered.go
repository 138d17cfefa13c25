package redline

import (
	"strconv"
)

// RenderedPage is what the rendered redline page of one document shows.
type RenderedPage struct {
	// ID names the page, <ID>.html; Title, Ref and Kind head it.
	ID, Title, Ref string
	// FromVersion and ToVersion are the document's versions compared.
	FromVersion, ToVersion string
	// Change is "added", "removed" or "modified".
	Change string
	Org    string
	// Lang is the documents' language tag; empty means "en".
	Lang string
	// Generator names the tool in the footer.
	Generator string
	// CSS is the site's style sheet, inlined so that the redline has the
	// site's typography and still works on its own (opened from a zip or
	// an e-mail).
	CSS []byte
	// Body is the redline's document body as the site renders it (see
	// html.Body), with ins and del elements and data-change attributes.
	Body []byte
	// Redline gives the counts and the sections touched.
	Redline *Redline
	// SoA lists the changed SoA rows that concern the document.
	SoA []SoAChange
	// Also links the same redline in other forms: the source view, the
	// PDF, the DOCX with tracked changes. Label -> href, in order.
	Also []Link
}

// Link is a labelled hyperlink.
type Link struct{ Label, Href string }

// redlineCSS marks the changes on top of the site's style. Colour is never
// the only signal: insertions are underlined, deletions struck through,
// and every changed block has a bar in the margin, as in a printed
// redline.
const redlineCSS = `
/* Redline marks. */
ins { color: #0a5d2a; background: #e3f6e8; text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: .15em; }
del { color: #9b1c1c; background: #fde8e8; text-decoration: line-through; text-decoration-thickness: 1px; }
.redline main { max-width: 62rem; margin: 0 auto; }
.redline .body [data-change] { position: relative; }
.redline .body [data-change]:not(td):not(th):not(tr)::before { content: ""; position: absolute; left: -1.1rem; top: .15em; bottom: .15em; width: 4px; border-radius: 2px; background: #c27c0e; }
.redline .body [data-change=ins]:not(td):not(th):not(tr)::before { background: #1a7f37; }
.redline .body [data-change=del]:not(td):not(th):not(tr)::before { background: #b4232c; }
.redline .body tr[data-change] > :first-child { box-shadow: inset 4px 0 0 #c27c0e; }
.redline .body tr[data-change=ins] > :first-child { box-shadow: inset 4px 0 0 #1a7f37; }
.redline .body tr[data-change=del] > :first-child { box-shadow: inset 4px 0 0 #b4232c; }
.redline .body td[data-change=chg] { background: #fff8e6; }
.redline .body pre[data-change=del] { background: #fde8e8; text-decoration: line-through; }
.redline .body pre[data-change=ins] { background: #e3f6e8; }
.redline .body li[data-change]::before, .redline .body li > [data-change]::before { left: -2.3rem; }
.rl-summary { border: 1px solid var(--rule, #d9dde5); border-radius: 6px; padding: .75rem 1rem; margin: 0 0 2rem; font-size: .9rem; }
.rl-summary h2 { font-size: .8rem; margin: 0 0 .4rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted, #5b6475); border: 0; }
.rl-summary ul { margin: .2rem 0 .6rem; padding-left: 1.1rem; }
.rl-summary table { margin: .3rem 0 0; }
.rl-meta { color: var(--muted, #5b6475); font-size: .875rem; margin: 0 0 1rem; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 3px; font-size: .8rem; font-weight: 600; border: 1px solid currentColor; }
.b-added { color: #1a7f37; background: #e6ffec; }
.b-removed { color: #b4232c; background: #ffebe9; }
.b-modified { color: var(--accent, #1f4e8c); background: #eaf0f8; }
.rl-legend { font-size: .85rem; color: var(--muted, #5b6475); margin: 0 0 1.5rem; }
.rl-count-ins { color: #0a5d2a; font-weight: 600; }
.rl-count-del { color: #9b1c1c; font-weight: 600; }
@media print { .redline .body [data-change]::before { print-color-adjust: exact; -webkit-print-color-adjust: exact; } ins, del { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
`

// Rendered renders the redline of one document as it reads on the site:
// the new version with the site's typography, inserted and deleted words
// marked inline in paragraphs, headings, list items and table cells, a bar
// in the margin beside every changed block and a summary of the changes at
// the top. Like the source view (Page) it is standalone: valid HTML5, no
// script, its style inline.
func Rendered(pg RenderedPage) []byte {
	title := pg.Title
	if title == "" {
		title = pg.ID
	}
	var w writer
	w.raw("<!DOCTYPE html>\n<html lang=\"")
	w.text(langOr(pg.Lang))
	w.raw("\">\n<head>\n<meta charset=\"utf-8\" />\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<meta name=\"generator\" content=\"")
	w.text(pg.Generator)
	w.raw("\" />\n<title>")
	w.text(pageTitle(title+" — redline", pg.FromVersion, pg.ToVersion, pg.Org))
	w.raw("</title>\n<style>\n")
	w.raw(styleText(pg.CSS), redlineCSS, "</style>\n</head>\n<body class=\"redline\">\n<main id=\"content\">\n<article>\n")
	w.raw("<p class=\"doc-ref\"><a href=\"index.html\">All changes</a>")
	if pg.Org != "" {
		w.raw(" · ")
		w.text(pg.Org)
	}
	if pg.Ref != "" {
		w.raw(" · ")
		w.text(pg.Ref)
	}
	w.raw("</p>\n<h1>")
	w.text(title)
	w.raw("</h1>\n<p class=\"rl-meta\">")
	w.badge(pg.Change)
	w.raw(" Version ")
	w.orNone(pg.FromVersion)
	w.raw(" → ")
	w.orNone(pg.ToVersion)
	r := pg.Redline
	if r != nil {
		w.raw(" · <span class=\"rl-count-ins\">+", strconv.Itoa(r.InsertedWords), "</span> <span class=\"rl-count-del\">−",
			strconv.Itoa(r.DeletedWords), "</span> words")
	}
	for _, l := range pg.Also {
		w.raw(" · <a href=\"")
		w.text(l.Href)
		w.raw("\">")
		w.text(l.Label)
		w.raw("</a>")
	}
	w.raw("</p>\n")
	w.summary(pg)
	w.raw("<p class=\"rl-legend\"><ins>Inserted</ins> and <del>deleted</del> words are marked where they stand; ",
		"a bar in the margin marks every changed paragraph, heading, list item and table row.</p>\n")
	w.raw("<div class=\"body\">\n", string(pg.Body), "</div>\n</article>\n")
	w.raw("<footer class=\"page\">Generated by ")
	w.text(pg.Generator)
	if pg.Org != "" {
		w.raw(" for ")
		w.text(pg.Org)
	}
	w.raw("</footer>\n</main>\n</body>\n</html>\n")
	return []byte(w.String())
}

// styleText keeps a style sheet from closing its style element early.
func styleText(css []byte) string {
	s := string(css)
	for {
		i := indexFold(s, "</style")
		if i < 0 {
			return s
		}
		s = s[:i] + "<\\/style" + s[i+len("</style"):]
	}
}

func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		match := true
		for j := 0; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// summary writes the summary of changes: the counts, the sections
// touched and the SoA rows changed.
func (w *writer) summary(pg RenderedPage) {
	r := pg.Redline
	w.raw("<section class=\"rl-summary\" aria-label=\"Summary of changes\">\n<h2>Summary of changes</h2>\n<p>")
	switch {
	case r == nil || r.Blocks == 0:
		w.raw("The rendered text did not change.")
	default:
		w.raw(plural(r.Blocks, "block"), " changed")
		if r.Rows > 0 {
			w.raw(", ", plural(r.Rows, "table row"), " among them")
		}
		w.raw("; ", plural(r.InsertedWords, "word"), " inserted, ", plural(r.DeletedWords, "word"), " deleted.")
	}
	w.raw("</p>\n")
	if r != nil && len(r.Sections) > 0 {
		w.raw("<p>Sections touched:</p>\n<ul class=\"rl-sections\">\n")
		for _, s := range r.Sections {
			w.raw("<li>")
			if s.ID == "" && s.Text == "" {
				w.raw("Before the first heading</li>\n")
				continue
			}
			w.raw("<a href=\"#")
			w.text(s.ID)
			w.raw("\">")
			if s.Number != "" {
				w.text(s.Number + " ")
			}
			w.text(s.Text)
			w.raw("</a></li>\n")
		}
		w.raw("</ul>\n")
	}
	if len(pg.SoA) > 0 {
		w.raw("<p>Statement of Applicability rows changed:</p>\n<div class=\"table-wrap\"><table class=\"rl-soa\">\n",
			"<thead><tr><th>Control</th><th>Field</th><th>From</th><th>To</th></tr></thead>\n<tbody>\n")
		for _, c := range pg.SoA {
			w.raw("<tr><td><strong>")
			w.text(c.ID)
			w.raw("</strong> ")
			w.text(c.Title)
			w.raw("</td><td>")
			w.text(c.Field)
			w.raw("</td><td>")
			oldSpans, newSpans := diffWords(c.From, c.To)
			w.value(c.From, oldSpans, "del")
			w.raw("</td><td>")
			w.value(c.To, newSpans, "ins")
			w.raw("</td></tr>\n")
		}
		w.raw("</tbody>\n</table></div>\n")
	}
	w.raw("</section>\n")
}
