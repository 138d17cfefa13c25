package engine_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/releases"
	"github.com/ismsforge/ismsforge/engine/version"
)

func miniRelease(dir, summary string, resume bool) (*engine.ReleaseResult, error) {
	return engine.Release(context.Background(), engine.ReleaseOptions{Dir: dir, Summary: summary, NoPDF: true, Resume: resume, Library: os.DirFS("../testdata/minilib")})
}

// TestInterruptedReleaseIsResumed puts a project in the state a release
// killed after storing releases/1.1 and before writing isms.lock leaves:
// the next release names the orphan, says what happened without blaming
// the lock, and --resume records it, giving the very lock the release
// would have written.
func TestInterruptedReleaseIsResumed(t *testing.T) {
	dir := safetyProject(t, nil)
	if _, err := miniRelease(dir, "Initial release", false); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, version.FileName))
	writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(strings.Replace(safetyFacts, "Safe Co", "Safer Co", 1)))
	if _, err := miniRelease(dir, "Rename", false); err != nil {
		t.Fatal(err)
	}
	complete, _ := os.ReadFile(filepath.Join(dir, version.FileName))
	// The kill: the lock as it was before 1.1, releases/1.1 in place, and
	// the temporary directory of a release killed earlier still.
	writeFile(t, filepath.Join(dir, version.FileName), before)
	writeFile(t, filepath.Join(dir, "releases", ".ismsforge-release-123", "manifest.json"), []byte("{"))

	_, err := miniRelease(dir, "Rename", false)
	var oe *releases.OrphanError
	if !errors.As(err, &oe) {
		t.Fatalf("want an orphan error, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"releases/1.1 is a whole release that isms.lock does not record yet", "interrupted after it stored the pack and before it wrote isms.lock", "ismsforge release --resume"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "restore isms.lock") || strings.Contains(msg, "out of step") {
		t.Errorf("the message blames the lock:\n%s", msg)
	}

	res, err := miniRelease(dir, "", true)
	if err != nil || res.Version != "1.1" || !res.Resumed {
		t.Fatalf("resume: %+v %v", res, err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, version.FileName)); string(got) != string(complete) {
		t.Errorf("the resumed lock differs from the one the release would have written")
	}
	if _, err := os.Stat(filepath.Join(dir, "releases", ".ismsforge-release-123")); err == nil {
		t.Error("the temporary directory of the killed release is still there")
	}
	if _, err := miniRelease(dir, "", true); err == nil || !strings.Contains(err.Error(), "nothing to resume") {
		t.Errorf("a second resume: %v", err)
	}
	var re *engine.ReleaseError
	if _, err := miniRelease(dir, "Again", false); !errors.As(err, &re) || !strings.Contains(err.Error(), "nothing to release") {
		t.Errorf("after the resume: %v", err)
	}
}

// TestStrayReleaseDirectoryIsNamed: a directory under releases/ that no
// release of this lock made cannot be resumed; release says what to do.
func TestStrayReleaseDirectoryIsNamed(t *testing.T) {
	dir := safetyProject(t, nil)
	writeFile(t, filepath.Join(dir, "releases", "9.9", "notes.txt"), []byte("mine"))
	_, err := miniRelease(dir, "Initial release", false)
	if err == nil || !strings.Contains(err.Error(), "releases/9.9 is not recorded in isms.lock and cannot be resumed (it holds no isms.lock to record)") {
		t.Errorf("got %v", err)
	}
	if _, err := miniRelease(dir, "", true); err == nil || !strings.Contains(err.Error(), "cannot be resumed") {
		t.Errorf("resume: %v", err)
	}
}

// TestReleasesAreNeverRewritten points build and diff at a release and at
// releases/ itself: both refuse, and the release keeps every byte.
func TestReleasesAreNeverRewritten(t *testing.T) {
	dir := safetyProject(t, nil)
	if _, err := miniRelease(dir, "Initial release", false); err != nil {
		t.Fatal(err)
	}
	rel := filepath.Join(dir, "releases", "1.0")
	before := snapshot(t, filepath.Join(dir, "releases"))
	for _, out := range []string{rel, filepath.Join(dir, "releases"), filepath.Join(dir, "releases", "2.0")} {
		if err := miniBuild(dir, out); err == nil || !strings.Contains(err.Error(), "release") {
			t.Errorf("build -o %s: %v", out, err)
		}
		o := engine.DiffOptions{Dir: dir, Out: out, Library: os.DirFS("../testdata/minilib")}
		if _, err := engine.WriteRedlines(context.Background(), o, &engine.DiffResult{}); err == nil || !strings.Contains(err.Error(), "release") {
			t.Errorf("diff -o %s: %v", out, err)
		}
	}
	sameTree(t, before, snapshot(t, filepath.Join(dir, "releases")))
	if _, err := os.Stat(filepath.Join(rel, ".ismsforge-release")); err != nil {
		t.Error("the release carries no release marker")
	}
}

// The working draft is never dated before the last release, whatever the
// facts or SOURCE_DATE_EPOCH say.
func TestPackDateNeverBeforeLastRelease(t *testing.T) {
	d := func(y int, m time.Month, day int) facts.Date { return facts.NewDate(y, m, day) }
	var none facts.Date
	for _, c := range []struct {
		name                    string
		release, fallback, last facts.Date
		want                    facts.Date
	}{
		{"facts date", d(2027, 2, 1), d(2020, 1, 1), d(2027, 1, 4), d(2027, 2, 1)},
		{"facts date behind the release", d(2026, 12, 30), none, d(2027, 1, 4), d(2027, 1, 4)},
		{"epoch behind the release", none, d(2026, 12, 30), d(2027, 1, 4), d(2027, 1, 4)},
		{"epoch", none, d(2027, 3, 1), d(2027, 1, 4), d(2027, 3, 1)},
		{"never released", none, d(2027, 3, 1), none, d(2027, 3, 1)},
		{"nothing but the release", none, none, d(2027, 1, 4), d(2027, 1, 4)},
		{"nothing", none, none, none, none},
	} {
		if got := engine.PackDate(c.release, c.fallback, c.last); got != c.want {
			t.Errorf("%s: PackDate = %v, want %v", c.name, got, c.want)
		}
	}
}
