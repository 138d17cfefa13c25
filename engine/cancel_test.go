package engine_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
)

// TestCancelBetweenAnyTwoStages cancels a build, and a watch-mode rebuild,
// right after each stage in turn (and before the first): each returns
// without a panic, either the context's error or, when only writing was
// left, a whole build; a cancelled build leaves the previous output as it
// was, and the builder rebuilds afterwards.
func TestCancelBetweenAnyTwoStages(t *testing.T) {
	dir := glyphProject(t, "Northwind Analytics Ltd", symbolsTemplate)
	lib := os.DirFS("../testdata/minilib")
	out := filepath.Join(dir, "out")
	var stages []string
	if _, err := engine.Build(context.Background(), engine.Options{Dir: dir, Out: out, Library: lib,
		Report: func(s engine.Stage) { stages = append(stages, s.Name) }}); err != nil {
		t.Fatal(err)
	}
	if len(stages) < 8 {
		t.Fatalf("only %d stages: %v", len(stages), stages)
	}
	before := outTree(t, out)

	// after cancels once the stage at index k has finished; -1 cancels
	// before anything starts.
	cancelAfter := func(k int) (context.Context, func(engine.Stage)) {
		ctx, cancel := context.WithCancel(context.Background())
		if k < 0 {
			cancel()
		}
		n := 0
		return ctx, func(engine.Stage) {
			if n == k {
				cancel()
			}
			n++
		}
	}
	for k := -1; k < len(stages); k++ {
		name := "before any stage"
		if k >= 0 {
			name = "after " + stages[k]
		}
		t.Run("build "+name, func(t *testing.T) {
			ctx, report := cancelAfter(k)
			_, err := engine.Build(ctx, engine.Options{Dir: dir, Out: out, Library: lib, Report: report})
			switch {
			case err == nil:
				if k < len(stages)-1 {
					t.Errorf("a build cancelled %s succeeded", name)
				}
			case !errors.Is(err, context.Canceled):
				t.Fatalf("got %v, want context.Canceled", err)
			default:
				after := outTree(t, out)
				for p, v := range before {
					if after[p] != v {
						t.Fatalf("the cancelled build changed %s", p)
					}
				}
				// The build stages its output beside out: nothing of it
				// is left there.
				entries, err := os.ReadDir(dir)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range entries {
					if strings.HasPrefix(e.Name(), ".ismsforge-") {
						t.Fatalf("the cancelled build left %s", e.Name())
					}
				}
			}
		})
		t.Run("watch "+name, func(t *testing.T) {
			o := engine.Options{Dir: dir, Out: filepath.Join(t.TempDir(), "out"), Library: lib}
			b := engine.NewBuilder(o)
			if _, err := b.Rebuild(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			ctx, report := cancelAfter(k)
			cancelled := engine.NewBuilder(engine.Options{Dir: dir, Out: o.Out, Library: lib, Report: report})
			if _, err := cancelled.Rebuild(ctx, nil); err != nil && !errors.Is(err, context.Canceled) {
				t.Fatalf("got %v, want context.Canceled", err)
			}
			// The builder that was cancelled builds again.
			if _, err := cancelled.Rebuild(context.Background(), []string{"isms.yaml"}); err != nil {
				t.Fatalf("the rebuild after the cancelled one: %v", err)
			}
		})
	}
}

// outTree reads every file under dir.
func outTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			m[p] = string(b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
