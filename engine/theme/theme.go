// Package theme loads a project's theme: the HTML layouts and stylesheet,
// the PDF style and the font files, resolved project over theme over
// built-in, file by file.
package theme

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/html"
	"github.com/ismsforge/ismsforge/engine/pdf"
	"github.com/ismsforge/ismsforge/engine/source"
)

// Theme is a loaded theme: HTML layouts, the stylesheet, font files and PDF
// style overrides. Files resolve project over theme over built-in.
type Theme struct {
	Name    string
	Layouts html.Layouts
	CSS     []byte
	// Fonts maps a face (regular, bold, italic, bold_italic, mono, symbol)
	// to TTF bytes; absent faces use the embedded DejaVu fonts.
	Fonts map[string][]byte
	// PDF is the PDF style: the built-in one with the theme's pdf:
	// section decoded over it.
	PDF pdf.Style
	// Hash changes whenever any theme file changes.
	Hash string
}

type themeFile struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Fonts       map[string]string `yaml:"fonts"`
	PDF         yaml.Node         `yaml:"pdf"`
}

// PDFFonts returns the theme's fonts, with the embedded DejaVu fonts for
// the faces it does not name.
func (t *Theme) PDFFonts() pdf.Fonts {
	f := pdf.DefaultFonts()
	for face, dst := range map[string]*[]byte{"regular": &f.Regular, "bold": &f.Bold, "italic": &f.Italic, "bold_italic": &f.BoldItalic, "mono": &f.Mono, "symbol": &f.Symbol} {
		if b, ok := t.Fonts[face]; ok {
			*dst = b
		}
	}
	return f
}

var fontFaces = []string{"regular", "bold", "italic", "bold_italic", "mono", "symbol"}

// Load reads the theme the source set names.
func Load(set *source.Set) (*Theme, error) {
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
	if d := diag.CheckUTF8(display, raw); d != nil {
		return nil, d
	}
	var tf themeFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&tf); err != nil && err.Error() != "EOF" {
		return nil, diag.Errorf(diag.Pos{File: display, Line: 1, Col: 1}, "theme.yaml takes name, description, fonts and pdf", "invalid theme file: %v", strings.TrimPrefix(err.Error(), "yaml: ")).WithSource(raw)
	}
	t.PDF = pdf.DefaultStyle()
	if tf.PDF.Kind == yaml.MappingNode && len(tf.PDF.Content) > 0 {
		if err := checkKeys(&tf.PDF, reflect.TypeFor[pdf.Style](), display, raw); err != nil {
			return nil, err
		}
		if err := tf.PDF.Decode(&t.PDF); err != nil {
			return nil, diag.Errorf(diag.Pos{File: display, Line: tf.PDF.Line, Col: tf.PDF.Column}, "see the pdf keys in the README", "invalid pdf style: %v", strings.TrimPrefix(err.Error(), "yaml: ")).WithSource(raw)
		}
	}
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
		pos := fontPos(display, raw, face)
		if err := source.CheckPath(path); err != nil {
			return nil, diag.Errorf(pos, "name a .ttf file inside the theme directory", "font %s: %v", face, err).WithSource(raw)
		}
		b, _, err := read(path)
		if err != nil {
			return nil, diag.Errorf(pos, "put the .ttf file inside the theme directory", "font %s: %v", face, err).WithSource(raw)
		}
		if err := pdf.CheckFont(b); err != nil {
			return nil, diag.Errorf(pos, "name a TrueType (.ttf) file; convert other formats, such as .otf with CFF outlines or .woff, first", "font %s (%s): %v", face, path, err).WithSource(raw).WithCode("theme-font")
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
	colors, err := themeColorsCSS(&tf.PDF, display, raw)
	if err != nil {
		return nil, err
	}
	t.CSS = append(t.CSS, colors...)
	t.Hash = hex.EncodeToString(h.Sum(nil))
	return t, nil
}

// cssColors maps theme.yaml's color keys to the custom properties of the
// HTML stylesheet, so that one palette styles the site and the PDFs.
var cssColors = []struct{ key, prop string }{
	{"text_color", "--ink"}, {"heading_color", "--heading"}, {"accent_color", "--accent"},
	{"link_color", "--link"}, {"muted_color", "--muted"}, {"rule_color", "--rule"},
	{"draft_color", "--draft"}, {"zebra_color", "--zebra"}, {"code_background", "--code-bg"},
	{"quote_bar_color", "--quote-bar"}, {"quote_color", "--quote"},
	{"table_border_color", "--table-border"}, {"table_header_color", "--th-bg"},
	{"table_header_text_color", "--th-ink"},
}

// themeColorsCSS returns a rule that sets the stylesheet's color properties
// from the colors the theme's pdf section names, or nothing when it names
// none. It comes after the stylesheet, so theme.yaml wins. A value that is
// not #rgb or #rrggbb is an error here, even when no PDF is made, so that
// nothing but a color reaches the stylesheet.
func themeColorsCSS(pdfSection *yaml.Node, file string, src []byte) ([]byte, error) {
	if pdfSection.Kind != yaml.MappingNode {
		return nil, nil
	}
	set := map[string]*yaml.Node{}
	for i := 0; i+1 < len(pdfSection.Content); i += 2 {
		set[pdfSection.Content[i].Value] = pdfSection.Content[i+1]
	}
	var b strings.Builder
	for _, c := range cssColors {
		n, ok := set[c.key]
		if !ok {
			continue
		}
		if !hexColor.MatchString(n.Value) {
			return nil, diag.Errorf(diag.Pos{File: file, Line: n.Line, Col: n.Column}, `write colors as "#rrggbb", such as "#0b3d62"`, "%s: %q is not a color of the form #rrggbb", c.key, n.Value).WithSource(src)
		}
		fmt.Fprintf(&b, "  %s: %s;\n", c.prop, n.Value)
	}
	if b.Len() == 0 {
		return nil, nil
	}
	return []byte("\n/* Colors from theme.yaml. */\n:root {\n" + b.String() + "}\n"), nil
}

var hexColor = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// checkKeys reports the first key of a mapping that the struct type does not
// have (by yaml tag), at its line, with a suggestion; nested structs are
// checked too.
func checkKeys(n *yaml.Node, t reflect.Type, file string, src []byte) error {
	var keys []string
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		keys = append(keys, tag)
		fields[tag] = f.Type
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ft, ok := fields[k.Value]
		if !ok {
			return diag.Errorf(diag.Pos{File: file, Line: k.Line, Col: k.Column}, diag.DidYouMean(k.Value, keys, "the pdf keys are "+strings.Join(keys, ", ")), "unknown pdf style key %q", k.Value).WithSource(src)
		}
		if ft.Kind() == reflect.Struct && v.Kind == yaml.MappingNode {
			if err := checkKeys(v, ft, file, src); err != nil {
				return err
			}
		}
	}
	return nil
}

// fontPos finds where theme.yaml names a face's font file, for messages.
func fontPos(file string, raw []byte, face string) diag.Pos {
	pos := diag.Pos{File: file, Line: 1, Col: 1}
	var doc yaml.Node
	if yaml.Unmarshal(raw, &doc) != nil || len(doc.Content) == 0 {
		return pos
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "fonts" {
			continue
		}
		fonts := root.Content[i+1]
		for j := 0; j+1 < len(fonts.Content); j += 2 {
			if fonts.Content[j].Value == face {
				v := fonts.Content[j+1]
				return diag.Pos{File: file, Line: v.Line, Col: v.Column}
			}
		}
	}
	return pos
}
