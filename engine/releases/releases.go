// Package releases keeps the releases directory honest. A release is
// stored as releases/<version>/ and only then recorded in isms.lock; a
// release killed between the two leaves a directory the lock does not
// record, an orphan. Find names orphans and says what happened, never
// blaming the lock; Resume finishes an interrupted release by recording
// it, after checking that it is whole and follows the lock.
package releases

import (
	"context"
	"errors"
	"fmt"
	"github.com/ismsforge/ismsforge/engine/critical"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/bundle"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/version"
)

// LockName is the copy of the lock a release stores in its directory: the
// lock as that release leaves it. Resume writes it when the release was
// interrupted before the lock was.
const LockName = "isms.lock"

// Orphan is a release directory the lock does not record.
type Orphan struct {
	// Dir is the directory, such as releases/1.1; Version its name.
	Dir, Version string
	// Resumable says the release is whole and is the next one after the
	// lock: Resume can record it. Otherwise Why says what stands in the
	// way.
	Resumable bool
	Why       string
	lock      *version.Lock
	lockSrc   []byte
}

// OrphanError refuses a release while an orphan exists.
type OrphanError struct {
	Orphans []Orphan
}

func (e *OrphanError) Error() string {
	var b strings.Builder
	for i, o := range e.Orphans {
		if i > 0 {
			b.WriteString("; ")
		}
		if o.Resumable {
			fmt.Fprintf(&b, "%s is a whole release that isms.lock does not record yet: a release was interrupted after it stored the pack and before it wrote isms.lock. Run `ismsforge release --resume` to check it and record it in isms.lock, or remove %s and release again", o.Dir, o.Dir)
		} else {
			fmt.Fprintf(&b, "%s is not recorded in isms.lock and cannot be resumed (%s). If a release was interrupted, remove %s and release again; if it is a release from elsewhere, move it out of %s/", o.Dir, o.Why, o.Dir, pack.ReleasesDir)
		}
	}
	return b.String()
}

// Find lists the release directories under projectDir/releases that lock
// does not record, in version order.
func Find(projectDir string, lock *version.Lock) ([]Orphan, error) {
	dir := filepath.Join(projectDir, pack.ReleasesDir)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	recorded := map[string]bool{}
	for _, r := range lock.Pack.History {
		recorded[r.Version] = true
	}
	var out []Orphan
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || !e.IsDir() || recorded[name] {
			continue
		}
		out = append(out, inspect(projectDir, filepath.Join(dir, name), name, lock))
	}
	slices.SortFunc(out, func(a, b Orphan) int { return strings.Compare(a.Version, b.Version) })
	return out, nil
}

// inspect decides whether an orphan is the interrupted next release.
func inspect(projectDir, dir, name string, lock *version.Lock) Orphan {
	o := Orphan{Dir: dir, Version: name}
	src, err := os.ReadFile(filepath.Join(dir, LockName))
	if err != nil {
		o.Why = "it holds no " + LockName + " to record"
		return o
	}
	l, err := version.Parse(filepath.Join(dir, LockName), src)
	if err != nil {
		o.Why = "its " + LockName + " is damaged"
		return o
	}
	if l.Pack.Version != name {
		o.Why = fmt.Sprintf("its %s records release %s, not %s", LockName, l.Pack.Version, name)
		return o
	}
	if !follows(l, lock) {
		o.Why = fmt.Sprintf("it does not follow release %s, the last one isms.lock records", orNone(lock.Pack.Version))
		return o
	}
	if errs := l.CheckReleases(projectDir, filepath.Join(dir, LockName), src); len(errs) > 0 {
		o.Why = "its documents differ from its " + pack.ManifestName
		return o
	}
	zips, _ := filepath.Glob(filepath.Join(dir, "*-isms-"+name+".zip"))
	if len(zips) != 1 {
		o.Why = "its auditor bundle is missing"
		return o
	}
	data, err := os.ReadFile(zips[0])
	if err != nil {
		o.Why = "its auditor bundle cannot be read"
		return o
	}
	if _, err := bundle.Verify(data, nil); err != nil {
		o.Why = "its auditor bundle does not verify"
		return o
	}
	o.Resumable, o.lock, o.lockSrc = true, l, src
	return o
}

// follows reports whether next is cur plus exactly one release.
func follows(next, cur *version.Lock) bool {
	h, c := next.Pack.History, cur.Pack.History
	if len(h) != len(c)+1 {
		return false
	}
	for i := range c {
		a, b := h[i], c[i]
		if a.Version != b.Version || a.Date != b.Date || a.Summary != b.Summary || a.ApprovedBy != b.ApprovedBy || !slices.Equal(a.Changed, b.Changed) || !slices.Equal(a.Removed, b.Removed) {
			return false
		}
	}
	return true
}

func orNone(v string) string {
	if v == "" {
		return "none (nothing released yet)"
	}
	return v
}

// Resumed is a release Resume recorded.
type Resumed struct {
	Version string
	Dir     string
}

// ErrNothingToResume says there is no interrupted release.
var ErrNothingToResume = errors.New("nothing to resume: every release under releases/ is recorded in isms.lock")

// Resume records an interrupted release in isms.lock: the one orphan that
// is whole and follows the lock. The caller holds the releases lock.
func Resume(ctx context.Context, projectDir string, lock *version.Lock) (*Resumed, error) {
	orphans, err := Find(projectDir, lock)
	if err != nil {
		return nil, err
	}
	if len(orphans) == 0 {
		return nil, ErrNothingToResume
	}
	if len(orphans) > 1 || !orphans[0].Resumable {
		return nil, &OrphanError{Orphans: orphans}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o := orphans[0]
	critical.Wrote(ctx)
	if err := version.WriteFileAtomic(filepath.Join(projectDir, version.FileName), o.lockSrc); err != nil {
		return nil, fmt.Errorf("resume: write lock: %w", err)
	}
	return &Resumed{Version: o.Version, Dir: o.Dir}, nil
}
