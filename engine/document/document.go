// Package document is the one contract between the engine and every output
// format. A Document is complete and format-neutral: its identity, the
// requirements it satisfies, its front block (control block, revision
// history, approval) as labelled data, its body as one parsed Markdown tree,
// and where its strings came from (Origin), so that any stage can report a
// problem at the line of isms.yaml or of the template that wrote it.
//
// An output format is an Emitter: the engine hands it the Pack once per
// build and asks it for the files of each document and for the pack-level
// files. The formats never compute a label, a date format or an approval on
// their own; they print what Front returns.
//
// Words, across the packages: to render is to execute the templates into
// Markdown (engine/tmpl); to emit is to turn documents into one format's
// files (an Emitter); the PDF emitter lays out and paints; a build is the
// whole pipeline.
package document

import (
	"slices"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// Document statuses shown in the control block and the register.
const (
	StatusDraft    = "Draft"
	StatusApproved = "Approved"
)

// Kinds of document, from front matter.
var Kinds = []string{"policy", "procedure", "record", "register"}

// Identity names and classifies a document wherever it appears: in the
// templates' model, the rendered document, the mapping pages, the manifest,
// the Markdown front matter of OUT/md and the diff.
type Identity struct {
	// ID is the kebab-case identifier; it names the output files.
	ID string
	// Ref is the reference printed on the document, such as ACME-ISMS-POL-02.
	Ref     string
	Title   string
	Kind    string
	Summary string
	// Requirements are what the document satisfies.
	Requirements Requirements
}

// Clauses are the ISO/IEC 27001 clauses the document implements.
func (id *Identity) Clauses() []string { return id.Requirements[catalog.ClausesID] }

// Controls are the Annex A controls the document implements.
func (id *Identity) Controls() []string { return id.Requirements[catalog.AnnexAID] }

// Frameworks are the document's requirements of frameworks other than
// ISO/IEC 27001, by framework ID, as front matter writes them; nil when
// there are none.
func (id *Identity) Frameworks() map[string][]string { return id.Requirements.Others() }

// Requirements map a framework's ID to the IDs of its requirements that a
// document satisfies. The ISO/IEC 27001 clauses (catalog.ClausesID) and
// Annex A (catalog.AnnexAID) are frameworks like SOC 2 or HIPAA.
type Requirements map[string][]string

// NewRequirements gathers a document's requirements as front matter
// writes them: clauses, controls and the other frameworks.
func NewRequirements(clauses, controls []string, others map[string][]string) Requirements {
	r := Requirements{}
	if clauses != nil {
		r[catalog.ClausesID] = clauses
	}
	if controls != nil {
		r[catalog.AnnexAID] = controls
	}
	for fw, ids := range others {
		r[fw] = ids
	}
	return r
}

// Others returns the frameworks besides ISO/IEC 27001, or nil.
func (r Requirements) Others() map[string][]string {
	var out map[string][]string
	for fw, ids := range r {
		if fw == catalog.ClausesID || fw == catalog.AnnexAID {
			continue
		}
		if out == nil {
			out = map[string][]string{}
		}
		out[fw] = ids
	}
	return out
}

// Document is one document of the pack, ready to emit.
type Document struct {
	Identity
	Control ControlBlock
	History []Revision
	MD      *markdown.Doc
	// Body says where each byte of MD.Source was written; nil for a page
	// Go code made.
	Body BodyMap
	// Source is the template the document came from, for messages.
	Source string
	// Origins say where the identity and control block were written; the
	// zero value knows nothing.
	Origins Origins
	// Generated is true for a page made by ismsforge rather than a
	// template (a framework mapping, the open actions): it has no version
	// of its own and is not in the register.
	Generated bool
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
	// Lang is the documents' language, a BCP 47 tag such as en-US; empty
	// means en-US, the language the built-in templates are written in.
	Lang string
	// DateLayout is how dates are written in full for this organization,
	// a Go layout such as "January 2, 2006"; empty means "2 January 2006".
	DateLayout string
	// Origins say where the pack's own strings (organization, scope,
	// classification) were written.
	Origins Origins
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

// All returns the documents, then the generated pages: everything an
// emitter writes a file for.
func (p *Pack) All() []*Document {
	return append(slices.Clone(p.Docs), p.Generated()...)
}

// TraceRow maps a clause of ISO/IEC 27001 to the documents that implement
// it, for the traceability matrix.
type TraceRow struct {
	Clause catalog.Clause
	Docs   []*Document
}

// Language is the pack's language tag, en-US when none is set.
func (p *Pack) Language() string {
	if p == nil || p.Lang == "" {
		return "en-US"
	}
	return p.Lang
}
