package check

import (
	"fmt"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
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
		if _, ok := in.Cat.StateLaw(s.Region); ok {
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
		parts = append(parts, "sites: "+joinAnd(sites))
	}
	if len(subjects) > 0 {
		parts = append(parts, "residents among "+strings.ToLower(joinAnd(subjects)))
	}
	return strings.Join(parts, "; ")
}
