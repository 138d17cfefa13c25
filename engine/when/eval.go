package when

import (
	"errors"
	"fmt"
	"reflect"
)

// Builtins are the functions every condition may call, besides those the
// caller provides: the logic and comparison functions of text/template.
var Builtins = []string{"and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "len"}

// IsBuiltin reports whether name is one of Builtins.
func IsBuiltin(name string) bool {
	for _, b := range Builtins {
		if b == name {
			return true
		}
	}
	return false
}

// Check verifies every field chain against the type of the data the
// condition will see, so that a misspelled field is an error whatever the
// facts say. Chains that pass through a free-form map are checked only up
// to the map; their keys are known only when the condition runs.
func (e *Expr) Check(root reflect.Type) error {
	var err error
	walk(e.Root, func(n Node) {
		f, ok := n.(*Field)
		if !ok || err != nil {
			return
		}
		t := root
		for i, name := range f.Names {
			for t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			switch t.Kind() {
			case reflect.Struct:
				if sf, ok := t.FieldByName(name); ok && sf.IsExported() {
					t = sf.Type
					continue
				}
				if m, ok := reflect.PointerTo(t).MethodByName(name); ok && m.Type.NumIn() == 1 && m.Type.NumOut() >= 1 {
					t = m.Type.Out(0)
					continue
				}
				err = &Error{Offset: f.Offset, Msg: fmt.Sprintf("%s has no field %s", (&Field{Names: f.Names[:i]}).String(), name)}
				return
			case reflect.Map:
				if t.Key().Kind() != reflect.String {
					err = &Error{Offset: f.Offset, Msg: fmt.Sprintf("%s cannot be read by name", (&Field{Names: f.Names[:i]}).String())}
					return
				}
				t = t.Elem()
			case reflect.Interface:
				return // free-form: checked when the condition runs
			default:
				err = &Error{Offset: f.Offset, Msg: fmt.Sprintf("%s is a %s and has no field %s", (&Field{Names: f.Names[:i]}).String(), t.Kind(), name)}
				return
			}
		}
	})
	return err
}

func walk(n Node, fn func(Node)) {
	fn(n)
	if c, ok := n.(*Call); ok {
		for _, a := range c.Args {
			walk(a, fn)
		}
	}
}

// Env is what a condition runs against.
type Env struct {
	// Data is the value fields are read from.
	Data any
	// Funcs are the functions besides the builtins, by name.
	Funcs map[string]any
	// Missing, when set, is told of every field chain that reached a key
	// the data does not have, or crossed a missing value, and of every
	// function that returned a MissingError; the value then reads as nil,
	// which is false. what names the chain or the call, off is its offset.
	Missing func(what string, off int)
}

// MissingError is what a function returns when the data lacks what it was
// asked for and the condition should read it as nil rather than fail.
type MissingError struct{ What string }

func (m *MissingError) Error() string { return m.What + " is missing" }

// Eval runs the condition and reports whether it holds, with the truth of
// text/template's if: false, 0, "", nil and empty lists and maps are false.
func (e *Expr) Eval(env Env) (ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			ok, err = false, fmt.Errorf("the condition failed: %v", r)
		}
	}()
	v, err := eval(e.Root, env)
	if err != nil {
		return false, err
	}
	return truth(v), nil
}

func eval(n Node, env Env) (reflect.Value, error) {
	switch x := n.(type) {
	case *Literal:
		return reflect.ValueOf(x.Value), nil
	case *Field:
		return readField(x, env)
	case *Call:
		return call(x, env)
	}
	return reflect.Value{}, fmt.Errorf("unknown node %T", n)
}

