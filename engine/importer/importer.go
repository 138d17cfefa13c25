// Package importer holds what the importers of other tools' template sets
// share: the project they produce, the report of what they could not map,
// the conversion of pandoc Markdown to ismsforge's dialect, and writing the
// project to disk. Each tool has its own package (importer/comply,
// importer/jupiterone). An importer only writes files: the normal build
// then reads the project like any other, and reports what is still missing.
package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Project is an imported project, in memory.
type Project struct {
	// Facts is the content of isms.yaml.
	Facts []byte
	// Templates maps a path under the project ("templates/policies/x.md")
	// to its content.
	Templates map[string][]byte
	Report    *Report
}

// ReportName is the report's file name in the project.
const ReportName = "IMPORT-REPORT.md"

// Write writes the project into dir, which may exist but must not hold any
// of the files: an import never overwrites a file.
func Write(dir string, p *Project) error {
	files := map[string][]byte{"isms.yaml": p.Facts, ReportName: p.Report.Markdown()}
	for path, b := range p.Templates {
		files[path] = b
	}
	paths := make([]string, 0, len(files))
	for path := range files {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path))); err == nil {
			return &ExistsError{Path: filepath.Join(dir, filepath.FromSlash(path))}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	for _, path := range paths {
		full := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, files[path], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// ExistsError is an import that would overwrite a file.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists; import into an empty directory (an import never overwrites a file)", e.Path)
}

// SourceError is a problem with the files being imported.
type SourceError struct {
	Path string
	Msg  string
}

func (e *SourceError) Error() string { return e.Path + ": " + e.Msg }

// Slug turns a file name into a document ID: lower-case words joined by
// hyphens.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}
