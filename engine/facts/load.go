// Package facts loads isms.yaml, the one file that holds an organization's
// facts, into typed values, and answers questions about them.
//
// Loading is strict: the YAML is checked against the schema first, so that an
// unknown key, a wrong type or an unknown control ID is an error at its line
// and column, then decoded with a fresh viper instance. Keys are
// case-insensitive (viper lowercases them), except under `custom`, whose keys
// keep the case they are written in.
package facts

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
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
	w := &walker{cat: cat, file: file, src: src, pos: Positions{}}
	root := doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == 0 || root.Kind == yaml.DocumentNode || isNull(root) {
		return nil, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "start from `ismsforge init`, which writes a commented example", "%s is empty", file)
	}
	w.walk(root, reflect.TypeFor[Facts](), "", nil)
	if err := w.errs.Err(); err != nil {
		return nil, err
	}

	f := &Facts{}
	if err := decode(src, f); err != nil {
		return nil, diag.Errorf(diag.Pos{File: file}, "check the value types against the schema in the README", "cannot decode %s: %v", file, err)
	}
	// Viper lowercases map keys; custom facts keep the author's case.
	f.Custom = nil
	for _, p := range mappingPairs(root) {
		if strings.EqualFold(p[0].Value, "custom") && !isNull(deref(p[1])) {
			if err := deref(p[1]).Decode(&f.Custom); err != nil {
				return nil, diag.Errorf(w.at(p[1]), "", "cannot decode custom: %v", err).WithSource(src)
			}
		}
	}
	f.origin = &origin{file: file, src: src, pos: w.pos, root: root}
	f.normalize(cat)
	if err := f.Validate(cat).Err(); err != nil {
		return nil, err
	}
	return f, nil
}

// decode runs viper over the YAML. A fresh instance per load keeps builds
// independent; "::" as key delimiter keeps control IDs such as A.5.1 whole.
func decode(src []byte, f *Facts) error {
	v := viper.NewWithOptions(viper.KeyDelimiter("::"))
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(src)); err != nil {
		return err
	}
	return v.UnmarshalExact(f, viper.DecodeHook(mapstructure.ComposeDecodeHookFunc(dateHook, durationHook, regimeHook, timeToStringHook)))
}

// dateHook decodes YAML dates, which arrive as time.Time or as strings.
func dateHook(from, to reflect.Type, data any) (any, error) {
	if to != dateType {
		return data, nil
	}
	switch v := data.(type) {
	case time.Time:
		return NewDate(v.Year(), v.Month(), v.Day()), nil
	case string:
		return ParseDate(v)
	}
	return data, nil
}

// durationHook decodes durations such as "15m" and "4h".
func durationHook(from, to reflect.Type, data any) (any, error) {
	if to != durationType {
		return data, nil
	}
	switch v := data.(type) {
	case string:
		return ParseDuration(v)
	case int:
		return nil, fmt.Errorf("%d is a number; write a duration with its unit, such as %dh", v, v)
	}
	return data, nil
}

// regimeHook turns a regime written as its ID into an entry.
func regimeHook(from, to reflect.Type, data any) (any, error) {
	if s, ok := data.(string); ok && to == regimeType {
		return RegimeEntry{ID: s}, nil
	}
	return data, nil
}

// timeToStringHook keeps a date written into a text field as YYYY-MM-DD.
func timeToStringHook(from, to reflect.Type, data any) (any, error) {
	if t, ok := data.(time.Time); ok && to.Kind() == reflect.String {
		return t.Format(time.DateOnly), nil
	}
	return data, nil
}

// syntaxError turns a YAML parser error into a diagnostic.
func syntaxError(file string, src []byte, err error) error {
	return diag.YAMLSyntax(file, src, src, 0, err)
}
