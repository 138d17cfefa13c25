package facts

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// The checks of the facts that describe how the organization works:
// regimes, the classification scheme, identity domains, plans, services
// and their recovery objectives, and the jurisdictions they imply. Each
// finding points at the value to fix.

// regime checks one entry of regimes: a built-in ID, or a declaration with
// everything documents need to name it.
func (v validator) regime(p string, r RegimeEntry, known []string) {
	_, builtin := v.cat.Regime(r.ID)
	switch {
	case builtin && r.Declares():
		v.err(p+".name", "remove name, short_name, kind and focus, or give your own regime an ID that is not built in", "regime %q is built in; it cannot be redeclared", r.ID)
	case !builtin && !r.Declares():
		v.err(p, diag.DidYouMean(r.ID, known, "declare it: {id: "+r.ID+", name: ..., kind: law, regulation, contractual or framework, focus: ..., obligations: ...}; known regimes: "+strings.Join(known, ", ")), "unknown regime %q", r.ID)
	case !builtin:
		if !idPattern.MatchString(r.ID) {
			v.err(p+".id", "use lower-case letters, digits and hyphens, such as "+suggestID(r.ID), "regime ID %q is not in kebab-case", r.ID)
		}
		for _, k := range []struct{ key, val string }{{"name", r.Name}, {"kind", r.Kind}, {"focus", r.Focus}, {"obligations", r.Obligations}} {
			if k.val == "" {
				v.err(p, fmt.Sprintf("add %s: to the declaration; documents name the regime with it", k.key), "declared regime %q has no %s", r.ID, k.key)
			}
		}
	}
	for _, id := range sortedKeys(r.Citations) {
		if _, ok := v.cat.Control(id); !ok {
			v.l.Add(diag.Errorf(v.f.WhereKey(p+".citations."+id), diag.DidYouMean(id, v.cat.ControlIDs(), unknownControlHint), "regime %s cites unknown Annex A control %q", r.ID, id).WithSource(v.f.Source()))
		}
	}
	for i, n := range r.Notifications {
		v.ref(fmt.Sprintf("%s.notifications[%d].by", p, i), n.By)
	}
}

var availabilityPattern = regexp.MustCompile(`^(\d{1,2}(?:\.\d+)?|100)\s*%$`)

// Availability parses a committed availability such as "99.9%" into a
// fraction; ok is false when the text is not a percentage.
func Availability(s string) (float64, bool) {
	m := availabilityPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	f, err := strconv.ParseFloat(m[1], 64)
	return f / 100, err == nil
}

