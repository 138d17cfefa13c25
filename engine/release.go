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

	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/version"
)

// ReleasesDir is where releases are stored, inside the project.
const ReleasesDir = "releases"

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
}

// ReleaseError is a release refused for a reason the user can fix.
type ReleaseError struct{ Msg, Hint string }

func (e *ReleaseError) Error() string { return e.Msg + "; " + e.Hint }

// Release freezes the working draft: every changed document gets a new
// version and a revision history row, the pack is stored under
// releases/<version>/ and the lock is updated. A failure leaves the lock and
// every earlier release untouched.
func Release(ctx context.Context, o ReleaseOptions) (*ReleaseResult, error) {
	if strings.TrimSpace(o.Summary) == "" {
		return nil, &ReleaseError{Msg: "a release needs a summary", Hint: `pass -m "what changed and why"`}
	}
	p, err := Load(o.Dir, LoadOptions{Date: o.FallbackDate, Library: o.Library})
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	defer p.Close()
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
	releases := filepath.Join(o.Dir, ReleasesDir)
	final := filepath.Join(releases, ver)
	if _, err := os.Lstat(final); err == nil {
		return nil, &ReleaseError{Msg: fmt.Sprintf("%s already exists", final), Hint: "a release is never overwritten; restore isms.lock from git if it is out of step with releases/"}
	}
	if err := os.MkdirAll(releases, 0o755); err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	tmp, err := os.MkdirTemp(releases, ".ismsforge-release-")
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed
	if err := pack.WriteTree(tmp, r.Files); err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	zipData, err := p.auditorBundle(r, o.SignKey)
	if err != nil {
		return nil, fmt.Errorf("release: bundle: %w", err)
	}
	zipName := bundleName(r.Pack.Org, ver)
	if err := os.WriteFile(filepath.Join(tmp, zipName), zipData, 0o644); err != nil {
		return nil, fmt.Errorf("release: %w", err)
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
			return nil, fmt.Errorf("release: write lock: %w (and %s could not be removed: %v)", err, final, rmErr)
		}
		return nil, fmt.Errorf("release: write lock: %w", err)
	}
	report("release", start, fmt.Sprintf("%d documents changed", len(r.Changed)))
	return &ReleaseResult{Version: ver, Dir: final, Bundle: filepath.Join(final, zipName), Changed: r.Changed}, nil
}
