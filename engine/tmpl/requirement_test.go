package tmpl

import "testing"

// TestRequirementCitesItsSourceOnce: a citation that already names its
// source is not prefixed with the regime's short name again, which read
// "Ohio Ohio Rev. Code § 1349.19" and "42 CFR Part 2 42 CFR 2.16".
func TestRequirementCitesItsSourceOnce(t *testing.T) {
	cases := []struct {
		r    Requirement
		want string
	}{
		{Requirement{Regime: "hipaa", Short: "HIPAA", Citation: "45 CFR 164.312(d)"}, "HIPAA 45 CFR 164.312(d)"},
		{Requirement{Regime: "part-2", Short: "42 CFR Part 2", Citation: "42 CFR 2.16"}, "42 CFR 2.16"},
		{Requirement{Regime: "state-breach-laws", Short: "Ohio", Citation: "Ohio Rev. Code § 1349.19", state: true}, "Ohio Rev. Code § 1349.19"},
		{Requirement{Regime: "state-breach-laws", Short: "West Virginia", Citation: "W. Va. Code §§ 46A-2A-101 to 46A-2A-105", state: true}, "W. Va. Code §§ 46A-2A-101 to 46A-2A-105"},
		{Requirement{Regime: "state-breach-laws", Short: "state breach notification laws", Citation: "Section 4"}, "state breach notification laws Section 4"},
		{Requirement{Kind: "contractual", Citation: "Master services agreement § 9"}, "Master services agreement § 9"},
		{Requirement{Regime: "soc2", Short: "SOC 2"}, "SOC 2"},
	}
	for _, c := range cases {
		if got := c.r.String(); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.r, got, c.want)
		}
	}
}
