package engine_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/internal/pdfread"
)

// glyphFacts is a small project for the font tests; name is the
// organization's name, so a test can put a character into a fact.
func glyphFacts(name string) string {
	return `organization:
  name: ` + name + `
  short_name: Northwind
  country: GB
  locations:
    - {id: london, name: London office, kind: office, address: "10 Example Street, London"}
people:
  - {id: eve, name: Eve Marsh, title: Managing Director, email: eve@northwind.example, roles: [top-management, isms-owner]}
scope:
  services:
    - {name: Analytics consulting, description: Data analysis projects.}
  locations: [london]
release:
  date: 2026-05-04
`
}

const symbolsTemplate = `---
id: symbols
title: Symbols
kind: record
order: 20
---
## Checklist

- ✓ done, ✔ verified, ☐ open, ☑ closed, ⚠ attention
- response time → 4 hours; severity ≤ 2; coverage ≥ 95 %
- see RBH-ISMS-REG-02 and Health-ISAC, due 2027-03-31
`

func glyphProject(t *testing.T, name, template string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(glyphFacts(name)))
	writeFile(t, filepath.Join(dir, "templates", "symbols.md"), []byte(template))
	return dir
}

// TestSymbolsBuildAndExtract: the check marks, boxes, arrows and
// comparison signs of everyday documents build (HTML and PDF), and the
// PDF gives them back as text, hyphens included.
func TestSymbolsBuildAndExtract(t *testing.T) {
	dir := glyphProject(t, "Northwind Analytics Ltd", symbolsTemplate)
	out := filepath.Join(dir, "out")
	if _, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, Library: os.DirFS("../testdata/minilib")}); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(out, "pdf", "symbols.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"✓ done, ✔ verified, ☐ open, ☑ closed, ⚠ attention", "→ 4 hours", "≤ 2", "≥ 95 %", "RBH-ISMS-REG-02", "Health-ISAC", "2027-03-31"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
}

// TestMissingGlyphReportedOnceAtSource: a character that no embedded font
// has is one error at the template line that writes it, however often it
// is used, and one at the fact that holds it; never a line of the rendered
// Markdown.
func TestMissingGlyphReportedOnceAtSource(t *testing.T) {
	tpl := symbolsTemplate + "\n🔒 locked. More 🔒 here.\n\n## Again\n\n🔒 and {{ .Org.Name }}.\n"
	dir := glyphProject(t, "Northwind ✅ Ltd", tpl)
	wantGlyphFindings(t, dir,
		filepath.Join(dir, "isms.yaml")+`:2:19 character '✅' (U+2705) is in none of the PDF fonts`,
		`templates/symbols.md:13:1 character '🔒' (U+1F512) is in none of the PDF fonts`,
	)
}

// TestMissingGlyphAtTheWordsThatWriteIt: a character in a partial is
// reported in the partial, at the character, not at an occurrence in a
// branch of the document that did not run; one in the document's title is
// reported in its front matter.
func TestMissingGlyphAtTheWordsThatWriteIt(t *testing.T) {
	tpl := strings.Replace(symbolsTemplate, "title: Symbols", "title: Symbols 🚫", 1) +
		"\n{{ if false }}Keys 🔑 here.{{ end }}\n\n{{ template \"partials/keys.md\" . }}\n"
	dir := glyphProject(t, "Northwind Analytics Ltd", tpl)
	writeFile(t, filepath.Join(dir, "templates", "partials", "keys.md"), []byte("The keys:\n\nAll 🔑 are logged.\n"))
	wantGlyphFindings(t, dir,
		`templates/partials/keys.md:3:5 character '🔑' (U+1F511) is in none of the PDF fonts`,
		`templates/symbols.md:3:16 character '🚫' (U+1F6AB) is in none of the PDF fonts`,
	)
}

// wantGlyphFindings builds dir, which must fail, and compares its
// missing-glyph findings, as "position message", with want.
func wantGlyphFindings(t *testing.T, dir string, want ...string) {
	t.Helper()
	_, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: filepath.Join(dir, "out"), Library: os.DirFS("../testdata/minilib")})
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("err = %v, want findings", err)
	}
	var got []string
	for _, d := range l {
		if d.Code == "pdf-missing-glyph" {
			got = append(got, d.Pos.String()+" "+d.Message)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSixteenBitLogoBuilds: a 16-bit PNG logo, which used to fail the PDF
// stage with an internal error, builds.
func TestSixteenBitLogoBuilds(t *testing.T) {
	dir := glyphProject(t, "Northwind Analytics Ltd\n  logo: assets/logo.png", symbolsTemplate)
	img := image.NewNRGBA64(image.Rect(0, 0, 120, 40))
	for y := range 40 {
		for x := range 120 {
			img.SetNRGBA64(x, y, color.NRGBA64{R: uint16(x * 500), G: 0x3d3d, B: 0x6262, A: 0xffff - uint16(y*800)})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if buf.Bytes()[24] != 16 {
		t.Fatalf("the fixture is %d-bit", buf.Bytes()[24])
	}
	writeFile(t, filepath.Join(dir, "assets", "logo.png"), buf.Bytes())
	if _, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: filepath.Join(dir, "out"), Library: os.DirFS("../testdata/minilib")}); err != nil {
		t.Fatal(err)
	}
}

// TestExamplesAreTagged reads every PDF of every example back with
// internal/pdfread: each is a tagged PDF whose every piece of text is in
// exactly one structure element or an artifact (see CheckTagged), and,
// where poppler is installed, pdfinfo reports it tagged.
func TestExamplesAreTagged(t *testing.T) {
	_, err := exec.LookPath("pdfinfo")
	havePdfinfo := err == nil
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			out := build(t, dir, false)
			pdfs, _ := filepath.Glob(filepath.Join(out, "pdf", "*.pdf"))
			if len(pdfs) < 10 {
				t.Fatalf("only %d PDFs", len(pdfs))
			}
			for _, path := range pdfs {
				problems, err := openPDF(t, path).CheckTagged()
				if err != nil {
					t.Fatalf("%s: %v", filepath.Base(path), err)
				}
				for _, p := range problems[:min(len(problems), 5)] {
					t.Errorf("%s: %s", filepath.Base(path), p)
				}
				if havePdfinfo {
					info, err := exec.Command("pdfinfo", path).Output()
					if err != nil || !strings.Contains(string(info), "Tagged:          yes") {
						t.Errorf("%s: pdfinfo does not report it tagged: %v\n%s", filepath.Base(path), err, info)
					}
				}
			}
		})
	}
}

