package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExternalTools runs the checks an auditor's tooling would: qpdf's
// structural check, MuPDF's outline reader, pdffonts and pdftotext. It is
// skipped where the tools are not installed (apt-get install qpdf
// poppler-utils mupdf-tools).
func TestExternalTools(t *testing.T) {
	for _, tool := range []string{"qpdf", "mutool", "pdffonts", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	dir := t.TempDir()
	p := testPack(t)
	set, err := All(p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"pack.pdf": set.Pack}
	for i, d := range p.Docs {
		files[d.ID+".pdf"] = set.Docs[i]
	}
	run := func(name string, args ...string) (string, string) {
		cmd := exec.Command(name, args...)
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Errorf("%s %v: %v\n%s%s", name, args, err, out.String(), errb.String())
		}
		return out.String(), errb.String()
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, _ := run("qpdf", "--check", path); strings.Contains(out, "WARNING") {
			t.Errorf("qpdf --check %s:\n%s", name, out)
		}
		out, errs := run("mutool", "show", path, "outline")
		if strings.TrimSpace(errs) != "" || strings.Contains(strings.ToLower(out), "warning") {
			t.Errorf("mutool show %s outline warns:\n%s", name, errs)
		}
		if strings.TrimSpace(out) == "" {
			t.Errorf("%s has no outline:\n%s", name, out)
		}
		fonts, _ := run("pdffonts", path)
		for _, ln := range strings.Split(fonts, "\n")[2:] {
			if f := strings.Fields(ln); len(f) >= 7 && f[len(f)-5] != "yes" {
				t.Errorf("%s: font not embedded: %s", name, ln)
			}
		}
	}
	for _, d := range p.Docs {
		for _, name := range []string{d.ID + ".pdf", "pack.pdf"} {
			txt, _ := run("pdftotext", filepath.Join(dir, name), "-")
			if w, i := missingInExtract(sourceWords(d), txt); w != "" {
				t.Errorf("%s: pdftotext lost word %d %q of %s", name, i, w, d.ID)
			}
		}
	}
}

// missingInExtract is missingInOrder for pdftotext output, which cannot
// know that a word was broken at the margin on purpose (a long URL or code
// line): a word may also match two consecutive extracted pieces.
func missingInExtract(expected []string, txt string) (string, int) {
	painted := strings.Fields(txt)
	noHyphen := func(s string) string { return strings.ReplaceAll(s, "-", "") }
	j := 0
	for i, w := range expected {
		found := false
		for ; j < len(painted) && !found; j++ {
			joined := ""
			for k := 0; k < 3 && j+k < len(painted); k++ {
				joined += painted[j+k]
				// pdftotext also drops a hyphen that ends a line, taking it
				// for hyphenation.
				if sameWord(joined, w) || sameWord(noHyphen(joined), noHyphen(w)) {
					j += k
					found = true
					break
				}
			}
		}
		if !found {
			return w, i
		}
	}
	return "", -1
}
