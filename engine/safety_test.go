package engine_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/diag"
)

const safetyFacts = `organization:
  name: Safe Co
  country: GB
people:
  - {id: ann, name: Ann Safe, title: Director, roles: [top-management, isms-owner]}
release: {date: 2026-01-10}
`

// project writes a project directory with the given files over a valid
// isms.yaml and returns its path.
func safetyProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(safetyFacts))
	for name, data := range files {
		writeFile(t, filepath.Join(dir, name), []byte(data))
	}
	return dir
}

func miniBuild(dir, out string) error {
	_, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, NoPDF: true, Library: os.DirFS("../testdata/minilib")})
	return err
}

// snapshot reads a directory tree into memory.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameTree(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("trees differ: %d files before, %d after", len(a), len(b))
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			t.Errorf("%s changed", k)
		}
	}
}

// TestFailedBuildKeepsPreviousOutput breaks the project in several ways
// after a good build; every failed build must leave out/ exactly as it was.
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	breaks := map[string]map[string]string{
		"bad yaml":        {"isms.yaml": "organization:\n  name: [x\n"},
		"unknown key":     {"isms.yaml": safetyFacts + "colour: red\n"},
		"template error":  {"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\n---\n{{ .Org.Nope }}\n"},
		"template parse":  {"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\n---\n{{ if }}\n"},
		"check error":     {"isms.yaml": safetyFacts + "controls:\n  A.7.12: {applicable: false}\n"},
		"escaping image":  {"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\n---\n![x](../../etc/passwd)\n"},
		"blocked func":    {"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\n---\n{{ env \"HOME\" }}\n"},
		"runaway range":   {"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\n---\n{{ range 100000000 }}{{ end }}\n"},
		"missing partial": {"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\n---\n{{ template \"partials/none.md\" . }}\n"},
	}
	for name, files := range breaks {
		t.Run(name, func(t *testing.T) {
			dir := safetyProject(t, nil)
			out := filepath.Join(dir, "out")
			if err := miniBuild(dir, out); err != nil {
				t.Fatalf("first build: %v", err)
			}
			before := snapshot(t, out)
			for n, data := range files {
				writeFile(t, filepath.Join(dir, n), []byte(data))
			}
			err := miniBuild(dir, out)
			if !diag.IsUserError(err) {
				t.Fatalf("want a user error, got %v", err)
			}
			sameTree(t, before, snapshot(t, out))
			leftovers, _ := filepath.Glob(filepath.Join(dir, ".ismsforge-*"))
			if len(leftovers) > 0 {
				t.Errorf("temporary directories left behind: %v", leftovers)
			}
		})
	}
}

// TestOutputDirectoryGuards refuses output directories whose replacement
// would destroy files ismsforge did not create.
func TestOutputDirectoryGuards(t *testing.T) {
	dir := safetyProject(t, nil)
	foreign := filepath.Join(t.TempDir(), "mine")
	writeFile(t, filepath.Join(foreign, "thesis.docx"), []byte("years of work"))
	cases := map[string]string{
		"project directory":     dir,
		"parent of the project": filepath.Dir(dir),
		"foreign non-empty dir": foreign,
	}
	for name, out := range cases {
		t.Run(name, func(t *testing.T) {
			before := snapshot(t, out)
			err := miniBuild(dir, out)
			if err == nil || !strings.Contains(err.Error(), "refusing to write") {
				t.Fatalf("got %v", err)
			}
			sameTree(t, before, snapshot(t, out))
		})
	}
	empty := filepath.Join(t.TempDir(), "empty")
	os.MkdirAll(empty, 0o755)
	if err := miniBuild(dir, empty); err != nil {
		t.Errorf("an empty directory should be accepted: %v", err)
	}
}

