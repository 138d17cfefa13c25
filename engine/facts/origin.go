package facts

import (
	"strings"
	"unsafe"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// Positions maps a path in the facts, such as "risks[2].controls[0]" or
// "controls.A.5.1", to where its value is written.
type Positions map[string]diag.Pos

type origin struct {
	file string
	src  []byte
	pos  Positions
	root *yaml.Node // the parsed file, for walks over every written value
	// values are the strings the walk decoded, by identity.
	values valuePaths
}

// File returns the path of the file the facts came from.
func (f *Facts) File() string {
	if f.origin == nil {
		return FileName
	}
	return f.origin.file
}

// Source returns the bytes the facts were parsed from.
func (f *Facts) Source() []byte {
	if f.origin == nil {
		return nil
	}
	return f.origin.src
}

// Where returns the position of the value at path, or of its closest written
// parent when the value itself is absent (a missing key points at its
// mapping).
func (f *Facts) Where(path string) diag.Pos {
	if f.origin == nil {
		return diag.Pos{File: FileName}
	}
	for p := path; p != ""; p = parent(p) {
		if pos, ok := f.origin.pos[p]; ok {
			return pos
		}
	}
	return diag.Pos{File: f.origin.file, Line: 1, Col: 1}
}

// WhereKey returns the position of a map key, such as the "A.5.1" of
// controls.A.5.1, falling back to Where.
func (f *Facts) WhereKey(path string) diag.Pos {
	if f.origin != nil {
		if pos, ok := f.origin.pos[path+"#key"]; ok {
			return pos
		}
	}
	return f.Where(path)
}

// Errorf builds an error diagnostic pointing at path, with the source line.
func (f *Facts) Errorf(path, hint, format string, args ...any) *diag.Diagnostic {
	return diag.Errorf(f.Where(path), hint, format, args...).WithSource(f.Source())
}

// Warnf builds a warning diagnostic pointing at path, with the source line.
func (f *Facts) Warnf(path, hint, format string, args ...any) *diag.Diagnostic {
	return diag.Warnf(f.Where(path), hint, format, args...).WithSource(f.Source())
}

func parent(p string) string {
	i := max(strings.LastIndexByte(p, '.'), strings.LastIndexByte(p, '['))
	if i <= 0 {
		return ""
	}
	return p[:i]
}

// valuePaths map each string the schema walk decoded, by the address and
// length of its bytes, to its path. A template that prints such a string
// unchanged passes the very same bytes on, so the build can tell which fact
// a printed value is by identity, never by searching for equal text: two
// facts that say the same thing stay two facts, and a string built from a
// fact (joined, trimmed, reformatted) is no fact at all.
type valuePaths map[valueKey]string

type valueKey struct {
	p *byte
	n int
}

func (v *valuePaths) add(s, path string) {
	if len(s) < 2 {
		// Go shares the bytes of one-byte strings between all of them.
		return
	}
	if *v == nil {
		*v = valuePaths{}
	}
	k := valueKey{unsafe.StringData(s), len(s)}
	if old, dup := (*v)[k]; dup && old != path {
		(*v)[k] = "" // two paths share these bytes: neither can be told
		return
	}
	(*v)[k] = path
}

// PathOf returns the path of the fact whose decoded value is s itself (the
// same bytes, not an equal string), such as "people[2].name"; false for a
// string the facts did not hold as written.
func (f *Facts) PathOf(s string) (string, bool) {
	if f == nil || f.origin == nil || len(s) < 2 {
		return "", false
	}
	p := f.origin.values[valueKey{unsafe.StringData(s), len(s)}]
	return p, p != ""
}
