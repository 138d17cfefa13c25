package facts

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// The schema walk is the one reading of isms.yaml: it checks the YAML node
// tree against the Facts struct, led by the struct's mapstructure, required
// and enum tags, records where each value is written, and decodes the
// value into the struct, all in one pass. A field added to the types is
// read, checked and positioned without further code. Every mistake is an
// error at its exact line and column.

var (
	dateType     = reflect.TypeFor[Date]()
	durationType = reflect.TypeFor[Duration]()
	regimeType   = reflect.TypeFor[RegimeEntry]()
	anyMap       = reflect.TypeFor[map[string]any]()
)

// walker validates nodes and records where each value sits.
type walker struct {
	cat  *catalog.Catalog
	file string
	src  []byte
	pos  Positions
	errs diag.List
	// values maps each string decoded into the struct to its path.
	values valuePaths
}

func (w *walker) at(n *yaml.Node) diag.Pos {
	return diag.Pos{File: w.file, Line: n.Line, Col: n.Column}
}

func (w *walker) fail(n *yaml.Node, hint, format string, args ...any) {
	w.errs.Add(diag.Errorf(w.at(n), hint, format, args...).WithSource(w.src))
}

// field describes one key of a struct in the schema.
type field struct {
	key      string
	index    int
	required bool
	enum     []string
}

func fieldsOf(t reflect.Type) []field {
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		key := f.Tag.Get("mapstructure")
		if key == "" || !f.IsExported() {
			continue
		}
		fd := field{key: key, index: i, required: f.Tag.Get("required") == "true"}
		if e := f.Tag.Get("enum"); e != "" {
			fd.enum = strings.Split(e, ",")
		}
		out = append(out, fd)
	}
	return out
}

func keysOf(fs []field) []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return keys
}

// deref follows aliases so that YAML anchors work everywhere.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// mappingPairs returns the key/value pairs of a mapping with YAML merge keys
// ("<<: *defaults") expanded, own keys first so that they win.
func mappingPairs(n *yaml.Node) [][2]*yaml.Node {
	var own, merged [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "<<" && k.Tag == "!!merge" {
			v = deref(v)
			srcs := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				srcs = v.Content
			}
			for _, s := range srcs {
				if s = deref(s); s != nil && s.Kind == yaml.MappingNode {
					merged = append(merged, mappingPairs(s)...)
				}
			}
			continue
		}
		own = append(own, [2]*yaml.Node{k, v})
	}
	seen := map[string]bool{}
	for _, p := range own {
		seen[strings.ToLower(p[0].Value)] = true
	}
	for _, p := range merged {
		if !seen[strings.ToLower(p[0].Value)] {
			own = append(own, p)
			seen[strings.ToLower(p[0].Value)] = true
		}
	}
	return own
}

// freePositions records where every value of free-form facts is written,
// under the keys as written, so that a finding about custom.TrustCenter
// points at it rather than at the start of custom.
// An alias is not followed: its position is where it is written, and a
// file of aliases of aliases cannot make the walk exponential.
func (w *walker) freePositions(n *yaml.Node, path string) {
	if n == nil {
		return
	}
	w.pos[path] = w.at(n)
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			w.pos[path+"."+key+"#key"] = w.at(n.Content[i])
			w.freePositions(n.Content[i+1], path+"."+key)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			w.freePositions(c, fmt.Sprintf("%s[%d]", path, i))
		}
	case yaml.ScalarNode:
		// Decoded as a string, the value keeps these bytes.
		if n.Tag == "!!str" {
			w.values.add(n.Value, path)
		}
	}
}

