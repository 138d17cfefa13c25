package check

import (
	"fmt"
	"time"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// corrective warns when the nonconformity log shows an open nonconformity
// whose correction, root cause or corrective action is still missing after
// the time deadlines.corrective_action allows for its grade: the procedure
// states that time, and the log beside it would show it missed.
func corrective(in Input) diag.List {
	var l diag.List
	f := in.Facts
	if in.Date.IsZero() {
		return nil
	}
	for i, n := range f.Nonconformities {
		if n.Status == "closed" || n.Raised.IsZero() {
			continue
		}
		var d facts.Duration
		switch n.Grade {
		case "major":
			d = f.Deadlines.CorrectiveAction.Major
		case "minor":
			d = f.Deadlines.CorrectiveAction.Minor
		}
		if d.IsZero() {
			continue
		}
		days := int((d.D() + 24*time.Hour - 1) / (24 * time.Hour))
		by := n.Raised.AddDays(days)
		if !by.Before(in.Date) {
			continue
		}
		p := fmt.Sprintf("nonconformities[%d]", i)
		for _, m := range []struct{ key, val, what, hint string }{
			{"correction", n.Correction, "correction", "add correction: what was done to fix the nonconformity itself, or why no correction is possible"},
			{"cause", n.Cause, "root cause", "add cause: the root cause found by the analysis"},
			{"action", n.Action, "corrective action", "add action: the corrective action agreed, with due: its date"},
		} {
			if m.val != "" {
				continue
			}
			l.Add(f.Warnf(p, m.hint,
				"%s nonconformity %s was raised on %s and has no %s, though deadlines.corrective_action.%s allows %s, until %s", n.Grade, n.ID, n.Raised, m.what, n.Grade, d, by).WithCode("corrective-action-late"))
		}
	}
	return l
}
