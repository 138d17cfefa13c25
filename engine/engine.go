// Package engine wires ismsforge's pipeline:
//
//	load facts -> select templates -> render Markdown -> parse once -> check -> emit every format -> write
//
// Each arrow is a plain function call with typed values between the steps;
// no stage reaches back into an earlier one. The stages and the features
// live in their own packages; this one only wires them, and the commands in
// cmd/ only wire flags to the functions here. Every output format is a
// document.Emitter, fed the same format-neutral documents.
package engine

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/pack"
)

// Version is ismsforge's version. It is printed in every pack, so it is a
// constant rather than build metadata: the same sources give the same bytes.
const Version = "0.1.0"

// Generator names ismsforge and its version in outputs.
const Generator = "ismsforge " + Version

// Options configure a build.
type Options struct {
	// Dir is the project directory, holding isms.yaml.
	Dir string
	// Out is the output directory; it defaults to Dir/out.
	Out string
	// Date is the pack date to use when the facts give none (from
	// SOURCE_DATE_EPOCH, say). ismsforge never reads the clock.
	Date facts.Date
	// NoPDF skips the PDF stage, for fast previews and tests.
	NoPDF bool
	// Strict turns the check's warnings into errors, for CI.
	Strict bool
	// Library replaces the built-in templates; nil means the embedded
	// library.
	Library fs.FS
	// Report, when set, receives each stage as it finishes.
	Report func(Stage)
	// Emitters are output formats besides the built-in ones (Markdown,
	// HTML, PDF, Word, the register workbooks and the data files); each
	// writes its files into the pack and is listed in the manifest.
	Emitters []document.Emitter
}

// Stage is a finished step of the pipeline.
type Stage struct {
	Name   string
	Took   time.Duration
	Detail string
}

// Result is a finished build.
type Result struct {
	Out   string
	Built *Built
	// Warnings are findings that did not stop the build.
	Warnings diag.List
	Stages   []Stage
	// Notes tell of leftovers of an interrupted run that the build removed
	// or put back.
	Notes pack.Notes
}

// recordStages returns a stage reporter that appends to stages and passes
// each stage on to report, when set.
func recordStages(stages *[]Stage, report func(Stage)) func(name string, start time.Time, detail string) {
	return func(name string, start time.Time, detail string) {
		s := Stage{Name: name, Took: time.Since(start), Detail: detail}
		*stages = append(*stages, s)
		if report != nil {
			report(s)
		}
	}
}

// Build renders the project in o.Dir and writes the pack to o.Out. A build
// that fails leaves the previous output untouched. Unless o.Emitters adds
// formats, the documents in the result keep their Markdown source and
// headings but not their syntax trees and body maps, which are dropped as
// soon as every format has made them; and the result's Files hold the
// documents' own files by hash only (pack.Files.AddWritten), since they
// are written to the new output as soon as they are made.
func Build(ctx context.Context, o Options) (*Result, error) {
	if o.Out == "" {
		o.Out = filepath.Join(o.Dir, "out")
	}
	res := &Result{Out: o.Out}
	report := recordStages(&res.Stages, o.Report)
	if err := pack.CheckOutput(o.Dir, o.Out); err != nil {
		return nil, err
	}

	start := time.Now()
	p, err := Load(o.Dir, LoadOptions{Date: o.Date, Library: o.Library})
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	defer p.Close()
	report("load", start, fmt.Sprintf("%d templates", len(p.Lib.Docs)))

	// The new output is made beside the old one while the build runs:
	// each document's files are written as soon as every format has made
	// them, and only their hashes are kept.
	st, notes, err := pack.Stage(ctx, o.Dir, o.Out)
	res.Notes = notes
	if err != nil {
		return res, fmt.Errorf("write: %w", err)
	}
	defer st.Close()
	r, err := p.Build(ctx, BuildOptions{NoPDF: o.NoPDF, Strict: o.Strict, Report: report, Emitters: o.Emitters,
		releaseTemplates: true, dropMade: len(o.Emitters) == 0, stage: st})
	if err != nil {
		return res, err
	}
	res.Built = r
	res.Warnings = r.Findings

	start = time.Now()
	more, err := st.Commit(ctx, r.Files)
	res.Notes = append(res.Notes, more...)
	if err != nil {
		return res, fmt.Errorf("write: %w", err)
	}
	report("write", start, fmt.Sprintf("%d files", r.Files.Len()))
	return res, nil
}

// Check loads and renders the project without writing anything and returns
// every finding: problems in the input, and the completeness checks. An
// error is returned only for internal failures.
func Check(ctx context.Context, dir string, lo LoadOptions, strict bool) (diag.List, error) {
	p, err := Load(dir, lo)
	if err != nil {
		return asFindings(err)
	}
	defer p.Close()
	r, err := p.Build(ctx, BuildOptions{CheckOnly: true, NoPDF: true, Strict: strict})
	if err != nil {
		return asFindings(err)
	}
	return r.Findings, nil
}

// asFindings turns a user-input error into findings; any other error stays
// an error.
func asFindings(err error) (diag.List, error) {
	var l diag.List
	if err := l.Collect(err); err != nil {
		return nil, err
	}
	return l, nil
}
