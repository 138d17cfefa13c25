// Package facts loads isms.yaml, the one file that holds an organization's
// facts, into typed values, and answers questions about them.
//
// Loading is strict, and the file is parsed once: the YAML node tree is
// walked against the schema (the Facts struct's tags), so that an unknown
// key, a wrong type or an unknown control ID is an error at its line and
// column, and the same walk decodes each value and records where it is
// written. One rule for keys: the keys of the schema are case-insensitive,
// control IDs are spelled as the catalog spells them, document IDs are
// lower-cased, and the keys under `custom` keep the case they are written
// in.
//
// viper is the configuration layer over the file: an ISMSFORGE_* variable
// of the environment overrides one setting of the file (see Overrides).
package facts

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// FileName is the name of the facts file in a project directory.
const FileName = "isms.yaml"

// MaxFileSize bounds isms.yaml; a larger file is almost certainly a mistake.
const MaxFileSize = 16 << 20

// Load reads and parses DIR/isms.yaml.
func Load(dir string, cat *catalog.Catalog) (*Facts, error) {
	path := filepath.Join(dir, FileName)
	src, err := ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, diag.Errorf(diag.Pos{File: path}, "run `ismsforge init "+dir+"` to create a starter file, or pass the project directory", "no %s in %s", FileName, dir)
	}
	if err != nil {
		if diag.IsUserError(err) {
			return nil, err
		}
		return nil, fmt.Errorf("read facts: %w", err)
	}
	return Parse(path, src, cat)
}

// Parse parses the content of a facts file. file names it in diagnostics.
func Parse(file string, src []byte, cat *catalog.Catalog) (*Facts, error) {
	if len(src) > MaxFileSize {
		return nil, diag.Errorf(diag.Pos{File: file}, "split large tables out of the file or trim it", "%s is %d bytes; the limit is %d", file, len(src), MaxFileSize)
	}
	if d := diag.CheckUTF8(file, src); d != nil {
		return nil, d
	}
	doc, err := decodeOne(file, src)
	if err != nil {
		return nil, err
	}
	if err := checkDepth(file, src, doc); err != nil {
		return nil, err
	}
	// Sized from the lines: the examples record about 1.8 positions and
	// 0.7 decoded strings per line, and growing the maps entry by entry
	// was a fifth of the parse. Capped, as a file of blank lines records
	// nothing.
	lines := min(bytes.Count(src, []byte("\n"))+1, 1<<15)
	w := &walker{cat: cat, file: file, src: src, pos: make(Positions, 2*lines), values: make(valuePaths, lines)}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == 0 || root.Kind == yaml.DocumentNode || isNull(root) {
		return nil, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "start from `ismsforge init`, which writes a commented example", "%s is empty", file)
	}
	f := &Facts{}
	w.walk(root, reflect.ValueOf(f).Elem(), "", nil)
	if err := w.errs.Err(); err != nil {
		return nil, err
	}
	if err := overrides(w, reflect.ValueOf(f).Elem()); err != nil {
		return nil, err
	}
	f.origin = &origin{file: file, src: src, pos: w.pos, root: root, values: w.values}
	f.normalize(cat)
	if err := f.Validate(cat).Err(); err != nil {
		return nil, err
	}
	return f, nil
}

// syntaxError turns a YAML parser error into a diagnostic.
func syntaxError(file string, src []byte, err error) error {
	return diag.YAMLSyntax(file, src, src, 0, err)
}
