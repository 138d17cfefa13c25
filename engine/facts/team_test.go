package facts

import "testing"

func TestInTeam(t *testing.T) {
	f := &Facts{
		People: []Person{
			{ID: "ana", Name: "Ana", Team: "sec"},
			{ID: "bo", Name: "Bo", Roles: []string{"ciso"}},
			{ID: "cy", Name: "Cy"},
			{ID: "di", Name: "Di", Team: "gone"},
		},
		Teams: []Team{{ID: "sec", Name: "Security", Lead: "ciso"}},
	}
	for _, c := range []struct {
		id   string
		want bool
	}{
		{"ana", true}, // a member
		{"bo", true},  // the lead, named by a role
		{"cy", false}, // neither
		{"di", false}, // a team the facts do not define
	} {
		p, _ := f.Person(c.id)
		if got := f.InTeam(p); got != c.want {
			t.Errorf("InTeam(%s) = %v, want %v", c.id, got, c.want)
		}
	}
}
