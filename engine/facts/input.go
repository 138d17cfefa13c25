package facts

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// The checks in this file run before anything interprets the facts: is the
// file a file, is it text, is it one YAML document of sane depth. Each
// problem is the user's to fix, so each is a diagnostic with a position and
// a hint, never an internal error or a hang.

// MaxDepth bounds how deeply mappings and lists may nest. The schema needs
// five levels; custom facts get generous room. Without a bound a 100 KB file
// nested thousands deep keeps viper busy for minutes.
const MaxDepth = 64

// ReadFile reads a facts file, refusing anything but a regular file: reading
// a named pipe would wait forever, and a directory or a device is a mistake.
func ReadFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, diag.Errorf(diag.Pos{File: path}, "replace it with the facts file itself; `ismsforge init` writes a starter one", "%s is %s, not a regular file", path, describeMode(st.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, diag.Errorf(diag.Pos{File: path}, "give yourself read permission, for example with chmod u+r", "cannot read %s: permission denied", path)
		}
		return nil, err
	}
	defer f.Close()
	// Read one byte past the limit, so that Parse can report the size.
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "check that the file is readable", "cannot read %s: %v", path, err)
	}
	return b, nil
}

// describeMode names a file type for messages.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// decodeOne parses the first YAML document of src and refuses a second one:
// everything after a "---" line would otherwise vanish without a word.
func decodeOne(file string, src []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &doc, nil
		}
		return nil, syntaxError(file, src, err)
	}
	var next yaml.Node
	err := dec.Decode(&next)
	if errors.Is(err, io.EOF) {
		return &doc, nil
	}
	pos := diag.Pos{File: file, Line: next.Line, Col: 1}
	if l := secondDocumentMarker(src); l > 0 {
		pos.Line = l
	}
	if err != nil && pos.Line == 0 {
		return nil, syntaxError(file, src, err)
	}
	return nil, diag.Errorf(pos, "isms.yaml is one YAML document: remove this line, and merge what follows it into the sections above", "a second YAML document starts here; ismsforge would ignore everything after it").WithSource(src).WithCode("yaml-documents")
}

// secondDocumentMarker returns the line of the "---" (or "...") that ends
// the first document, skipping a "---" that merely opens the file.
func secondDocumentMarker(src []byte) int {
	content := false
	for i, l := range strings.Split(string(src), "\n") {
		t := strings.TrimRight(l, " \t\r")
		marker := t == "---" || strings.HasPrefix(t, "--- ") || t == "..." || strings.HasPrefix(t, "... ")
		switch {
		case marker && content:
			return i + 1
		case marker:
			// "---" before any content opens the first document.
		case t != "" && !strings.HasPrefix(strings.TrimLeft(t, " "), "#") && !strings.HasPrefix(t, "%"):
			content = true
		}
	}
	return 0
}

// checkDepth fails at the first mapping or list nested deeper than
// MaxDepth. Aliases are not followed: their target is checked where it is
// written.
func checkDepth(file string, src []byte, n *yaml.Node) error {
	var deep *yaml.Node
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if deep != nil || n == nil {
			return
		}
		if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
			depth++
			if depth > MaxDepth {
				deep = n
				return
			}
		}
		for _, c := range n.Content {
			walk(c, depth)
		}
	}
	walk(n, 0)
	if deep == nil {
		return nil
	}
	return diag.Errorf(diag.Pos{File: file, Line: deep.Line, Col: deep.Column}, "flatten the structure; facts need a few levels, and custom facts should not need more than a handful", "mappings and lists are nested more than %d levels deep here", MaxDepth).WithSource(src).WithCode("yaml-depth")
}
