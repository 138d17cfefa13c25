// Package check refuses to let a misleading pack look finished. It runs over
// the loaded facts and the rendered documents and reports, at the line that
// needs fixing: gaps in the Statement of Applicability, risks treated with
// controls that do not apply, documented information the standard requires
// but no document produces, references that do not resolve, and documents
// overdue for review.
package check

import (
	"bytes"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/internal/par"
	"github.com/ismsforge/ismsforge/engine/tmpl"
)

// Input is what the checks read.
type Input struct {
	Facts *facts.Facts
	Cat   *catalog.Catalog
	Model *tmpl.Model
	// Library holds every parsed template, selected or not.
	Library *tmpl.Library
	// Selected are the templates that take part in the pack; Docs are
	// their rendered documents, in the same order.
	Selected []*tmpl.Template
	Docs     []*document.Document
	// Pack is the pack the documents belong to, with its own strings and
	// where they were written; it may be nil.
	Pack *document.Pack
	// Date is the pack's release date.
	Date facts.Date
	// LastRelease is the date of the last release in isms.lock; zero
	// before the first.
	LastRelease facts.Date
	// Covers reports whether the PDF fonts can draw a character; nil skips
	// the check (no PDF is made).
	Covers func(rune) bool
	// Logo is the content of the organization's logo file, or LogoErr why
	// it could not be read; both are empty without a logo.
	Logo    []byte
	LogoErr error
	// Needs are, per document, the facts its template asked for and did
	// not find.
	Needs [][]tmpl.Need
}

// Run runs every check and returns the findings, sorted by position.
func Run(in Input) diag.List {
	checks := []func(Input) diag.List{
		soa, riskTreatment, documentedInformation, references, links, reviews, markdownNotes, duplicateRefs, logo, leftovers, placeholders, glyphs,
		// The consistency checks an auditor runs, one concern per file.
		staleDate, needs, classification, acceptance, calendar, evidence, approvals, treatment, recovery, crypto, coverage, ownership, jurisdictions, records,
	}
	// The checks only read their input, so they run side by side: in
	// watch mode the check is on the path from a save to its output.
	found := make([]diag.List, len(checks))
	par.For(par.Cores(), len(checks), nil, func(i int) { found[i] = checks[i](in) })
	var l diag.List
	for _, f := range found {
		l.Add(f...)
	}
	l.Sort()
	return l
}

// Strict turns warnings into errors, for CI.
func Strict(l diag.List) diag.List {
	out := make(diag.List, len(l))
	for i, d := range l {
		c := *d
		c.Severity = diag.Error
		out[i] = &c
	}
	return out
}

// frontMatterPos returns the position of a front matter key in a template,
// or of the front matter's first line.
func frontMatterPos(t *tmpl.Template, key string) diag.Pos {
	src := t.Source()
	line := 1
	for i, l := range bytes.Split(src, []byte("\n")) {
		if i > 0 && string(bytes.TrimRight(l, " \r")) == "---" {
			break
		}
		if strings.HasPrefix(string(l), key+":") {
			return diag.Pos{File: t.File.Display, Line: i + 1, Col: 1}
		}
		line = 2
	}
	return diag.Pos{File: t.File.Display, Line: line, Col: 1}
}

// controlPath is the facts path of a control's decision.
func controlPath(id string) string { return "controls." + id }
