package check

import (
	"fmt"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// regimeLevels asks for the CMMC level when the entry names none. The level
// decides what the pack says: Level 1 protects federal contract information
// under FAR 52.204-21, Levels 2 and 3 CUI under NIST SP 800-171. Without
// it the documents must assume CUI, with its DFARS 252.204-7012 incident
// reports, flow-down and FIPS-validated cryptography, which is wrong for a
// Level 1 organization, and they can name no assessor or assessment cycle.
func regimeLevels(in Input) diag.List {
	var l diag.List
	f := in.Facts
	for i, r := range f.Regimes {
		if r.ID != "cmmc" || catalog.LevelNumber(r.Level) != "" {
			continue
		}
		path, what := fmt.Sprintf("regimes[%d]", i), "names no CMMC level"
		if r.Level != "" {
			path, what = path+".level", fmt.Sprintf("gives the level %q, which is not CMMC Level 1, 2 or 3", r.Level)
		}
		l.Add(f.Warnf(path, "write the level the contracts require: {id: cmmc, level: Level 1}, Level 2 (Self), Level 2 (C3PAO) or Level 3",
			"the cmmc entry %s: the documents treat the systems as handling CUI, as at Levels 2 and 3 (with DFARS 252.204-7012 and FIPS-validated cryptography), and name no assessor or assessment cycle", what).WithCode("regime-level"))
	}
	return l
}
