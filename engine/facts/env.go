package facts

import (
	"reflect"
	"strings"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// EnvPrefix starts the names of the environment variables that override a
// setting of isms.yaml.
const EnvPrefix = "ISMSFORGE"

// Overrides lists the settings an environment variable may override: every
// text, number, yes/no or date of the facts that is not inside a list or a
// map, by its path ("release.date", "output.page_size"), with the name of
// its variable (ISMSFORGE_RELEASE_DATE, ISMSFORGE_OUTPUT_PAGE_SIZE). The
// list follows the Facts struct, so a setting added to the types can be
// overridden without further code.
func Overrides() map[string]string {
	out := map[string]string{}
	settings(reflect.TypeFor[Facts](), "", func(path string) { out[path] = envName(path) })
	return out
}

// envName is the variable that overrides a setting.
func envName(path string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(path, ".", "_"))
}

// settings calls fn with the path of every overridable setting under t.
func settings(t reflect.Type, path string, fn func(string)) {
	for _, f := range fieldsOf(t) {
		ft := t.Field(f.index).Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		p := join(path, f.key)
		switch {
		case ft == dateType:
			fn(p)
		case ft.Kind() == reflect.Struct:
			settings(ft, p, fn)
		case ft.Kind() == reflect.String, ft.Kind() == reflect.Int, ft.Kind() == reflect.Bool:
			fn(p)
		}
	}
}

// overrides layers the ISMSFORGE_* variables of the environment over the
// facts decoded into v, through a fresh viper instance: each value is read
// as a YAML scalar and checked and decoded by the same walk as the file,
// and a mistake is reported at the variable. A setting the environment
// overrides is positioned at its variable, so that later checks name it.
func overrides(w *walker, v reflect.Value) error {
	vp := viper.New()
	vp.SetEnvPrefix(EnvPrefix)
	vp.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	var set []string
	settings(v.Type(), "", func(path string) {
		_ = vp.BindEnv(path)
		if vp.IsSet(path) {
			set = append(set, path)
		}
	})
	for _, path := range set {
		val := vp.GetString(path)
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(val), &doc); err != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.ScalarNode {
			w.errs.Add(diag.Errorf(diag.Pos{File: "$" + envName(path)}, "give one value, such as "+envName(path)+"=letter", "%s=%q is not a single value", envName(path), val))
			continue
		}
		field, ok := fieldAt(v, path)
		if !ok {
			continue
		}
		env := &walker{cat: w.cat, file: "$" + envName(path), src: []byte(val), pos: w.pos}
		env.walk(doc.Content[0], field, path, enumAt(v.Type(), path))
		w.errs.Add(env.errs...)
	}
	return w.errs.Err()
}

// fieldAt returns the settable field at a dotted path of struct fields,
// allocating pointers on the way.
func fieldAt(v reflect.Value, path string) (reflect.Value, bool) {
	for _, key := range strings.Split(path, ".") {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return reflect.Value{}, false
		}
		i := -1
		for _, f := range fieldsOf(v.Type()) {
			if f.key == key {
				i = f.index
			}
		}
		if i < 0 {
			return reflect.Value{}, false
		}
		v = v.Field(i)
	}
	return v, true
}

// enumAt returns the allowed values of the setting at path, or nil.
func enumAt(t reflect.Type, path string) []string {
	keys := strings.Split(path, ".")
	for i, key := range keys {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		for _, f := range fieldsOf(t) {
			if f.key != key {
				continue
			}
			if i == len(keys)-1 {
				return f.enum
			}
			t = t.Field(f.index).Type
		}
	}
	return nil
}
