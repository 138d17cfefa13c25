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
)

// sheetCells reads every cell of every sheet of a workbook: its reference,
// whether it is a number, and its text.
func sheetCells(t *testing.T, file string) map[string][][3]string {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][][3]string{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		d := xml.NewDecoder(bytes.NewReader(b))
		var ref, typ string
		var text strings.Builder
		inCell := false
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s %s is not well-formed: %v", file, f.Name, err)
			}
			switch x := tok.(type) {
			case xml.StartElement:
				if x.Name.Local == "c" {
					inCell, ref, typ = true, "", ""
					text.Reset()
					for _, a := range x.Attr {
						switch a.Name.Local {
						case "r":
							ref = a.Value
						case "t":
							typ = a.Value
						}
					}
				}
				if x.Name.Local == "f" {
					t.Errorf("%s %s: a formula element", file, f.Name)
				}
			case xml.CharData:
				if inCell {
					text.Write(x)
				}
			case xml.EndElement:
				if x.Name.Local == "c" {
					out[f.Name] = append(out[f.Name], [3]string{ref, typ, text.String()})
					inCell = false
				}
			}
		}
	}
	return out
}

// TestXLSXNeutralizesFormulas puts facts that spreadsheets read as
// formulas into the acme example and checks that no cell of any register
// starts with =, +, - or @: they are kept as text behind an apostrophe, as
// in the CSV.
func TestXLSXNeutralizesFormulas(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile("../examples/acme-saas/isms.yaml")
	hostile := "assets:\n" +
		"  - id: formula-asset\n    name: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")\"\n    kind: information\n    owner: engineering-lead\n" +
		"    description: \"@SUM(A1:A9) and -1\"\n" +
		// Classification is a level of the scheme now, so the + and - go
		// into free text.
		"  - id: plus-asset\n    name: \"+1 555 0100 switchboard\"\n    kind: information\n    owner: engineering-lead\n" +
		"    description: \"-2+3 spreadsheet\"\n"
	s := strings.Replace(string(src), "assets:\n", hostile, 1)
	if s == string(src) {
		t.Fatal("no assets list in the example")
	}
	writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(s))
	out := filepath.Join(dir, "out")
	if _, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	books, _ := filepath.Glob(filepath.Join(out, "xlsx", "*.xlsx"))
	if len(books) != 4 {
		t.Fatalf("%d workbooks, want 4", len(books))
	}
	found := false
	for _, book := range books {
		for sheet, cells := range sheetCells(t, book) {
			for _, c := range cells {
				if c[1] != "" && c[2] != "" && strings.ContainsRune("=+-@", rune(c[2][0])) {
					t.Errorf("%s %s %s starts with %q: %q", filepath.Base(book), sheet, c[0], c[2][:1], c[2])
				}
				if c[2] == "'=HYPERLINK(\"http://evil.example\",\"click\")" {
					found = true
				}
			}
		}
	}
	if !found {
		t.Error("the hostile asset is not in the asset register, neutralized")
	}
}

// TestXLSXOpensInOtherTools reads the workbooks with openpyxl and converts
// one with LibreOffice Calc.
func TestXLSXOpensInOtherTools(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice")
	}
	py := "/usr/bin/python3"
	soffice, err := exec.LookPath("soffice")
	if err != nil || exec.Command(py, "-c", "import openpyxl").Run() != nil {
		if os.Getenv("ISMSFORGE_REQUIRE_OFFICE_TOOLS") != "" {
			t.Fatal("LibreOffice or python3-openpyxl is missing (apt-get install libreoffice-calc-nogui python3-openpyxl)")
		}
		t.Skip("LibreOffice or python3-openpyxl is not installed")
	}
	out := build(t, "../examples/acme-saas", true)
	books, _ := filepath.Glob(filepath.Join(out, "xlsx", "*.xlsx"))
	script := `
import sys, openpyxl
for f in sys.argv[1:]:
    wb = openpyxl.load_workbook(f)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", (f, ws.title, ws.freeze_panes)
        assert ws.auto_filter.ref, (f, ws.title)
        assert ws.max_row > 1, (f, ws.title)
        for row in ws.iter_rows(min_row=2, values_only=True):
            for v in row:
                assert not (isinstance(v, str) and v[:1] in "=+-@"), (f, v)
print("ok")
`
	if b, err := exec.Command(py, append([]string{"-c", script}, books...)...).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, b)
	}
	conv := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(conv, "profile"), "--convert-to", "csv", "--outdir", conv, filepath.Join(out, "xlsx", "statement-of-applicability.xlsx"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	csv, err := os.ReadFile(filepath.Join(conv, "statement-of-applicability.csv"))
	if err != nil || !bytes.Contains(csv, []byte("A.5.1")) || bytes.Count(csv, []byte("\n")) < 94 {
		t.Errorf("LibreOffice Calc read %d bytes: %v", len(csv), err)
	}
}
