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
// is backed up ("24h"). It prints in words: "8 hours", "15 minutes".
type Duration struct {
	d time.Duration
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
	return Duration{time.Duration(n * float64(unit))}, nil
}

// NewDuration wraps a time.Duration.
func NewDuration(d time.Duration) Duration { return Duration{d} }

// IsZero reports whether the duration is unset.
func (d Duration) IsZero() bool { return d.d == 0 }

// D returns the duration as a time.Duration.
func (d Duration) D() time.Duration { return d.d }

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

// String writes the duration in words, in the largest unit that divides it:
// "15 minutes", "8 hours", "2 days", "90 minutes".
func (d Duration) String() string {
	if d.d == 0 {
		return ""
	}
	if d.d > time.Hour && d.d%time.Hour != 0 && d.d%time.Minute == 0 && d.d < 24*time.Hour {
		h, m := int64(d.d/time.Hour), int64(d.d%time.Hour/time.Minute)
		return fmt.Sprintf("%s %d minutes", Duration{time.Duration(h) * time.Hour}, m)
	}
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{7 * 24 * time.Hour, "week"}, {24 * time.Hour, "day"}, {time.Hour, "hour"}, {time.Minute, "minute"}} {
		if d.d%u.d == 0 {
			n := int64(d.d / u.d)
			if n == 1 {
				return "1 " + u.name
			}
			return fmt.Sprintf("%d %ss", n, u.name)
		}
	}
	return fmt.Sprintf("%d minutes", int64(d.d/time.Minute))
}
