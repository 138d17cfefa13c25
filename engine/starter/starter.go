// Package starter writes a new project's first isms.yaml: the commented
// acme-saas example, never over an existing file.
package starter

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/examples"
)

// ExistsError refuses to overwrite a file.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists; ismsforge init never overwrites a file (move it away first)", e.Path)
}

// Write writes a starter isms.yaml into dir, creating dir if needed, and
// returns its path. It refuses to overwrite an existing file.
func Write(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("init: %w", err)
	}
	path := filepath.Join(dir, facts.FileName)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", &ExistsError{Path: path}
	}
	if err != nil {
		return "", fmt.Errorf("init: %w", err)
	}
	if _, err := f.Write(examples.Starter); err != nil {
		f.Close()
		os.Remove(path)
		return "", fmt.Errorf("init: %w", err)
	}
	return path, f.Close()
}
