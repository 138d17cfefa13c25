package tmpl

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"
)

// The output limit bounds what a template prints, not what it computes: a
// loop that doubles a string with replace and prints nothing ran the
// process out of memory. Every function that returns text, a list or a map
// is therefore charged what it builds, against a budget per execution;
// functions whose result can be far larger than their arguments (repeat,
// replace, indent, join, regexReplaceAll, ...) are checked before they run.
// Past the budget, the call fails with an error that names the function,
// at its line. The budget also bounds time: every byte built was paid for.

// DefaultMaxBuilt is the budget of one execution, in bytes. The built-in
// templates build a few hundred kilobytes per document, the SoA the most.
const DefaultMaxBuilt = 64 << 20

// budget counts what one execution's functions built.
type budget struct {
	used, max int
}

// budgetErr is a call stopped by the budget.
type budgetErr struct {
	fn       string
	max      int
	asked    int
	precheck bool
}

// Error leaves the function out: text/template names it before the message.
func (b *budgetErr) Error() string {
	if b.precheck {
		return fmt.Sprintf("it would build %d bytes, past the %d bytes that the functions of one template may build", b.asked, b.max)
	}
	return fmt.Sprintf("the functions of this template built more than %d bytes, the limit", b.max)
}

// Hint says how to fix it.
func (b *budgetErr) Hint() string {
	return "look for a value that grows in a loop, such as replace, cat or printf inside a range, or a repeat or indent of a long text"
}

// charge records n bytes built by fn.
func (b *budget) charge(fn string, n int) error {
	b.used += n
	if b.used > b.max || n < 0 {
		return &budgetErr{fn: fn, max: b.max}
	}
	return nil
}

// allow refuses, before it runs, a call that would build n bytes.
func (b *budget) allow(fn string, n int) error {
	if n < 0 || n > b.max-b.used {
		return &budgetErr{fn: fn, max: b.max, asked: n, precheck: true}
	}
	return nil
}

// sizeOf estimates the bytes a function's result took to build: text by
// its length, lists and maps by their entries. Entries are not followed:
// what they hold was charged when it was built.
func sizeOf(v reflect.Value) int {
	for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() {
		return 0
	}
	switch v.Kind() {
	case reflect.String:
		return v.Len()
	case reflect.Slice, reflect.Array:
		return 16 * v.Len()
	case reflect.Map:
		return 48 * v.Len()
	}
	return 0
}

// growth returns, for the functions whose result can be much larger than
// their arguments, how large it can be, from the arguments.
var growth = map[string]func(args []reflect.Value) int{
	"repeat": func(a []reflect.Value) int { return mulSize(intArg(a, 0), strLen(a, 1)) },
	"replace": func(a []reflect.Value) int {
		old, nw, s := strArg(a, 0), strArg(a, 1), strArg(a, 2)
		if len(nw) <= len(old) {
			return len(s)
		}
		n := utf8.RuneCountInString(s) + 1
		if old != "" {
			n = strings.Count(s, old)
		}
		return len(s) + mulSize(n, len(nw)-len(old))
	},
	"indent":  func(a []reflect.Value) int { return indentSize(a) },
	"nindent": func(a []reflect.Value) int { return indentSize(a) + 1 },
	"join": func(a []reflect.Value) int {
		n := 0
		if len(a) > 1 {
			if v := indirectValue(a[1]); v.IsValid() && (v.Kind() == reflect.Slice || v.Kind() == reflect.Array) {
				n = v.Len()
			}
		}
		return mulSize(n, strLen(a, 0))
	},
	"wrapWith":                   func(a []reflect.Value) int { return strLen(a, 2) + mulSize(strLen(a, 2)+1, strLen(a, 1)) },
	"regexReplaceAll":            regexGrowth,
	"mustRegexReplaceAll":        regexGrowth,
	"regexReplaceAllLiteral":     regexGrowth,
	"mustRegexReplaceAllLiteral": regexGrowth,
}

