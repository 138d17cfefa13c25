package check

import (
	"fmt"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// classification checks that every classification the facts and the
// documents use is a level of the organization's scheme, and that the
// scheme has a level for the information each regime protects.
func classification(in Input) diag.List {
	var l diag.List
	f := in.Facts
	cl := f.Classification
	var names []string
	for _, lv := range cl.Levels {
		names = append(names, lv.Name)
	}
	hint := "use one of the levels under classification.levels: "
	for i, n := range names {
		if i > 0 {
			hint += ", "
		}
		hint += n
	}
	if !cl.Declared() {
		l.Add(f.Warnf("classification", "declare the levels the organization uses under classification.levels (id, name, marking, meaning, examples, handling); the README shows an example",
			"the facts declare no classification scheme, so the documents describe the default levels %s", facts.Sentence(names)).WithCode("classification-scheme"))
	}
	for i, a := range f.Assets {
		if a.Classification == "" {
			continue
		}
		if _, ok := cl.Level(a.Classification); !ok {
			l.Add(f.Errorf(fmt.Sprintf("assets[%d].classification", i), diag.DidYouMean(a.Classification, names, hint),
				"asset %s is classified %q, which is not a level of the classification scheme", a.ID, a.Classification).WithCode("classification-level"))
		}
	}
	if c := f.DocumentControl.Classification; c != "" {
		if _, ok := cl.Level(c); !ok {
			l.Add(f.Errorf("document_control.classification", diag.DidYouMean(c, names, hint),
				"documents are classified %q, which is not a level of the classification scheme", c).WithCode("classification-level"))
		}
	}
	for _, id := range sortedKeys(f.Documents) {
		if c := f.Documents[id].Classification; c != "" {
			if _, ok := cl.Level(c); !ok {
				l.Add(f.Errorf("documents."+id+".classification", diag.DidYouMean(c, names, hint),
					"document %s is classified %q, which is not a level of the classification scheme", id, c).WithCode("classification-level"))
			}
		}
	}
	// A regime whose information the scheme has no level for: the
	// documents could not say how that information is handled.
	if cl.Declared() {
		for i, r := range f.Regimes {
			if !protectsInformation(r.ID) {
				continue
			}
			found := false
			for _, lv := range cl.Levels {
				for _, id := range lv.Regimes {
					if id == r.ID {
						found = true
					}
				}
			}
			if !found {
				l.Add(f.Warnf(fmt.Sprintf("regimes[%d]", i), fmt.Sprintf("add regimes: [%s] to the level that holds that information", r.ID),
					"no classification level says it holds the information %s protects", r.ID).WithCode("classification-regime"))
			}
		}
	}
	return l
}

// protectsInformation lists the regimes that define a kind of information
// the classification scheme must place.
func protectsInformation(id string) bool {
	switch id {
	case "hipaa", "cmmc", "nist-800-171", "itar", "pci-dss", "glba", "nydfs-500", "ferpa":
		return true
	}
	return false
}
