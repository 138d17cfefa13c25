package markdown

import "strings"

// Escape makes text literal in Markdown running text or a table cell, for
// Markdown that Go code writes (framework mappings, the open-actions page):
// whitespace runs become single spaces and every character that could start
// inline markup, a table break or an HTML tag is backslash-escaped.
// Templates use the context-aware escaper of package tmpl instead.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if strings.ContainsRune("\\`*_[]<>|~&!#", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
