package check

import (
	"slices"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/tmpl"
)

// references checks the references the facts loader cannot see: people and
// roles named in templates' front matter, and documents named in the facts.
func references(in Input) diag.List {
	var l diag.List
	f := in.Facts
	for _, t := range in.Library.Docs {
		for _, key := range []string{"owner", "approver"} {
			ref := t.Meta.Owner
			if key == "approver" {
				ref = t.Meta.Approver
			}
			if ref == "" {
				continue
			}
			if _, ok := f.Resolve(ref); !ok {
				l.Add(diag.Errorf(frontMatterPos(t, key), "use the id of someone under people in isms.yaml, or a role that someone holds",
					"%s %q of document %s is neither a person nor a held role", key, ref, t.Meta.ID).WithSource(t.Source()).WithCode("unknown-person"))
			}
		}
	}
	ids := docIDs(in.Library.Docs)
	for id := range f.Documents {
		if !slices.Contains(ids, id) {
			l.Add(diag.Errorf(f.WhereKey("documents."+id), diag.DidYouMean(id, ids, "`ismsforge build` lists the documents in the register"),
				"documents.%s names no document of the library", id).WithSource(f.Source()).WithCode("unknown-document"))
		}
	}
	return l
}

func docIDs(ts []*tmpl.Template) []string {
	ids := make([]string, len(ts))
	for i, t := range ts {
		ids[i] = t.Meta.ID
	}
	return ids
}

// reviews warns about documents whose next review falls before the pack's
// release date: an auditor will ask why they were not reviewed.
func reviews(in Input) diag.List {
	var l diag.List
	for i, d := range in.Docs {
		nr := d.Control.NextReview
		if nr.IsZero() || !nr.Before(in.Date) {
			continue
		}
		l.Add(diag.Warnf(frontMatterPos(in.Selected[i], "id"), "review the document, then release a new version with `ismsforge release`; or lengthen its cycle with review_months",
			"document %s was due for review on %s, before the release date %s", d.ID, nr, in.Date).WithCode("review-overdue"))
	}
	return l
}
