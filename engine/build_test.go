package engine_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/pack"
)

// examples returns every example project directory.
func examples(t testing.TB) []string {
	dirs, _ := filepath.Glob("../examples/*/isms.yaml")
	if len(dirs) == 0 {
		t.Fatal("no examples")
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs
}

func build(t testing.TB, dir string, noPDF bool) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if _, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, NoPDF: noPDF}); err != nil {
		t.Fatalf("build %s: %v", dir, err)
	}
	return out
}

// TestManifestListsEveryFile checks that every file the manifest lists exists
// with its hash and size, and that no output file is missing from it.
func TestManifestListsEveryFile(t *testing.T) {
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := build(t, dir, false)
			m := readManifest(t, out)
			listed := map[string]bool{}
			for _, f := range m.Files {
				listed[f.Path] = true
				b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Path)))
				if err != nil {
					t.Errorf("listed file %s: %v", f.Path, err)
					continue
				}
				sum := sha256.Sum256(b)
				if hex.EncodeToString(sum[:]) != f.SHA256 || len(b) != f.Bytes {
					t.Errorf("%s: hash or size differs from the manifest", f.Path)
				}
			}
			_ = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(out, p)
				rel = filepath.ToSlash(rel)
				if rel != pack.ManifestName && !listed[rel] {
					t.Errorf("%s is not in the manifest", rel)
				}
				return nil
			})
			for _, d := range m.Documents {
				for _, f := range d.Files {
					if !listed[f] {
						t.Errorf("document %s names %s, which the manifest does not list", d.ID, f)
					}
				}
				if len(d.Files) == 0 {
					t.Errorf("document %s produced no files", d.ID)
				}
			}
		})
	}
}

// TestBuildIsReproducible builds every example twice and compares every
// byte: no clock, randomness or map order may reach an output.
func TestBuildIsReproducible(t *testing.T) {
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			a, b := build(t, dir, false), build(t, dir, false)
			n := 0
			_ = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(a, p)
				x, _ := os.ReadFile(p)
				y, err := os.ReadFile(filepath.Join(b, rel))
				if err != nil || !bytes.Equal(x, y) {
					t.Errorf("%s differs between two builds", rel)
				}
				n++
				return nil
			})
			if n < 10 {
				t.Errorf("only %d files compared", n)
			}
		})
	}
}

// BenchmarkBuild measures the full build of each example: HTML, every
// PDF, the combined pack and the write.
func BenchmarkBuild(b *testing.B) { benchBuild(b, false) }

// BenchmarkBuildHTML measures the full build of each example without PDFs.
func BenchmarkBuildHTML(b *testing.B) { benchBuild(b, true) }

func benchBuild(b *testing.B, noPDF bool) {
	for _, dir := range examples(b) {
		b.Run(filepath.Base(dir), func(b *testing.B) {
			b.ReportAllocs()
			out := filepath.Join(b.TempDir(), "out")
			for b.Loop() {
				if _, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, NoPDF: noPDF}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// readManifest reads the manifest of the pack in out.
func readManifest(t *testing.T, out string) pack.Manifest {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(out, pack.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m pack.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
