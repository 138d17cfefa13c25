package check

import (
	"fmt"
	"slices"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// planDocuments are the library documents that are a plan of a kind: a
// plan of that kind the facts declare is that document or a second plan.
var planDocuments = map[string]string{"incident-response": "incident-response-plan"}

// records checks the records and plans the documents refer to: a reference
// (record "id") to one that is neither a document of the pack nor declared
// in the facts is an error, as is a plan or record that says it is a
// document the library does not have; a declared plan or record that
// duplicates a document of the pack without saying so is a warning; and a
// retention period shorter than a regime's minimum is an error.
func records(in Input) diag.List {
	var l diag.List
	f := in.Facts
	lib := docIDs(in.Library.Docs)
	inPack := map[string]bool{}
	for _, d := range in.Docs {
		inPack[d.ID] = true
	}
	// References to records that do not exist.
	seen := map[string]bool{}
	for i, ns := range in.Needs {
		if i >= len(in.Docs) {
			break
		}
		for _, n := range ns {
			if n.Record == "" || seen[in.Docs[i].ID+"|"+n.Record] {
				continue
			}
			seen[in.Docs[i].ID+"|"+n.Record] = true
			t := in.Selected[i]
			pos, src := templatePos(t, in.Docs[i], n.At)
			hint := fmt.Sprintf("keep the document %s in the pack (remove documents.%s.omit), or declare the record kept outside the pack under records (a plan under plans) with document: %s, its owner and where it is kept", n.Record, n.Record, n.Record)
			if !slices.Contains(lib, n.Record) {
				hint = diag.DidYouMean(n.Record, lib, "name a document of the library, or declare the record under records with document: "+n.Record)
			}
			l.Add(diag.Errorf(pos, hint, "document %s refers to %s (%s), which is neither a document of the pack nor a plan or record declared in the facts", in.Docs[i].ID, n.What, n.Record).
				WithSource(src).WithCode("missing-record"))
		}
	}
	// Plans and records that stand for a document of the library.
	claimed := map[string]string{}
	stands := func(path, name, doc string) {
		if doc == "" {
			return
		}
		if !slices.Contains(lib, doc) {
			l.Add(f.Errorf(path, diag.DidYouMean(doc, lib, "name a document of the library; `ismsforge templates list` lists them"),
				"%s says it is the document %q, which the library does not have", name, doc).WithCode("missing-record"))
			return
		}
		if other, dup := claimed[doc]; dup {
			l.Add(f.Errorf(path, "keep document: on one of them", "%s and %s both say they are the document %s", other, name, doc).WithCode("missing-record"))
			return
		}
		claimed[doc] = name
	}
	for i, p := range f.Plans {
		stands(fmt.Sprintf("plans[%d].document", i), p.Name, p.Document)
	}
	for i, r := range f.Records {
		stands(fmt.Sprintf("records[%d].document", i), r.Name, r.Document)
	}
	twin := func(path, kind, name, doc, id string) {
		if doc != "" || !inPack[id] {
			return
		}
		l.Add(f.Warnf(path, fmt.Sprintf("if the pack's document is this %s, set document: %s on it (its owner, dates and where it is kept then apply to the document); if the %s is kept outside the pack, add documents.%s.omit: true", kind, id, kind, id),
			"the facts declare the %s %q, and the pack generates %s: the organization would have two", kind, name, id).WithCode("duplicate-record"))
	}
	for i, p := range f.Plans {
		if id, ok := planDocuments[p.Kind]; ok {
			twin(fmt.Sprintf("plans[%d]", i), "plan", p.Name, p.Document, id)
		} else if id := docNamed(in, p.Name); id != "" {
			twin(fmt.Sprintf("plans[%d]", i), "plan", p.Name, p.Document, id)
		}
	}
	for i, r := range f.Records {
		if id := docNamed(in, r.Name); id != "" {
			twin(fmt.Sprintf("records[%d]", i), "record", r.Name, r.Document, id)
		}
	}
	l.Add(retention(f)...)
	return l
}

// docNamed returns the ID of the document of the pack whose title a name
// refers to ("Business Impact Analysis"), or "".
func docNamed(in Input, name string) string {
	for _, d := range in.Docs {
		if norm(d.Title) == norm(name) {
			return d.ID
		}
	}
	return ""
}

// retention reports a retention period shorter than the minimum a regime
// that applies fixes.
func retention(f *facts.Facts) diag.List {
	var l diag.List
	low, basis := f.RetentionMinimum()
	if low == 0 {
		return nil
	}
	check := func(path string, years int) {
		if years != 0 && years < low {
			l.Add(f.Errorf(path, fmt.Sprintf("keep ISMS records at least %d years, or remove the setting to use that minimum", low),
				"records are kept %d %s, less than the %d years %s requires", years, plural(years, "year", "years"), low, basis).WithCode("retention"))
		}
	}
	check("document_control.retention_years", f.DocumentControl.RetentionYears)
	for _, id := range sortedKeys(f.Documents) {
		check("documents."+id+".retention_years", f.Documents[id].RetentionYears)
	}
	return l
}
