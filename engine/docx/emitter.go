package docx

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/internal/key"
)

// Emitter is the Word output format: docx/<id>.docx for every document and
// generated page. In watch mode a document is written again only when it
// or what its running heads show (organization, classification, date,
// logo) changed: links to other documents name their files and headings, so
// they need no look-up.
type Emitter struct {
	// PageSize is "a4" (the default) or "letter".
	PageSize string
}

// Name is "docx".
func (e *Emitter) Name() string { return "docx" }

// Label is what the site calls the format.
func (e *Emitter) Label() string { return "Word" }

// Path is a document's Word file.
func (e *Emitter) Path(id string) string { return "docx/" + id + ".docx" }

// Begin fixes the options of the build.
func (e *Emitter) Begin(_ context.Context, b *document.Build) (document.Run, error) {
	images := b.Images
	o := Options{Generator: b.Generator, PageSize: e.PageSize, Image: func(dest string) ([]byte, error) {
		if data, ok := images[dest]; ok {
			return data, nil
		}
		return nil, fmt.Errorf("not found in the project")
	}}
	pk := b.Pack
	env := key.New().Add("docx-env", b.Generator, e.PageSize, pk.Org, pk.Classification, pk.Date, pk.DateLayout, pk.Logo, pk.Lang)
	// In a fixed order: a key that changed with map iteration would miss
	// the cache on every rebuild.
	for _, dest := range slices.Sorted(maps.Keys(images)) {
		env.Add("image", dest, images[dest])
	}
	return &emitRun{o: o, pk: pk, env: env.Sum()}, nil
}

type emitRun struct {
	o   Options
	pk  *document.Pack
	env string
}

func (r *emitRun) Document(_ context.Context, d *document.Document, m *document.Memo) ([]document.File, error) {
	k := key.New().Add("docx", d.Key(), r.env).Sum()
	if files, ok := m.Reuse(k); ok {
		return files, nil
	}
	b, err := Document(d, r.pk, r.o)
	if err != nil {
		return nil, err
	}
	files := []document.File{{Path: "docx/" + d.ID + ".docx", Data: b}}
	m.Keep(k, files)
	return files, nil
}

func (r *emitRun) Pack(context.Context) ([]document.File, error) { return nil, nil }
