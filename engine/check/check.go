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
	"sync"

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
	// the check (no PDF is made). CoversKey identifies it, for the memo:
	// without one, the characters are looked up again in every run.
	Covers    func(rune) bool
	CoversKey string
	// Logo is the content of the organization's logo file, or LogoErr why
	// it could not be read; both are empty without a logo.
	Logo    []byte
	LogoErr error
	// Needs are, per document, the facts its template asked for and did
	// not find.
	Needs [][]tmpl.Need
	// Memo, in watch mode, keeps the results of the checks that read one
	// document at a time between builds; DocKeys then give each document
	// the key of everything such a check reads of it and of the project:
	// the facts file, the date, the pack's documents as templates see
	// them, the document's template and the partials, its text, control
	// block and history. A document whose key is "" is checked again.
	Memo    *Memo
	DocKeys []string
}

// docKey returns DocKeys[i], or "" when there is none.
func (in Input) docKey(i int) string {
	if i < len(in.DocKeys) {
		return in.DocKeys[i]
	}
	return ""
}

// checker is one check: a part that reads the whole pack, a part that
// reads one document at a time (named, for the memo), or both.
type checker struct {
	pack func(Input) diag.List
	name string
	doc  func(in Input, i int) diag.List
}

// Run runs every check and returns the findings, sorted by position.
func Run(in Input) diag.List {
	p := func(f func(Input) diag.List) checker { return checker{pack: f} }
	checks := []checker{
		p(soa), p(riskTreatment), p(documentedInformation), p(references), p(links), p(reviews), p(markdownNotes), p(duplicateRefs), p(logo), p(leftovers), p(placeholders), p(glyphs),
		// The consistency checks an auditor runs, one concern per file.
		p(staleDate), p(needs), p(classification), p(acceptance), p(calendar), p(evidence),
		{pack: approvalEvidence, name: "self-approval", doc: selfApprovalOf},
		p(treatment), p(recovery), p(crypto),
		{name: "coverage", doc: coverageOf},
		{name: "ownership", doc: ownershipOf},
		p(jurisdictions), p(records), p(corrective), p(regimeLevels), p(regimeVersions),
	}
	// The checks only read their input, so they run side by side: in
	// watch mode the check is on the path from a save to its output. A
	// check of the whole pack is one piece of work; one that reads a
	// document at a time is a piece per document, which the memo may hold
	// already. The pieces are in the order of the checks, the pack's part
	// first, then the documents in order.
	type piece struct{ check, doc int } // doc -1: the pack's part
	var pieces []piece
	for c, ch := range checks {
		if ch.pack != nil {
			pieces = append(pieces, piece{c, -1})
		}
		if ch.doc != nil {
			for i := range in.Docs {
				pieces = append(pieces, piece{c, i})
			}
		}
	}
	found := make([]diag.List, len(pieces))
	par.For(par.Cores(), len(pieces), nil, func(k int) {
		pc, ch := pieces[k], checks[pieces[k].check]
		if pc.doc < 0 {
			found[k] = ch.pack(in)
			return
		}
		found[k] = in.Memo.do(ch.name, in.docKey(pc.doc), func() diag.List { return ch.doc(in, pc.doc) })
	})
	in.Memo.turn()
	var l diag.List
	for _, f := range found {
		l.Add(f...)
	}
	l.Sort()
	return l
}

// Memo keeps the findings of the checks that read one document at a time
// (see Input.Memo), from one run to the next. It is safe for concurrent use.
type Memo struct {
	mu         sync.Mutex
	last, this map[string]any
}

// do returns the findings of check name for the document whose key is
// key: the last run's, or f's.
func (m *Memo) do(name, key string, f func() diag.List) diag.List {
	return memoDo(m, name, key, f)
}

// memoDo is Memo.do for what a check keeps of a document that is not yet
// its findings.
func memoDo[T any](m *Memo, name, key string, f func() T) T {
	if m == nil || key == "" {
		return f()
	}
	k := name + "\x00" + key
	m.mu.Lock()
	v, ok := m.last[k]
	if !ok {
		v, ok = m.this[k]
	}
	m.mu.Unlock()
	l, isT := v.(T)
	if !ok || !isT {
		l = f()
	}
	m.mu.Lock()
	if m.this == nil {
		m.this = map[string]any{}
	}
	m.this[k] = l
	m.mu.Unlock()
	return l
}

// turn ends a run: the next one reads this one's findings, and only them.
func (m *Memo) turn() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.last, m.this = m.this, nil
	m.mu.Unlock()
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