func readField(f *Field, env Env) (reflect.Value, error) {
	v := reflect.ValueOf(env.Data)
	for i, name := range f.Names {
		v = indirect(v)
		if !v.IsValid() {
			return missing(f, env)
		}
		switch v.Kind() {
		case reflect.Struct:
			if sf, ok := v.Type().FieldByName(name); ok && sf.IsExported() {
				v = v.FieldByIndex(sf.Index)
				continue
			}
			m := v.MethodByName(name)
			if !m.IsValid() && v.CanAddr() {
				m = v.Addr().MethodByName(name)
			}
			if !m.IsValid() {
				return reflect.Value{}, fmt.Errorf("%s has no field %s", (&Field{Names: f.Names[:i]}).String(), name)
			}
			out, err := callValue(m, nil, name)
			if err != nil {
				return reflect.Value{}, err
			}
			v = out
		case reflect.Map:
			if v.Type().Key().Kind() != reflect.String {
				return reflect.Value{}, fmt.Errorf("%s cannot be read by name", (&Field{Names: f.Names[:i]}).String())
			}
			e := v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key()))
			if !e.IsValid() {
				return missing(f, env)
			}
			v = e
		default:
			return reflect.Value{}, fmt.Errorf("%s is %s and has no field %s", (&Field{Names: f.Names[:i]}).String(), describe(v), name)
		}
	}
	return v, nil
}

func missing(f *Field, env Env) (reflect.Value, error) {
	if env.Missing != nil {
		env.Missing(f.String(), f.Offset)
	}
	return reflect.Value{}, nil
}

// indirect follows pointers and interfaces; a nil gives the invalid Value.
func indirect(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

func describe(v reflect.Value) string {
	if !v.IsValid() {
		return "nothing"
	}
	switch v.Kind() {
	case reflect.String:
		return "text"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Bool:
		return "true or false"
	}
	if v.CanInt() || v.CanUint() || v.CanFloat() {
		return "a number"
	}
	return "a " + v.Kind().String()
}

func call(c *Call, env Env) (reflect.Value, error) {
	switch c.Func {
	case "and", "or":
		if len(c.Args) == 0 {
			return reflect.Value{}, fmt.Errorf("%s needs at least one argument", c.Func)
		}
		var v reflect.Value
		for _, a := range c.Args {
			var err error
			if v, err = eval(a, env); err != nil {
				return v, err
			}
			if truth(v) == (c.Func == "or") {
				return v, nil
			}
		}
		return v, nil
	}
	args := make([]reflect.Value, len(c.Args))
	for i, a := range c.Args {
		v, err := eval(a, env)
		if err != nil {
			return v, err
		}
		args[i] = v
	}
	switch c.Func {
	case "not":
		if len(args) != 1 {
			return reflect.Value{}, fmt.Errorf("not takes one argument, not %d", len(args))
		}
		return reflect.ValueOf(!truth(args[0])), nil
	case "len":
		if len(args) != 1 {
			return reflect.Value{}, fmt.Errorf("len takes one argument, not %d", len(args))
		}
		v := indirect(args[0])
		switch v.Kind() {
		case reflect.String, reflect.Slice, reflect.Array, reflect.Map:
			return reflect.ValueOf(v.Len()), nil
		}
		return reflect.Value{}, fmt.Errorf("len of %s", describe(v))
	case "eq", "ne":
		if len(args) < 2 || c.Func == "ne" && len(args) != 2 {
			return reflect.Value{}, fmt.Errorf("%s needs two arguments", c.Func)
		}
		for _, b := range args[1:] {
			same, err := equal(args[0], b)
			if err != nil {
				return reflect.Value{}, err
			}
			if same {
				return reflect.ValueOf(c.Func == "eq"), nil
			}
		}
		return reflect.ValueOf(c.Func == "ne"), nil
	case "lt", "le", "gt", "ge":
		if len(args) != 2 {
			return reflect.Value{}, fmt.Errorf("%s needs two arguments", c.Func)
		}
		d, err := compare(args[0], args[1])
		if err != nil {
			return reflect.Value{}, err
		}
		ok := map[string]bool{"lt": d < 0, "le": d <= 0, "gt": d > 0, "ge": d >= 0}[c.Func]
		return reflect.ValueOf(ok), nil
	}
	fn, ok := env.Funcs[c.Func]
	if !ok {
		return reflect.Value{}, fmt.Errorf("function %q cannot be used in a when condition", c.Func)
	}
	v, err := callValue(reflect.ValueOf(fn), args, c.Func)
	var m *MissingError
	if errors.As(err, &m) {
		if env.Missing != nil {
			env.Missing(m.What, c.Offset)
		}
		return reflect.Value{}, nil
	}
	return v, err
}

var errorType = reflect.TypeFor[error]()

// callValue calls a function or method with arguments converted the way
// templates convert them.
func callValue(fn reflect.Value, args []reflect.Value, name string) (reflect.Value, error) {
	t := fn.Type()
	n := t.NumIn()
	if t.IsVariadic() && len(args) < n-1 || !t.IsVariadic() && len(args) != n {
		return reflect.Value{}, fmt.Errorf("%s takes %d arguments, not %d", name, n, len(args))
	}
	if t.NumOut() == 0 || t.NumOut() > 2 || t.NumOut() == 2 && t.Out(1) != errorType {
		return reflect.Value{}, fmt.Errorf("%s cannot be called here", name)
	}
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		pt := t.In(min(i, n-1))
		if t.IsVariadic() && i >= n-1 {
			pt = pt.Elem()
		}
		v, err := convert(a, pt)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("argument %d of %s: %v", i+1, name, err)
		}
		in[i] = v
	}
	out := fn.Call(in)
	if len(out) == 2 && !out[1].IsNil() {
		return reflect.Value{}, out[1].Interface().(error)
	}
	return out[0], nil
}

