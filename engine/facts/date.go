package facts

import (
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"
)

// Date is a calendar date without a time of day or zone. Facts carry dates,
// never clock readings, so that the same facts give the same pack.
type Date struct {
	t time.Time // midnight UTC; the zero Time means unset
}

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// String formats the date as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.t.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Format formats the date with a Go layout, such as "2 January 2006".
func (d Date) Format(layout string) string {
	if d.t.IsZero() {
		return ""
	}
	return d.t.Format(layout)
}

// Long formats the date as "2 January 2006".
func (d Date) Long() string { return d.Format("2 January 2006") }

// Time returns the date as midnight UTC.
func (d Date) Time() time.Time { return d.t }

// AddMonths returns the date n months later, clamped to the end of the month
// (31 January plus one month is 28 or 29 February).
func (d Date) AddMonths(n int) Date {
	if d.t.IsZero() {
		return d
	}
	y, m, day := d.t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return NewDate(first.Year(), first.Month(), min(day, last))
}

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date {
	if d.t.IsZero() {
		return d
	}
	return Date{d.t.AddDate(0, 0, n)}
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// Year returns the year, or 0 when unset.
func (d Date) Year() int {
	if d.t.IsZero() {
		return 0
	}
	return d.t.Year()
}

// MarshalYAML writes the date as a plain YAML date, unquoted.
func (d Date) MarshalYAML() (any, error) {
	if d.IsZero() {
		return "", nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d.String()}, nil
}

// UnmarshalYAML reads a YAML date, quoted or not.
func (d *Date) UnmarshalYAML(n *yaml.Node) error { return d.UnmarshalText([]byte(n.Value)) }

// MarshalText implements encoding.TextMarshaler.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }
