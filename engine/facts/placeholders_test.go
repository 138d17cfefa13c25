package facts

import (
	"fmt"
	"strings"
	"testing"
)

// TestPlaceholders reads both forms of a starter's placeholders, and
// nothing else: not a comment that merely starts with the same letters, not
// a value written after the key, not "FILL:" inside a sentence.
func TestPlaceholders(t *testing.T) {
	f, err := parse(t, `organization:
  name: Example Ltd
  industry: "FILL: your industry"
  employees:   # FILL number: how many people work there
  website:   # FILLER text that is no placeholder
  description: "Our notes say FILL: here"
  country: GB   # FILL country: a value is written, so nothing is left
people:
  - id: ann
    name: Ann Example
    roles: [top-management, isms-owner]
technology:
  languages: ["FILL: the main languages", Go]
  screen_lock:   # FILL duration
  other: []   # FILL list: the other tools
release:
  date: 2026-03-01
`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	f.Placeholders(func(p Placeholder) {
		got = append(got, fmt.Sprintf("%d:%d %s blank=%v form=%q what=%q", p.Pos.Line, p.Pos.Col, p.Key, p.Blank, p.Form, p.What))
	})
	want := []string{
		`3:13 industry blank=false form="" what="your industry"`,
		`4:3 employees blank=true form="number" what="how many people work there"`,
		`13:15 languages blank=false form="" what="the main languages"`,
		`14:3 screen_lock blank=true form="duration" what=""`,
		`15:3 other blank=true form="list" what="the other tools"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("placeholders:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
