package redline

import "strconv"

// IndexEntry is a changed document as the index lists it.
type IndexEntry struct {
	// ID names the document's redline page, <ID>.html.
	ID, Title string
	// Change is "added", "removed" or "modified".
	Change string
	// From and To are the document's own versions; From is empty for an
	// added document and To for a removed one.
	From, To string
	// Inserted and Deleted count words, as Redline does.
	Inserted, Deleted int
}

// SoAChange is one changed field of one Statement of Applicability row.
type SoAChange struct {
	// ID and Title name the control, such as "A.5.1".
	ID, Title string
	// Field is the column that changed, such as "applicable" or "status".
	Field string
	// From and To are its values; an empty value is shown as such.
	From, To string
}

// Index renders the index page of a diff: the pack versions compared, a
// table of the changed documents linking to their redline pages, and a
// table of the changed SoA rows. Rows appear in the order given, so the
// caller decides (register order reads best).
// lang is the documents' language tag; empty means "en".
func Index(org, from, to string, docs []IndexEntry, soa []SoAChange, generator, lang string) []byte {
	var w writer
	w.head(pageTitle("Changes", from, to, org), generator, lang)
	w.raw("<header>\n")
	if org != "" {
		w.raw("<p class=\"crumbs\">")
		w.text(org)
		w.raw("</p>\n")
	}
	w.raw("<h1>Changes")
	if from != "" || to != "" {
		w.raw(" from pack ")
		w.orNone(from)
		w.raw(" to ")
		w.orNone(to)
	}
	w.raw("</h1>\n<p class=\"meta\">")
	w.raw(plural(len(docs), "document"), " changed")
	if len(docs) > 0 {
		w.raw(" (", changeSummary(docs), ")")
	}
	w.raw(" · ", plural(len(soa), "SoA field"), " changed</p>\n</header>\n<main>\n")

	w.raw("<h2 id=\"documents\">Documents</h2>\n")
	if len(docs) == 0 {
		w.raw("<p class=\"none\">No document changed.</p>\n")
	} else {
		w.docTable(docs)
	}
	w.raw("<h2 id=\"soa\">Statement of Applicability</h2>\n")
	if len(soa) == 0 {
		w.raw("<p class=\"none\">No SoA row changed.</p>\n")
	} else {
		w.soaTable(soa)
	}
	w.raw("</main>\n")
	w.foot(org, generator)
	return []byte(w.String())
}

func (w *writer) docTable(docs []IndexEntry) {
	w.raw("<div class=\"wrap\">\n<table class=\"list\">\n<thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Change</th>",
		"<th scope=\"col\">Version</th><th scope=\"col\">Words</th></tr></thead>\n<tbody>\n")
	for _, d := range docs {
		title := d.Title
		if title == "" {
			title = d.ID
		}
		w.raw("<tr><td class=\"doc\"><a href=\"")
		w.text(pageHref(d.ID))
		w.raw("\">")
		w.text(title)
		w.raw("</a> <code>")
		w.text(d.ID)
		w.raw("</code></td><td data-label=\"Change\">")
		w.badge(d.Change)
		w.raw("</td><td class=\"num\" data-label=\"Version\">")
		w.orNone(d.From)
		w.raw(" → ")
		w.orNone(d.To)
		w.raw("</td><td class=\"num\" data-label=\"Words\">")
		w.counts(d.Inserted, d.Deleted)
		w.raw("</td></tr>\n")
	}
	w.raw("</tbody>\n</table>\n</div>\n")
}

// soaTable lists the changed fields, with the changed words of a long
// value (a justification) highlighted as in the redline.
func (w *writer) soaTable(soa []SoAChange) {
	w.raw("<div class=\"wrap\">\n<table class=\"list\">\n<thead><tr><th scope=\"col\">Control</th><th scope=\"col\">Field</th>",
		"<th scope=\"col\">From</th><th scope=\"col\">To</th></tr></thead>\n<tbody>\n")
	for _, c := range soa {
		w.raw("<tr><td><strong>")
		w.text(c.ID)
		w.raw("</strong> ")
		w.text(c.Title)
		w.raw("</td><td class=\"field\" data-label=\"Field\">")
		w.text(c.Field)
		w.raw("</td><td class=\"val\" data-label=\"From\">")
		oldSpans, newSpans := diffWords(c.From, c.To)
		w.value(c.From, oldSpans, "del")
		w.raw("</td><td class=\"val\" data-label=\"To\">")
		w.value(c.To, newSpans, "ins")
		w.raw("</td></tr>\n")
	}
	w.raw("</tbody>\n</table>\n</div>\n")
}

// value writes one side of a changed field: its changed words marked when
// the two sides share some, or all of it marked when they do not.
func (w *writer) value(s string, words []Span, tag string) {
	switch {
	case s == "":
		w.raw("<span class=\"none\">empty</span>")
	case words != nil:
		w.spans(words)
	default:
		w.raw("<", tag, ">")
		w.text(s)
		w.raw("</", tag, ">")
	}
}

func (w *writer) orNone(s string) {
	if s == "" {
		w.raw("—")
		return
	}
	w.text(s)
}

// changeSummary counts the documents by kind of change, in a fixed order.
func changeSummary(docs []IndexEntry) string {
	var added, removed, modified int
	for _, d := range docs {
		switch d.Change {
		case "added":
			added++
		case "removed":
			removed++
		default:
			modified++
		}
	}
	return strconv.Itoa(added) + " added, " + strconv.Itoa(removed) + " removed, " + strconv.Itoa(modified) + " modified"
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
