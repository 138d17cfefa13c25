package tmpl

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"text/template/parse"
)

// Facts are data, not markup. Like html/template, the library rewrites every
// parsed template so that each printing action ends in an escaper: a name
// such as "<b>*Acme*</b>" reaches the Markdown as literal text and can never
// become a tag, emphasis, a link or a table break. Functions that build
// Markdown on purpose (link, list, md) return the Markdown type, which the
// escaper passes through.

// Markdown is text that is already Markdown and must not be escaped.
type Markdown string

// Names of the functions the rewrite inserts. They start with an underscore
// so that they cannot clash with sprig or domain functions.
const (
	fnEscape    = "_esc"
	fnEscapeBOL = "_escLine"
	fnEscapeRow = "_escCell"
	fnRange     = "_range"
	fnCall      = "_call"
)

// escapeText escapes s for Markdown running text. It keeps paragraph breaks
// and neutralises every character that could start inline markup. Block
// markers matter only at the start of a line: on every line after the first,
// and on the first when the value itself starts the line (lineStart).
func escapeText(s string, lineStart bool) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i > 0 || lineStart {
			// Leading blanks would turn a line into a code block.
			line = strings.TrimLeft(line, " \t")
			escapeLineStart(&b, &line)
		}
		escapeInline(&b, line)
	}
	return b.String()
}

// escapeCell escapes s for a table cell, where a line break would end the
// row: whitespace runs, including newlines, become single spaces. Cells hold
// only inline content, so block markers need no escaping.
func escapeCell(s string) string {
	var b strings.Builder
	body := strings.Join(strings.Fields(s), " ")
	// Keep one blank at either end: the value may follow or precede text
	// in the same cell, as in "channels{{ $x }}".
	if body != "" && strings.TrimLeft(s, " \t\n") != s {
		b.WriteByte(' ')
	}
	escapeInline(&b, body)
	if body != "" && strings.TrimRight(s, " \t\n") != s {
		b.WriteByte(' ')
	}
	return b.String()
}

// escapeLineStart escapes a block marker at the start of line (heading,
// quote, list item, setext underline, thematic break) and removes it from
// line.
func escapeLineStart(b *strings.Builder, line *string) {
	s := *line
	if s == "" {
		return
	}
	followedByBlank := func(i int) bool { return i >= len(s) || s[i] == ' ' || s[i] == '\t' }
	// Any of these can start a heading, quote, list item, setext underline,
	// thematic break or table delimiter row; the backslash costs nothing.
	if strings.IndexByte("#>-+=:", s[0]) >= 0 {
		b.WriteByte('\\')
		b.WriteByte(s[0])
		*line = s[1:]
		return
	}
	// An ordered list marker: up to nine digits, "." or ")", then a blank.
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && followedByBlank(i+1) {
		b.WriteString(s[:i])
		b.WriteByte('\\')
		b.WriteByte(s[i])
		*line = s[i+1:]
		return
	}
	// A list marker of letters or roman numerals: "a. ", "iv) ", "(b) ".
	// Escaping any run of letters is harmless and simpler than telling
	// roman numerals apart.
	open := s[0] == '('
	j := 0
	if open {
		j = 1
	}
	k := j
	for k < len(s) && k-j < 12 && (s[k]|0x20 >= 'a' && s[k]|0x20 <= 'z') {
		k++
	}
	if k == j || k >= len(s) || !followedByBlank(k+1) {
		return
	}
	switch {
	case open && s[k] == ')':
		b.WriteString("\\(")
		*line = s[1:]
	case !open && (s[k] == '.' || s[k] == ')'):
		b.WriteString(s[:k])
		b.WriteByte('\\')
		b.WriteByte(s[k])
		*line = s[k+1:]
	}
}

// escapeInline escapes s so that no character starts inline markup. URLs and
// e-mail addresses become CommonMark autolinks, whose content is never parsed
// as markup; escaping inside them would cut the link short.
func escapeInline(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		if i == 0 || s[i-1] == ' ' || s[i-1] == '\n' {
			if n := linkToken(s[i:]); n > 0 {
				b.WriteByte('<')
				b.WriteString(s[i : i+n])
				b.WriteByte('>')
				i += n
				continue
			}
		}
		switch c := s[i]; c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
		i++
	}
}

