package engine_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
)

// TestOutputLanguageReachesEveryFormat: output.language is the language
// the site's pages, the Word files and the redline pages declare (the PDF
// declares it in its catalog, tested with tagging), so that a screen
// reader speaks and a spell checker checks British English for a British
// organization.
func TestOutputLanguageReachesEveryFormat(t *testing.T) {
	for _, c := range []struct{ facts, want string }{
		{"", "en-US"},
		{"output: {language: en-GB}\n", "en-GB"},
	} {
		t.Run(c.want, func(t *testing.T) {
			dir := glyphProject(t, "Northwind Analytics Ltd", symbolsTemplate)
			writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(glyphFacts("Northwind Analytics Ltd")+c.facts))
			lib := os.DirFS("../testdata/minilib")
			ctx := context.Background()
			out := filepath.Join(dir, "out")
			if _, err := engine.Build(ctx, engine.Options{Dir: dir, Out: out, Library: lib}); err != nil {
				t.Fatal(err)
			}
			attr := `<html lang="` + c.want + `">`
			for _, page := range []string{"index.html", "symbols.html"} {
				if b, _ := os.ReadFile(filepath.Join(out, "html", page)); !strings.Contains(string(b), attr) {
					t.Errorf("html/%s does not declare %s", page, attr)
				}
			}
			if s := string(docxPart(t, filepath.Join(out, "docx", "symbols.docx"), "word/styles.xml")); !strings.Contains(s, `<w:lang w:val="`+c.want+`"/>`) {
				t.Errorf("the Word styles do not set %s", c.want)
			}
			if _, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "First release.", ApprovedBy: "eve", Library: lib}); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "templates", "symbols.md"), []byte(symbolsTemplate+"- a new item\n"))
			o := engine.DiffOptions{Dir: dir, Out: out, Library: lib}
			_, written := redlines(t, o)
			for _, page := range []string{"index.html", "symbols.html", "symbols.source.html"} {
				if b, _ := os.ReadFile(filepath.Join(written, page)); !strings.Contains(string(b), attr) {
					t.Errorf("the redline's %s does not declare %s", page, attr)
				}
			}
		})
	}
}
