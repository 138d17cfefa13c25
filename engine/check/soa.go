package check

import (
	"fmt"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// soa checks that the Statement of Applicability is complete: every control
// has a decision, every exclusion a justification, and every applicable
// control a document that implements it.
func soa(in Input) diag.List {
	var l diag.List
	f := in.Facts
	for _, c := range in.Model.Controls() {
		p := controlPath(c.ID)
		switch {
		case !c.Decided:
			l.Add(f.Warnf("controls", fmt.Sprintf("add \"%s: {status: ...}\" under controls, or exclude it with applicable: false and a justification", c.ID),
				"control %s %s has no decision; the SoA shows it as applicable and not implemented", c.ID, c.Title).WithCode("soa-undecided"))
		case !c.Applicable && c.Justification == "":
			l.Add(diag.Errorf(f.WhereKey(p), "say why the control does not apply, for example because the risk does not exist in the scope", "control %s is excluded without a justification", c.ID).WithSource(f.Source()).WithCode("soa-justification"))
		}
		if c.Applicable && len(c.Documents) == 0 {
			pos := f.WhereKey(p)
			l.Add(diag.Errorf(pos, "list the control in the front matter controls of the document that implements it, or exclude the control with a justification",
				"control %s %s is applicable but no document implements it", c.ID, c.Title).WithSource(f.Source()).WithCode("soa-unimplemented"))
		}
	}
	return l
}
