package check

import (
	"github.com/ismsforge/ismsforge/engine/diag"
)

// staleDate warns when release.date is older than the last release. The
// working draft is then dated by the release instead (engine.PackDate), so
// nothing is dated before what was approved; the warning asks for the fact
// to be brought forward, so that the file says what the pack says.
func staleDate(in Input) diag.List {
	d := in.Facts.ReleaseDate()
	if d.IsZero() || in.LastRelease.IsZero() || !d.Before(in.LastRelease) {
		return nil
	}
	return diag.List{in.Facts.Warnf("release.date",
		"set release.date to "+in.LastRelease.String()+" or later; ismsforge release --date updates the lock, not isms.yaml",
		"release.date %s is before the last release, dated %s; the working draft is dated %s", d, in.LastRelease, in.LastRelease).WithCode("stale-release-date")}
}
