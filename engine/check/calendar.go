package check

import (
	"github.com/ismsforge/ismsforge/engine/diag"
)

// calendar checks that the audit and review calendar fits the
// certification cycle: the full internal audit ends before the management
// review that reviews its results, and both come before stage 1; stage 2
// follows stage 1 within six months. The dates are those every document
// prints (facts.Cycle), whether the facts give them or they are derived.
func calendar(in Input) diag.List {
	var l diag.List
	f := in.Facts
	cy := f.Cycle(in.Date)
	at := func(path string, assumed bool) string {
		if assumed {
			return "certification.stage1"
		}
		return path
	}
	if !cy.AuditAssumed && cy.AuditEnd.Before(cy.AuditStart) {
		l.Add(f.Errorf("certification.internal_audit.end", "the audit ends on or after the day it starts",
			"the internal audit ends on %s, before it starts on %s", cy.AuditEnd, cy.AuditStart).WithCode("calendar"))
	}
	if !cy.Review.After(cy.AuditEnd) {
		l.Add(f.Errorf(at("certification.management_review", cy.ReviewAssumed), "schedule the management review after the internal audit ends, so that it can review the audit's results (clause 9.3.2 c)",
			"the management review on %s falls inside or before the internal audit that it reviews (%s to %s)", cy.Review, cy.AuditStart, cy.AuditEnd).WithCode("calendar"))
	}
	if !cy.Review.Before(cy.Stage1) {
		l.Add(f.Errorf(at("certification.management_review", cy.ReviewAssumed), "hold the management review before the stage 1 audit, which looks for its record",
			"the management review on %s is not before the stage 1 audit on %s", cy.Review, cy.Stage1).WithCode("calendar"))
	}
	if !cy.AuditAssumed && !cy.AuditEnd.Before(cy.Stage1) {
		l.Add(f.Errorf("certification.internal_audit.end", "complete the internal audit before the stage 1 audit",
			"the internal audit ends on %s, not before the stage 1 audit on %s", cy.AuditEnd, cy.Stage1).WithCode("calendar"))
	}
	if !f.Certification.Stage1.IsZero() && !f.Certification.Stage2.IsZero() && cy.Stage1.AddMonths(6).Before(cy.Stage2) {
		l.Add(f.Warnf("certification.stage2", "certification bodies usually hold stage 2 within six months of stage 1, or repeat stage 1",
			"stage 2 on %s is more than six months after stage 1 on %s", cy.Stage2, cy.Stage1).WithCode("calendar"))
	}
	return l
}
