package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// jurisdictions checks that the states whose breach laws apply can be
// named: the facts say where the organization operates and where the
// people it holds information about live, and ismsforge knows each state's
// law or the facts declare it.
func jurisdictions(in Input) diag.List {
	var l diag.List
	f := in.Facts
	if !f.HasRegime("state-breach-laws") {
		return l
	}
	states := f.States()
	if len(states) == 0 {
		l.Add(f.Warnf("data_subjects", "add region: (the state's postal code) to the locations in scope, or list the states where affected people live under data_subjects[].regions",
			"the state breach notification laws apply, but the facts name no state: the legal register cannot say which").WithCode("jurisdiction"))
		return l
	}
	for _, s := range states {
		if law, ok := in.Cat.StateLaw(s.Region); ok {
			if i := slices.IndexFunc(f.Regimes, func(r facts.RegimeEntry) bool { return r.ID == "hipaa" }); i >= 0 && f.Regimes[i].Role == "" && law.CoveredEntitiesExempt != "" {
				l.Add(f.Warnf(fmt.Sprintf("regimes[%d]", i), "write the hipaa entry as {id: hipaa, role: covered-entity} or {id: hipaa, role: business-associate}",
					"%s does not apply to a HIPAA covered entity, but the facts do not say whether %s is one or a business associate: the legal register and the notification table cannot say whether that law applies", law.Citation, f.Organization.ShortName).WithCode("jurisdiction"))
			}
			continue
		}
		declared := false
		for _, r := range f.Regimes {
			if strings.EqualFold(r.Region, s.Region) && r.Declares() {
				declared = true
			}
		}
		if declared {
			continue
		}
		l.Add(f.Warnf("regimes", fmt.Sprintf("declare %s's law under regimes: {id: %s-breach-law, region: %s, name: ..., kind: law, focus: ..., obligations: ..., notifications: [...]}", s.Name, strings.ToLower(s.Region), s.Region),
			"the breach notification law of %s applies (%s), but ismsforge has no verified citation for it", s.Name, why(s.Sites, s.Subjects)).WithCode("jurisdiction"))
	}
	return l
}

func why(sites, subjects []string) string {
	var parts []string
	if len(sites) > 0 {
		parts = append(parts, "sites: "+facts.Sentence(sites))
	}
	if len(subjects) > 0 {
		parts = append(parts, "residents among "+strings.ToLower(facts.Sentence(subjects)))
	}
	return strings.Join(parts, "; ")
}