func (v validator) sector() {
	f := v.f
	// Classification: unique levels, a known default, known regimes.
	cl := f.Classification
	if cl.Declared() {
		ids := make([]string, len(cl.Levels))
		for i, l := range cl.Levels {
			ids[i] = l.ID
			for j, r := range l.Regimes {
				if _, ok := f.Regime(v.cat, r); !ok {
					v.err(fmt.Sprintf("classification.levels[%d].regimes[%d]", i, j), "name a regime listed under regimes", "classification level %q names unknown regime %q", l.ID, r)
				}
			}
		}
		v.unique("classification.levels", ids, true)
	}
	if _, ok := cl.Level(cl.Default); !ok {
		v.err("classification.default", "use the ID or name of one of classification.levels", "the default classification %q is not a level of the scheme", cl.Default)
	}
	// Locations: a known state in the US.
	for i, l := range f.Organization.Locations {
		country := cmpOr(l.Country, f.Organization.Country)
		if l.Region != "" && country == "US" {
			if _, ok := USStateName(l.Region); !ok {
				v.err(fmt.Sprintf("organization.locations[%d].region", i), diag.DidYouMean(l.Region, USStateCodes(), "use the two-letter postal code of the state, such as OH"), "%q is not a US state", l.Region)
			}
		}
		v.facilities(fmt.Sprintf("organization.locations[%d].facilities", i), l.Facilities)
		if len(l.Monitoring) > 1 && slices.Contains(l.Monitoring, "none") {
			v.err(fmt.Sprintf("organization.locations[%d].monitoring", i), "remove none, or list only none", "the site's monitoring lists none together with %s", strings.Join(slices.DeleteFunc(slices.Clone(l.Monitoring), func(m string) bool { return m == "none" }), ", "))
		}
	}
	for i, s := range f.DataSubjects {
		home := len(s.Countries) == 0 || slices.ContainsFunc(s.Countries, func(c string) bool { return strings.EqualFold(c, f.Organization.Country) })
		for j, r := range s.Regions {
			if home && f.Organization.Country == "US" {
				if _, ok := USStateName(r); !ok {
					v.err(fmt.Sprintf("data_subjects[%d].regions[%d]", i, j), diag.DidYouMean(strings.ToUpper(r), USStateCodes(), "use the two-letter postal code of the state, such as OH"), "%q is not a US state", r)
				}
			}
		}
	}
	// Identity domains: unique, known teams, admins who exist.
	ids := make([]string, len(f.Identity))
	for i, d := range f.Identity {
		ids[i] = d.ID
		for j, t := range d.Teams {
			if _, ok := f.Team(t); !ok {
				v.err(fmt.Sprintf("identity_domains[%d].teams[%d]", i, j), "define the team under teams", "identity domain %q names unknown team %q", d.ID, t)
			}
		}
		for j, a := range d.Admins {
			v.ref(fmt.Sprintf("identity_domains[%d].admins[%d]", i, j), a)
		}
		v.months(fmt.Sprintf("identity_domains[%d].access_review_months", i), d.AccessReviewMonths, "reviews of the domain's accounts and groups", "3")
	}
	v.unique("identity_domains", ids, true)
	// Plans and records.
	pids := make([]string, len(f.Plans))
	for i, p := range f.Plans {
		pids[i] = p.ID
		v.ref(fmt.Sprintf("plans[%d].owner", i), p.Owner)
	}
	v.unique("plans", pids, true)
	rids := make([]string, len(f.Records))
	for i, r := range f.Records {
		rids[i] = r.ID
		v.ref(fmt.Sprintf("records[%d].owner", i), r.Owner)
	}
	v.unique("records", rids, true)
	// Assets: their domain, reviewer.
	var assetIDs []string
	for _, a := range f.Assets {
		assetIDs = append(assetIDs, a.ID)
	}
	for i, a := range f.Assets {
		if a.Domain != "" && !slices.Contains(ids, a.Domain) {
			v.err(fmt.Sprintf("assets[%d].domain", i), diag.DidYouMean(a.Domain, ids, "define it under identity_domains"), "asset %q names unknown identity domain %q", a.ID, a.Domain)
		}
		v.ref(fmt.Sprintf("assets[%d].access_reviewer", i), a.AccessReviewer)
		v.months(fmt.Sprintf("assets[%d].access_review_months", i), a.AccessReviewMonths, "reviews of the access to "+a.ID, "3")
		if !a.RecoveryTime.IsZero() && a.RecoveryTested.IsZero() {
			v.err(fmt.Sprintf("assets[%d].recovery_time", i), "add recovery_tested: the date of the test that took this long", "asset %q gives a recovery time without the date of the test", a.ID)
		}
	}
	// Services: systems that exist, a readable availability, a plan.
	for i, s := range f.Scope.Services {
		p := fmt.Sprintf("scope.services[%d]", i)
		for j, id := range s.Systems {
			if !slices.Contains(assetIDs, id) {
				v.err(fmt.Sprintf("%s.systems[%d]", p, j), diag.DidYouMean(id, assetIDs, "name the ID of an asset under assets"), "service %q names unknown asset %q", s.Name, id)
			}
		}
		if s.Availability != "" {
			if _, ok := Availability(s.Availability); !ok {
				v.err(p+".availability", "write a percentage such as 99.9%", "%q is not an availability", s.Availability)
			}
		}
		if s.Continuity != "" && !slices.Contains(pids, s.Continuity) {
			v.err(p+".continuity", diag.DidYouMean(s.Continuity, pids, "declare the plan under plans"), "service %q names unknown plan %q", s.Name, s.Continuity)
		}
		if !s.RPO.IsZero() && !s.RTO.IsZero() && !s.MTD.IsZero() && s.RTO.Longer(s.MTD) {
			v.err(p+".rto", "the recovery time objective must fit within the maximum tolerable downtime", "service %q has an RTO of %s, longer than its maximum tolerable downtime of %s", s.Name, s.RTO, s.MTD)
		}
	}
	// Risks: pending controls belong to the treatment; acceptance rules
	// name someone.
	for i, r := range f.Risks {
		for j, c := range r.PendingControls {
			p := fmt.Sprintf("risks[%d].pending_controls[%d]", i, j)
			if _, ok := v.cat.Control(c); !ok {
				v.controlRef(p, c)
				continue
			}
			if !slices.Contains(r.Controls, c) {
				v.err(p, "list it under controls too, or remove it here", "risk %s waits for %s, which is not among its controls", r.ID, c)
			}
		}
	}
	for i, a := range f.RiskMethod.Acceptance {
		p := fmt.Sprintf("risk_method.acceptance[%d]", i)
		v.ref(p+".by", a.By)
		if a.Impact == 0 && a.Score == 0 {
			v.err(p, "add impact: (the lowest impact level the rule covers) or score:", "acceptance rule for %q covers no risk", a.By)
		}
		if a.Impact != 0 {
			v.onScale(p+".impact", "impact", f.RiskMethod.Impact, a.Impact)
		}
	}
	v.ref("travel.approver", f.Travel.Approver)
	if s := f.Deadlines.LeaverAccess; s != "" && s != SameDay {
		if _, fill := FillText(s); !fill {
			if _, err := ParseDuration(s); err != nil {
				v.err("deadlines.leaver_access", "write a duration such as 24h, or "+SameDay+" for the end of the last working day", "deadlines.leaver_access: %v", err)
			}
		}
	}
	for _, t := range supplierTiers {
		v.months("deadlines.supplier_review."+t, f.Deadlines.SupplierReview.Months(t), "reviews of a "+t+"-tier supplier", "12, or 0 for none")
	}
	v.months("cryptography.rotation.keys", f.Cryptography.Rotation.Keys, "rotations of a master key", "12")
	v.months("cryptography.rotation.secrets", f.Cryptography.Rotation.Secrets, "rotations of a secret or API key", "12")
	v.months("deadlines.access_review", f.Deadlines.AccessReview, "access reviews of a system without a cycle of its own", "12")
	if m := f.Deadlines.PhysicalAccessRecords; m < 0 || m > 120 {
		v.err("deadlines.physical_access_records", "write how many months physical access records are kept, such as 12", "deadlines.physical_access_records: %d is not a number of months from 1 to 120", m)
	}
	v.months("deadlines.training", f.Deadlines.Training, "rounds of security awareness refresher training", "12")
	v.months("deadlines.phishing_simulation", f.Deadlines.PhishingSimulation, "phishing simulation campaigns", "3, or 0 for none")
	if ca := f.Deadlines.CorrectiveAction; !ca.Minor.IsZero() && ca.Major.Longer(ca.Minor) {
		v.err("deadlines.corrective_action.major", "allow a major nonconformity no more time than a minor one", "deadlines.corrective_action: a major nonconformity is given %s, longer than the %s given to a minor one", ca.Major, ca.Minor)
	}
	v.severityOrder(f.Deadlines.IncidentResponse)
	for _, k := range testKinds {
		v.months("deadlines.tests."+k.key, f.Deadlines.Tests.Months(k.key), k.what, strconv.Itoa(k.example))
	}
	for _, k := range reviewKinds {
		v.months("deadlines.reviews."+k.key, f.Deadlines.Reviews.Months(k.key), k.what, strconv.Itoa(k.example))
	}
	if m := f.Deadlines.Tests.Penetration; m > 12 {
		for _, r := range annualPenetrationTest {
			if f.HasRegime(r.id) {
				v.err("deadlines.tests.penetration", "write 12 or fewer months", "deadlines.tests.penetration: %d months is longer than the annual penetration test that %s requires", m, r.rule)
			}
		}
	}
	for i, m := range f.Governance.Members {
		v.ref(fmt.Sprintf("governance.members[%d]", i), m)
	}
	for i, o := range f.Objectives {
		for j, c := range o.Controls {
			v.controlRef(fmt.Sprintf("objectives[%d].controls[%d]", i, j), c)
		}
	}
}

