package facts

import (
	"fmt"
	"reflect"
	"slices"
)

// Values calls fn for every string and date the facts hold, with the path
// that Where takes ("people[2].name", "controls.A.5.1.notes"), in a fixed
// order: struct fields as declared, lists in order, map keys sorted. Checks
// that look at every value, such as the one for facts left over from an
// example, use it instead of parsing the file again.
func (f *Facts) Values(fn func(path string, v Value)) {
	walkValue(reflect.ValueOf(f).Elem(), "", fn)
}

// Value is one string or date of the facts.
type Value struct {
	String string
	Date   Date
	IsDate bool
}

func walkValue(v reflect.Value, path string, fn func(string, Value)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkValue(v.Elem(), path, fn)
		}
	case reflect.String:
		if s := v.String(); s != "" {
			fn(path, Value{String: s})
		}
	case reflect.Struct:
		if v.Type() == dateType {
			if d := v.Interface().(Date); !d.IsZero() {
				fn(path, Value{Date: d, IsDate: true})
			}
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			key := sf.Tag.Get("mapstructure")
			if key == "" || !sf.IsExported() {
				continue
			}
			walkValue(v.Field(i), join(path, key), fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkValue(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	case reflect.Map:
		keys := v.MapKeys()
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = fmt.Sprint(k.Interface())
		}
		order := make([]int, len(keys))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int {
			switch {
			case names[a] < names[b]:
				return -1
			case names[a] > names[b]:
				return 1
			}
			return 0
		})
		for _, i := range order {
			walkValue(v.MapIndex(keys[i]), join(path, names[i]), fn)
		}
	}
}
