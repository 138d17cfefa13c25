package engine

import (
	"slices"
	"testing"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// TestFreshDocumentsAreMadeFirst: the workers take the documents largest
// first, but in watch mode those a save changed come before all others,
// which are mostly taken from the memos.
func TestFreshDocumentsAreMadeFirst(t *testing.T) {
	doc := func(id string, size int) *document.Document {
		return &document.Document{Identity: document.Identity{ID: id}, MD: &markdown.Doc{Source: make([]byte, size)}}
	}
	all := []*document.Document{doc("small", 10), doc("large", 500), doc("edited", 50), doc("medium", 100), doc("new", 20)}
	ids := func(order []int) []string {
		var out []string
		for _, i := range order {
			out = append(out, all[i].ID)
		}
		return out
	}
	if got, want := ids(emitOrder(all, nil)), []string{"large", "medium", "edited", "new", "small"}; !slices.Equal(got, want) {
		t.Errorf("without fresh documents: %v, want %v", got, want)
	}
	fresh := map[*document.Document]bool{all[2]: true, all[4]: true}
	if got, want := ids(emitOrder(all, fresh)), []string{"edited", "new", "large", "medium", "small"}; !slices.Equal(got, want) {
		t.Errorf("with edited and new fresh: %v, want %v", got, want)
	}
}
