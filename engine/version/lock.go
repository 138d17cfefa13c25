// Package version keeps the released state of a pack in isms.lock and
// decides, for every document, whether it is the approved version or a draft
// of the next one.
package version

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// FileName is the lock file's name, next to isms.yaml.
const FileName = "isms.lock"

// Lock is the released state of a project. It is human-readable YAML with
// sorted keys and no timestamps other than release dates, so that its git
// diffs are meaningful.
type Lock struct {
	Pack      PackState           `yaml:"pack"`
	Documents map[string]DocState `yaml:"documents"`
}

// PackState is the pack's released version and history.
type PackState struct {
	Version string        `yaml:"version"`
	History []PackRelease `yaml:"history"`
}

// PackRelease is one release of the pack.
type PackRelease struct {
	Version    string     `yaml:"version"`
	Date       facts.Date `yaml:"date"`
	Summary    string     `yaml:"summary"`
	ApprovedBy string     `yaml:"approved_by"`
	// Changed lists the documents that got a new version in this release.
	Changed []string `yaml:"changed,flow"`
}

// DocState is a document's released version.
type DocState struct {
	Version   string              `yaml:"version"`
	Hash      string              `yaml:"hash"`
	Effective facts.Date          `yaml:"effective"`
	History   []document.Revision `yaml:"history"`
}

// Load reads DIR/isms.lock. A project that was never released has no lock;
// Load then returns an empty lock.
func Load(dir string) (*Lock, error) {
	path := filepath.Join(dir, FileName)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Lock{Documents: map[string]DocState{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read lock: %w", err)
	}
	var l Lock
	if err := yaml.Unmarshal(b, &l); err != nil {
		return nil, diag.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "isms.lock is written by `ismsforge release`; restore it from git rather than editing it", "cannot read %s: %v", FileName, err).WithSource(b)
	}
	if l.Documents == nil {
		l.Documents = map[string]DocState{}
	}
	return &l, nil
}

// Released reports whether the project has been released at least once.
func (l *Lock) Released() bool { return l.Pack.Version != "" }

// Hash is the content hash a lock records: the SHA-256 of the version-neutral
// Markdown of a document.
func Hash(markdown []byte) string {
	sum := sha256.Sum256(markdown)
	return "sha256:" + hex.EncodeToString(sum[:])
}