// severityOrder checks that no severity is given longer to start its
// response than a lower one: the scale would then put the lower severity
// first.
func (v validator) severityOrder(r IncidentResponse) {
	times := []Duration{r.Sev1, r.Sev2, r.Sev3, r.Sev4}
	last := -1
	for i, d := range times {
		if d.IsZero() {
			continue
		}
		if last >= 0 && times[last].Longer(d) {
			v.err(fmt.Sprintf("deadlines.incident_response.sev%d", last+1), "give a higher severity no more time than a lower one", "deadlines.incident_response: a SEV-%d incident is given %s to start its response, longer than the %s given to a SEV-%d incident", last+1, times[last], d, i+1)
		}
		last = i
	}
}

// annualPenetrationTest are the regimes that require a penetration test at
// least once every twelve months, with the rule that says so.
var annualPenetrationTest = []struct{ id, rule string }{
	{"nydfs-500", "23 NYCRR 500.5(a)(1)"},
	{"pci-dss", "PCI DSS requirements 11.4.2 and 11.4.3"},
}

// ref checks a field that names a person or a role; refs() covers the
// older fields.
func (v validator) ref(path, ref string) {
	if ref == "" {
		return
	}
	f := v.f
	if _, ok := f.Person(ref); ok {
		return
	}
	if _, ok := f.Role(ref); ok {
		if len(f.Holders(ref)) == 0 {
			v.err(path, fmt.Sprintf("add %q to the roles of the person who holds it", ref), "role %q is referenced but no person holds it", ref)
		}
		return
	}
	var cands []string
	for _, p := range f.People {
		cands = append(cands, p.ID)
	}
	cands = append(cands, v.roleIDs()...)
	v.err(path, diag.DidYouMean(ref, cands, "use the id of someone under people, or a role"), "%q is neither a person nor a role", ref)
}

