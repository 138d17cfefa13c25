package engine

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/ismsforge/ismsforge/engine/diff"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/registers"
	"github.com/ismsforge/ismsforge/engine/version"
)

// Working names the unreleased working draft in diff.
const Working = diff.Working

// DiffOptions configure Diff.
type DiffOptions struct {
	Dir string
	// Out is the output directory whose diff/ subdirectory receives the
	// redlines; it defaults to Dir/out.
	Out string
	// From and To are release versions; From defaults to the last release
	// and To to the working draft.
	From, To string
	Date     facts.Date
	Library  fs.FS
	// PDF and DOCX also write each redline as OUT/diff/<id>.pdf, with the
	// same marks, and as OUT/diff/<id>.docx, the new version with the
	// changes as Word tracked changes.
	PDF, DOCX bool
}

// DiffResult is the difference between two versions of the pack, with
// what its redlines are made with.
type DiffResult struct {
	*diff.Result
	env *diff.Env
}

// Diff compares two versions of the pack: by default the last release and
// the working draft.
func Diff(ctx context.Context, o DiffOptions) (*DiffResult, error) {
	lock, err := version.Load(o.Dir)
	if err != nil {
		return nil, err
	}
	from, to := o.From, o.To
	if from == "" {
		from = lock.Pack.Version
	}
	if to == "" {
		to = Working
	}
	if from == "" {
		return nil, &ReleaseError{Msg: "nothing has been released yet, so there is nothing to compare with", Hint: "run `ismsforge release -m \"Initial release\"` first"}
	}
	p, err := Load(o.Dir, LoadOptions{Date: o.Date, Library: o.Library})
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	defer p.Close()
	var r *Built
	if from == Working || to == Working {
		if r, err = p.Build(ctx, BuildOptions{NoPDF: true}); err != nil {
			return nil, err
		}
	}
	load := func(v string) (*diff.Side, error) {
		if v == Working {
			return diff.Built(Working, r.Pack, r.Hashes, registers.SoARows(r.Model)), nil
		}
		return diff.Released(o.Dir, v)
	}
	a, err := load(from)
	if err != nil {
		return nil, err
	}
	b, err := load(to)
	if err != nil {
		return nil, err
	}
	res := diff.Compare(a, b)
	// Who made the changes, for tracked changes: the approver and date
	// of the release compared to; for the working draft, which nobody
	// approved yet, each document's owner on the pack's date.
	env := p.redlineEnv(res)
	for _, h := range lock.Pack.History {
		if h.Version == to {
			env.Author, env.Date = h.ApprovedBy, h.Date
		}
	}
	return &DiffResult{Result: res, env: env}, nil
}

// redlineEnv collects what making the redlines of res needs.
func (p *Project) redlineEnv(res *diff.Result) *diff.Env {
	env := &diff.Env{
		Theme: p.Theme, MD: markdown.Options{HeadingNumbers: p.Facts.Output.HeadingNumbers},
		PageSize: p.Facts.Output.PageSize, RawHTML: p.Facts.Output.RawHTML, Generator: Generator,
		Pack: document.Pack{
			Org: res.Org, Date: p.Date, Classification: p.Facts.DocumentControl.Classification,
			DateLayout: p.Facts.DateLayout(), Lang: p.Facts.Output.Language,
		},
		Date: p.Date,
	}
	env.ReadImages(res, p.Facts.Organization.Logo, func(name string) ([]byte, error) {
		b, _, err := p.Set.ReadFile(name)
		return b, err
	})
	return env
}

// WriteRedlines replaces OUT/diff/ with the redlines of each changed
// document and an index page, through a temporary directory.
func WriteRedlines(ctx context.Context, o DiffOptions, res *DiffResult) (string, error) {
	out := o.Out
	if out == "" {
		out = filepath.Join(o.Dir, "out")
	}
	return diff.Write(ctx, o.Dir, out, res.Result, res.env, diff.Outputs{PDF: o.PDF, DOCX: o.DOCX})
}
