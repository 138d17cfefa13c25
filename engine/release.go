package engine

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/ismsforge/ismsforge/engine/internal/words"

	"github.com/ismsforge/ismsforge/engine/bundle"
	"github.com/ismsforge/ismsforge/engine/critical"
	"github.com/ismsforge/ismsforge/engine/diff"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/registers"
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
	// Minor keeps a release minor even when controls changed
	// applicability, which would otherwise make it major.
	Minor bool
	NoPDF bool
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
	// MajorBecause says why the release is major although --major was not
	// given; MinorDespite lists the controls whose applicability changed in
	// a release kept minor with --minor.
	MajorBecause string
	MinorDespite []string
	// Out is the output directory rebuilt to show the release; OutNote
	// says why it was not.
	Out, OutNote string
	// Notes tell of leftovers of an interrupted release that were removed.
	Notes pack.Notes
}

// ReleaseError is a release refused for a reason the user can fix.
type ReleaseError = releases.Error

// Release freezes the working draft: every changed document gets a new
// version and a revision history row, the pack is stored under
// releases/<version>/ and the lock is updated. The release is written to a
// temporary directory, renamed into place, and only then recorded in the
// lock, itself written through a temporary file: a failure or an interrupt
// leaves the lock and every earlier release as they were. A release killed
// between the rename and the lock leaves a release the lock does not
// record; the next release says so, and --resume records it.
func Release(ctx context.Context, o ReleaseOptions) (result *ReleaseResult, err error) {
	if o.Resume {
		return resume(ctx, o)
	}
	// What was cleaned up is said even when the release is then refused.
	var notes pack.Notes
	defer func() {
		if err != nil && result == nil && len(notes) > 0 {
			result = &ReleaseResult{Notes: notes}
		}
	}()
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
	notes = pack.CleanReleaseTemps(o.Dir)
	leave()
	// A release rebuilds out/ after it is recorded; one killed then left
	// the rebuild's temporary directory beside out/.
	more, err := pack.CleanOutput(ctx, o.Dir, filepath.Join(o.Dir, "out"))
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	notes = append(notes, more...)
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
	// A control that becomes applicable or excluded changes what the ISMS
	// covers: the README's rule makes that a major release.
	turned, err := applicabilityChanges(o.Dir, p)
	if err != nil {
		return nil, fmt.Errorf("release: %w", err)
	}
	var majorWhy string
	var minorDespite []string
	if len(turned) > 0 && !o.Major {
		if o.Minor {
			minorDespite = turned
		} else {
			spec.Major = true
			majorWhy = fmt.Sprintf("%s changed applicability since release %s", words.Plural(len(turned), "control "+turned[0], "controls "+strings.Join(turned, ", ")), p.Lock.Pack.Version)
		}
	}
	report := func(name string, start time.Time, detail string) {
		if o.Report != nil {
			o.Report(Stage{Name: name, Took: time.Since(start), Detail: detail})
		}
	}
	r, err := p.Build(ctx, BuildOptions{NoPDF: o.NoPDF, Release: &spec, Report: report, releaseTemplates: true})
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
	// Everything slow happens in memory, before any file is written.
	zipData, err := bundle.Auditor(ctx, &bundle.Release{
		Pack: r.Pack, Files: r.Files, Manifest: p.manifest(r, r.formats), Lock: r.Lock,
		Trace: registers.Trace(p.Cat, r.Pack.Docs), Generator: Generator,
	}, o.SignKey)
	if err != nil {
		return nil, fmt.Errorf("release: bundle: %w", err)
	}
	zipName := bundle.Name(r.Pack.Org, ver)
	final, err := releases.Store(ctx, o.Dir, releases.Release{
		Version: ver, Files: r.Files, Extra: map[string][]byte{zipName: zipData}, Lock: r.Lock, WriteLock: o.writeLock,
	})
	if err != nil {
		var re *ReleaseError
		if errors.As(err, &re) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		return nil, fmt.Errorf("release: %w", err)
	}
	report("release", start, fmt.Sprintf("%d documents changed", len(r.Changed)))
	res := &ReleaseResult{Version: ver, Dir: final, Bundle: filepath.Join(final, zipName), Changed: r.Changed, Notes: notes, MajorBecause: majorWhy, MinorDespite: minorDespite}
	// The release is made; out/ now shows it, as a build right after it
	// would. A failure here loses nothing: the release stands and the next
	// build makes out/ again.
	if b, err := Build(ctx, Options{Dir: o.Dir, Date: o.FallbackDate, NoPDF: o.NoPDF, Library: o.Library}); err != nil {
		res.OutNote = fmt.Sprintf("out/ was not rebuilt (%v); run ismsforge build", err)
	} else {
		res.Out = b.Out
	}
	return res, nil
}

// applicabilityChanges lists the controls whose applicability differs
// between the last stored release and the facts, in Annex A order. Before
// the first release, or when the last release is not stored, there is
// nothing to compare.
func applicabilityChanges(dir string, p *Project) ([]string, error) {
	if p.Lock.Pack.Version == "" {
		return nil, nil
	}
	side, err := diff.Released(dir, p.Lock.Pack.Version)
	if err != nil {
		var re *releases.Error
		if errors.As(err, &re) {
			return nil, nil // not stored: nothing to compare
		}
		return nil, err
	}
	was := map[string]bool{}
	for _, row := range side.SoA() {
		was[row.ID] = row.Applicable
	}
	var out []string
	for _, c := range p.Cat.Controls() {
		before, ok := was[c.ID]
		if !ok {
			continue
		}
		if d, _ := p.Facts.Decision(c.ID); d.IsApplicable() != before {
			out = append(out, c.ID)
		}
	}
	return out, nil
}

// addReleaseRedlines adds to a release's files, under diff/, the redlines
// of every document it changes against the previous release: the rendered
// page, the source view, the PDF and the Word file with tracked changes
// signed by the release's approver on its date. The first release has
// nothing to compare with.
func (p *Project) addReleaseRedlines(ctx context.Context, r *Built, spec version.Spec, noPDF bool) error {
	prev := p.Lock.Pack.Version
	if prev == "" {
		return nil
	}
	a, err := diff.Released(p.Dir, prev)
	if err != nil {
		return err
	}
	res := diff.Compare(a, diff.Built(r.Lock.Pack.Version, r.Pack, r.Hashes, registers.SoARows(r.Model)))
	env := p.redlineEnv(res)
	env.Author, env.Date = spec.ApprovedBy, spec.Date
	files, err := res.Files(ctx, env, diff.Outputs{PDF: !noPDF, DOCX: true})
	if err != nil {
		return err
	}
	for _, f := range files.All() {
		r.Files.Add("diff/"+f.Path, f.Data)
		r.formats["diff/"+f.Path] = "redline"
	}
	return pack.AddManifest(r.Files, p.manifest(r, r.formats))
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
