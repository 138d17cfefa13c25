package facts

import (
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// FillMark marks a fact a starter leaves for the organization to supply.
// It takes two forms, so that no placeholder ever sits where a value has a
// form the facts check (a number, a duration, a date, an e-mail address):
//
//	industry: "FILL: your industry in a few words"
//	screen_lock:   # FILL duration: how long an unattended device waits
//
// Text to write is a string that starts with "FILL:". A value with a form is
// a key written without a value, whose comment starts with "FILL", names
// the form, a colon, and what to write.
const FillMark = "FILL"

// Placeholder is a fact a starter left for the organization to supply.
type Placeholder struct {
	Pos diag.Pos
	// Key is the key the value belongs to ("industry", "screen_lock").
	Key string
	// What says what to write; Form is the form a blank value takes
	// ("duration", "one of monthly, quarterly"), empty for text.
	What string
	Form string
	// Blank reports a key written without a value; otherwise the
	// placeholder is text that starts with "FILL:".
	Blank bool
}

// Placeholders calls fn for every placeholder still in the file, in the
// order they are written.
func (f *Facts) Placeholders(fn func(Placeholder)) {
	if f.origin == nil || f.origin.root == nil {
		return
	}
	at := func(n *yaml.Node) diag.Pos { return diag.Pos{File: f.origin.file, Line: n.Line, Col: n.Column} }
	seen := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node, key string)
	walk = func(n *yaml.Node, key string) {
		if n == nil || seen[n] {
			return
		}
		seen[n] = true
		switch n.Kind {
		case yaml.ScalarNode:
			if what, ok := FillText(n.Value); ok && n.Tag == "!!str" {
				fn(Placeholder{Pos: at(n), Key: key, What: what})
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if isNull(v) || isEmptyCollection(v) {
					c := k.LineComment
					if c == "" {
						c = v.LineComment
					}
					if form, what, ok := fillComment(c); ok {
						fn(Placeholder{Pos: at(k), Key: k.Value, What: what, Form: form, Blank: true})
					}
				}
				walk(v, k.Value)
			}
		default:
			for _, c := range n.Content {
				walk(c, key)
			}
		}
	}
	walk(f.origin.root, "")
}

// FillText reports whether s is placeholder text, and what it asks for.
func FillText(s string) (what string, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), FillMark+":")
	return strings.TrimSpace(rest), ok
}

// fillComment reads a comment "# FILL form: what".
func fillComment(c string) (form, what string, ok bool) {
	c = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c), "#"))
	rest, ok := strings.CutPrefix(c, FillMark)
	if !ok || (rest != "" && rest[0] != ' ' && rest[0] != ':') {
		return "", "", false
	}
	form, what, found := strings.Cut(rest, ":")
	if !found {
		return strings.TrimSpace(rest), "", true
	}
	return strings.TrimSpace(form), strings.TrimSpace(what), true
}

func isEmptyCollection(n *yaml.Node) bool {
	return (n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode) && len(n.Content) == 0
}
