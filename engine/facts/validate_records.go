package facts

import (
	"fmt"
	"slices"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// records checks the facts the pack's records are filled from: the
// nonconformities already recorded, the suppliers each service depends on,
// and the library documents plans and records stand for.
func (v validator) records() {
	f := v.f
	ids := make([]string, len(f.Nonconformities))
	for i, n := range f.Nonconformities {
		p := fmt.Sprintf("nonconformities[%d]", i)
		ids[i] = n.ID
		v.ref(p+".owner", n.Owner)
		if n.Status == "closed" && n.Verified.IsZero() {
			v.err(p+".verified", "add verified: the date the corrective action was found effective, or keep the nonconformity open", "nonconformity %s is closed without the date its action was verified", n.ID)
		}
		if !n.Verified.IsZero() && n.Verified.Before(n.Raised) {
			v.err(p+".verified", "the verification follows the date the nonconformity was raised", "nonconformity %s is verified on %s, before it was raised on %s", n.ID, n.Verified, n.Raised)
		}
	}
	v.unique("nonconformities", ids, false)
	var names []string
	for _, s := range f.Suppliers {
		names = append(names, s.Name)
	}
	for i, s := range f.Scope.Services {
		for j, name := range s.Suppliers {
			if !slices.Contains(names, name) {
				v.err(fmt.Sprintf("scope.services[%d].suppliers[%d]", i, j), diag.DidYouMean(name, names, "write the name of a supplier listed under suppliers"), "service %q names unknown supplier %q", s.Name, name)
			}
		}
	}
	for i, p := range f.Plans {
		if p.Document != "" && !idPattern.MatchString(p.Document) {
			v.err(fmt.Sprintf("plans[%d].document", i), "write the ID of a document of the library, such as incident-response-plan", "%q is not a document ID", p.Document)
		}
	}
	for i, r := range f.Records {
		if r.Document != "" && !idPattern.MatchString(r.Document) {
			v.err(fmt.Sprintf("records[%d].document", i), "write the ID of a document of the library, such as business-impact-analysis", "%q is not a document ID", r.Document)
		}
	}
}

// RetentionMinimum is the shortest time, in years, that a regime that
// applies fixes for keeping ISMS records, with its citation, or 0: HIPAA
// keeps the policies, procedures and records of the Security Rule six
// years. No other built-in regime fixes one period for ISMS records as a
// whole, so for them the facts must say.
func (f *Facts) RetentionMinimum() (int, string) {
	if f.HasRegime("hipaa") {
		return 6, "HIPAA 45 CFR 164.316(b)(2)(i)"
	}
	return 0, ""
}
