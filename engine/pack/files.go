// Package pack assembles and writes a pack's output files: the manifest, the
// SoA exports, and the directory swap that makes a build all-or-nothing.
package pack

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/document"
)

// File is one output file, relative to the output directory, with forward
// slashes.
type File = document.File

// Files is the set of output files of a build, kept sorted by path.
type Files struct {
	list []File
}

// Add adds or replaces a file.
func (fs *Files) Add(path string, data []byte) {
	i, found := slices.BinarySearchFunc(fs.list, path, func(f File, p string) int { return strings.Compare(f.Path, p) })
	if found {
		fs.list[i].Data = data
		return
	}
	fs.list = slices.Insert(fs.list, i, File{Path: path, Data: data})
}

// Get returns a file's content.
func (fs *Files) Get(path string) ([]byte, bool) {
	i, found := slices.BinarySearchFunc(fs.list, path, func(f File, p string) int { return strings.Compare(f.Path, p) })
	if !found {
		return nil, false
	}
	return fs.list[i].Data, true
}

// All returns the files sorted by path.
func (fs *Files) All() []File { return fs.list }

// With returns a copy of the set with files added or replaced; fs is
// unchanged.
func (fs *Files) With(files []File) *Files {
	out := &Files{list: slices.Clone(fs.list)}
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
