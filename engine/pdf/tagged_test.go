package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/internal/pdfread"
)

// taggedPack is the test pack with a document of every block kind: task
// lists, nested lists, quotes, code, images with and without alternative
// text, footnotes, links inside a table, a table crossing pages.
func taggedPack(t *testing.T) *document.Pack {
	p := testPack(t)
	p.Docs = append(p.Docs, smallDoc("kinds", "K-9", "Every kind",
		"# Kinds\n\n- [x] done\n- [ ] open\n  1. nested *item*\n  2. with [a link](https://example.com/x)\n\n> A quote\n> > nested\n\n```\ncode line\n```\n\n"+
			"![The Acme logo](logo.png)\n\n![](logo.png)\n\nText with a note.[^1]\n\n| Key | Link |\n|---|---|\n| a | [policy](infosec-policy.md) |\n\n[^1]: The note.\n"))
	return p
}

// TestTaggedStructure checks every PDF of the test pack, each document and
// the combined pack, with the reader of internal/pdfread: tagged, with a
// language and PDF/UA metadata; a tree of standard elements read in the
// order the pages show; every piece of text in exactly one structure
// element or an artifact; every link annotation in a Link. The structure
// elements are written compressed, in object streams that a hybrid
// section's cross-reference stream lists (objstm.go), so the reader finds
// the tree only by following /XRefStm.
func TestTaggedStructure(t *testing.T) {
	p := taggedPack(t)
	// The Markdown extensions (letter and roman lists, grid tables, page
	// breaks) too.
	for _, name := range []string{"fancy-lists", "grid-tables", "page-breaks"} {
		p.Docs = append(p.Docs, dialectDoc(t, name))
	}
	set, err := All(p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"pack": set.Pack}
	for i, d := range p.Docs {
		files[d.ID] = set.Docs[i]
	}
	for name, data := range files {
		if regexp.MustCompile(`/S /(P|H[1-6]|TD|TH|L|LI|Link) /P \d+ 0 R`).Match(data) {
			t.Errorf("%s: a structure element outside an object stream", name)
		}
		if last := data[bytes.LastIndex(data, []byte("trailer")):]; !bytes.Contains(last, []byte("/XRefStm ")) {
			t.Errorf("%s: the update's trailer has no /XRefStm", name)
		}
		if n := bytes.Count(data, []byte("/Type /ObjStm /N ")); n == 0 || (name == "pack" && n < 2) {
			t.Errorf("%s: %d object streams", name, n)
		}
		f, err := pdfread.Open(data)
		if err != nil {
			t.Fatal(err)
		}
		problems, err := f.CheckTagged()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, pr := range problems[:min(len(problems), 10)] {
			t.Errorf("%s: %s", name, pr)
		}
	}
}

// TestStructTextWithPoppler: where poppler is installed, pdfinfo says the
// PDFs are tagged and its structure text shows the headings and
// paragraphs in reading order.
func TestStructTextWithPoppler(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo is not installed")
	}
	p := taggedPack(t)
	set, err := All(p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i, data := range append([][]byte{set.Pack}, set.Docs...) {
		path := filepath.Join(dir, "f"+itoa(i)+".pdf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		info, err := exec.Command("pdfinfo", path).Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(info), "Tagged:          yes") {
			t.Errorf("file %d: pdfinfo does not say Tagged: yes\n%s", i, info)
		}
	}
	out, err := exec.Command("pdfinfo", "-struct-text", filepath.Join(dir, "f1.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	last := -1
	for _, want := range []string{`H1 (block)`, `"Information Security Policy"`, `"1 Purpose and scope"`, `P (block)`, `This policy sets out how Acme Cloud Ltd protects`, `"2 Roles and responsibilities"`, `"2.1 Management"`, `L (block)`, `LI`, `Lbl`, `LBody`} {
		i := strings.Index(s[max(last, 0):], want)
		if i < 0 {
			t.Fatalf("pdfinfo -struct-text lacks %q after position %d:\n%s", want, last, s[:min(len(s), 3000)])
		}
		last = max(last, 0) + i
	}
}
