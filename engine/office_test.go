package engine_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// docxPart returns one part of an OOXML package.
func docxPart(t *testing.T, file, part string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == part {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("%s has no %s", file, part)
	return nil
}

// wordPara is a paragraph of a document.xml as Word reads it.
type wordPara struct {
	style string
	text  string
	// inTable counts the table the paragraph is in (1-based), 0 outside.
	table int
}

// readWord reads the paragraphs and tables of a document.xml with
// encoding/xml, as a reader of the file would, not as the writer wrote it.
func readWord(t *testing.T, b []byte) (paras []wordPara, tables int, ins, del []string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var cur *wordPara
	depth := 0 // table nesting
	tableAt := []int{}
	inIns, inDel := 0, 0
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml is not well-formed XML: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			switch x.Name.Local {
			case "tbl":
				tables++
				depth++
				tableAt = append(tableAt, tables)
			case "p":
				cur = &wordPara{}
				if depth > 0 {
					cur.table = tableAt[len(tableAt)-1]
				}
			case "pStyle":
				if cur != nil {
					for _, a := range x.Attr {
						if a.Name.Local == "val" {
							cur.style = a.Value
						}
					}
				}
			case "ins":
				inIns++
			case "del":
				inDel++
			case "t", "delText":
				text.Reset()
			}
		case xml.CharData:
			text.Write(x)
		case xml.EndElement:
			switch x.Name.Local {
			case "tbl":
				depth--
				tableAt = tableAt[:len(tableAt)-1]
			case "p":
				if cur != nil {
					paras = append(paras, *cur)
				}
				cur = nil
			case "ins":
				inIns--
			case "del":
				inDel--
			case "t", "delText":
				if cur != nil {
					cur.text += text.String()
				}
				if inIns > 0 {
					ins = append(ins, text.String())
				}
				if inDel > 0 {
					del = append(del, text.String())
				}
			}
		}
	}
	return paras, tables, ins, del
}

// TestDOCXReadsBack builds every example and reads every Word file back:
// every heading of the document is a paragraph in the heading style of its
// level, with its text; the control block is the first table, with every
// field; every Markdown table is a table; the properties name the title,
// the owner and the version.
func TestDOCXReadsBack(t *testing.T) {
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			res, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, NoPDF: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Built.Pack.Docs {
				file := filepath.Join(out, "docx", d.ID+".docx")
				paras, tables, _, _ := readWord(t, docxPart(t, file, "word/document.xml"))
				var headings []wordPara
				for _, p := range paras {
					if strings.HasPrefix(p.style, "Heading") {
						headings = append(headings, p)
					}
				}
				if len(headings) != len(d.MD.Headings) {
					t.Errorf("%s: %d headings in Word, %d in the document", d.ID, len(headings), len(d.MD.Headings))
				}
				for i := range min(len(headings), len(d.MD.Headings)) {
					h := d.MD.Headings[i]
					want := strings.TrimSpace(strings.TrimPrefix(h.Number+"  "+h.Text, "  "))
					if headings[i].style != "Heading"+string(rune('0'+h.Level)) || strings.TrimSpace(headings[i].text) != want {
						t.Errorf("%s: heading %d is %s %q, want Heading%d %q", d.ID, i, headings[i].style, headings[i].text, h.Level, want)
					}
				}
				// The control block: the first table, every label and value.
				var first []string
				for _, p := range paras {
					if p.table == 1 {
						first = append(first, p.text)
					}
				}
				for _, f := range d.Front(res.Built.Pack).Fields {
					if !containsPair(first, f.Label, f.Value) {
						t.Errorf("%s: the control block lacks %s = %q (has %q)", d.ID, f.Label, f.Value, first)
					}
				}
				// The build dropped the document's syntax tree once made:
				// count the tables in its Markdown, parsed again.
				mdTables := 0
				_ = ast.Walk(markdown.NewParser(markdown.Options{}).Parse(d.MD.Source).Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
					if entering && n.Kind() == east.KindTable {
						mdTables++
					}
					return ast.WalkContinue, nil
				})
				want := 1 + mdTables
				if len(d.History) > 0 {
					want++
				}
				if tables != want {
					t.Errorf("%s: %d tables in Word, want %d (control block, history, %d in the text)", d.ID, tables, want, mdTables)
				}
				core := string(docxPart(t, file, "docProps/core.xml"))
				for _, v := range []string{"<dc:title>" + xmlText(d.Title) + "</dc:title>", "<cp:version>" + d.Control.Version + "</cp:version>", "<dc:creator>" + xmlText(d.Control.Owner.Name) + "</dc:creator>"} {
					if !strings.Contains(core, v) {
						t.Errorf("%s: core.xml lacks %s", d.ID, v)
					}
				}
				words := markdown.VisibleWords(d.MD.Source)
				var all []string
				for _, p := range paras {
					all = append(all, strings.Fields(p.text)...)
				}
				if i := markdown.ContainsInOrder(all, words); i >= 0 {
					t.Errorf("%s: word %d %q of the document is missing from the Word file, or out of order", d.ID, i, words[i])
				}
			}
		})
	}
}

func containsPair(cells []string, label, value string) bool {
	for i := 0; i+1 < len(cells); i++ {
		if cells[i] == label && cells[i+1] == value {
			return true
		}
	}
	return false
}

func xmlText(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), "&#39;", "&apos;")
}

// TestOfficeFilesOpenInOtherTools opens Word files with python-docx and
// converts them with LibreOffice, which know nothing of ismsforge. CI
// installs both and sets ISMSFORGE_REQUIRE_OFFICE_TOOLS=1, so the test
// cannot skip there.
func TestOfficeFilesOpenInOtherTools(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice")
	}
	py := "/usr/bin/python3"
	need := os.Getenv("ISMSFORGE_REQUIRE_OFFICE_TOOLS") != ""
	soffice, err := exec.LookPath("soffice")
	if err != nil || exec.Command(py, "-c", "import docx, openpyxl").Run() != nil {
		if need {
			t.Fatal("LibreOffice or python3-docx/python3-openpyxl is missing (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui python3-docx python3-openpyxl)")
		}
		t.Skip("LibreOffice or python3-docx/python3-openpyxl is not installed")
	}
	out := build(t, "../examples/acme-saas", true)
	docs, _ := filepath.Glob(filepath.Join(out, "docx", "*.docx"))
	if len(docs) < 10 {
		t.Fatalf("only %d Word files", len(docs))
	}
	script := `
import sys, docx
for f in sys.argv[1:]:
    d = docx.Document(f)
    heads = [p for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert heads, f + ": no heading"
    assert d.tables, f + ": no table"
    assert d.core_properties.title, f + ": no title"
print(len(sys.argv) - 1)
`
	if b, err := exec.Command(py, append([]string{"-c", script}, docs...)...).CombinedOutput(); err != nil {
		t.Fatalf("python-docx: %v\n%s", err, b)
	}
	conv := t.TempDir()
	pick := []string{filepath.Join(out, "docx", "statement-of-applicability.docx"), filepath.Join(out, "docx", "isms-scope.docx"), filepath.Join(out, "docx", "risk-register.docx")}
	cmd := exec.Command(soffice, append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(conv, "profile"), "--convert-to", "pdf", "--outdir", conv}, pick...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, f := range pick {
		pdf := filepath.Join(conv, strings.TrimSuffix(filepath.Base(f), ".docx")+".pdf")
		if st, err := os.Stat(pdf); err != nil || st.Size() < 2000 {
			t.Errorf("LibreOffice did not convert %s: %v", filepath.Base(f), err)
		}
	}
}
