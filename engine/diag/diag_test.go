package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	src := []byte("organization:\n  name: Acme\n  employes: 120\n  country: US\n")
	d := Errorf(Pos{File: "isms.yaml", Line: 3, Col: 3}, `did you mean "employees"?`, `unknown key %q in organization`, "employes").WithSource(src)
	want := `isms.yaml:3:3: error: unknown key "employes" in organization
  1 | organization:
  2 |   name: Acme
  3 |   employes: 120
    |   ^
  4 |   country: US
  5 | 
  hint: did you mean "employees"?`
	if got := d.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestIsUserError(t *testing.T) {
	d := Errorf(Pos{File: "f"}, "", "bad")
	if !IsUserError(fmt.Errorf("load: %w", d)) {
		t.Error("wrapped diagnostic not recognised")
	}
	if !IsUserError(fmt.Errorf("load: %w", List{d})) {
		t.Error("wrapped list not recognised")
	}
	if IsUserError(errors.New("disk full")) {
		t.Error("plain error taken for user error")
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"employees", "industry", "country", "locations"}
	if got := Suggest("employes", cands); got != "employees" {
		t.Errorf("Suggest = %q", got)
	}
	if got := Suggest("zzzzzz", cands); got != "" {
		t.Errorf("Suggest for nonsense = %q, want none", got)
	}
}

func TestCompactKeepsOneOfEachFinding(t *testing.T) {
	at := Pos{File: "templates/partials/p.md", Line: 3, Col: 5}
	l := List{
		Errorf(at, "", "boom"),
		Errorf(at, "", "boom"),  // the same mistake, seen from another document
		Errorf(at, "", "other"), // another message at the same place
		Warnf(at, "", "boom"),   // a warning is not an error
		Errorf(Pos{File: "a.md", Line: 3, Col: 5}, "", "boom"),
	}
	got := l.Compact()
	if len(got) != 4 || got[0] != l[0] || got[1] != l[2] {
		t.Errorf("Compact kept %d: %v", len(got), got)
	}
}
