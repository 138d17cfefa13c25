package check

import (
	"fmt"
	"path/filepath"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// needs reports the facts a document asked for and the facts file lacks.
// A template never invents such a fact: it words around it and records the
// need, and the user adds the fact or accepts the gap.
func needs(in Input) diag.List {
	var l diag.List
	f := in.Facts
	seen := map[string]bool{}
	for i, ns := range in.Needs {
		if i >= len(in.Docs) {
			break
		}
		for _, n := range ns {
			if n.Record != "" {
				continue // a reference to a record that does not exist: records.go
			}
			key := in.Docs[i].ID + "|" + n.Key + "|" + n.What
			if seen[key] {
				continue
			}
			seen[key] = true
			// The key's closest written parent: the service that lacks an
			// RTO, or the section where a missing list goes.
			l.Add(diag.Warnf(f.Where(n.Key), fmt.Sprintf("add %s under %s in %s; until then the document leaves it out", n.What, n.Key, filepath.Base(f.File())),
				"document %s needs %s, which the facts do not give", in.Docs[i].ID, n.What).WithSource(f.Source()).WithCode("missing-fact"))
		}
	}
	return l
}
