package engine_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/markdown"
)

// TestPDFsPassIndependentTools checks every PDF of every example with tools
// that know nothing of ismsforge: qpdf --check exits 0; mutool reads the
// outline without a warning; pdffonts shows every font embedded; and
// pdftotext finds every word of the document's Markdown, in reading order.
// CI installs the tools and sets ISMSFORGE_REQUIRE_PDF_TOOLS=1 so that the
// test cannot skip there.
func TestPDFsPassIndependentTools(t *testing.T) {
	for _, tool := range []string{"qpdf", "mutool", "pdffonts", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("ISMSFORGE_REQUIRE_PDF_TOOLS") != "" {
				t.Fatalf("%s is not installed (apt-get install qpdf mupdf-tools poppler-utils)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			out := build(t, dir, false)
			pdfs, _ := filepath.Glob(filepath.Join(out, "pdf", "*.pdf"))
			if len(pdfs) < 10 {
				t.Fatalf("only %d PDFs", len(pdfs))
			}
			for _, f := range pdfs {
				name := filepath.Base(f)
				if b, err := exec.Command("qpdf", "--check", f).CombinedOutput(); err != nil {
					t.Errorf("qpdf --check %s: %v\n%s", name, err, b)
				}
				var stderr bytes.Buffer
				cmd := exec.Command("mutool", "show", f, "outline")
				cmd.Stderr = &stderr
				if err := cmd.Run(); err != nil || stderr.Len() > 0 {
					t.Errorf("mutool show %s outline: %v %s", name, err, stderr.String())
				}
				fonts, err := exec.Command("pdffonts", f).Output()
				if err != nil {
					t.Errorf("pdffonts %s: %v", name, err)
				}
				for _, line := range strings.Split(string(fonts), "\n")[2:] {
					if fs := strings.Fields(line); len(fs) >= 5 && fs[len(fs)-5] != "yes" {
						t.Errorf("%s: font not embedded: %s", name, line)
					}
				}
				if name == "isms-pack.pdf" {
					continue // its words are those of every document, checked one by one
				}
				text, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", f, "-").Output()
				if err != nil {
					t.Errorf("pdftotext %s: %v", name, err)
					continue
				}
				md, err := os.ReadFile(filepath.Join(out, "md", strings.TrimSuffix(name, ".pdf")+".md"))
				if err != nil {
					t.Error(err)
					continue
				}
				want := markdown.VisibleWords(stripFrontMatter(md))
				// Justified text hyphenates words at line ends ("appli-" and
				// "cations"); -raw keeps the hyphen, so rejoin such words.
				// Only a lower-case letter before the hyphen and after the
				// line break counts: references and compounds never break.
				text = hyphenBreak.ReplaceAll(text, []byte("$1$2"))
				if i := markdown.ContainsInOrder(strings.Fields(string(text)), want); i >= 0 {
					t.Errorf("%s: pdftotext lacks word %d %q of the Markdown, or has it out of order", name, i, want[i])
				}
			}
		})
	}
}

// hyphenBreak is a word hyphenated at the end of a line, in pdftotext's
// output.
var hyphenBreak = regexp.MustCompile(`(\p{Ll})-\n(\p{Ll})`)

func stripFrontMatter(md []byte) []byte {
	if bytes.HasPrefix(md, []byte("---\n")) {
		if i := bytes.Index(md[4:], []byte("\n---\n")); i >= 0 {
			return md[4+i+5:]
		}
	}
	return md
}
