package check

import (
	"fmt"
	"slices"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// documentedInformation checks that every item of documented information the
// standard requires is produced by a document of the pack.
func documentedInformation(in Input) diag.List {
	var l diag.List
	for _, it := range in.Cat.Items() {
		found := false
		for _, d := range in.Docs {
			if slices.ContainsFunc(d.Clauses(), func(c string) bool { return covers(it.ID, c) }) {
				found = true
				break
			}
		}
		if !found {
			l.Add(diag.Errorf(diag.Pos{File: "templates"}, fmt.Sprintf("name %q in the front matter clauses of the document that produces it", it.ID),
				"no document produces %s (%s), which ISO/IEC 27001:2022 requires", it.ID, it.Title).WithCode("documented-information"))
		}
	}
	return l
}

// covers reports whether a document's clause reference produces an item: the
// same ID, or a sub-clause of it (9.2.2 produces 9.2, 7.5.3 produces 7.5).
// Lettered items such as 6.1.3 d need their exact ID.
func covers(item, ref string) bool {
	if ref == item {
		return true
	}
	return len(ref) > len(item) && ref[:len(item)] == item && ref[len(item)] == '.'
}
