package engine_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
)

func TestZZFull(t *testing.T) {
	for range 5 {
		if _, err := engine.Build(context.Background(), engine.Options{Dir: "../examples/acme-saas", Out: filepath.Join(t.TempDir(), "o")}); err != nil {
			t.Fatal(err)
		}
	}
}
