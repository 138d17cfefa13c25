package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/html"
	"github.com/ismsforge/ismsforge/engine/source"
)

// Theme is a loaded theme: HTML layouts, the stylesheet, font files and PDF
// style overrides. Files resolve project over theme over built-in.
type Theme struct {
	Name    string
	Layouts html.Layouts
	CSS     []byte
	// Fonts maps a face (regular, bold, italic, bold_italic, mono) to TTF
	// bytes; absent faces use the embedded Go fonts.
	Fonts map[string][]byte
	// PDF holds the theme's pdf: section, decoded by the PDF stage over
	// its defaults.
	PDF yaml.Node
	// Hash changes whenever any theme file changes.
	Hash string
}

type themeFile struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Fonts       map[string]string `yaml:"fonts"`
	PDF         yaml.Node         `yaml:"pdf"`
}

var fontFaces = []string{"regular", "bold", "italic", "bold_italic", "mono"}

func loadTheme(set *source.Set) (*Theme, error) {
	h := sha256.New()
	read := func(name string) ([]byte, string, error) {
		b, f, err := set.ReadFile("theme/" + name)
		if err != nil {
			return nil, "", fmt.Errorf("theme %s: %w", set.Theme, err)
		}
		h.Write([]byte(f.Display))
		h.Write(b)
		return b, f.Display, nil
	}
	t := &Theme{Name: set.Theme, Fonts: map[string][]byte{}}
	raw, display, err := read("theme.yaml")
	if err != nil {
		return nil, err
	}
	var tf themeFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&tf); err != nil && err.Error() != "EOF" {
		return nil, diag.Errorf(diag.Pos{File: display, Line: 1, Col: 1}, "theme.yaml takes name, description, fonts and pdf", "invalid theme file: %v", strings.TrimPrefix(err.Error(), "yaml: ")).WithSource(raw)
	}
	t.PDF = tf.PDF
	for face := range tf.Fonts {
		if !slices.Contains(fontFaces, face) {
			return nil, diag.Errorf(diag.Pos{File: display, Line: 1, Col: 1}, diag.DidYouMean(face, fontFaces, "faces are "+strings.Join(fontFaces, ", ")), "unknown font face %q", face).WithSource(raw)
		}
	}
	// Read in a fixed order: the hash must not depend on map iteration.
	for _, face := range fontFaces {
		path, ok := tf.Fonts[face]
		if !ok {
			continue
		}
		if err := source.CheckPath(path); err != nil {
			return nil, diag.Errorf(diag.Pos{File: display, Line: 1, Col: 1}, "name a .ttf file inside the theme directory", "font %s: %v", face, err).WithSource(raw)
		}
		b, _, err := read(path)
		if err != nil {
			return nil, diag.Errorf(diag.Pos{File: display, Line: 1, Col: 1}, "put the .ttf file inside the theme directory", "font %s: %v", face, err).WithSource(raw)
		}
		t.Fonts[face] = b
	}
	if t.Layouts.Base, t.Layouts.BaseName, err = read("html/base.html"); err != nil {
		return nil, err
	}
	if t.Layouts.Document, t.Layouts.DocumentName, err = read("html/document.html"); err != nil {
		return nil, err
	}
	if t.Layouts.Index, t.Layouts.IndexName, err = read("html/index.html"); err != nil {
		return nil, err
	}
	if t.CSS, _, err = read("html/style.css"); err != nil {
		return nil, err
	}
	t.Hash = hex.EncodeToString(h.Sum(nil))
	return t, nil
}