func indentSize(a []reflect.Value) int {
	s := strArg(a, 1)
	return len(s) + mulSize(intArg(a, 0), strings.Count(s, "\n")+1)
}

// regexGrowth bounds regexReplaceAll(regex, s, repl): every match, at most
// one per position, is replaced by repl, whose $ references each expand
// to text of s.
func regexGrowth(a []reflect.Value) int {
	s, repl := strArg(a, 1), strArg(a, 2)
	return len(s) + mulSize(len(s)+1, len(repl)) + mulSize(strings.Count(repl, "$"), len(s))
}

// mulSize multiplies sizes without overflow: anything past 1<<40 is "too
// much" anyway.
func mulSize(a, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	if a != 0 && b > (1<<40)/a {
		return 1 << 40
	}
	return a * b
}

func indirectValue(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && !v.IsNil() {
		v = v.Elem()
	}
	return v
}

func strArg(a []reflect.Value, i int) string {
	if i < len(a) {
		if v := indirectValue(a[i]); v.IsValid() && v.Kind() == reflect.String {
			return v.String()
		}
	}
	return ""
}

func strLen(a []reflect.Value, i int) int { return len(strArg(a, i)) }

func intArg(a []reflect.Value, i int) int {
	if i < len(a) {
		if v := indirectValue(a[i]); v.IsValid() && v.CanInt() {
			return int(max(v.Int(), -1))
		}
	}
	return 0
}

// formatting functions print their arguments with fmt, which prints a
// pointer inside a value as its memory address: different on every run.
var formatting = map[string]bool{
	"print": true, "println": true, "printf": true, "cat": true, "toString": true, "join": true,
	"quote": true, "squote": true, "toStrings": true, "sortAlpha": true,
}

