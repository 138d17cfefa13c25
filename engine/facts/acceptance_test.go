package facts

import (
	"slices"
	"testing"
)

// Acceptance rules of one kind are tiers: the highest one a rating reaches
// applies, and rules of the other kind apply alongside it.
func TestAcceptanceRulesTiers(t *testing.T) {
	m := RiskMethod{Acceptance: []AcceptanceRule{
		{Score: 9, By: "ciso"},
		{Score: 16, By: "top-management"},
		{Impact: 4, By: "dpo"},
		{Impact: 5, By: "top-management"},
	}}
	for _, tc := range []struct {
		likelihood, impact int
		want               []string
	}{
		{1, 1, nil},
		{3, 3, []string{"ciso"}},
		{4, 4, []string{"top-management", "dpo"}},
		{2, 4, []string{"dpo"}},
		{2, 5, []string{"ciso", "top-management"}},
		{4, 5, []string{"top-management", "top-management"}},
	} {
		var got []string
		for _, r := range m.AcceptanceRules(tc.likelihood, tc.impact) {
			got = append(got, r.By)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("likelihood %d, impact %d: reserved to %q, want %q", tc.likelihood, tc.impact, got, tc.want)
		}
	}
}
