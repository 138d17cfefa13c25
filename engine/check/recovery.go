package check

import (
	"fmt"
	"slices"
	"time"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// recovery checks a service's recovery objectives against the facts about
// the systems it runs on: no recovery point shorter than the interval at
// which they are backed up, no recovery time shorter than their last tested
// recovery unless the gap is being treated, and no recovery time longer
// than the availability commitment allows unless a risk accepts it.
func recovery(in Input) diag.List {
	var l diag.List
	f := in.Facts
	ready, _ := f.Decision("A.5.30")
	// A gap between objectives and what the facts show is known when a risk
	// about recovery is open (being treated) or accepted.
	treated, accepted := false, false
	for _, r := range f.Risks {
		if !slices.Contains(r.Controls, "A.5.30") && !slices.Contains(r.Controls, "A.8.14") {
			continue
		}
		if r.Status == "open" || r.Status == "in-progress" {
			treated = true
		}
		if r.Treatment == "accept" || r.Status == "accepted" {
			accepted = true
		}
	}
	for i, s := range f.Scope.Services {
		p := fmt.Sprintf("scope.services[%d]", i)
		for _, id := range s.Systems {
			a, ok := f.Asset(id)
			if !ok {
				continue
			}
			if !s.RPO.IsZero() && a.BackupInterval.Longer(s.RPO) {
				l.Add(f.Errorf(p+".rpo", fmt.Sprintf("back %s up at least every %s, or set an RPO of at least %s", a.Name, s.RPO, a.BackupInterval),
					"service %q promises a recovery point of %s, but %s is backed up only every %s", s.Name, s.RPO, a.Name, a.BackupInterval).WithCode("recovery-objective"))
			}
			if !s.RTO.IsZero() && a.RecoveryTime.Longer(s.RTO) {
				msg := "service %q has a recovery time objective of %s, but the last recovery test of %s, on %s, took %s"
				args := []any{s.Name, s.RTO, a.Name, a.RecoveryTested, a.RecoveryTime}
				switch {
				case ready.IsApplicable() && ready.Status == "implemented":
					l.Add(f.Errorf(p+".rto", "mark A.5.30 partial and treat the gap as a risk, or correct the objective", msg+", and the SoA marks A.5.30 implemented", args...).WithCode("recovery-objective"))
				case !treated && !accepted:
					l.Add(f.Warnf(p+".rto", "record the gap in the risk register, with A.5.30 among the controls of an open risk, or correct the objective", msg, args...).WithCode("recovery-objective"))
				}
			}
		}
		if s.RTOExceedsDowntime() && !accepted {
			allowed, _ := s.MonthlyDowntime()
			l.Add(f.Warnf(p+".rto", "shorten the RTO or state the availability the RTO allows; an outage as long as the RTO must fit in the downtime the commitment allows each month",
				"service %q commits to %s availability, which allows %s of downtime a month, but its recovery time objective is %s", s.Name, s.Availability, words(allowed), s.RTO).WithCode("recovery-availability"))
		}
	}
	return l
}

// words writes a short duration: "43 minutes", "7 hours 12 minutes".
func words(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d minutes", m)
	case m == 0:
		return fmt.Sprintf("%d hours", h)
	}
	return fmt.Sprintf("%d hours %d minutes", h, m)
}
