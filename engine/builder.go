package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/pack"
)

// Builder rebuilds a project again and again, as watch mode does. It keeps
// the last good build: a rebuild re-renders only the documents whose text or
// control block changed, and rewrites only the output files whose bytes
// changed. A failed rebuild leaves the output as the last good build wrote
// it.
type Builder struct {
	o     Options
	cache *Cache
	// files is what the last good build wrote; nil before the first.
	files *pack.Files
}

// NewBuilder returns a builder for the project in o.Dir.
func NewBuilder(o Options) *Builder {
	if o.Out == "" {
		o.Out = filepath.Join(o.Dir, "out")
	}
	return &Builder{o: o, cache: NewCache()}
}

// Out returns the output directory.
func (b *Builder) Out() string { return b.o.Out }

// Rebuild is the outcome of one rebuild.
type Rebuild struct {
	// Changed are the input files that triggered the rebuild.
	Changed []string
	// Rerendered are the documents whose text or control block changed.
	Rerendered []string
	// Written and Removed are output files, relative to the output
	// directory.
	Written, Removed []string
	Took             time.Duration
	Built            *Built
	// Stages are the pipeline's steps, with their times.
	Stages []Stage
	// Notes tell of leftovers of an interrupted run that were removed.
	Notes pack.Notes
}

func (r *Rebuild) String() string {
	what := "nothing"
	switch n := len(r.Rerendered); {
	case n == 0:
	case n <= 4:
		what = fmt.Sprint(r.Rerendered)
	default:
		what = fmt.Sprintf("%d documents", n)
	}
	changed := "full build"
	if len(r.Changed) > 0 {
		changed = fmt.Sprint(r.Changed)
		if len(r.Changed) > 3 {
			changed = fmt.Sprintf("%d files", len(r.Changed))
		}
	}
	return fmt.Sprintf("%s: re-rendered %s, wrote %d files in %s", changed, what, len(r.Written)+len(r.Removed), r.Took.Round(time.Millisecond))
}

// Rebuild renders the project and writes what changed. changed names the
// input files that triggered it, for the report.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (*Rebuild, error) {
	start := time.Now()
	// Work on a copy of the cache: a failed rebuild must not leave the
	// cache describing output that was never written.
	cache := b.cache.clone()
	var stages []Stage
	report := recordStages(&stages, b.o.Report)
	p, err := Load(b.o.Dir, LoadOptions{Date: b.o.Date, Library: b.o.Library, Cache: cache})
	if err != nil {
		return nil, err
	}
	defer p.Close()
	report("load", start, fmt.Sprintf("%d templates", len(p.Lib.Docs)))
	bo := BuildOptions{NoPDF: b.o.NoPDF, Strict: b.o.Strict, Cache: cache, Report: report, Emitters: b.o.Emitters}
	// After the first write, the documents' own files are written as soon
	// as they are made: the page or PDF being edited appears without
	// waiting for the combined pack and the registers. Should the rest of
	// the rebuild fail, they stay written and the next rebuild writes
	// whatever differs from the last complete write again.
	var early []pack.File
	if b.files != nil {
		bo.DocsReady = func(fs []document.File) error {
			wstart := time.Now()
			w, err := pack.WriteEarly(context.WithoutCancel(ctx), b.o.Dir, b.o.Out, fs, b.files)
			if err != nil {
				return fmt.Errorf("write: %w", err)
			}
			early = w
			report("write-docs", wstart, fmt.Sprintf("%d files", len(w)))
			return nil
		}
	}
	r, err := p.Build(ctx, bo)
	if err != nil {
		return nil, err
	}
	wstart := time.Now()
	// Writing is not interrupted: the files are written one by one, each
	// atomically, and a set half old and half new would be no build at all.
	prev := b.files
	if len(early) > 0 {
		prev = prev.With(early)
	}
	ch, err := pack.WriteChanged(context.WithoutCancel(ctx), b.o.Dir, b.o.Out, r.Files, prev)
	if err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	written := make([]string, 0, len(early)+len(ch.Written))
	for _, f := range early {
		written = append(written, f.Path)
	}
	written = append(written, ch.Written...)
	report("write", wstart, fmt.Sprintf("%d files", len(ch.Written)+len(ch.Removed)))
	b.files, b.cache = r.Files, cache
	return &Rebuild{Changed: changed, Rerendered: r.Rerendered, Written: written, Removed: ch.Removed, Took: time.Since(start), Built: r, Stages: stages, Notes: ch.Notes}, nil
}