// plainArg refuses values fmt would print as Go syntax with addresses:
// pointers and structs without a String method, functions and channels.
// Text, numbers, booleans, dates and lists or maps of them are fine.
func plainArg(v reflect.Value, depth int) error {
	if !v.IsValid() || depth > 8 {
		return nil
	}
	if v.CanInterface() {
		switch v.Interface().(type) {
		case fmt.Stringer, error:
			return nil
		}
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return plainArg(v.Elem(), depth)
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return fmt.Errorf("cannot format a %s; format one of its fields", v.Type().Elem())
	case reflect.Struct:
		return fmt.Errorf("cannot format a %s; format one of its fields", v.Type())
	case reflect.Func, reflect.Chan, reflect.UnsafePointer, reflect.Uintptr:
		return fmt.Errorf("cannot format a %s", v.Kind())
	case reflect.Slice, reflect.Array:
		for i := range min(v.Len(), 10_000) {
			if err := plainArg(v.Index(i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for n := 0; it.Next() && n < 10_000; n++ {
			if err := plainArg(it.Value(), depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// budgeted returns the functions of base that build values, wrapped to
// charge the execution's budget. The wrappers are made per execution, so
// that parallel executions never share a budget, and only for the
// functions the templates call (used): the others keep their unbound
// versions, which nothing calls.
func budgeted(base template.FuncMap, used []string, b *budget) template.FuncMap {
	out := make(template.FuncMap, len(used))
	for _, name := range used {
		fn, ok := base[name]
		if !ok {
			continue
		}
		if w := wrapBuilder(name, fn, b); w != nil {
			out[name] = w
		}
	}
	return out
}

// calledFuncs adds to set the names of the functions a parsed template
// calls.
func calledFuncs(t *parse.Tree, set map[string]bool) {
	if t == nil {
		return
	}
	inspect(t.Root, func(n parse.Node) {
		if id, ok := n.(*parse.IdentifierNode); ok {
			set[id.Ident] = true
		}
	})
}

func sortedNames(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

var (
	errType   = reflect.TypeFor[error]()
	valueType = reflect.TypeFor[reflect.Value]()
)

// selectors return one of their arguments, or a part of one, as it is:
// they build nothing, so they are not charged.
var selectors = map[string]bool{
	"default": true, "first": true, "last": true, "mustFirst": true, "mustLast": true, "coalesce": true,
	"ternary": true, "dig": true, "get": true, "slice": true, "mustSlice": true,
}

// wrapBuilder wraps one function, or returns nil when it builds nothing
// (a test, a number, a selector).
func wrapBuilder(name string, fn any, b *budget) any {
	if _, blocked := blocked[name]; blocked || selectors[name] {
		return nil
	}
	pre := growth[name]
	check := formatting[name]
	// The commonest signatures get a closure; the rest go through reflect.
	if pre == nil && !check {
		switch f := fn.(type) {
		case func(string) string:
			return func(s string) (string, error) { r := f(s); return r, b.charge(name, len(r)) }
		case func(string, string) string:
			return func(x, y string) (string, error) { r := f(x, y); return r, b.charge(name, len(r)) }
		case func(int, string) string:
			return func(n int, s string) (string, error) { r := f(n, s); return r, b.charge(name, len(r)) }
		case func(interface{}) []interface{}:
			return func(v interface{}) ([]interface{}, error) { r := f(v); return r, b.charge(name, 16*len(r)) }
		case func(interface{}, interface{}) []interface{}:
			return func(x, y interface{}) ([]interface{}, error) { r := f(x, y); return r, b.charge(name, 16*len(r)) }
		case func(...interface{}) []interface{}:
			return func(v ...interface{}) ([]interface{}, error) { r := f(v...); return r, b.charge(name, 16*len(r)) }
		case func(...interface{}) map[string]interface{}:
			return func(v ...interface{}) (map[string]interface{}, error) {
				r := f(v...)
				return r, b.charge(name, 48*len(r))
			}
		case func(map[string]interface{}, string, interface{}) map[string]interface{}:
			// set changes the map in place: one entry more at most.
			return func(m map[string]interface{}, k string, v interface{}) (map[string]interface{}, error) {
				return f(m, k, v), b.charge(name, 48)
			}
		}
	}
	fv := reflect.ValueOf(fn)
	t := fv.Type()
	if t.Kind() != reflect.Func || t.NumOut() == 0 || t.NumOut() > 2 || t.NumOut() == 2 && t.Out(1) != errType {
		return nil
	}
	switch t.Out(0).Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Interface, reflect.Array:
	default:
		if !check {
			return nil
		}
	}
	if t.Out(0) == valueType {
		return nil
	}
	outs := []reflect.Type{t.Out(0), errType}
	ins := make([]reflect.Type, t.NumIn())
	for i := range ins {
		ins[i] = t.In(i)
	}
	wt := reflect.FuncOf(ins, outs, t.IsVariadic())
	return reflect.MakeFunc(wt, func(args []reflect.Value) []reflect.Value {
		fail := func(err error) []reflect.Value {
			return []reflect.Value{reflect.Zero(outs[0]), reflect.ValueOf(&err).Elem()}
		}
		if check {
			for _, a := range args {
				if err := plainArg(a, 0); err != nil {
					return fail(err)
				}
			}
		}
		if pre != nil {
			if err := b.allow(name, pre(args)); err != nil {
				return fail(err)
			}
		}
		var res []reflect.Value
		if t.IsVariadic() {
			res = fv.CallSlice(args)
		} else {
			res = fv.Call(args)
		}
		if len(res) == 2 && !res[1].IsNil() {
			return res
		}
		if err := b.charge(name, sizeOf(res[0])); err != nil {
			return fail(err)
		}
		return []reflect.Value{res[0], reflect.Zero(errType)}
	}).Interface()
}

// funcs binds the functions of one execution: the base functions it calls
// charged to a fresh budget, the domain functions and the guards.
func (e *execution) funcs(base template.FuncMap, used []string) (template.FuncMap, template.FuncMap, template.FuncMap) {
	max := e.lim.MaxBuilt
	if max == 0 {
		max = DefaultMaxBuilt
	}
	return budgeted(base, used, &budget{max: max}), domainFuncs(e), guardFuncs(e)
}
