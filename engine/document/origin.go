package document

import (
	"sort"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// Origin is where a string of the model was written: a fact (its path in
// the facts and its position in isms.yaml), a template's front matter or
// text, or an action of a template that printed a value. The zero Origin
// knows nothing. An Origin holds positions and references, never copies of
// the text, so that recording one costs next to nothing.
type Origin struct {
	// Path is the facts path of the value, such as "organization.name";
	// empty when the string was not a fact.
	Path string
	// Pos is where the string starts: in isms.yaml for a fact, else in the
	// template.
	Pos diag.Pos
	// Src is the whole file Pos points into, for the lines around it.
	Src []byte
	// Action, for a value a template printed, is the action that printed
	// it, and ActionSrc the template it is in.
	Action    diag.Pos
	ActionSrc []byte
}

// Known reports whether the origin names a place.
func (o Origin) Known() bool { return o.Pos.File != "" }

// IsFact reports whether the string is a value of the facts.
func (o Origin) IsFact() bool { return o.Path != "" }

// InTemplate is where the template wrote the string: the action that
// printed it, or the text itself. A finding whose fix is in the template
// (a sentence, a link written by hand) points there even when the words
// came from a fact.
func (o Origin) InTemplate() (diag.Pos, []byte) {
	if o.Action.File != "" {
		return o.Action, o.ActionSrc
	}
	if o.IsFact() {
		return diag.Pos{}, nil
	}
	return o.Pos, o.Src
}

// Origins map the keys of a document's or a pack's strings to where they
// were written: a document's front fields by Field.Key ("owner",
// "approver", "classification"), its people's titles ("owner.title",
// "approver.title"), and "title", "summary" and "ref" as its front matter
// writes them; a pack's "organization", "scope" and "classification". A
// document's body has a map of its own (Document.Body).
type Origins map[string]Origin

// Keys of the pack's origins.
const (
	OriginOrganization   = "organization"
	OriginScope          = "scope"
	OriginClassification = "classification"
	OriginTitle          = "title"
	OriginSummary        = "summary"
)

// Site is a place in a template that writes Markdown: a run of its text,
// or an action that prints a value. Sites are made once, when the template
// is parsed, and shared by every execution.
type Site struct {
	File *SourceFile
	// Off is the site's byte offset in the file.
	Off    int
	Action bool
}

// SourceFile is a template file as diagnostics show it: its name and its
// whole content, shared by all its sites.
type SourceFile struct {
	Name string
	Src  []byte
}

// BodySpan says that the Markdown from Start up to the next span's Start
// was written by Site. Fact, when the action printed a value of the facts
// as it is written, says where that value is.
type BodySpan struct {
	Start int
	Site  *Site
	Fact  *Origin
}

// BodyMap says where each byte of a document's Markdown (MD.Source) was
// written, in the order the template wrote it. Any stage can turn an
// offset of the body, or of its parsed tree, into a position in the
// template or isms.yaml, without searching either for the text.
type BodyMap []BodySpan

// At returns the origin of the Markdown byte at off; the zero Origin when
// the map knows nothing of it.
func (m BodyMap) At(off int) Origin {
	i := sort.Search(len(m), func(i int) bool { return m[i].Start > off }) - 1
	if i < 0 || m[i].Site == nil {
		return Origin{}
	}
	sp := m[i]
	s, f := sp.Site, sp.Site.File
	if !s.Action {
		return Origin{Pos: diag.OffsetPos(f.Name, f.Src, s.Off+off-sp.Start), Src: f.Src}
	}
	at := diag.OffsetPos(f.Name, f.Src, s.Off)
	o := Origin{Pos: at, Src: f.Src, Action: at, ActionSrc: f.Src}
	if sp.Fact != nil {
		o.Path, o.Pos, o.Src = sp.Fact.Path, sp.Fact.Pos, sp.Fact.Src
	}
	return o
}
