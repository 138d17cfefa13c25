package check

import (
	"fmt"
	"regexp"

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

// revision3 matches a version that names Revision 3 ("Rev. 3", "r3"),
// also when it follows the publication number as in NIST's own short name
// for it, "SP 800-171r3".
var revision3 = regexp.MustCompile(`(?i)(\b|[0-9])(rev(ision)?\.?\s*|r)3\b`)

// regimeVersions checks that the NIST SP 800-171 citations are of the
// revision the organization is assessed against. The built-in ones number
// the Rev. 2 requirements (3.1.1); Rev. 3 renumbers them (03.01.01) and
// withdraws some, so a Rev. 3 entry needs its own citations.
func regimeVersions(in Input) diag.List {
	var l diag.List
	f := in.Facts
	for i, r := range f.Regimes {
		if r.ID != "nist-800-171" || !revision3.MatchString(r.Version) {
			continue
		}
		var left []string
		for _, c := range in.Cat.CitedControls(r.ID) {
			if r.Citations[c] == "" {
				left = append(left, c)
			}
		}
		if len(left) == 0 {
			continue
		}
		l.Add(f.Warnf(fmt.Sprintf("regimes[%d].version", i), "give the Rev. 3 requirement (such as 03.01.01) for each of these controls under the entry's citations, or write version: Rev. 2 if the contracts assess against Rev. 2, as CMMC Level 2 does",
			"the nist-800-171 entry is assessed against %s, but the SoA and the policies cite the Rev. 2 requirement numbers for %d controls (%s), which Rev. 3 renumbers", r.Version, len(left), firstEight(left)).WithCode("regime-version"))
	}
	return l
}
