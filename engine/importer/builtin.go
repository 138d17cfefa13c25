package importer

import (
	"github.com/ismsforge/ismsforge/engine/tmpl"
	"io/fs"
	"regexp"

	"github.com/ismsforge/ismsforge/templates"
)

var idLine = regexp.MustCompile(`(?m)^id:\s*([a-z0-9-]+)\s*$`)

// BuiltinIDs returns the IDs of the built-in library's documents, which an
// imported document must not take: the project uses both.
func BuiltinIDs() map[string]bool {
	ids := map[string]bool{}
	entries, _ := fs.ReadDir(templates.FS, ".")
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := fs.ReadFile(templates.FS, e.Name())
		if err != nil {
			continue
		}
		if m := idLine.FindSubmatch(b); m != nil {
			ids[string(m[1])] = true
		}
	}
	return ids
}

// Common lists the facts every project needs before `check --strict`
// passes that the imported configuration did not give: the organization's
// name, the holders of the two roles every ISMS needs, the pack's date and
// the decisions of the Statement of Applicability.
func (r *Report) Common(hasName bool, heldRoles []string) {
	if !hasName {
		r.Fills("organization.name", "the organization's name")
	}
	var missing []string
	for _, role := range []string{"top-management", "isms-owner"} {
		if !contains(heldRoles, role) {
			missing = append(missing, role)
		}
	}
	switch len(missing) {
	case 2:
		r.Fills("people", "the people of the ISMS with their roles: someone must hold top-management and someone isms-owner, as in {id: ann, name: Ann Lee, title: Chief Executive Officer, roles: [top-management]}")
	case 1:
		r.Fills("people", "someone who holds the role %s: add it to a person's roles, or add the person", missing[0])
	}
	r.Fills("release.date", "the pack's date, as in release: {date: 2026-01-31} (or set SOURCE_DATE_EPOCH when building)")
	r.Fills("controls", "a decision for each of the 93 Annex A controls of the Statement of Applicability, with the evidence of each implemented one, as in A.5.1: {status: implemented, evidence: [Information security policy approved by the board]} or A.7.4: {applicable: false, justification: ...}; `ismsforge catalog` lists them")
	r.Fills("classification", "the organization's classification scheme: its levels, their markings and handling rules, and under each level's regimes the regimes whose information it holds (see the README's facts table); without one, the documents describe the default four levels and check says so")
	// What the built-in documents ask for; check reports what remains.
	needs, _ := tmpl.StaticNeeds(templates.FS)
	for _, n := range needs {
		what := n.What
		if what == "" {
			what = "what the built-in documents ask for under " + n.Key
		}
		r.Fills(n.Key, "%s; the built-in documents ask for it where it applies", what)
	}
}
