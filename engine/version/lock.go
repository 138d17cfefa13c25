// Package version keeps the released state of a pack in isms.lock and
// decides, for every document, whether it is the approved version or a draft
// of the next one.
package version

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
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
	// Changed lists the documents that got a new version in this release;
	// Removed, those it withdrew.
	Changed []string `yaml:"changed,flow"`
	Removed []string `yaml:"removed,flow,omitempty"`
}

// DocState is a document's released version.
type DocState struct {
	Version   string              `yaml:"version"`
	Hash      string              `yaml:"hash"`
	Effective facts.Date          `yaml:"effective"`
	History   []document.Revision `yaml:"history"`
}

// Load reads DIR/isms.lock and verifies it, against itself and against the
// last release stored under DIR/releases. A project that was never released
// has no lock; Load then returns an empty lock.
func Load(dir string) (*Lock, error) {
	path := filepath.Join(dir, FileName)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Lock{Documents: map[string]DocState{}}, nil
	}
	if err == nil && !st.Mode().IsRegular() {
		return nil, diag.Errorf(diag.Pos{File: path}, restoreHint, "%s is not a regular file", path).WithCode("lock")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "check the file's permissions", "cannot read %s: %v", path, err).WithCode("lock")
	}
	l, err := Parse(path, b)
	if err != nil {
		return nil, err
	}
	if errs := l.CheckReleases(dir, path, b); len(errs) > 0 {
		return nil, errs
	}
	return l, nil
}

// header opens every lock file.
const header = `# isms.lock: the released state of this ISMS document pack, written by
# "ismsforge release". Commit it together with isms.yaml; do not edit it by
# hand. Each document records its released version, the hash of its content
# and its revision history.
`

// Marshal encodes the lock. Keys are sorted and the only dates are release
// dates, so that the file's git diff shows exactly what a release changed.
func (l *Lock) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(header)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(l); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write replaces DIR/isms.lock atomically: a temporary file in the same
// directory, synced, then renamed over the old one. A failure leaves the old
// lock as it was.
func (l *Lock) Write(dir string) error {
	b, err := l.Marshal()
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(dir, FileName), b)
}

// WriteFileAtomic writes data to path through a temporary file and a rename.
func WriteFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op after the rename
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Released reports whether the project has been released at least once.
func (l *Lock) Released() bool { return l.Pack.Version != "" }

// Hash is the content hash a lock records: the SHA-256 of the version-neutral
// Markdown of a document.
func Hash(markdown []byte) string { return HashOfSum(sha256.Sum256(markdown)) }

// HashOfSum is Hash of Markdown whose SHA-256 is sum.
func HashOfSum(sum [32]byte) string { return "sha256:" + hex.EncodeToString(sum[:]) }

// LastRelease is the date of the last release, or zero before the first.
func (l *Lock) LastRelease() facts.Date {
	if l == nil || len(l.Pack.History) == 0 {
		return facts.Date{}
	}
	return l.Pack.History[len(l.Pack.History)-1].Date
}
