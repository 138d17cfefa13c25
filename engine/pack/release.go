package pack

import (
	"os"
	"path/filepath"
	"strings"
)

// ReleasesDir is where releases are stored, inside the project.
const ReleasesDir = "releases"

// ReleaseMarker marks a directory as a release: ismsforge never writes into
// it again. (Releases made before the marker carry the output marker and an
// auditor bundle; IsRelease recognizes them too.)
const ReleaseMarker = ".ismsforge-release"

// ReleaseMarkerText is the marker's content.
var ReleaseMarkerText = []byte("This directory is a release written by `ismsforge release`. It is never rewritten; do not change it.\n")

// IsRelease reports whether dir holds a release.
func IsRelease(dir string) bool {
	if _, err := os.Lstat(filepath.Join(dir, ReleaseMarker)); err == nil {
		return true
	}
	// A release made before the marker: the output marker, a manifest and
	// an auditor bundle.
	if _, err := os.Lstat(filepath.Join(dir, ManifestName)); err != nil {
		return false
	}
	zips, _ := filepath.Glob(filepath.Join(dir, "*-isms-*.zip"))
	return len(zips) > 0
}

// holdsRelease reports whether dir is a release or directly holds one (as
// releases/ holds releases/1.0).
func holdsRelease(dir string) (string, bool) {
	if IsRelease(dir) {
		return dir, true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", false
	}
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && IsRelease(filepath.Join(dir, e.Name())) {
			return filepath.Join(dir, e.Name()), true
		}
	}
	return "", false
}
