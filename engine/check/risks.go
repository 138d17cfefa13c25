package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// riskTreatment checks that treatments rely on controls that apply and that
// risks above the acceptance threshold are not accepted silently.
func riskTreatment(in Input) diag.List {
	var l diag.List
	f := in.Facts
	threshold := f.RiskMethod.AcceptanceThreshold
	// Without an assessment date the register is dated by the pack.
	if a := f.RiskMethod.Assessed; !a.IsZero() {
		switch {
		case in.Date.Before(a):
			l.Add(f.Errorf("risk_method.assessed", "write the date the assessment was completed, on or before the pack's date",
				"the risk assessment is dated %s, after the pack's date of %s", a, in.Date).WithCode("risk-assessed-future"))
		case a.AddMonths(f.RiskMethod.ReviewMonths).Before(in.Date):
			l.Add(f.Warnf("risk_method.assessed", "repeat the risk assessment, then update risk_method.assessed",
				"the risk assessment of %s is overdue: risk_method.review_months asks for one every %d months", a, f.RiskMethod.ReviewMonths).WithCode("risk-assessment-overdue"))
		}
	}
	for i, r := range f.Risks {
		base := fmt.Sprintf("risks[%d]", i)
		for j, id := range r.Controls {
			c, ok := in.Cat.Control(id)
			if !ok {
				continue // the facts loader reports unknown controls
			}
			if d, _ := f.Decision(c.ID); !d.IsApplicable() {
				l.Add(f.Errorf(fmt.Sprintf("%s.controls[%d]", base, j), fmt.Sprintf("make %s applicable in the SoA, or treat the risk with another control", c.ID),
					"risk %s is treated with %s, which the SoA excludes", r.ID, c.ID).WithCode("risk-excluded-control"))
			}
		}
		score := f.RiskMethod.Score(r.Likelihood, r.Impact)
		if r.Treatment == "accept" && score > threshold && r.AcceptedBy == "" {
			who := "the person who accepts the risk"
			if rules := f.RiskMethod.AcceptanceRules(r.Likelihood, r.Impact); len(rules) > 0 {
				var names []string
				for _, rule := range rules {
					if n := f.Acceptor(rule.By); !slices.Contains(names, n) {
						names = append(names, n)
					}
				}
				who = "the person who accepts the risk, as the risk method reserves it to " + strings.Join(names, " and ")
			}
			l.Add(f.Errorf(base+".treatment", "add accepted_by naming "+who,
				"risk %s scores %d, above the acceptance threshold of %d, and is accepted without an approver", r.ID, score, threshold).WithCode("risk-acceptance"))
		}
		if r.Residual.Likelihood > 0 && r.Residual.Impact > 0 && r.Treatment != "accept" {
			if rs := f.RiskMethod.Score(r.Residual.Likelihood, r.Residual.Impact); rs > threshold && r.AcceptedBy == "" {
				l.Add(f.Warnf(base+".residual", "strengthen the treatment, or record who accepts the residual risk in accepted_by",
					"risk %s keeps a residual score of %d after treatment, above the acceptance threshold of %d, and nobody accepts it", r.ID, rs, threshold).WithCode("risk-residual"))
			}
		}
	}
	return l
}
