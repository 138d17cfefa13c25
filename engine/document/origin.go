package document

import "github.com/ismsforge/ismsforge/engine/diag"

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
	// it.
	Action diag.Pos
}

// Known reports whether the origin names a place.
func (o Origin) Known() bool { return o.Pos.File != "" }

// IsFact reports whether the string is a value of the facts.
func (o Origin) IsFact() bool { return o.Path != "" }

// Origins map the keys of a document's or a pack's strings to where they
// were written: a document's front fields by Field.Key ("owner",
// "classification") and "title" and "summary"; a pack's "organization",
// "scope" and "classification".
type Origins map[string]Origin

// Keys of the pack's origins.
const (
	OriginOrganization   = "organization"
	OriginScope          = "scope"
	OriginClassification = "classification"
	OriginTitle          = "title"
	OriginSummary        = "summary"
)
