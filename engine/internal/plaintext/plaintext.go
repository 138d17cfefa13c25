// Package plaintext is an output format written outside the engine, to
// prove that a format is one package and one registration line: each
// document as plain text (its title, its front block and the text of its
// Markdown) under txt/, and a table of contents, txt/index.txt.
package plaintext

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// Emitter writes txt/<id>.txt and txt/index.txt.
type Emitter struct {
	// Made counts, across builds, the documents whose file was made anew
	// rather than taken from the memo.
	mu   sync.Mutex
	Made int
}

// Name is "txt".
func (e *Emitter) Name() string { return "txt" }

// Label is what the site calls the format.
func (e *Emitter) Label() string { return "Plain text" }

// Path is a document's text file.
func (e *Emitter) Path(id string) string { return "txt/" + id + ".txt" }

// Begin starts a build.
func (e *Emitter) Begin(_ context.Context, b *document.Build) (document.Run, error) {
	return &run{e: e, pk: b.Pack}, nil
}

type run struct {
	e  *Emitter
	pk *document.Pack
}

func (r *run) Document(_ context.Context, d *document.Document, m *document.Memo) ([]document.File, error) {
	key := d.Key() + r.pk.Key()
	if files, ok := m.Reuse(key); ok {
		return files, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", d.Title)
	front := d.Front(r.pk)
	for _, f := range front.Fields {
		fmt.Fprintf(&b, "%s: %s\n", f.Label, f.Value)
	}
	for _, row := range front.History.Rows {
		fmt.Fprintf(&b, "%s\n", strings.Join(row, " | "))
	}
	b.WriteString("\n")
	b.WriteString(markdown.PlainText(d.MD.Root, d.MD.Source))
	files := []document.File{{Path: r.e.Path(d.ID), Data: []byte(b.String())}}
	m.Keep(key, files)
	r.e.mu.Lock()
	r.e.Made++
	r.e.mu.Unlock()
	return files, nil
}

func (r *run) Pack(context.Context) ([]document.File, error) {
	var b strings.Builder
	for _, d := range r.pk.Docs {
		fmt.Fprintf(&b, "%s %s\n", d.Ref, d.Title)
	}
	return []document.File{{Path: "txt/index.txt", Data: []byte(b.String())}}, nil
}
