// Package when parses and evaluates the conditions of templates' `when:`
// front matter, such as `.Tech.SoftwareDevelopment` or
// `and (hasRegime "hipaa") (not .Tech.SoftwareDevelopment)`.
//
// A condition is an expression on its own, in the syntax of a text/template
// pipeline: field chains, quoted text, numbers, true, false, parentheses,
// calls of an allowed set of functions, and "|" to pass a value on as the
// last argument. It is never pasted into template source, so it cannot
// close an action or open a loop, and it is evaluated without loops: its
// cost is bounded by its length.
package when

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxLength bounds a condition; real ones are a few dozen characters.
const MaxLength = 1000

// maxDepth bounds the nesting of parentheses.
const maxDepth = 32

// Node is a parsed expression.
type Node interface {
	// Pos is the 0-based byte offset of the node in the condition.
	Pos() int
}

// Field is a chain of field or key names from the data: .A.B.C; an empty
// chain is the data itself (".").
type Field struct {
	Names  []string
	Offset int
}

// Literal is quoted text, a number, true, false or nil.
type Literal struct {
	Value  any
	Offset int
}

// Call is a function applied to arguments.
type Call struct {
	Func   string
	Args   []Node
	Offset int
}

// Pos implements Node.
func (f *Field) Pos() int   { return f.Offset }
func (l *Literal) Pos() int { return l.Offset }
func (c *Call) Pos() int    { return c.Offset }

// String writes the chain as it is written.
func (f *Field) String() string {
	if len(f.Names) == 0 {
		return "."
	}
	return "." + strings.Join(f.Names, ".")
}

// Error is a problem in a condition, at a byte offset in it.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// Expr is a parsed condition.
type Expr struct {
	Src  string
	Root Node
}

// Parse parses a condition. isFunc reports whether a name is a function the
// condition may call; any other name is an error.
func Parse(src string, isFunc func(string) bool) (*Expr, error) {
	if len(src) > MaxLength {
		return nil, &Error{Offset: MaxLength, Msg: fmt.Sprintf("the condition is longer than %d characters", MaxLength)}
	}
	if !utf8.ValidString(src) {
		return nil, &Error{Msg: "the condition is not UTF-8 text"}
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, isFunc: isFunc, end: len(src)}
	if len(toks) == 0 {
		return nil, &Error{Msg: "the condition is empty"}
	}
	root, err := p.pipeline(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("unexpected %s", t)}
	}
	return &Expr{Src: src, Root: root}, nil
}

type tokKind int

const (
	tEOF tokKind = iota
	tField
	tIdent
	tString
	tNumber
	tLParen
	tRParen
	tPipe
)

type token struct {
	kind tokKind
	text string
	val  any
	off  int
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of the condition"
	case tString:
		return "text " + strconv.Quote(t.val.(string))
	}
	return strconv.Quote(t.text)
}

func lex(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			toks = append(toks, token{kind: tLParen, text: "(", off: i})
			i++
		case c == ')':
			toks = append(toks, token{kind: tRParen, text: ")", off: i})
			i++
		case c == '|':
			if strings.HasPrefix(src[i:], "||") {
				return nil, &Error{Offset: i, Msg: `"||" is not an operator here; write or A B`}
			}
			toks = append(toks, token{kind: tPipe, text: "|", off: i})
			i++
		case c == '.' || c == '$':
			j := i
			if c == '$' {
				j++ // $ is the data itself, as in templates
			}
			for j < len(src) && src[j] == '.' {
				k := j + 1
				for k < len(src) && isIdentRune(src[k], k == j+1) {
					k++
				}
				if k == j+1 && (k < len(src) && !isSep(src[k])) {
					return nil, &Error{Offset: j, Msg: "a field name must follow the dot"}
				}
				j = k
			}
			if j < len(src) && !isSep(src[j]) {
				return nil, &Error{Offset: j, Msg: fmt.Sprintf("unexpected %q in a field name", src[j])}
			}
			toks = append(toks, token{kind: tField, text: src[i:j], off: i})
			i = j
		case c == '"' || c == '`':
			j, s, err := quoted(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tString, text: src[i:j], val: s, off: i})
			i = j
		case c == '-' || c == '+' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(src) && (isIdentRune(src[j], false) || src[j] == '.') {
				j++
			}
			v, err := number(src[i:j])
			if err != nil {
				return nil, &Error{Offset: i, Msg: err.Error()}
			}
			toks = append(toks, token{kind: tNumber, text: src[i:j], val: v, off: i})
			i = j
		case isIdentRune(c, true):
			j := i
			for j < len(src) && isIdentRune(src[j], false) {
				j++
			}
			toks = append(toks, token{kind: tIdent, text: src[i:j], off: i})
			i = j
		default:
			r, _ := utf8.DecodeRuneInString(src[i:])
			msg := fmt.Sprintf("unexpected %q", r)
			if c == '{' || c == '}' {
				msg = "a condition has no {{ }}: write it as it would stand inside {{ if ... }}"
			}
			return nil, &Error{Offset: i, Msg: msg}
		}
	}
	return toks, nil
}

func isSep(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == '|'
}

func isIdentRune(c byte, first bool) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && c >= '0' && c <= '9'
}

