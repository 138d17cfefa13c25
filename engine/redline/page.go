package redline

import (
	"net/url"
	"strconv"
)

// DefaultContext is how many unchanged lines a page shows around each
// change: enough to place the change, few enough that a one-line edit in
// a long register fits on a phone screen.
const DefaultContext = 3

// Document is one document that changed between two packs.
type Document struct {
	// ID names the page, <ID>.html; Title heads it.
	ID, Title string
	// FromVersion and ToVersion are the pack versions compared.
	FromVersion, ToVersion string
	// Old and New are the rendered Markdown; nil for an added or removed
	// document.
	Old, New []byte
	// Change is "added", "removed" or "modified". Empty means it is
	// worked out from which of Old and New is empty.
	Change string
	// Context is the number of unchanged lines shown around each change:
	// 0 means DefaultContext and a negative number the whole document.
	Context int
	// Rendered, when set, links the rendered redline of the same
	// document, of which this page is the source view.
	Rendered string
	// Lang is the documents' language tag; empty means "en".
	Lang string
}

// Page renders the standalone redline page of one document: valid HTML5
// with its style inline and no script, so that it works offline, prints,
// and reads on a phone. Unchanged stretches collapse to a "…" row; every
// line shows its number in both versions.
func Page(d Document, org, generator string) []byte {
	lines := Diff(d.Old, d.New)
	inserted, deleted := Stats(lines)
	change := d.Change
	if change == "" {
		change = inferChange(d.Old, d.New)
	}
	title := d.Title
	if title == "" {
		title = d.ID
	}

	var w writer
	w.head(pageTitle(title+" — changes", d.FromVersion, d.ToVersion, org), generator, d.Lang)
	w.raw("<header>\n<p class=\"crumbs\"><a href=\"index.html\">All changes</a>")
	if d.Rendered != "" {
		w.raw(" · <a href=\"")
		w.text(d.Rendered)
		w.raw("\">Rendered redline</a>")
	}
	if org != "" {
		w.raw(" · ")
		w.text(org)
	}
	w.raw("</p>\n<h1>")
	w.text(title)
	w.raw("</h1>\n<p class=\"meta\">")
	w.badge(change)
	w.raw(" <code>")
	w.text(d.ID)
	w.raw("</code>")
	if d.FromVersion != "" || d.ToVersion != "" {
		w.raw(" · <span class=\"nowrap\">pack ")
		w.orNone(d.FromVersion)
		w.raw(" → ")
		w.orNone(d.ToVersion)
		w.raw("</span>")
	}
	w.raw(" · <span class=\"nowrap\">")
	w.counts(inserted, deleted)
	w.raw(" lines</span></p>\n</header>\n<main>\n")
	if inserted+deleted == 0 {
		w.raw("<p class=\"same\">The rendered text did not change.</p>\n")
	} else {
		w.raw("<p class=\"legend\"><ins>Inserted</ins> and <del>deleted</del> lines; within an edited line, the changed words are ",
			"<ins class=\"w\">highlighted</ins>.</p>\n")
		w.redline(lines, d.Context, d.FromVersion, d.ToVersion)
	}
	w.raw("</main>\n")
	w.foot(org, generator)
	return []byte(w.String())
}

// pageTitle is the title a browser tab or a bookmark shows.
func pageTitle(what, from, to, org string) string {
	t := what
	if from != "" || to != "" {
		t += " " + from + " → " + to
	}
	if org != "" {
		t += " · " + org
	}
	return t
}

// inferChange names the change from which side is empty.
func inferChange(oldText, newText []byte) string {
	switch {
	case len(oldText) == 0 && len(newText) > 0:
		return "added"
	case len(newText) == 0 && len(oldText) > 0:
		return "removed"
	}
	return "modified"
}

// redline writes the table of lines, collapsing what is out of context.
func (w *writer) redline(lines []Line, context int, from, to string) {
	w.raw("<table class=\"diff\">\n<caption class=\"vh\">Changed lines, numbered in both versions</caption>\n",
		"<colgroup><col class=\"c-ln\"><col class=\"c-ln\"><col class=\"c-mk\"><col></colgroup>\n",
		"<thead><tr><th scope=\"col\">")
	w.versionHeading(from, "Old")
	w.raw("</th><th scope=\"col\">")
	w.versionHeading(to, "New")
	w.raw("</th><th scope=\"col\"><span class=\"vh\">Change</span></th><th scope=\"col\">Text</th></tr></thead>\n<tbody>\n")
	show := visibleLines(lines, context)
	hidden := 0
	for i, l := range lines {
		if !show[i] {
			hidden++
			continue
		}
		w.gap(hidden)
		hidden = 0
		w.line(l)
	}
	w.gap(hidden)
	w.raw("</tbody>\n</table>\n")
}

// versionHeading heads a line-number column with the version, short for
// the eye and spelled out for a screen reader.
func (w *writer) versionHeading(version, fallback string) {
	w.raw("<span class=\"vh\">Line in </span>")
	if version == "" {
		w.raw("<span class=\"vh\">the </span>", fallback, "<span class=\"vh\"> version</span>")
		return
	}
	w.text(version)
}

// gap writes the row that stands for n hidden unchanged lines.
func (w *writer) gap(n int) {
	switch {
	case n == 1:
		w.raw("<tr class=\"gap\"><td colspan=\"4\">… 1 unchanged line</td></tr>\n")
	case n > 1:
		w.raw("<tr class=\"gap\"><td colspan=\"4\">… ", strconv.Itoa(n), " unchanged lines</td></tr>\n")
	}
}

func (w *writer) line(l Line) {
	class, mark, tag := "eq", "", ""
	switch l.Kind {
	case Insert:
		class, mark, tag = "ins", "+", "ins"
	case Delete:
		class, mark, tag = "del", "−", "del"
	}
	w.raw("<tr class=\"", class, "\"><td class=\"ln\">", lineNumber(l.Old), "</td><td class=\"ln\">", lineNumber(l.New),
		"</td><td class=\"mk\">", mark, "</td><td class=\"tx\">")
	switch {
	case l.Words != nil:
		w.spans(l.Words)
	case tag != "":
		w.raw("<", tag, ">")
		w.text(l.Text)
		w.raw("</", tag, ">")
	default:
		w.text(l.Text)
	}
	w.raw("</td></tr>\n")
}

func lineNumber(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// visibleLines decides which lines a page shows: every change and up to
// context unchanged lines on each side of it. A single hidden line is
// shown anyway, since its "…" row would take the same space.
func visibleLines(lines []Line, context int) []bool {
	show := make([]bool, len(lines))
	if context < 0 {
		for i := range show {
			show[i] = true
		}
		return show
	}
	if context == 0 {
		context = DefaultContext
	}
	last := -1 << 30 // index of the last change seen
	for i, l := range lines {
		if l.Kind != Equal {
			last = i
		}
		show[i] = i-last <= context
	}
	last = 1 << 30
	for i := len(lines) - 1; i >= 0; i-- {
		if lines[i].Kind != Equal {
			last = i
		}
		show[i] = show[i] || last-i <= context
	}
	for i := range show {
		if !show[i] && (i == 0 || show[i-1]) && (i+1 == len(show) || show[i+1]) {
			show[i] = true
		}
	}
	return show
}

// pageHref is the link from the index to a document's page.
func pageHref(id string) string {
	return url.PathEscape(id) + ".html"
}