func convert(v reflect.Value, t reflect.Type) (reflect.Value, error) {
	if !v.IsValid() {
		switch t.Kind() {
		case reflect.Interface, reflect.Pointer, reflect.Map, reflect.Slice:
			return reflect.Zero(t), nil
		}
		return reflect.Value{}, fmt.Errorf("the value is missing, and %s is needed", t)
	}
	if v.Type().AssignableTo(t) {
		return v, nil
	}
	if e := indirect(v); e.IsValid() && e.Type().AssignableTo(t) {
		return e, nil
	}
	e := indirect(v)
	if e.IsValid() && isNumber(e.Kind()) && isNumber(t.Kind()) {
		return e.Convert(t), nil
	}
	return reflect.Value{}, fmt.Errorf("%s is needed, not %s", t, describe(e))
}

func isNumber(k reflect.Kind) bool {
	return k >= reflect.Int && k <= reflect.Float64
}

// truth is text/template's notion of a true value.
func truth(v reflect.Value) bool {
	for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() {
		return false
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0
	case reflect.Bool:
		return v.Bool()
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.Interface:
		return !v.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0
	}
	return true
}

var errIncomparable = errors.New("values of different kinds cannot be compared")

func equal(a, b reflect.Value) (bool, error) {
	a, b = indirect(a), indirect(b)
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid(), nil
	}
	switch {
	case a.CanInt() && b.CanInt():
		return a.Int() == b.Int(), nil
	case a.CanUint() && b.CanUint():
		return a.Uint() == b.Uint(), nil
	case num(a) && num(b):
		return toFloat(a) == toFloat(b), nil
	case a.Kind() == reflect.String && b.Kind() == reflect.String:
		return a.String() == b.String(), nil
	case a.Kind() == reflect.Bool && b.Kind() == reflect.Bool:
		return a.Bool() == b.Bool(), nil
	case a.Type() == b.Type() && a.Type().Comparable():
		return a.Equal(b), nil
	}
	return false, errIncomparable
}

func num(v reflect.Value) bool { return v.CanInt() || v.CanUint() || v.CanFloat() }

func toFloat(v reflect.Value) float64 {
	switch {
	case v.CanInt():
		return float64(v.Int())
	case v.CanUint():
		return float64(v.Uint())
	}
	return v.Float()
}

func compare(a, b reflect.Value) (int, error) {
	a, b = indirect(a), indirect(b)
	switch {
	case a.IsValid() && b.IsValid() && num(a) && num(b):
		if a.CanInt() && b.CanInt() {
			switch {
			case a.Int() < b.Int():
				return -1, nil
			case a.Int() > b.Int():
				return 1, nil
			}
			return 0, nil
		}
		x, y := toFloat(a), toFloat(b)
		switch {
		case x < y:
			return -1, nil
		case x > y:
			return 1, nil
		}
		return 0, nil
	case a.IsValid() && b.IsValid() && a.Kind() == reflect.String && b.Kind() == reflect.String:
		switch {
		case a.String() < b.String():
			return -1, nil
		case a.String() > b.String():
			return 1, nil
		}
		return 0, nil
	}
	return 0, fmt.Errorf("only numbers or texts can be ordered, not %s and %s", describe(a), describe(b))
}
