// Package document holds the rendered document as the emitters see it: its
// identity and control block, its revision history and its parsed Markdown.
// It is the value passed from the pipeline to the HTML and PDF emitters.
package document

import (
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"slices"
)

// Document statuses shown in the control block and the register.
const (
	StatusDraft    = "Draft"
	StatusApproved = "Approved"
)

// Kinds of document, from front matter.
var Kinds = []string{"policy", "procedure", "record", "register"}

// Document is one document of the pack, ready to emit.
type Document struct {
	// ID is the kebab-case identifier; it names the output files.
	ID string
	// Ref is the reference printed on the document, such as ACME-ISMS-POL-02.
	Ref     string
	Title   string
	Kind    string
	Summary string
	// Clauses and Controls are what the document implements.
	Clauses  []string
	Controls []string
	// Frameworks maps the document to requirements of other frameworks,
	// by framework ID.
	Frameworks map[string][]string
	Control    ControlBlock
	History    []Revision
	MD         *markdown.Doc
	// Source is the template the document came from, for messages.
	Source string
}

// ControlBlock is the document control information printed on the first page
// of every document.
type ControlBlock struct {
	Version        string
	Status         string
	Owner          Party
	Approver       Party
	Classification string
	Effective      facts.Date
	NextReview     facts.Date
	ReviewMonths   int
	// Approval records the approval of the current version; nil for a
	// draft, which is not approved.
	Approval *Approval
}

// Approval is who approved a version, when. It is format-neutral data, for
// every emitter's control block.
type Approval struct {
	Version  string
	Date     facts.Date
	Approver Party
	// Summary is the release's summary, for a pack.
	Summary string
}

// Party is a person as named in a control block: "Dana Ruiz, Head of
// Security". Email may be empty.
type Party struct {
	Name  string
	Title string
	Email string
}

// String formats the party as "Name, Title".
func (p Party) String() string {
	if p.Title == "" {
		return p.Name
	}
	return p.Name + ", " + p.Title
}

// Revision is one row of a document's revision history.
type Revision struct {
	Version  string     `json:"version"`
	Date     facts.Date `json:"date"`
	Summary  string     `json:"summary"`
	Approver string     `json:"approver"`
}

// IsDraft reports whether the document differs from its last release.
func (d *Document) IsDraft() bool { return d.Control.Status == StatusDraft }

// Pack is the set of documents with what the cover and running heads need.
type Pack struct {
	Org            string
	Version        string
	Date           facts.Date
	Classification string
	// Scope is the one-paragraph scope statement for the cover and home page.
	Scope string
	// Logo is the organization's logo (PNG or JPEG), or nil.
	Logo []byte
	// LogoFile is the logo's path inside the pack's html/ directory, or "".
	LogoFile string
	// Draft is true when any document is a draft.
	Draft bool
	Docs  []*Document
	// Release is the approval of the pack's version: its approver, date and
	// release summary; nil when the pack is a draft.
	Release *Approval
	// Mappings are the pages that map the documents to a framework other
	// than Annex A, one per framework: made from the documents' front
	// matter, they are not documents of the register. Each one's Summary
	// states its coverage.
	Mappings []*Document
	// Reports are pages made from the facts on every build, such as the
	// open actions; like the mappings, they follow the documents in the
	// combined pack and have no version of their own.
	Reports []*Document
	// DateLayout is how dates are written in full for this organization,
	// a Go layout such as "January 2, 2006"; empty means "2 January 2006".
	DateLayout string
}

// LongDate writes a date in full the organization's way, or "" for a zero
// date.
func (p *Pack) LongDate(d facts.Date) string {
	if p == nil || p.DateLayout == "" {
		return d.Long()
	}
	return d.Format(p.DateLayout)
}

// Generated returns the pages made by ismsforge rather than from templates,
// in the order they follow the documents: the mappings, then the reports.
func (p *Pack) Generated() []*Document {
	return append(slices.Clone(p.Mappings), p.Reports...)
}