// TestPathsStayInsideTheProject refuses images, logos and fonts outside the
// project, whether by "..", an absolute path or a symlink.
func TestPathsStayInsideTheProject(t *testing.T) {
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "secret.png"), []byte("\x89PNG secret"))
	cases := []struct {
		name  string
		files map[string]string
		link  bool
		want  string
	}{
		{"dotdot image", map[string]string{"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\n---\nText\n\n![s](../secret.png)\n"}, false, "templates/x.md:8:6: error: image \"../secret.png\" in x"},
		{"absolute image", map[string]string{"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\n---\n![s](" + filepath.Join(outside, "secret.png") + ")\n"}, false, "leaves the project"},
		{"symlinked image", map[string]string{"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\n---\n![s](assets/link.png)\n"}, true, "leaves the project"},
		{"logo", map[string]string{"isms.yaml": strings.Replace(safetyFacts, "  country: GB", "  country: GB\n  logo: ../secret.png", 1)}, false, "isms.yaml:4:9: error: \"../secret.png\" is not a path inside the project"},
		{"font", map[string]string{"themes/default/theme.yaml": "name: default\nfonts: {regular: ../../secret.ttf}\n"}, false, "leaves the project"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := safetyProject(t, c.files)
			if c.link {
				os.MkdirAll(filepath.Join(dir, "assets"), 0o755)
				if err := os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(dir, "assets", "link.png")); err != nil {
					t.Skip(err)
				}
			}
			err := miniBuild(dir, filepath.Join(dir, "out"))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want %q, got %v", c.want, err)
			}
			if !diag.IsUserError(err) {
				var pe interface{ Error() string }
				if !errors.As(err, &pe) {
					t.Errorf("not a user error: %T", err)
				}
			}
		})
	}
}

// TestRawHTMLIsDroppedUnlessOptedIn checks that HTML written in a template
// never reaches the site unless the project opts in.
func TestRawHTMLIsDroppedUnlessOptedIn(t *testing.T) {
	tmpl := map[string]string{"templates/x.md": "---\nid: x\ntitle: X\nkind: policy\n---\nBefore <b onclick=\"x()\">bold</b> after.\n\n<div>block</div>\n"}
	for _, optIn := range []bool{false, true} {
		dir := safetyProject(t, tmpl)
		if optIn {
			writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(safetyFacts+"output: {raw_html: true}\n"))
		}
		out := filepath.Join(dir, "out")
		if err := miniBuild(dir, out); err != nil {
			t.Fatal(err)
		}
		page, _ := os.ReadFile(filepath.Join(out, "html", "x.html"))
		has := bytes.Contains(page, []byte(`<b onclick="x()">`)) || bytes.Contains(page, []byte("<div>block</div>"))
		if has != optIn {
			t.Errorf("raw_html=%v: raw HTML present = %v", optIn, has)
		}
	}
}

// TestLargeInputs builds a 10,000-risk register and a 5 MB template: both
// must work within the default limits.
func TestLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	var y strings.Builder
	y.WriteString(safetyFacts + "risks:\n")
	for i := range 10_000 {
		fmt.Fprintf(&y, "  - {id: R-%05d, title: Risk %d, asset: Asset %d, threat: Threat %d, likelihood: %d, impact: %d, treatment: mitigate, owner: ann, controls: [A.5.15]}\n", i, i, i%50, i%7, i%5+1, i%4+1)
	}
	big := strings.Repeat("This paragraph is part of a very large policy and repeats on purpose.\n\n", 5<<20/72)
	dir := safetyProject(t, map[string]string{
		"templates/register.md": "---\nid: register\ntitle: Register\nkind: register\n---\n| ID | Risk | Score |\n|---|---|---:|\n{{ range risks }}| {{ .ID }} | {{ .Title }} | {{ .Score }} |\n{{ end }}",
		"templates/big.md":      "---\nid: big\ntitle: Big\nkind: policy\n---\n" + big,
	})
	writeFile(t, filepath.Join(dir, "isms.yaml"), []byte(y.String()))
	out := filepath.Join(dir, "out")
	if err := miniBuild(dir, out); err != nil {
		t.Fatal(err)
	}
	reg, _ := os.ReadFile(filepath.Join(out, "md", "register.md"))
	if n := bytes.Count(reg, []byte("\n| R-")); n != 10_000 {
		t.Errorf("register has %d rows", n)
	}
}