// emailAddr is a conservative e-mail address: stricter than CommonMark's
// autolink rule, so that no parser reads "<...>" as raw HTML instead.
var emailAddr = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9._%+-]*@[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*\.[a-zA-Z]{2,}$`)

// linkToken returns the length of the URL or e-mail address that starts s,
// without trailing punctuation, or 0. It never spans blanks, angle brackets
// or pipes, so it cannot leave an autolink or break a table row.
func linkToken(s string) int {
	// Most words are neither URLs nor addresses: decide that cheaply.
	if len(s) < 6 {
		return 0
	}
	switch s[0] | 0x20 {
	case 'h', 'm':
	default:
		if !strings.ContainsRune(s[:min(len(s), 320)], '@') {
			return 0
		}
	}
	end := strings.IndexAny(s, " \n<>|\\`")
	if end < 0 {
		end = len(s)
	}
	tok := strings.TrimRight(s[:end], ".,;:!?'\"*_~)")
	if strings.IndexFunc(tok, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		return 0 // autolinks cannot hold control characters
	}
	lower := strings.ToLower(tok[:min(len(tok), 8)])
	switch {
	case strings.HasPrefix(lower, "https://") && len(tok) > len("https://"),
		strings.HasPrefix(lower, "http://") && len(tok) > len("http://"),
		strings.HasPrefix(lower, "mailto:") && len(tok) > len("mailto:"):
		return len(tok)
	case strings.IndexByte(tok, '@') > 0 && emailAddr.MatchString(tok):
		return len(tok)
	}
	return 0
}

// printable turns a value an action prints into text, refusing values that
// would print as Go syntax: a nil prints "<no value>" and a list prints
// "[a b]", both of which would read as blanks in a policy.
func printable(v any) (string, bool, error) {
	switch x := v.(type) {
	case nil:
		return "", false, fmt.Errorf("the value is missing (nil); use `with` or `default` to handle an absent fact")
	case Markdown:
		return string(x), true, nil
	case string:
		return x, false, nil
	case fmt.Stringer:
		return x.String(), false, nil
	case error:
		return x.Error(), false, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64, reflect.String:
		return fmt.Sprint(v), false, nil
	case reflect.Pointer:
		if rv.IsNil() {
			return "", false, fmt.Errorf("the value is missing (nil pointer)")
		}
		return printable(rv.Elem().Interface())
	case reflect.Slice, reflect.Array:
		return "", false, fmt.Errorf("cannot print a list directly; use `range`, `join \", \"` or `sentence`")
	case reflect.Map:
		return "", false, fmt.Errorf("cannot print a mapping directly; print one of its keys")
	case reflect.Struct:
		return "", false, fmt.Errorf("cannot print a %s directly; print one of its fields", rv.Type().Name())
	}
	return fmt.Sprint(v), false, nil
}

// escaper contexts, decided from the text before the action.
type escContext int

const (
	inLine escContext = iota
	atLineStart
	inCell
)

func escFunc(ctx escContext) func(any) (string, error) {
	return func(v any) (string, error) {
		s, raw, err := printable(v)
		if err != nil || raw {
			return s, err
		}
		if ctx == inCell {
			return escapeCell(s), nil
		}
		return escapeText(s, ctx == atLineStart), nil
	}
}

// rewrite walks a parsed template and inserts the escapers and the guards.
// text is the Markdown written so far along the walk; it tells whether an
// action sits in a table row.
type rewriter struct {
	tree *parse.Tree
	text string
}

func rewriteTree(t *parse.Tree) {
	if t == nil || t.Root == nil {
		return
	}
	r := &rewriter{tree: t}
	r.list(t.Root)
}

func (r *rewriter) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		r.node(n)
	}
}

func (r *rewriter) node(n parse.Node) {
	switch x := n.(type) {
	case *parse.TextNode:
		r.text = lastLine(r.text + string(x.Text))
	case *parse.ActionNode:
		if len(x.Pipe.Decl) == 0 && !x.Pipe.IsAssign {
			fn := fnEscape
			switch line := strings.TrimLeft(r.text, " \t"); {
			case strings.HasPrefix(line, "|"):
				fn = fnEscapeRow
			case line == "":
				fn = fnEscapeBOL
			}
			r.appendCmd(x.Pipe, fn)
			// The action prints something, so what follows is not at the
			// start of a line.
			r.text += "\x00"
		}
	case *parse.IfNode:
		r.branch(&x.BranchNode)
	case *parse.WithNode:
		r.branch(&x.BranchNode)
	case *parse.RangeNode:
		r.appendCmd(x.Pipe, fnRange)
		r.branch(&x.BranchNode)
	case *parse.TemplateNode:
		r.text += "\x00"
		if x.Pipe == nil {
			x.Pipe = &parse.PipeNode{NodeType: parse.NodePipe, Pos: x.Position(), Line: x.Line}
		}
		r.appendCmd(x.Pipe, fnCall)
	case *parse.ListNode:
		r.list(x)
	}
}

func (r *rewriter) branch(b *parse.BranchNode) {
	before := r.text
	r.list(b.List)
	r.text = before
	r.list(b.ElseList)
}

func (r *rewriter) appendCmd(p *parse.PipeNode, fn string) {
	id := parse.NewIdentifier(fn).SetTree(r.tree).SetPos(p.Position())
	p.Cmds = append(p.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: p.Position(), Args: []parse.Node{id}})
}

// lastLine keeps only what follows the last newline: all the escaper needs.
func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
