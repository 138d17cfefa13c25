package engine

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ismsforge/ismsforge/engine/critical"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/releases"
	"github.com/ismsforge/ismsforge/engine/version"
)

// ReleasesDir is where releases are stored, inside the project.
const ReleasesDir = pack.ReleasesDir

// ReleaseOptions configure a release.
type ReleaseOptions struct {
	Dir string
	// Date is the release date given on the command line; when zero the
	// facts' release date is used, then FallbackDate (SOURCE_DATE_EPOCH).
	Date         facts.Date
	FallbackDate facts.Date
	Summary      string
	// ApprovedBy names the approver; it defaults to top management.
	ApprovedBy string
	Major      bool
	NoPDF      bool
	// SignKey, when set, signs the bundle's manifest.
	SignKey ed25519.PrivateKey
	Report  func(Stage)
	Library fs.FS

	// Resume records a release that was interrupted after it stored the
	// pack under releases/ and before it wrote isms.lock, instead of making
	// a new one.
	Resume bool

	// writeLock writes the lock; tests replace it to simulate a failure.
	writeLock func(l *version.Lock, dir string) error
}

// ReleaseResult describes a finished release.
type ReleaseResult struct {
	Version string
	// Dir is the release directory, releases/<version>; Bundle is the
	// auditor's zip inside it.
	Dir     string
	Bundle  string
	Changed []string
	// Resumed says the release was an interrupted one, now recorded.
	Resumed bool
	// Notes tell of leftovers of an interrupted release that were removed.
	Notes pack.Notes
}

// ReleaseError is a release refused for a reason the user can fix.
type ReleaseError struct{ Msg, Hint string }

func (e *ReleaseError) Error() string { return e.Msg + "; " + e.Hint }

// Release freezes the working draft: every changed document gets a new
// version and a revision history row, the pack is stored under
// releases/<version>/ and the lock is updated. The release is written to a
// temporary directory, renamed into place, and only then recorded in the
// lock, itself written through a temporary file: a failure or an interrupt
// leaves the lock and every earlier release as they were. A release killed
// between the rename and the lock leaves a release the lock does not
// record; the next release says so, and --resume records it.
func Release(ctx context.Context, o ReleaseOptions) (*ReleaseResult, error) {
	if o.Resume {
		return resume(ctx, o)
	}
	if strings.TrimSpace(o.Summary) == "" {
		return nil, &ReleaseError{Msg: "a release needs a summary", Hint: `pass -m "what changed and why"`}
	}
	p, err := Load(o.Dir, LoadOptions{Date: o.FallbackDate, Library: o.Library})
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	defer p.Close()
	// One release at a time; then whatever a killed one left is litter.
	unlock, err := pack.LockReleases(ctx, o.Dir)
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	defer unlock()
	leave := critical.Enter(ctx)
	notes := pack.CleanReleaseTemps(o.Dir)
	leave()
	orphans, err := releases.Find(o.Dir, p.Lock)
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	if len(orphans) > 0 {
		return nil, &releases.OrphanError{Orphans: orphans}
	}
	if !o.Date.IsZero() {
		p.Date = o.Date
	}
	approver := o.ApprovedBy
	if approver == "" {
		top, _ := p.Facts.Resolve("top-management")
		approver = top.Name
	}
	spec := version.Spec{Date: p.Date, Summary: strings.TrimSpace(o.Summary), ApprovedBy: approver, Major: o.Major}
	report := func(name string, start time.Time, detail string) {
		if o.Report != nil {
			o.Report(Stage{Name: name, Took: time.Since(start), Detail: detail})
		}
	}
	r, err := p.Render(ctx, RenderOptions{NoPDF: o.NoPDF, Release: &spec, Report: report})
	var dateErr *version.DateError
	if errors.As(err, &dateErr) {
		return nil, &ReleaseError{Msg: dateErr.Error(), Hint: "set release.date in isms.yaml or pass --date YYYY-MM-DD"}
	}
	if errors.Is(err, version.ErrNothingToRelease) {
		return nil, &ReleaseError{Msg: fmt.Sprintf("nothing to release: no document changed since release %s", p.Lock.Pack.Version), Hint: "change the facts or templates first; `ismsforge diff` shows what differs"}
	}
	if err != nil {
		return nil, err
	}

	start := time.Now()
	if err := p.addReleaseRedlines(ctx, r, spec, o.NoPDF); err != nil {
		return nil, fmt.Errorf("release: redlines: %w", err)
	}
	ver := r.Lock.Pack.Version
	rels := filepath.Join(o.Dir, ReleasesDir)
	final := filepath.Join(rels, ver)
	if _, err := os.Lstat(final); err == nil {
		// Find reports every directory the lock does not record, so this
		// is a race with something outside ismsforge.
		return nil, &ReleaseError{Msg: fmt.Sprintf("%s appeared while the release was being made", final), Hint: "a release is never overwritten; find out what wrote it, then release again"}
	}
	// Everything slow happens in memory, before any file is written.
	zipData, err := p.auditorBundle(ctx, r, o.SignKey)
	if err != nil {
		return nil, fmt.Errorf("release: bundle: %w", err)
	}
	lockData, err := r.Lock.Marshal()
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	// From the temporary directory to the lock, a signal waits for the
	// release to finish or to take everything back.
	defer critical.Enter(ctx)()
	tmp, err := os.MkdirTemp(rels, ".ismsforge-release-")
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	if err := pack.WriteFiles(ctx, tmp, r.Files); err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	zipName := bundleName(r.Pack.Org, ver)
	for name, data := range map[string][]byte{zipName: zipData, releases.LockName: lockData, pack.ReleaseMarker: pack.ReleaseMarkerText} {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			return nil, fmt.Errorf("release: %w", err)
		}
	}
	// The last point where an interrupt leaves nothing behind; from here
	// the release completes in a few system calls.
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, final); err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	write := o.writeLock
	if write == nil {
		write = func(l *version.Lock, dir string) error { return l.Write(dir) }
	}
	if err := write(r.Lock, o.Dir); err != nil {
		// Without the lock the release does not exist: take it back.
		if rmErr := os.RemoveAll(final); rmErr != nil {
			return nil, fmt.Errorf("release: write lock: %w (and %s could not be removed: %v; it is a whole release that `ismsforge release --resume` can record)", err, final, rmErr)
		}
		return nil, fmt.Errorf("release: write lock: %w", err)
	}
	report("release", start, fmt.Sprintf("%d documents changed", len(r.Changed)))
	return &ReleaseResult{Version: ver, Dir: final, Bundle: filepath.Join(final, zipName), Changed: r.Changed, Notes: notes}, nil
}

// resume records an interrupted release.
func resume(ctx context.Context, o ReleaseOptions) (*ReleaseResult, error) {
	lock, err := version.Load(o.Dir)
	if err != nil {
		return nil, err
	}
	unlock, err := pack.LockReleases(ctx, o.Dir)
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	defer unlock()
	defer critical.Enter(ctx)()
	notes := pack.CleanReleaseTemps(o.Dir)
	res, err := releases.Resume(ctx, o.Dir, lock)
	if errors.Is(err, releases.ErrNothingToResume) {
		return nil, &ReleaseError{Msg: err.Error(), Hint: "to make a new release, run release without --resume"}
	}
	if err != nil {
		return nil, err
	}
	zips, _ := filepath.Glob(filepath.Join(res.Dir, "*-isms-"+res.Version+".zip"))
	out := &ReleaseResult{Version: res.Version, Dir: res.Dir, Resumed: true, Notes: notes}
	if len(zips) == 1 {
		out.Bundle = zips[0]
	}
	return out, nil
}
