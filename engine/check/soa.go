package check

import (
	wording "github.com/ismsforge/ismsforge/engine/internal/words"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// soa checks that the Statement of Applicability is complete: every control
// has a decision, every exclusion a justification, and every applicable
// control a document that implements it.
func soa(in Input) diag.List {
	var l diag.List
	f := in.Facts
	var undecided []string
	for _, c := range in.Model.Controls() {
		p := controlPath(c.ID)
		switch {
		case !c.Decided:
			undecided = append(undecided, c.ID)
		case !c.Applicable && c.Justification == "":
			l.Add(diag.Errorf(f.WhereKey(p), "say why the control does not apply, for example because the risk does not exist in the scope", "control %s is excluded without a justification", c.ID).WithSource(f.Source()).WithCode("soa-justification"))
		}
		if c.Applicable && len(c.Documents) == 0 {
			pos := f.WhereKey(p)
			if !c.Decided {
				pos = f.WhereKey("controls")
			}
			l.Add(diag.Errorf(pos, "list the control in the front matter controls of the document that implements it, or exclude the control with a justification",
				"control %s %s is applicable but no document implements it", c.ID, c.Title).WithSource(f.Source()).WithCode("soa-unimplemented"))
		}
	}
	if n := len(undecided); n > 0 {
		list := firstEight(undecided)
		l.Add(diag.Warnf(f.WhereKey("controls"), "add a decision under controls for each: {status: ...}, or applicable: false with a justification",
			"%d %s no decision (%s); the SoA shows %s as applicable and not implemented", n, plural(n, "control has", "controls have"), list, plural(n, "it", "them")).WithSource(f.Source()).WithCode("soa-undecided"))
	}
	return l
}

// plural is words.Plural; the package has a words function of its own.
var plural = wording.Plural
