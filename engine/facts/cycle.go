package facts

// Cycle is the certification cycle the audit programme, the management
// review and the manual all plan by: the certification audits, and the
// internal audit and management review that must come before stage 1. It is
// computed once, so that every document and every check agrees.
type Cycle struct {
	Body           string
	Stage1, Stage2 Date
	// Surv1 and Surv2 are the surveillance audits 12 and 24 months after
	// stage 2; Recert is the recertification audit, 33 months after it.
	Surv1, Surv2, Recert Date
	// AuditStart and AuditEnd bound the full internal audit before stage
	// 1; Review is the management review of its results.
	AuditStart, AuditEnd Date
	Review               Date
	// Assumed reports that no certification date is known, so the cycle
	// starts three months after the pack's date; Stage1Assumed and
	// Stage2Assumed that one stage was derived from the other;
	// AuditAssumed and ReviewAssumed that the facts give no date for them.
	Assumed, Stage1Assumed, Stage2Assumed bool
	AuditAssumed, ReviewAssumed           bool
}

// Cycle derives the certification cycle from the facts and the pack's date.
func (f *Facts) Cycle(pack Date) Cycle {
	c := f.Certification
	cy := Cycle{Body: c.Body, Stage1: c.Stage1, Stage2: c.Stage2}
	if cy.Body == "" {
		cy.Body = "the certification body"
	}
	switch {
	case cy.Stage1.IsZero() && cy.Stage2.IsZero():
		cy.Assumed = true
		cy.Stage1 = pack.AddMonths(3)
		cy.Stage2 = cy.Stage1.AddMonths(2)
	case cy.Stage2.IsZero():
		cy.Stage2Assumed = true
		cy.Stage2 = cy.Stage1.AddMonths(2)
	case cy.Stage1.IsZero():
		cy.Stage1Assumed = true
		cy.Stage1 = cy.Stage2.AddMonths(-2)
	}
	cy.Surv1 = cy.Stage2.AddMonths(12)
	cy.Surv2 = cy.Stage2.AddMonths(24)
	cy.Recert = cy.Stage2.AddMonths(33)
	cy.AuditStart, cy.AuditEnd = c.InternalAudit.Start, c.InternalAudit.End
	if cy.AuditStart.IsZero() || cy.AuditEnd.IsZero() {
		cy.AuditAssumed = true
		cy.AuditStart = cy.Stage1.AddMonths(-3)
		if cy.AuditStart.Before(pack) {
			cy.AuditStart = pack
		}
		cy.AuditEnd = cy.Stage1.AddMonths(-1)
	}
	cy.Review = c.ManagementReview
	if cy.Review.IsZero() {
		cy.ReviewAssumed = true
		cy.Review = cy.Stage1.AddDays(-21)
	}
	return cy
}
