package engine

import (
	"context"
	"testing"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/html"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/pdf"
	"github.com/ismsforge/ismsforge/engine/tmpl"
)

// BenchmarkStages times each stage of the pipeline on the acme example, so
// that a regression shows in the stage that caused it.
func BenchmarkStages(b *testing.B) {
	const dir = "../examples/acme-saas"
	ctx := context.Background()
	p, err := Load(dir, LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	r, err := p.Build(ctx, BuildOptions{NoPDF: true})
	if err != nil {
		b.Fatal(err)
	}
	selected, _, _ := p.Lib.Select(p.Facts, p.Cat)
	model := tmpl.NewModel(p.Facts, p.Cat, p.Date, selected)
	var bodies [][]byte
	for _, d := range r.Pack.Docs {
		bodies = append(bodies, d.MD.Source)
	}

	b.Run("facts-load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := facts.Load(dir, catalog.Default()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("template-parse", func(b *testing.B) {
		files, _ := p.Set.Templates()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := tmpl.Parse(files, p.Cat); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("template-execute", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, _, _, _, err := p.execute(ctx, model, selected, BuildOptions{Limits: tmpl.DefaultLimits}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("markdown-parse", func(b *testing.B) {
		parser := markdown.NewParser(markdown.Options{})
		b.ReportAllocs()
		for b.Loop() {
			for _, body := range bodies {
				parser.Parse(body)
			}
		}
	})
	b.Run("html-emit", func(b *testing.B) {
		e, err := html.NewSite(p.Theme.Layouts, html.Options{Generator: Generator})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range r.Pack.Docs {
				if _, err := e.Document(r.Pack, d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	images, err := p.images(r.Pack, r.logo, true)
	if err != nil {
		b.Fatal(err)
	}
	rnd, err := pdf.NewWriter(pdf.Options{Style: p.Theme.PDF, Fonts: p.Theme.PDFFonts(), PageSize: p.Facts.Output.PageSize, Creator: Generator,
		Image: func(dest string) ([]byte, error) { return images[dest], nil }})
	if err != nil {
		b.Fatal(err)
	}
	// The painting benchmarks start from layouts made here, so that each
	// can run alone.
	layouts := make([]*pdf.Layout, len(r.Pack.Docs))
	for i, d := range r.Pack.Docs {
		if layouts[i], err = rnd.Layout(d, r.Pack); err != nil {
			b.Fatal(err)
		}
	}
	docPDFs := make([][]byte, len(r.Pack.Docs))
	for i, d := range r.Pack.Docs {
		if docPDFs[i], err = rnd.Paint(layouts[i], d, r.Pack); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("pdf-layout", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range r.Pack.Docs {
				if _, err := rnd.Layout(d, r.Pack); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("pdf-write", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i, d := range r.Pack.Docs {
				if _, err := rnd.Paint(layouts[i], d, r.Pack); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("pdf-pack", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := rnd.Pack(r.Pack, layouts, docPDFs); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("manifest", func(b *testing.B) {
		m := p.manifest(r, r.formats)
		b.ReportAllocs()
		for b.Loop() {
			fs := &pack.Files{}
			for _, f := range r.Files.All() {
				fs.Add(f.Path, f.Data)
			}
			if err := pack.AddManifest(fs, m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
