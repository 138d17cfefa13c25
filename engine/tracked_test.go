package engine_test

import (
	"archive/zip"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/bundle"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/redline"
)

// TestTrackedChangesDOCX makes the Word redlines of a scope change: every
// word the redline inserts is inside a w:ins and every word it deletes is
// w:delText inside a w:del, signed by the document's owner on the pack's
// date (the working draft's rule); LibreOffice, converting the file,
// prints both.
func TestTrackedChangesDOCX(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-pack scenario")
	}
	ctx := context.Background()
	dir := t.TempDir()
	src, _ := os.ReadFile("../examples/acme-saas/isms.yaml")
	writeFile(t, filepath.Join(dir, "isms.yaml"), src)
	if _, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "Initial release", NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	name := addLocation(t, dir)
	o := engine.DiffOptions{Dir: dir, DOCX: true}
	res, written := redlines(t, o)
	for _, d := range res.Documents {
		file := filepath.Join(written, d.ID+".docx")
		body := docxPart(t, file, "word/document.xml")
		_, _, ins, del := readWord(t, body)
		rl := redline.Compare(d.Old, d.New, markdownOptions(t, dir))
		if got := redline.CountWords(strings.Join(ins, " ")); got != rl.InsertedWords {
			t.Errorf("%s: %d words inside w:ins, the redline inserts %d", d.ID, got, rl.InsertedWords)
		}
		if got := redline.CountWords(strings.Join(del, " ")); got != rl.DeletedWords {
			t.Errorf("%s: %d words inside w:del, the redline deletes %d", d.ID, got, rl.DeletedWords)
		}
		if rl.InsertedWords+rl.DeletedWords == 0 {
			t.Errorf("%s: a modified document without a tracked change", d.ID)
		}
		if !strings.Contains(string(body), `w:date="2026-11-02T00:00:00Z"`) {
			t.Errorf("%s: tracked changes are not dated by the pack", d.ID)
		}
	}
	scope := string(docxPart(t, filepath.Join(written, "isms-scope.docx"), "word/document.xml"))
	if !strings.Contains(scope, `w:author="Jordan Ellis"`) {
		t.Error("isms-scope: the tracked changes are not signed by the document's owner")
	}
	_, _, ins, _ := readWord(t, []byte(scope))
	if !strings.Contains(strings.Join(ins, ""), strings.Fields(name)[0]) {
		t.Errorf("isms-scope: the new office is not a tracked insertion: %q", ins)
	}

	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("ISMSFORGE_REQUIRE_OFFICE_TOOLS") != "" {
			t.Fatal("LibreOffice is missing")
		}
		t.Skip("LibreOffice is not installed")
	}
	conv := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(conv, "profile"), "--convert-to", "pdf", "--outdir", conv, filepath.Join(written, "context-and-interested-parties.docx"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	text, err := exec.Command("pdftotext", "-layout", filepath.Join(conv, "context-and-interested-parties.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// The cell that counted three locations now counts four; LibreOffice
	// shows the change, so both words print.
	if !strings.Contains(string(text), "three") || !strings.Contains(string(text), "four") {
		t.Errorf("LibreOffice's rendering does not show the tracked change of the number of locations")
	}
}

// markdownOptions are the parse options of a project's documents.
func markdownOptions(t *testing.T, dir string) markdown.Options {
	t.Helper()
	p, err := engine.Load(dir, engine.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	return markdown.Options{HeadingNumbers: p.Facts.Output.HeadingNumbers}
}

// TestReleaseBundleHoldsRedlines releases a scope change and finds, in the
// auditor's bundle, the redlines against the previous release: the
// rendered page and the Word file, its changes signed by the release's
// approver on the release date.
func TestReleaseBundleHoldsRedlines(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-pack scenario")
	}
	ctx := context.Background()
	dir := t.TempDir()
	src, _ := os.ReadFile("../examples/acme-saas/isms.yaml")
	writeFile(t, filepath.Join(dir, "isms.yaml"), src)
	if _, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "Initial release", NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	addLocation(t, dir)
	rel, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "Add an office", NoPDF: true,
		ApprovedBy: "Board of Directors", Date: facts.NewDate(2026, time.December, 1)})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(rel.Bundle)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	have := map[string]bool{}
	for _, f := range zr.File {
		have[f.Name] = true
	}
	for _, id := range rel.Changed {
		for _, f := range []string{"diff/" + id + ".html", "diff/" + id + ".source.html", "diff/" + id + ".docx"} {
			if !have[f] {
				t.Errorf("the bundle lacks %s", f)
			}
		}
	}
	if !have["diff/index.html"] {
		t.Error("the bundle lacks diff/index.html")
	}
	body := string(docxPart(t, filepath.Join(rel.Dir, "diff", "isms-scope.docx"), "word/document.xml"))
	if !strings.Contains(body, `w:author="Board of Directors" w:date="2026-12-01T00:00:00Z"`) {
		t.Error("the release's tracked changes are not signed by its approver on its date")
	}
	if _, err := bundle.Verify(mustRead(t, rel.Bundle), nil); err != nil {
		t.Errorf("the bundle with its redlines does not verify: %v", err)
	}
}
