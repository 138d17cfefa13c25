package importer

import (
	"fmt"
	"slices"

	"github.com/ismsforge/ismsforge/engine/catalog"
)

// soc2Considerations names, for each SOC 2 criterion of the security,
// availability and confidentiality categories, the ISO/IEC 27001:2022
// clauses and Annex A controls whose subject is closest. It is ismsforge's
// own reading of the two texts' subjects, offered in the import report to
// help a reviewer; it is never applied to a document and is not an
// official crosswalk.
var soc2Considerations = map[string][]string{
	"CC1.1": {"5.1", "A.5.4", "A.6.2", "A.6.4"}, "CC1.2": {"5.1", "9.3"}, "CC1.3": {"5.3", "A.5.2"},
	"CC1.4": {"7.2", "A.6.1", "A.6.3"}, "CC1.5": {"5.3", "A.5.4", "A.6.4"},
	"CC2.1": {"9.1", "A.5.12"}, "CC2.2": {"7.4", "A.5.1", "A.6.3"}, "CC2.3": {"7.4", "A.5.5", "A.5.6"},
	"CC3.1": {"4.1", "6.2"}, "CC3.2": {"6.1.2", "8.2"}, "CC3.3": {"6.1.2"}, "CC3.4": {"6.3"},
	"CC4.1": {"9.1", "9.2", "A.5.35"}, "CC4.2": {"9.3", "10.2"},
	"CC5.1": {"6.1.3", "8.3"}, "CC5.2": {"6.1.3", "A.8.9"}, "CC5.3": {"5.2", "A.5.1", "A.5.37"},
	"CC6.1": {"A.5.15", "A.8.3", "A.8.5", "A.8.24"}, "CC6.2": {"A.5.16", "A.5.18", "A.6.5"},
	"CC6.3": {"A.5.3", "A.5.15", "A.5.18", "A.8.2"}, "CC6.4": {"A.7.1", "A.7.2", "A.7.4"},
	"CC6.5": {"A.7.14", "A.8.10"}, "CC6.6": {"A.8.20", "A.8.21", "A.8.22", "A.8.23"},
	"CC6.7": {"A.5.14", "A.7.10", "A.8.12", "A.8.24"}, "CC6.8": {"A.8.7", "A.8.19"},
	"CC7.1": {"A.8.8", "A.8.9"}, "CC7.2": {"A.8.15", "A.8.16"}, "CC7.3": {"A.5.25", "A.6.8"},
	"CC7.4": {"A.5.24", "A.5.26"}, "CC7.5": {"A.5.27", "A.5.29", "A.5.30"},
	"CC8.1": {"A.8.25", "A.8.29", "A.8.32"}, "CC9.1": {"6.1", "A.5.29", "A.5.30"},
	"CC9.2": {"A.5.19", "A.5.20", "A.5.21", "A.5.22"},
	"A1.1":  {"A.8.6"}, "A1.2": {"A.7.5", "A.8.13", "A.8.14"}, "A1.3": {"A.5.30", "A.8.13"},
	"C1.1": {"A.5.10", "A.5.12", "A.5.13"}, "C1.2": {"A.7.14", "A.8.10"},
}

// Suggest adds to the report, for each SOC 2 criterion the documents map
// to, the Annex A controls and clauses to consider. docs maps a criterion
// to the IDs of the documents mapped to it.
func Suggest(r *Report, cat *catalog.Catalog, docs map[string][]string) {
	f, _ := cat.Framework("soc2")
	for _, req := range f.Requirements {
		ds := docs[req.ID]
		if len(ds) == 0 {
			continue
		}
		consider := soc2Considerations[req.ID]
		var named []string
		for _, id := range consider {
			if c, ok := cat.Control(id); ok && id[0] == 'A' {
				named = append(named, fmt.Sprintf("%s %s", c.ID, c.Title))
			} else if cl, ok := cat.Clause(id); ok {
				named = append(named, fmt.Sprintf("clause %s %s", cl.ID, cl.Title))
			}
		}
		if len(named) == 0 {
			named = []string{"no suggestion: the privacy and processing integrity criteria have no counterpart here; see ISO/IEC 27701 for privacy"}
		}
		sorted := slices.Clone(ds)
		slices.Sort(sorted)
		r.Suggestions = append(r.Suggestions, Suggestion{Framework: f.Short, Requirement: req.ID, Documents: slices.Compact(sorted), Consider: named})
	}
}
