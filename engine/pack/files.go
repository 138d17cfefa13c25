// Package pack assembles and writes a pack's output files: the manifest, the
// SoA exports, and the directory swap that makes a build all-or-nothing.
package pack

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/document"
)

// File is one output file, relative to the output directory, with forward
// slashes.
type File = document.File

// Files is the set of output files of a build, kept sorted by path. A file
// may be in the set without its data, written to the output already (see
// AddWritten).
type Files struct {
	list    []File
	written map[string]Written
}

// Written is what a set keeps of a file written to the output already:
// its hash and size, for the manifest.
type Written struct {
	SHA256 string
	Bytes  int
}

// Add adds or replaces a file.
func (fs *Files) Add(path string, data []byte) {
	delete(fs.written, path)
	i, found := slices.BinarySearchFunc(fs.list, path, func(f File, p string) int { return strings.Compare(f.Path, p) })
	if found {
		fs.list[i].Data = data
		return
	}
	fs.list = slices.Insert(fs.list, i, File{Path: path, Data: data})
}

// AddWritten adds or replaces a file that is in the output already, by
// its hash and size; the set does not keep its data, so Get and All give
// it none.
func (fs *Files) AddWritten(path string, w Written) {
	fs.Add(path, nil)
	if fs.written == nil {
		fs.written = map[string]Written{}
	}
	fs.written[path] = w
}

// WrittenAs returns the hash and size of a file added with AddWritten.
func (fs *Files) WrittenAs(path string) (Written, bool) {
	w, ok := fs.written[path]
	return w, ok
}

// Get returns a file's content: nil for a file added with AddWritten.
func (fs *Files) Get(path string) ([]byte, bool) {
	i, found := slices.BinarySearchFunc(fs.list, path, func(f File, p string) int { return strings.Compare(f.Path, p) })
	if !found {
		return nil, false
	}
	return fs.list[i].Data, true
}

// All returns the files sorted by path, without data for the files added
// with AddWritten.
func (fs *Files) All() []File { return fs.list }

// With returns a copy of the set with files added or replaced; fs is
// unchanged.
func (fs *Files) With(files []File) *Files {
	out := &Files{list: slices.Clone(fs.list), written: maps.Clone(fs.written)}
	for _, f := range files {
		out.Add(f.Path, f.Data)
	}
	return out
}

// Len returns the number of files.
func (fs *Files) Len() int { return len(fs.list) }

// Sum returns the hex SHA-256 of data.
func Sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
