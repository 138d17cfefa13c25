package docx_test

import (
	"context"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/docx"
)

// BenchmarkDocuments writes every document of the acme example as Word.
func BenchmarkDocuments(b *testing.B) {
	p, err := engine.Load("../../examples/acme-saas", engine.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	r, err := p.Build(context.Background(), engine.BuildOptions{NoPDF: true})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range r.Pack.Docs {
			if _, err := docx.Document(d, r.Pack, docx.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
