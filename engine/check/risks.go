package check

import (
	"fmt"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// riskTreatment checks that treatments rely on controls that apply and that
// risks above the acceptance threshold are not accepted silently.
func riskTreatment(in Input) diag.List {
	var l diag.List
	f := in.Facts
	threshold := f.RiskMethod.AcceptanceThreshold
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
			l.Add(f.Errorf(base+".treatment", "add accepted_by naming the member of top management who accepts the risk",
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
