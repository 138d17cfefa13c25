package engine_test

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ismsforge/ismsforge/engine"
)

var update = flag.Bool("update", false, "rewrite the want/ sections of testdata/projects/*.txtar")

// TestProjects builds each whole-project case in testdata/projects. An
// archive holds the project's files and, in sections named by prefix, what
// the build must produce:
//
//	want/<path>      the output file, byte for byte (refreshed by -update)
//	contains/<path>  lines that must each appear in the output file
//	absent/<path>    lines that must not appear; when empty, the file must not exist
//	error            lines that must each appear in the build's error
//	warnings         lines that must each appear in the build's warnings
//	findings         lines that must each appear among the check's findings,
//	                 errors or warnings (the build may succeed)
//	nofindings       lines that must appear in no finding; the build must
//	                 succeed (a passing check test)
//	strict           (empty) build with --strict, warnings as errors
//	library/<path>   a template library that replaces the built-in one
//	minilib          (empty) use testdata/minilib as the library
//	pdf              (empty) make the PDFs too
func TestProjects(t *testing.T) {
	archives, _ := filepath.Glob("../testdata/projects/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no project cases found")
	}
	for _, path := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runProject(t, path)
		})
	}
}

func runProject(t *testing.T, path string) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var checks []txtar.File
	var library fs.FS
	noPDF := true
	strict := false
	libDir := filepath.Join(t.TempDir(), "library")
	for _, f := range ar.Files {
		switch {
		case f.Name == "minilib":
			library = os.DirFS("../testdata/minilib")
		case f.Name == "pdf":
			noPDF = false
		case f.Name == "strict":
			strict = true
		case strings.HasPrefix(f.Name, "library/"):
			writeFile(t, filepath.Join(libDir, strings.TrimPrefix(f.Name, "library/")), f.Data)
			library = os.DirFS(libDir)
		case f.Name == "error" || f.Name == "warnings" || f.Name == "findings" || f.Name == "nofindings" || strings.HasPrefix(f.Name, "want/") || strings.HasPrefix(f.Name, "contains/") || strings.HasPrefix(f.Name, "absent/"):
			checks = append(checks, f)
		default:
			writeFile(t, filepath.Join(dir, f.Name), f.Data)
		}
	}
	out := filepath.Join(dir, "out")
	res, buildErr := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, NoPDF: noPDF, Library: library, Strict: strict})
	// findings is every finding of the check, for findings/nofindings.
	var findings strings.Builder
	if buildErr != nil {
		findings.WriteString(buildErr.Error())
	}
	if res != nil {
		for _, w := range res.Warnings {
			findings.WriteString("\n" + w.Error())
		}
	}
	updated := false
	for i, c := range checks {
		switch {
		case c.Name == "warnings" && buildErr == nil:
			got := res.Warnings.Error()
			for _, line := range lines(c.Data) {
				if !strings.Contains(got, line) {
					t.Errorf("warnings lack %q; got:\n%s", line, got)
				}
			}
			continue
		case c.Name == "findings":
			for _, line := range lines(c.Data) {
				if !strings.Contains(findings.String(), line) {
					t.Errorf("findings lack %q; got:\n%s", line, findings.String())
				}
			}
			continue
		case c.Name == "nofindings":
			if buildErr != nil {
				t.Fatalf("build: %v", buildErr)
			}
			for _, line := range lines(c.Data) {
				if strings.Contains(findings.String(), line) {
					t.Errorf("findings contain %q; they should not:\n%s", line, findings.String())
				}
			}
			continue
		case c.Name == "error":
			if buildErr == nil {
				t.Fatalf("build succeeded; want an error containing:\n%s", c.Data)
			}
			for _, line := range lines(c.Data) {
				if !strings.Contains(buildErr.Error(), line) {
					t.Errorf("error lacks %q; got:\n%v", line, buildErr)
				}
			}
			continue
		case buildErr != nil:
			t.Fatalf("build: %v", buildErr)
		}
		name, rel, _ := strings.Cut(c.Name, "/")
		got, readErr := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		switch name {
		case "want":
			if *update && readErr == nil && !bytes.Equal(got, c.Data) {
				ar.Files[indexOf(ar, c.Name)].Data = got
				checks[i].Data = got
				updated = true
				continue
			}
			if readErr != nil {
				t.Errorf("%s: %v", rel, readErr)
			} else if !bytes.Equal(got, c.Data) {
				t.Errorf("%s differs from the golden copy (run go test ./engine -run TestProjects -update to accept):\n%s", rel, firstDiff(c.Data, got))
			}
		case "contains":
			if readErr != nil {
				t.Errorf("%s: %v", rel, readErr)
				continue
			}
			for _, line := range lines(c.Data) {
				if !bytes.Contains(got, []byte(line)) {
					t.Errorf("%s lacks %q", rel, line)
				}
			}
		case "absent":
			if len(lines(c.Data)) == 0 {
				if readErr == nil {
					t.Errorf("%s exists; it should not", rel)
				}
				continue
			}
			for _, line := range lines(c.Data) {
				if bytes.Contains(got, []byte(line)) {
					t.Errorf("%s contains %q; it should not", rel, line)
				}
			}
		}
	}
	if updated {
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("updated %s", path)
	}
}

func indexOf(ar *txtar.Archive, name string) int {
	for i, f := range ar.Files {
		if f.Name == name {
			return i
		}
	}
	return -1
}

func lines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return "(same lines, different bytes)"
}
