package facts

import (
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
