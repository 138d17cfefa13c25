package tmpl

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/ismsforge/ismsforge/engine/markdown"
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

// escapeText and escapeCell are markdown.EscapeText and
// markdown.EscapeCell: one escaper for the templates and for the pages Go
// code writes.
func escapeText(s string, lineStart bool) string { return markdown.EscapeText(s, lineStart) }

func escapeCell(s string) string { return markdown.EscapeCell(s) }

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

// escaper returns the escaper for a context. The rewrite passes it the
// number of the action's site first, so that the writer can tell which
// action wrote the text that follows, and which fact it printed.
func (e *execution) escaper(ctx escContext) func(int, any) (string, error) {
	return func(site int, v any) (string, error) {
		s, raw, err := printable(v)
		if err != nil {
			return s, err
		}
		if e.rec != nil {
			e.rec.printing(site, v)
		}
		if raw {
			return s, nil
		}
		if ctx == inCell {
			return escapeCell(s), nil
		}
		return escapeText(s, ctx == atLineStart), nil
	}
}

// rewrite walks a parsed template and inserts the escapers and the guards.
// text is the Markdown written so far along the walk; it tells whether an
// action sits in a table row. Every text node and printing action is
// recorded in sites; an action's number there is passed to its escaper.
type rewriter struct {
	tree  *parse.Tree
	text  string
	sites *siteTable
}

func rewriteTree(t *parse.Tree, sites *siteTable) {
	if t == nil || t.Root == nil {
		return
	}
	r := &rewriter{tree: t, sites: sites}
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
		r.sites.text(x)
	case *parse.ActionNode:
		if len(x.Pipe.Decl) == 0 && !x.Pipe.IsAssign {
			fn := fnEscape
			switch line := strings.TrimLeft(r.text, " \t"); {
			case strings.HasPrefix(line, "|"):
				fn = fnEscapeRow
			case line == "":
				fn = fnEscapeBOL
			}
			site := r.sites.action(x)
			num := &parse.NumberNode{NodeType: parse.NodeNumber, Pos: x.Position(), IsInt: true, Int64: int64(site), Text: strconv.Itoa(site)}
			r.appendCmd(x.Pipe, fn, num)
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

func (r *rewriter) appendCmd(p *parse.PipeNode, fn string, args ...parse.Node) {
	id := parse.NewIdentifier(fn).SetTree(r.tree).SetPos(p.Position())
	p.Cmds = append(p.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: p.Position(), Args: append([]parse.Node{id}, args...)})
}

// lastLine keeps only what follows the last newline: all the escaper needs.
func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
