package engine_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/templates"
)

// The scale benchmark builds synthetic packs of N documents. Each build runs
// in a child process, so that its peak resident memory can be read from the
// operating system rather than estimated.

const scaleChildEnv = "ISMSFORGE_SCALE_CHILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(scaleChildEnv); dir != "" {
		_, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: filepath.Join(dir, "out"), NoPDF: os.Getenv("ISMSFORGE_SCALE_NOPDF") != ""})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	for _, d := range packDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

var frontID = regexp.MustCompile(`(?m)^id: (.+)$`)

// generatePack writes a project of at least n documents: the acme facts,
// plus copies of the built-in templates under new IDs, each ending in an
// SoA-like table of all 93 controls with their justifications.
func generatePack(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("../examples/acme-saas/isms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "isms.yaml"), src)
	all, err := fs.Glob(templates.FS, "*.md")
	if err != nil || len(all) == 0 {
		t.Fatal("no built-in templates")
	}
	// Copy only documents that do not list the whole pack: twenty copies
	// of the document register would make the synthetic pack itself grow
	// quadratically, which no real pack does.
	var names []string
	for _, name := range all {
		b, _ := templates.FS.ReadFile(name)
		if !regexp.MustCompile(`\b(documents|documentsFor)\b`).Match(b) {
			names = append(names, name)
		}
	}
	const table = "\n## Control table\n\n| Control | Status | Justification |\n|---|---|---|\n{{ range controls }}| **{{ .ID }}** {{ .Title }} | {{ .StatusLabel }} | {{ .Justification }} |\n{{ end }}"
	builtin := len(all) // the library itself is part of every pack
	for i := 0; builtin+i < n; i++ {
		name := names[i%len(names)]
		b, _ := templates.FS.ReadFile(name)
		body := frontID.ReplaceAllString(string(b), fmt.Sprintf("id: gen-%04d-$1", i))
		body = strings.Replace(body, "\ntitle: ", fmt.Sprintf("\ntitle: (%04d) ", i), 1)
		writeFile(t, filepath.Join(dir, "templates", fmt.Sprintf("gen-%04d-%s", i, name)), []byte(body+table))
	}
	return dir
}

// BenchmarkScale builds packs of 40, 200, 500 and 1,000 documents and reports the
// wall time per document and the child process's peak resident memory. Both
// should grow linearly with the number of documents.
func BenchmarkScale(b *testing.B) {
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{40, 200, 500, 1000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			dir := generatePack(b, n)
			var peak int64
			var docs int
			b.ResetTimer()
			for b.Loop() {
				cmd := exec.Command(exe, "-test.run=^$")
				cmd.Env = append(os.Environ(), scaleChildEnv+"="+dir)
				if os.Getenv("ISMSFORGE_SCALE_NOPDF") != "" {
					cmd.Env = append(cmd.Env, "ISMSFORGE_SCALE_NOPDF=1")
				}
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("child build: %v\n%s", err, out)
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					peak = max(peak, ru.Maxrss) // KiB on Linux
				}
			}
			mds, _ := filepath.Glob(filepath.Join(dir, "out", "md", "*.md"))
			docs = len(mds)
			b.ReportMetric(float64(docs), "docs")
			b.ReportMetric(float64(peak)/1024, "peak-MB")
			b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(docs)/float64(time.Millisecond), "ms/doc")
		})
	}
}
