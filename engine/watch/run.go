package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/pack"
)

// Options configure Watch.
type Options struct {
	// Build is how each rebuild builds.
	Build engine.Options
	// Quiet and MaxWait batch events; zero means the defaults.
	Quiet, MaxWait time.Duration
	// Ready, when set, is called once the watches are in place, before the
	// first build.
	Ready func(*Watcher)
	// Report receives every finished rebuild; see Loop.
	Report func(Outcome)
	// Warn receives the watcher's own problems; it may be nil.
	Warn func(error)
}

// Watch builds the project in o.Build.Dir and rebuilds it whenever one of
// its inputs changes, until ctx is done. It refuses to start without
// isms.yaml or with an output directory the build would refuse; after
// that, a broken input is reported and fixed, never fatal.
func Watch(ctx context.Context, o Options) error {
	dir := o.Build.Dir
	if _, err := os.Stat(filepath.Join(dir, facts.FileName)); errors.Is(err, fs.ErrNotExist) {
		return diag.Errorf(diag.Pos{File: filepath.Join(dir, facts.FileName)}, "run `ismsforge init "+dir+"` to create a starter file, or pass the project directory", "no %s in %s", facts.FileName, dir)
	}
	b := engine.NewBuilder(o.Build)
	if err := pack.CheckOutput(dir, b.Out()); err != nil {
		return err
	}
	w, err := New(dir, b.Out())
	if err != nil {
		return err
	}
	defer w.Close()
	if o.Ready != nil {
		o.Ready(w)
	}
	l := &Loop{Quiet: o.Quiet, MaxWait: o.MaxWait, Rebuild: b.Rebuild, Report: o.Report, Warn: o.Warn}
	return l.Run(ctx, w)
}
