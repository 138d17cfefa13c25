package facts

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRTOExceedsDowntime(t *testing.T) {
	dur := func(s string) Duration {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatal(err)
		}
		return Duration{d: d}
	}
	cases := []struct {
		avail, rto string
		want       bool
	}{
		{"99.9%", "30m", false}, // 43.2 minutes a month allowed
		{"99.9%", "44m", true},
		{"99.9%", "4h", true},
		{"99.99%", "30m", true}, // 4.3 minutes
		{"99%", "7h", false},    // 7.2 hours
		{"", "4h", false},
		{"99.9%", "0s", false},
	}
	for _, c := range cases {
		s := Service{Availability: c.avail, RTO: dur(c.rto)}
		if got := s.RTOExceedsDowntime(); got != c.want {
			d, _ := s.MonthlyDowntime()
			t.Errorf("%s with an RTO of %s (allowed %s): got %v, want %v", c.avail, c.rto, d, got, c.want)
		}
	}
}

func TestSupplierAroundTheClock(t *testing.T) {
	for service, want := range map[string]bool{
		"24x7 managed detection and response":          true,
		"Managed security service (24 x 7 monitoring)": true,
		"Monitoring 24/7":                              true,
		"SOC watching around the clock":                true,
		"Managed detection in business hours":          false,
		"Payroll":                                      false,
	} {
		if got := (Supplier{Service: service}).AroundTheClock(); got != want {
			t.Errorf("%q: AroundTheClock() = %v, want %v", service, got, want)
		}
	}
}

func TestSupplierReviewCycles(t *testing.T) {
	cases := []struct {
		s          SupplierReview
		cycles     string
		unreviewed string
	}{
		{SupplierReview{}, "", ""},
		{SupplierReview{Critical: 12, High: 12, Medium: 24}, "critical+high:12 medium:24", "low"},
		{SupplierReview{Critical: 6, High: 12, Medium: 12, Low: 12}, "critical:6 high+medium+low:12", ""},
		// Tiers with the same cycle are one group, even when another
		// tier between them has none or another.
		{SupplierReview{Critical: 12, Medium: 12}, "critical+medium:12", "high low"},
		{SupplierReview{Critical: 12, High: 6, Medium: 12}, "critical+medium:12 high:6", "low"},
	}
	for _, c := range cases {
		var got []string
		for _, tc := range c.s.Cycles() {
			got = append(got, strings.Join(tc.Tiers, "+")+":"+strconv.Itoa(tc.Months))
		}
		if g := strings.Join(got, " "); g != c.cycles {
			t.Errorf("%+v: Cycles() = %q, want %q", c.s, g, c.cycles)
		}
		if g := strings.Join(c.s.Unreviewed(), " "); g != c.unreviewed {
			t.Errorf("%+v: Unreviewed() = %q, want %q", c.s, g, c.unreviewed)
		}
		if c.s.IsZero() != (c.cycles == "") {
			t.Errorf("%+v: IsZero() = %v", c.s, c.s.IsZero())
		}
	}
}
