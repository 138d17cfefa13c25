package check

import (
	"github.com/ismsforge/ismsforge/engine/diag"
)

// duplicateRefs warns when two documents of the pack print the same
// reference: the register and every cross-reference would be ambiguous.
func duplicateRefs(in Input) diag.List {
	var l diag.List
	first := map[string]int{}
	for i, d := range in.Docs {
		j, dup := first[d.Ref]
		if !dup {
			first[d.Ref] = i
			continue
		}
		t := in.Selected[i]
		key := "ref"
		if t.Meta.Ref == "" {
			key = "id"
		}
		l.Add(diag.Warnf(frontMatterPos(t, key), "give each document its own ref in its front matter",
			"document %s has the reference %s, which %s (%s) has too", d.ID, d.Ref, in.Docs[j].ID, in.Selected[j].File.Display).
			WithSource(t.Source()).WithCode("duplicate-ref"))
	}
	return l
}
