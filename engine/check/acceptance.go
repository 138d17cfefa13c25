package check

import (
	"fmt"
	"slices"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// acceptance checks who accepts which risks and when. The risk method's
// acceptance rules say who may accept a risk of a given impact or score; the
// person who accepts a risk (accepted_by, or the risk owner for a residual
// risk nobody else accepted) must hold that authority. An acceptance cannot
// be dated before the assessment it accepts or after the pack.
func acceptance(in Input) diag.List {
	var l diag.List
	f := in.Facts
	m := f.RiskMethod
	assessed := m.Assessed
	for i, r := range f.Risks {
		base := fmt.Sprintf("risks[%d]", i)
		lk, im, what := r.Likelihood, r.Impact, "inherent"
		if r.Treatment != "accept" {
			if r.Residual.Likelihood == 0 || r.Residual.Impact == 0 {
				continue // nothing is accepted until the residual is known
			}
			lk, im, what = r.Residual.Likelihood, r.Residual.Impact, "residual"
		}
		ref, path := r.AcceptedBy, base+".accepted_by"
		if ref == "" {
			ref, path = r.Owner, base+".owner"
		}
		who, ok := f.Resolve(ref)
		if !ok {
			continue // the facts loader reports unknown people
		}
		score := m.Score(lk, im)
		for _, rule := range m.AcceptanceRules(lk, im) {
			if holds(f, who, rule.By) {
				continue
			}
			need := f.Acceptor(rule.By)
			why := fmt.Sprintf("an impact of %d (%s) or more", rule.Impact, facts.LevelName(m.Impact, rule.Impact))
			if rule.Impact == 0 {
				why = fmt.Sprintf("a score of %d or more", rule.Score)
			}
			l.Add(f.Errorf(path, fmt.Sprintf("have %s accept the risk in accepted_by, or change risk_method.acceptance", need),
				"risk %s's %s rating (score %d, impact %s) is accepted by %s, but the risk method reserves risks with %s to %s",
				r.ID, what, score, facts.LevelName(m.Impact, im), who.Name, why, need).WithCode("risk-acceptance-authority"))
		}
		if !r.AcceptedOn.IsZero() {
			switch {
			case !assessed.IsZero() && r.AcceptedOn.Before(assessed):
				l.Add(f.Errorf(base+".accepted_on", fmt.Sprintf("reconfirm the acceptance after the assessment of %s and record that date", assessed),
					"risk %s was accepted on %s, before the risk assessment of %s that rated it", r.ID, r.AcceptedOn, assessed).WithCode("risk-acceptance-date"))
			case in.Date.Before(r.AcceptedOn):
				l.Add(f.Errorf(base+".accepted_on", "write the date the acceptance was given, on or before the pack's date",
					"risk %s is accepted on %s, after the pack's date of %s", r.ID, r.AcceptedOn, in.Date).WithCode("risk-acceptance-date"))
			}
		} else if r.AcceptedBy != "" {
			l.Add(f.Warnf(base+".accepted_by", "add accepted_on: the date of the decision, so that the register and the management review can show it",
				"the acceptance of risk %s by %s has no date", r.ID, who.Name).WithCode("risk-acceptance-date"))
		}
	}
	return l
}

// holds reports whether a person is, or holds the role, ref.
func holds(f *facts.Facts, p facts.Person, ref string) bool {
	return p.ID == ref || slices.Contains(p.Roles, ref)
}