// facilities checks that a site's facilities agree with each other: a UPS
// runtime needs a UPS, a generator test a generator.
func (v validator) facilities(p string, f Facilities) {
	v.months(p+".generator_test_months", f.GeneratorTestMonths, "load tests of the generator", "1")
	if f.GeneratorTestMonths > 0 && !f.Has("generator") {
		v.err(p+".generator_test_months", "add generator to power, or remove generator_test_months", "the site's generator test cycle is given, but its power lists no generator")
	}
	if !f.UPSRuntime.IsZero() && !f.Has("ups") {
		v.err(p+".ups_runtime", "add ups to power, or remove ups_runtime", "the site's UPS runtime is given, but its power lists no ups")
	}
	if f.Links < 0 || f.Links > 20 {
		v.err(p+".links", "write how many diverse telecommunications links serve the site, such as 2", "%s: %d is not a number of links", p+".links", f.Links)
	}
}

// months reports a cycle at path that is not a number of months from 0 to
// 60: what says what it times, such as "access reviews", and example what to
// write instead.
func (v validator) months(path string, m int, what, example string) {
	if m < 0 || m > 60 {
		v.err(path, fmt.Sprintf("write the months between two %s, such as %s", what, example), "%s: %d is not a number of months from 0 to 60 between two %s", path, m, what)
	}
}
