package facts

import (
	"os"
	"testing"

	"github.com/ismsforge/ismsforge/engine/catalog"
)

// BenchmarkParse parses the acme-saas facts: the part of every build's
// start that runs on one core.
func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("../../examples/acme-saas/isms.yaml")
	if err != nil {
		b.Fatal(err)
	}
	cat := catalog.Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(FileName, src, cat); err != nil {
			b.Fatal(err)
		}
	}
}
