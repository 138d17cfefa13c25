package tmpl

import (
	"testing"

	"github.com/ismsforge/ismsforge/templates"
)

// TestStaticNeedsOfTheLibrary: the importer's report lists what the
// built-in documents ask for; the list must hold the facts they ask for
// literally, with their words.
func TestStaticNeedsOfTheLibrary(t *testing.T) {
	needs, err := StaticNeeds(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	want := map[Need]bool{
		{Key: "governance", What: "the forum that follows the ISMS between management reviews (forum, meets, members)"}: false,
		{Key: "plans", What: "a plan with kind: incident-response"}:                                                     false,
		{Key: "technology.screen_lock", What: "how long an unattended device waits before it locks, such as 10m"}:       false,
	}
	for _, n := range needs {
		if _, ok := want[n]; ok {
			want[n] = true
		}
		if n.Key == "" {
			t.Errorf("a need without a key: %+v", n)
		}
	}
	for n, found := range want {
		if !found {
			t.Errorf("StaticNeeds lacks %+v; it found %+v", n, needs)
		}
	}
}
