package check

import (
	"fmt"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// treatment checks that the risk register and the SoA tell the same story:
// a control the open treatment of a risk still waits for is not
// implemented; a completed treatment changed the rating; a treatment still
// open has something left to do, and is not past its due date unnoticed.
func treatment(in Input) diag.List {
	var l diag.List
	f := in.Facts
	open := func(status string) bool { return status == "open" || status == "in-progress" }
	for i, r := range f.Risks {
		base := fmt.Sprintf("risks[%d]", i)
		for j, c := range r.PendingControls {
			if d, _ := f.Decision(c); d.IsApplicable() && d.Status == "implemented" && open(r.Status) {
				l.Add(f.Errorf(fmt.Sprintf("%s.pending_controls[%d]", base, j), fmt.Sprintf("mark %s partial or planned in the SoA until the treatment is done, or close the treatment of %s", c, r.ID),
					"the SoA marks %s implemented, but the treatment of risk %s is still waiting for it", c, r.ID).WithCode("treatment-implemented"))
			}
		}
		done := r.Status == "treated" || r.Status == "closed" || (!r.Due.IsZero() && r.Due.Before(in.Date) && r.Treatment != "accept")
		same := r.Residual.Likelihood == r.Likelihood && r.Residual.Impact == r.Impact
		if r.Treatment != "accept" && r.Residual.Likelihood > 0 && same && done {
			l.Add(f.Errorf(base+".residual", "rate the risk as it stands after the treatment, or reopen the treatment if it changed nothing",
				"risk %s's treatment is complete (%s), yet its residual rating equals its inherent rating", r.ID, completion(r.Status, r.Due.String())).WithCode("treatment-residual"))
		}
		if r.Treatment == "mitigate" && open(r.Status) && len(r.PendingControls) == 0 && len(r.Controls) > 0 {
			all := true
			for _, c := range r.Controls {
				if d, _ := f.Decision(c); d.IsApplicable() && d.Status != "implemented" {
					all = false
				}
			}
			if all {
				l.Add(f.Warnf(base+".status", "mark the risk treated if the treatment is done, or list under pending_controls the controls it still waits for (and mark them partial or planned in the SoA)",
					"risk %s is %s, but every control it cites is marked implemented", r.ID, r.Status).WithCode("treatment-open"))
			}
		}
		if open(r.Status) && !r.Due.IsZero() && r.Due.Before(in.Date) && r.Treatment != "accept" {
			l.Add(f.Warnf(base+".due", "finish the treatment and mark the risk treated, or set a new due date with the reason in the plan",
				"the treatment of risk %s was due on %s, before the pack's date of %s", r.ID, r.Due, in.Date).WithCode("treatment-overdue"))
		}
	}
	return l
}

func completion(status, due string) string {
	if status == "treated" || status == "closed" {
		return "status " + status
	}
	return "due " + due
}