// quoted reads a quoted string starting at src[i] and returns the offset
// after it.
func quoted(src string, i int) (int, string, error) {
	q := src[i]
	if q == '`' {
		j := strings.IndexByte(src[i+1:], '`')
		if j < 0 {
			return 0, "", &Error{Offset: i, Msg: "the text opened here is not closed with `"}
		}
		return i + 1 + j + 1, src[i+1 : i+1+j], nil
	}
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			s, err := strconv.Unquote(src[i : j+1])
			if err != nil {
				return 0, "", &Error{Offset: i, Msg: "the quoted text has an invalid escape"}
			}
			return j + 1, s, nil
		}
	}
	return 0, "", &Error{Offset: i, Msg: `the text opened here is not closed with "`}
}

func number(s string) (any, error) {
	if n, err := strconv.ParseInt(s, 0, 64); err == nil {
		return int(n), nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, nil
	}
	return nil, fmt.Errorf("%q is not a number", s)
}

type parser struct {
	toks   []token
	i      int
	isFunc func(string) bool
	end    int
}

func (p *parser) peek() token {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return token{kind: tEOF, off: p.end}
}

func (p *parser) next() token {
	t := p.peek()
	if p.i < len(p.toks) {
		p.i++
	}
	return t
}

// pipeline := command ("|" command)*
func (p *parser) pipeline(depth int) (Node, error) {
	if depth > maxDepth {
		return nil, &Error{Offset: p.peek().off, Msg: fmt.Sprintf("parentheses nest more than %d deep", maxDepth)}
	}
	n, err := p.command(depth, false)
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tPipe {
		bar := p.next()
		c, err := p.command(depth, true)
		if err != nil {
			return nil, err
		}
		call, ok := c.(*Call)
		if !ok {
			return nil, &Error{Offset: bar.off, Msg: "after | comes a function, which receives the value as its last argument"}
		}
		call.Args = append(call.Args, n)
		n = call
	}
	return n, nil
}

// command := ident operand* | operand. After a "|", the value before it is
// one more argument.
func (p *parser) command(depth int, piped bool) (Node, error) {
	t := p.peek()
	if t.kind == tIdent && !isConst(t.text) {
		p.next()
		if !p.isFunc(t.text) {
			return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("function %q cannot be used in a when condition", t.text)}
		}
		c := &Call{Func: t.text, Offset: t.off}
		for {
			switch p.peek().kind {
			case tEOF, tRParen, tPipe:
				return c, checkArity(c, piped)
			}
			a, err := p.operand(depth)
			if err != nil {
				return nil, err
			}
			c.Args = append(c.Args, a)
		}
	}
	n, err := p.operand(depth)
	if err != nil {
		return nil, err
	}
	switch k := p.peek(); k.kind {
	case tEOF, tRParen, tPipe:
		return n, nil
	default:
		return nil, &Error{Offset: k.off, Msg: fmt.Sprintf("unexpected %s: only a function takes arguments", k)}
	}
}

func isConst(s string) bool { return s == "true" || s == "false" || s == "nil" }

func (p *parser) operand(depth int) (Node, error) {
	t := p.next()
	switch t.kind {
	case tField:
		return field(t), nil
	case tString, tNumber:
		return &Literal{Value: t.val, Offset: t.off}, nil
	case tIdent:
		switch t.text {
		case "true":
			return &Literal{Value: true, Offset: t.off}, nil
		case "false":
			return &Literal{Value: false, Offset: t.off}, nil
		case "nil":
			return &Literal{Value: nil, Offset: t.off}, nil
		}
		if !p.isFunc(t.text) {
			return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("function %q cannot be used in a when condition", t.text)}
		}
		// A function as an argument takes no arguments of its own, as in
		// templates; (f x) passes some.
		return &Call{Func: t.text, Offset: t.off}, nil
	case tLParen:
		n, err := p.pipeline(depth + 1)
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tRParen {
			return nil, &Error{Offset: t.off, Msg: "the parenthesis opened here is not closed"}
		}
		return n, nil
	}
	return nil, &Error{Offset: t.off, Msg: fmt.Sprintf("unexpected %s", t)}
}

func field(t token) *Field {
	s := strings.TrimPrefix(t.text, "$")
	f := &Field{Offset: t.off}
	for _, name := range strings.Split(strings.TrimPrefix(s, "."), ".") {
		if name != "" {
			f.Names = append(f.Names, name)
		}
	}
	return f
}

// arity is how many arguments the builtins take: at least min, at most max
// (-1 for any number).
var arity = map[string][2]int{
	"not": {1, 1}, "len": {1, 1}, "and": {1, -1}, "or": {1, -1},
	"eq": {2, -1}, "ne": {2, 2}, "lt": {2, 2}, "le": {2, 2}, "gt": {2, 2}, "ge": {2, 2},
}

// checkArity refuses a builtin called with the wrong number of arguments.
// After a "|" one more argument comes from before it.
func checkArity(c *Call, piped bool) error {
	a, ok := arity[c.Func]
	if !ok {
		return nil
	}
	n := len(c.Args)
	if piped {
		n++
	}
	switch {
	case n < a[0]:
		return &Error{Offset: c.Offset, Msg: fmt.Sprintf("%s needs at least %d %s, not %d", c.Func, a[0], plural(a[0]), n)}
	case a[1] >= 0 && n > a[1]:
		return &Error{Offset: c.Offset, Msg: fmt.Sprintf("%s takes %d %s, not %d", c.Func, a[1], plural(a[1]), n)}
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return "argument"
	}
	return "arguments"
}
