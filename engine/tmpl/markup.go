package tmpl

import (
	"fmt"
	"strings"
	"text/template/parse"

	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// The functions that build Markdown on purpose (link, linkAs, mailto,
// bullets) embed facts in markup. Each escapes what it embeds for the exact
// place it goes, so that no fact can become markup through them; md takes
// only text written in the template itself.

// escapeLinkText escapes s for the text of a link: inline markup is
// escaped, blanks collapse, and unlike running text no URL becomes an
// autolink, since a link inside a link's text would take its place.
func escapeLinkText(s string) string {
	var b strings.Builder
	for _, c := range []byte(strings.Join(strings.Fields(s), " ")) {
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!', '(', ')':
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// escapeItem escapes s for one item of a bullet list: one line, whose
// start cannot open a heading, quote, nested list or code block.
func escapeItem(s string) string {
	var b strings.Builder
	line := strings.Join(strings.Fields(s), " ")
	markdown.EscapeLineStart(&b, &line)
	markdown.EscapeInline(&b, line)
	return b.String()
}

// safeFragment reports whether an anchor can follow "#" in a link
// destination as it is: heading IDs are words joined by hyphens.
func safeFragment(f string) bool {
	for _, r := range f {
		if r <= ' ' || strings.ContainsRune("()<>[]\\`\"'|#%", r) || r == 0x7f {
			return false
		}
	}
	return true
}

// mailto links a person's name to their e-mail address, or prints the name
// when there is none. The address was checked when the facts were loaded;
// it is checked again here, so that no path can put a crafted address
// into a link.
func mailto(p facts.Person) (Markdown, error) {
	if p.Email == "" {
		return Markdown(escapeItem(p.Name)), nil
	}
	if !facts.IsEmail(p.Email) {
		return "", errHint("write one address, such as jane@example.com, under people in isms.yaml", "%q is not an e-mail address", p.Email)
	}
	return Markdown("[" + escapeLinkText(p.Name) + "](mailto:" + p.Email + ")"), nil
}

// checkMarkdownLiterals refuses md with anything but quoted text written in
// the template: md passes Markdown (and, with output.raw_html, HTML)
// through unescaped, so a fact must never reach it.
func checkMarkdownLiterals(t *parse.Tree) error {
	var err error
	inspect(t.Root, func(n parse.Node) {
		if err != nil {
			return
		}
		switch x := n.(type) {
		case *parse.PipeNode:
			for i, c := range x.Cmds {
				if len(c.Args) == 0 || !isIdent(c.Args[0], "md") {
					continue
				}
				// In a pipeline, the previous command's result is md's
				// last argument: never template text.
				literal := i == 0 && len(c.Args) == 2
				if literal {
					_, literal = c.Args[1].(*parse.StringNode)
				}
				if !literal {
					loc, _ := t.ErrorContext(c)
					err = &mdErr{loc: loc}
					return
				}
			}
		case *parse.CommandNode:
			// md as an argument, as in (md .Org.Name) or printf "%s" md.
			for _, a := range x.Args[1:] {
				if isIdent(a, "md") {
					loc, _ := t.ErrorContext(a)
					err = &mdErr{loc: loc}
					return
				}
			}
		}
	})
	return err
}

func isIdent(n parse.Node, name string) bool {
	id, ok := n.(*parse.IdentifierNode)
	return ok && id.Ident == name
}

// mdErr is a call of md on something other than quoted template text.
type mdErr struct{ loc string }

func (m *mdErr) Error() string {
	return fmt.Sprintf("template: %s: md takes only quoted text written in the template, never a fact or a computed value", m.loc)
}

// Hint says how to fix it.
func (m *mdErr) Hint() string {
	return "write the Markdown into the template as it is, or print the value without md so that it is escaped"
}
