package facts

import (
	"strings"
	"testing"
)

// TestPathOfKnowsValuesByIdentity: a string the facts decoded names its
// path and position; an equal string made elsewhere, or one built from a
// fact, is no fact; two facts that say the same thing stay two facts.
func TestPathOfKnowsValuesByIdentity(t *testing.T) {
	f, err := parse(t, minimal+`teams:
  - {id: ops, name: Ann Example}
custom:
  portal: intranet/portal.html
  n: 3
`)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		s    string
		want string
		line int
	}{
		{f.Organization.Name, "organization.name", 2},
		{f.People[0].Name, "people[0].name", 6},
		{f.Teams[0].Name, "teams[0].name", 11},
		{f.Custom["portal"].(string), "custom.portal", 13},
	} {
		got, ok := f.PathOf(c.s)
		if !ok || got != c.want {
			t.Errorf("PathOf(%q) = %q, %v; want %q", c.s, got, ok, c.want)
			continue
		}
		if pos := f.Where(got); pos.Line != c.line {
			t.Errorf("%s is at line %d, want %d", got, pos.Line, c.line)
		}
	}
	for _, s := range []string{strings.Clone(f.Organization.Name), f.Organization.Name[:7], "Example Ltd", f.Organization.Name + " "} {
		if p, ok := f.PathOf(s); ok {
			t.Errorf("PathOf(%q) = %q; a string the facts did not decode is no fact", s, p)
		}
	}
}