// TestLanguageFact: output.language is the PDFs' /Lang; a value that is
// not a language tag is an error at its line.
func TestLanguageFact(t *testing.T) {
	dir := glyphProject(t, "Northwind Analytics Ltd", symbolsTemplate)
	facts := glyphFacts("Northwind Analytics Ltd") + "output:\n  language: en-GB\n"
	writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(facts))
	out := filepath.Join(dir, "out")
	if _, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, Library: os.DirFS("../testdata/minilib")}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"symbols.pdf", "isms-pack.pdf"} {
		b, err := os.ReadFile(filepath.Join(out, "pdf", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("/Lang (en-GB)")) {
			t.Errorf("%s has no /Lang (en-GB)", name)
		}
	}
	writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(glyphFacts("Northwind Analytics Ltd")+"output:\n  language: English please\n"))
	_, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, Library: os.DirFS("../testdata/minilib")})
	if err == nil || !strings.Contains(err.Error(), `output.language "English please" is not a language tag`) {
		t.Fatalf("err = %v, want the language tag refused", err)
	}
}

// TestApprovalAfterRelease: before a release every document's control
// block and the pack's cover say "Not approved"; after it, the released
// PDFs name the version, the date, the approver and their role, and the
// cover names the release, its approver and its summary.
func TestApprovalAfterRelease(t *testing.T) {
	dir := glyphProject(t, "Northwind Analytics Ltd", symbolsTemplate)
	lib := os.DirFS("../testdata/minilib")
	text := func(path string, page int) string { return pdfPageText(t, path, page) }
	out := filepath.Join(dir, "out")
	if _, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, Library: lib}); err != nil {
		t.Fatal(err)
	}
	if got := text(filepath.Join(out, "pdf", "symbols.pdf"), 0); !strings.Contains(got, "Approval Not approved") {
		t.Errorf("draft control block:\n%s", got)
	}
	if got := text(filepath.Join(out, "pdf", "isms-pack.pdf"), 0); !strings.Contains(got, "Release Not approved") {
		t.Errorf("draft cover:\n%s", got)
	}
	if _, err := engine.Release(context.Background(), engine.ReleaseOptions{Dir: dir, Summary: "First release of the ISMS.", ApprovedBy: "eve", Library: lib}); err != nil {
		t.Fatal(err)
	}
	if _, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, Library: lib}); err != nil {
		t.Fatal(err)
	}
	got := text(filepath.Join(out, "pdf", "symbols.pdf"), 0)
	for _, want := range []string{"Approval Approved: Version 1.0, 4 May 2026", "Approved by Eve Marsh, Managing Director"} {
		if !strings.Contains(got, want) {
			t.Errorf("released control block lacks %q:\n%s", want, got)
		}
	}
	got = text(filepath.Join(out, "pdf", "isms-pack.pdf"), 0)
	for _, want := range []string{"Release 1.0, 4 May 2026", "Approved by Eve Marsh, Managing Director", "Release notes First release of the ISMS."} {
		if !strings.Contains(got, want) {
			t.Errorf("released cover lacks %q:\n%s", want, got)
		}
	}
}

// TestPackStringsAreCheckedOnceAtTheirSource: a character no font has, in
// the organization's name (printed on every page, cover and running head)
// and in a person's name (printed in every control block), is one finding
// each, at the character in isms.yaml: the document model records where
// those strings were written.
func TestPackStringsAreCheckedOnceAtTheirSource(t *testing.T) {
	facts := strings.Replace(glyphFacts("Northwind ✅ Ltd"), "name: Eve Marsh", "name: Eve 🔒 Marsh", 1)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(facts))
	// The template prints the name twice and writes the person's
	// character itself: still one finding each, at the fact, which the
	// control block names before any body text.
	writeFile(t, filepath.Join(dir, "templates", "symbols.md"), []byte(strings.Replace(symbolsTemplate, "order: 20", "order: 1", 1)+"\n{{ .Org.Name }}, {{ .Org.Name }}, 🔒.\n"))
	yaml := filepath.Join(dir, "isms.yaml")
	wantGlyphFindings(t, dir,
		yaml+`:2:19 character '✅' (U+2705) is in none of the PDF fonts`,
		yaml+`:8:25 character '🔒' (U+1F512) is in none of the PDF fonts`,
	)
}

// pdfPageText is the text of page (from 0) of the PDF at path, its text
// items joined by spaces, as pdfread reads them.
func pdfPageText(t *testing.T, path string, page int) string {
	t.Helper()
	f := openPDF(t, path)
	pages, err := f.Pages()
	if err != nil {
		t.Fatal(err)
	}
	items, err := f.PageText(pages[page])
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, it := range items {
		b.WriteString(strings.TrimSpace(it.Str) + " ")
	}
	return b.String()
}

// openPDF reads the PDF at path with pdfread.
func openPDF(t *testing.T, path string) *pdfread.File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := pdfread.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
