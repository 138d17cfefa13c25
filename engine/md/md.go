// Package md emits the documents as Markdown files, OUT/md/<id>.md: the
// rendered Markdown under a YAML front matter that carries the document's
// identity and control block, for people who feed the Markdown to another
// converter. diff reads a released document's control block back from the
// same front matter.
package md

import (
	"bytes"
	"context"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// Header is the front matter of OUT/md/<id>.md. Its keys are a file format
// that released packs keep, so they do not change with the model.
type Header struct {
	ID             string   `yaml:"id"`
	Ref            string   `yaml:"ref"`
	Title          string   `yaml:"title"`
	Kind           string   `yaml:"kind"`
	Version        string   `yaml:"version"`
	Status         string   `yaml:"status"`
	Owner          string   `yaml:"owner"`
	Approver       string   `yaml:"approver"`
	Classification string   `yaml:"classification"`
	Effective      string   `yaml:"effective,omitempty"`
	NextReview     string   `yaml:"next_review,omitempty"`
	Clauses        []string `yaml:"clauses,flow,omitempty"`
	Controls       []string `yaml:"controls,flow,omitempty"`
	// Frameworks is written as in a template's front matter.
	Frameworks map[string][]string `yaml:"frameworks,flow,omitempty"`
}

// HeaderOf is a document's front matter.
func HeaderOf(d *document.Document) Header {
	c := d.Control
	return Header{
		ID: d.ID, Ref: d.Ref, Title: d.Title, Kind: d.Kind, Version: c.Version, Status: c.Status,
		Owner: c.Owner.String(), Approver: c.Approver.String(), Classification: c.Classification,
		Effective: c.Effective.String(), NextReview: c.NextReview.String(), Clauses: d.Clauses(), Controls: d.Controls(),
		Frameworks: d.Frameworks(),
	}
}

// File is a document's Markdown file: front matter, then the body.
func File(d *document.Document) ([]byte, error) {
	h, err := yaml.Marshal(HeaderOf(d))
	if err != nil {
		return nil, err
	}
	out := append([]byte("---\n"), h...)
	out = append(out, "---\n\n"...)
	return append(out, d.MD.Source...), nil
}

// Split reads a Markdown file back: its front matter, and the body as the
// templates rendered it. A front matter it cannot read leaves the header
// empty; the body is still returned.
func Split(b []byte) (Header, []byte) {
	var h Header
	if !bytes.HasPrefix(b, []byte("---\n")) {
		return h, b
	}
	i := bytes.Index(b[4:], []byte("\n---\n"))
	if i < 0 {
		return h, b
	}
	_ = yaml.Unmarshal(b[4:4+i], &h)
	return h, bytes.TrimPrefix(b[4+i+5:], []byte("\n"))
}

// Document is the document a header describes, without its body: what diff
// shows of a released version's control block.
func (h Header) Document() *document.Document {
	effective, _ := facts.ParseDate(h.Effective)
	next, _ := facts.ParseDate(h.NextReview)
	return &document.Document{
		Identity: document.Identity{ID: h.ID, Ref: h.Ref, Title: h.Title, Kind: h.Kind,
			Requirements: document.NewRequirements(h.Clauses, h.Controls, h.Frameworks)},
		Control: document.ControlBlock{
			Version: h.Version, Status: h.Status, Classification: h.Classification,
			Owner: document.Party{Name: h.Owner}, Approver: document.Party{Name: h.Approver},
			Effective: effective, NextReview: next,
		},
	}
}

// Emitter is the Markdown output format. The files are cheap to make, so
// they are made on every build.
type Emitter struct{}

// Name is "md".
func (Emitter) Name() string { return "md" }

// Label is what the site calls the format.
func (Emitter) Label() string { return "Markdown" }

// Path is a document's Markdown file.
func (Emitter) Path(id string) string { return "md/" + id + ".md" }

// Begin starts a build.
func (e Emitter) Begin(context.Context, *document.Build) (document.Run, error) { return e, nil }

// Document makes the document's Markdown file.
func (e Emitter) Document(_ context.Context, d *document.Document, _ *document.Memo) ([]document.File, error) {
	b, err := File(d)
	if err != nil {
		return nil, err
	}
	return []document.File{{Path: e.Path(d.ID), Data: b}}, nil
}

// Pack has nothing to add.
func (Emitter) Pack(context.Context) ([]document.File, error) { return nil, nil }