// walk validates n against the type of v, records its position under
// path, and decodes it into v, which must be settable.
func (w *walker) walk(n *yaml.Node, v reflect.Value, path string, enum []string) {
	n = deref(n)
	if n == nil {
		return
	}
	w.pos[path] = w.at(n)
	if isNull(n) {
		return
	}
	t := v.Type()
	if t == anyMap {
		if n.Kind != yaml.MappingNode {
			w.fail(n, "write it as key: value pairs", "%s must be a mapping", describe(path))
			return
		}
		// Free-form facts keep their keys as written.
		if err := n.Decode(v.Addr().Interface()); err != nil {
			w.fail(n, "", "cannot decode %s: %v", describe(path), err)
		}
		w.freePositions(n, path)
		return
	}
	if t == dateType {
		w.scalarDate(n, v, path)
		return
	}
	if t == durationType {
		w.scalarDuration(n, v, path)
		return
	}
	// A regime is an ID or a mapping that declares or details it.
	if t == regimeType && n.Kind == yaml.ScalarNode {
		if w.scalarString(n, path, nil) {
			v.Set(reflect.ValueOf(RegimeEntry{ID: n.Value}))
		}
		w.pos[path+".id"] = w.at(n)
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		w.walk(n, v.Elem(), path, enum)
	case reflect.Struct:
		w.walkStruct(n, v, path)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			w.fail(n, "write it as key: value pairs", "%s must be a mapping, not %s", describe(path), kindName(n))
			return
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(t))
		}
		for _, p := range w.pairs(n, path) {
			key := p[0].Value
			if path == "controls" {
				c, ok := w.cat.Control(key)
				if !ok {
					w.fail(p[0], diag.DidYouMean(key, w.cat.ControlIDs(), unknownControlHint), "unknown Annex A control %q", key)
					continue
				}
				key = c.ID
			} else if path == "documents" {
				key = strings.ToLower(key)
			}
			w.pos[path+"."+key+"#key"] = w.at(p[0])
			elem := reflect.New(t.Elem()).Elem()
			w.walk(p[1], elem, path+"."+key, nil)
			v.SetMapIndex(reflect.ValueOf(key).Convert(t.Key()), elem)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			w.fail(n, "start each entry on its own line with \"- \", or write [a, b]", "%s must be a list, not %s", describe(path), kindName(n))
			return
		}
		s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, c := range n.Content {
			w.walk(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i), enum)
		}
		v.Set(s)
	case reflect.String:
		if w.scalarString(n, path, enum) {
			v.SetString(n.Value)
			w.values.add(n.Value, path)
		}
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			w.fail(n, "write a number without quotes, such as 3", "%s must be a whole number, not %s", describe(path), valueName(n))
			return
		}
		w.decode(n, v, path)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			w.fail(n, "write true or false, without quotes", "%s must be true or false, not %s", describe(path), valueName(n))
			return
		}
		w.decode(n, v, path)
	default:
		w.decode(n, v, path)
	}
}

// decode decodes a scalar the walk has checked with YAML's own rules
// (0x1F, 1_000, yes).
func (w *walker) decode(n *yaml.Node, v reflect.Value, path string) {
	if err := n.Decode(v.Addr().Interface()); err != nil {
		w.fail(n, "check the value against the schema in the README", "%s: %v", describe(path), strings.TrimPrefix(err.Error(), "yaml: "))
	}
}

// pairs returns the key/value pairs of a mapping, merge keys expanded,
// reporting every key written twice (in any case) and keeping the first.
func (w *walker) pairs(n *yaml.Node, path string) [][2]*yaml.Node {
	all := mappingPairs(n)
	out := all[:0:0]
	seen := map[string]*yaml.Node{}
	for _, p := range all {
		k := strings.ToLower(p[0].Value)
		if prev, dup := seen[k]; dup {
			w.fail(p[0], fmt.Sprintf("remove one of the two; the first is on line %d", prev.Line), "duplicate key %q in %s", p[0].Value, describe(path))
			continue
		}
		seen[k] = p[0]
		out = append(out, p)
	}
	return out
}

