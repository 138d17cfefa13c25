package facts

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Duration is a span of time written in the facts, such as a recovery time
// objective ("8h"), a recovery point objective ("15m") or how often a system
// is backed up ("24h"). It prints in words, in the unit it was written in
// where that unit divides it: "24h" is "24 hours", "1d" is "1 day".
type Duration struct {
	d time.Duration
	// unit is the unit the facts wrote; zero for a computed duration.
	unit time.Duration
}

var durationPattern = regexp.MustCompile(`^(\d+(?:\.\d+)?)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?|w|weeks?)$`)

// ParseDuration reads "15m", "15 minutes", "8h", "4 hours", "2d" or "1w".
func ParseDuration(s string) (Duration, error) {
	m := durationPattern.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return Duration{}, fmt.Errorf("%q is not a duration such as 15m, 4h, 2d or 1w", s)
	}
	n, _ := strconv.ParseFloat(m[1], 64)
	unit := time.Minute
	switch m[2][0] {
	case 'h':
		unit = time.Hour
	case 'd':
		unit = 24 * time.Hour
	case 'w':
		unit = 7 * 24 * time.Hour
	}
	if n <= 0 {
		return Duration{}, fmt.Errorf("%q must be longer than zero", s)
	}
	return Duration{time.Duration(n * float64(unit)), unit}, nil
}

// NewDuration wraps a time.Duration.
func NewDuration(d time.Duration) Duration { return Duration{d: d} }

// IsZero reports whether the duration is unset.
func (d Duration) IsZero() bool { return d.d == 0 }

// D returns the duration as a time.Duration.
func (d Duration) D() time.Duration { return d.d }

// Equal reports whether d and o are the same span, whatever their units.
func (d Duration) Equal(o Duration) bool { return d.d == o.d }

// Longer reports whether d is longer than o.
func (d Duration) Longer(o Duration) bool { return d.d > o.d }

// Every writes how often something happens at this interval: "hourly",
// "daily", "weekly", or "every 15 minutes".
func (d Duration) Every() string {
	switch d.d {
	case 0:
		return ""
	case time.Hour:
		return "hourly"
	case 24 * time.Hour:
		return "daily"
	case 7 * 24 * time.Hour:
		return "weekly"
	}
	return "every " + d.String()
}

// durationUnits are the units a duration prints in, largest first.
var durationUnits = []struct {
	d    time.Duration
	name string
}{{7 * 24 * time.Hour, "week"}, {24 * time.Hour, "day"}, {time.Hour, "hour"}, {time.Minute, "minute"}}

// String writes the duration in words: in the unit the facts wrote it in
// when that unit divides it ("24h" is "24 hours", "90m" is "90 minutes"),
// else in the largest unit that divides it ("2 days", "1 hour 30 minutes").
func (d Duration) String() string {
	if d.d == 0 {
		return ""
	}
	count := func(unit time.Duration, name string) string {
		if n := int64(d.d / unit); n != 1 {
			return fmt.Sprintf("%d %ss", n, name)
		}
		return "1 " + name
	}
	for _, u := range durationUnits {
		if u.d == d.unit && d.d%u.d == 0 {
			return count(u.d, u.name)
		}
	}
	if d.d > time.Hour && d.d%time.Hour != 0 && d.d%time.Minute == 0 && d.d < 24*time.Hour {
		h, m := d.d/time.Hour, int64(d.d%time.Hour/time.Minute)
		return fmt.Sprintf("%s %d minutes", Duration{d: h * time.Hour}, m)
	}
	for _, u := range durationUnits {
		if d.d%u.d == 0 {
			return count(u.d, u.name)
		}
	}
	return fmt.Sprintf("%d minutes", int64(d.d/time.Minute))
}
