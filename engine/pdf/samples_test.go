package pdf

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSamples writes the sample PDFs to $ISMSFORGE_PDF_SAMPLES, for
// looking at them: one standalone document per fixture and the pack.
//
//	ISMSFORGE_PDF_SAMPLES=/tmp/pdf go test -run WriteSamples ./engine/pdf
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("ISMSFORGE_PDF_SAMPLES")
	if dir == "" {
		t.Skip("set ISMSFORGE_PDF_SAMPLES to a directory to write sample PDFs")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := testPack(t)
	set, err := All(p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range p.Docs {
		if err := os.WriteFile(filepath.Join(dir, d.ID+".pdf"), set.Docs[i], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "pack.pdf"), set.Pack, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d documents and pack.pdf to %s", len(p.Docs), dir)
}