func (w *walker) walkStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		w.fail(n, "write it as key: value pairs on indented lines", "%s must be a mapping, not %s", describe(path), kindName(n))
		return
	}
	t := v.Type()
	fields := fieldsOf(t)
	seen := map[string]bool{}
	for _, p := range w.pairs(n, path) {
		k := strings.ToLower(p[0].Value)
		seen[k] = true
		i := slices.IndexFunc(fields, func(f field) bool { return f.key == k })
		if i < 0 {
			hint := diag.DidYouMean(k, keysOf(fields), "the keys allowed here are "+strings.Join(keysOf(fields), ", "))
			if n.Style&yaml.FlowStyle != 0 && isNull(deref(p[1])) && p[1].Value == "" {
				hint = "in a {...} mapping a comma ends the value before it: put that value in quotes, as in address: \"1 Main St, Denver\""
			}
			w.fail(p[0], hint, "unknown key %q in %s", p[0].Value, describe(path))
			continue
		}
		f := fields[i]
		w.pos[join(path, f.key)+"#key"] = w.at(p[0])
		if f.required && isEmpty(deref(p[1])) {
			w.fail(p[0], "give it a value or remove the entry", "%s must not be empty", describe(join(path, f.key)))
			continue
		}
		w.walk(p[1], v.Field(f.index), join(path, f.key), f.enum)
	}
	for _, f := range fields {
		if f.required && !seen[f.key] {
			w.fail(n, fmt.Sprintf("add \"%s: ...\" to %s", f.key, describe(path)), "%s is missing the required key %q", describe(path), f.key)
		}
	}
}

func isEmpty(n *yaml.Node) bool {
	return isNull(n) || (n.Kind == yaml.ScalarNode && strings.TrimSpace(n.Value) == "" && n.Tag == "!!str")
}

// scalarString checks a text value and reports whether it is one.
func (w *walker) scalarString(n *yaml.Node, path string, enum []string) bool {
	if n.Kind != yaml.ScalarNode {
		w.fail(n, "write it as text on one line, or use | for several lines", "%s must be text, not %s", describe(path), kindName(n))
		return false
	}
	if n.Tag == "!!bool" {
		w.fail(n, fmt.Sprintf("put it in quotes, \"%s\", if you mean the word", n.Value), "%s must be text, not the boolean %s", describe(path), n.Value)
		return false
	}
	if enum != nil && !slices.Contains(enum, n.Value) {
		hint := diag.DidYouMean(n.Value, enum, "use one of: "+strings.Join(enum, ", "))
		w.fail(n, hint, "%q is not a valid value for %s", n.Value, describe(path))
		return false
	}
	return true
}

func (w *walker) scalarDate(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		w.fail(n, "write a date as YYYY-MM-DD", "%s must be a date, not %s", describe(path), kindName(n))
		return
	}
	d, err := ParseDate(n.Value)
	if err != nil {
		w.fail(n, "write a date as YYYY-MM-DD, such as 2026-03-31", "%s: %v", describe(path), err)
		return
	}
	v.Set(reflect.ValueOf(d))
}

func (w *walker) scalarDuration(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		w.fail(n, "write a duration such as 15m, 4h, 2d or 1w", "%s must be a duration, not %s", describe(path), kindName(n))
		return
	}
	if n.Tag == "!!int" {
		w.fail(n, "write a duration with its unit, such as "+n.Value+"h", "%s: %s is a number; write a duration with its unit", describe(path), n.Value)
		return
	}
	d, err := ParseDuration(n.Value)
	if err != nil {
		w.fail(n, "write a number and a unit: m (minutes), h (hours), d (days) or w (weeks), such as 4h", "%s: %v", describe(path), err)
		return
	}
	v.Set(reflect.ValueOf(d))
}

// join extends a dotted path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// describe turns a path into words for messages.
func describe(path string) string {
	if path == "" {
		return "the top level of the file"
	}
	return path
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return valueName(n)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

func valueName(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return kindName(n)
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:40] + "…"
	}
	switch n.Tag {
	case "!!str":
		return fmt.Sprintf("the text %q", v)
	case "!!int", "!!float":
		return "the number " + v
	case "!!bool":
		return "the boolean " + v
	}
	return fmt.Sprintf("%q", v)
}
