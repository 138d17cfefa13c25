package pdf

import (
	"strconv"
	"testing"

	"github.com/ismsforge/ismsforge/engine/document"
)

// BenchmarkRenderDocument renders one typical policy (three pages, every
// kind of element) as a standalone PDF.
func BenchmarkRenderDocument(b *testing.B) {
	p := testPack(b)
	d := p.Docs[0]
	o := testOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Document(d, p, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderSoA renders the nine-page Statement of Applicability.
func BenchmarkRenderSoA(b *testing.B) {
	p := testPack(b)
	d := p.Docs[2]
	o := testOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Document(d, p, o); err != nil {
			b.Fatal(err)
		}
	}
}

// bigPack has 40 documents: eight copies of the five fixtures, the SoA
// among them.
func bigPack(b *testing.B) *document.Pack {
	p := testPack(b)
	base := p.Docs
	p.Docs = nil
	for i := range 8 {
		for _, d := range base {
			c := *d
			c.ID = d.ID + "-" + strconv.Itoa(i)
			p.Docs = append(p.Docs, &c)
		}
	}
	return p
}

// BenchmarkRenderSet renders 40 documents and the combined pack.
func BenchmarkRenderSet(b *testing.B) {
	p := bigPack(b)
	o := testOptions()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := All(p, o); err != nil {
			b.Fatal(err)
		}
	}
}
