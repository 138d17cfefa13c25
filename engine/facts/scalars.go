package facts

import (
	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// Scalars calls fn with every value written in the facts file, keys of
// free-form mappings included, and where it is written. Checks that look at
// text whatever its place in the schema (which characters it uses, say)
// walk the file this way, so that each finding points at the value.
func (f *Facts) Scalars(fn func(pos diag.Pos, value string)) {
	if f.origin == nil || f.origin.root == nil {
		return
	}
	seen := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		if n.Kind == yaml.ScalarNode {
			fn(diag.Pos{File: f.origin.file, Line: n.Line, Col: n.Column}, n.Value)
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(f.origin.root)
}
