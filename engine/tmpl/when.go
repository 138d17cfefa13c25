package tmpl

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/Masterminds/sprig/v3"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/when"
)

// A document's `when:` condition decides whether it takes part in the pack.
// It is parsed by package when as an expression of its own, never pasted
// into template source, and sees the facts and the functions that do not
// depend on other documents.

// whenFuncs are the functions a condition may call besides the logic and
// comparison builtins.
var whenFuncs = []string{"hasRole", "hasRegime", "inScope", "applicable", "custom", "empty", "default", "has", "contains", "hasPrefix", "hasSuffix", "lower", "upper"}

func isWhenFunc(name string) bool {
	if when.IsBuiltin(name) {
		return true
	}
	for _, f := range whenFuncs {
		if f == name {
			return true
		}
	}
	return false
}

// whenPos is the position of an offset inside a document's condition.
func (t *Template) whenPos(off int) diag.Pos {
	p := t.Meta.WhenPos
	if p.Line == 0 {
		return diag.Pos{File: t.File.Display, Line: 2, Col: 1}
	}
	if !strings.Contains(t.Meta.When, "\n") {
		p.Col += t.Meta.whenQuote + len([]rune(t.Meta.When[:min(off, len(t.Meta.When))]))
	}
	return p
}

// parseWhen parses and type-checks a document's condition.
func parseWhen(t *Template) error {
	e, err := when.Parse(t.Meta.When, isWhenFunc)
	if err == nil {
		err = e.Check(reflect.TypeFor[Data]())
	}
	if err != nil {
		off := 0
		var we *when.Error
		if errors.As(err, &we) {
			off = we.Offset
		}
		return diag.Errorf(t.whenPos(off), "a condition reads facts and calls functions, such as .Tech.SoftwareDevelopment or and (hasRegime \"hipaa\") (not .Tech.SoftwareDevelopment); the README lists what it may use", "invalid when condition: %v", err).WithSource(t.src).WithCode("when")
	}
	t.when = e
	return nil
}

// evalWhen runs a document's condition on the model. Reading a key the
// facts do not have makes the condition false and is a warning at the
// condition (an error under --strict), so that a typo in a custom fact's
// name cannot drop a document without a word.
func (t *Template) evalWhen(m *Model, warn *diag.List) (bool, error) {
	e := &execution{model: m}
	funcs := map[string]any{}
	domain := domainFuncs(e)
	sp := sprig.HermeticTxtFuncMap()
	for _, name := range whenFuncs {
		if fn, ok := domain[name]; ok {
			funcs[name] = fn
		} else {
			funcs[name] = sp[name]
		}
	}
	// custom without a default reads as missing, not as a failure.
	funcs["custom"] = func(key string, def ...any) (any, error) {
		v, err := e.custom(key, def...)
		if err != nil && len(def) == 0 {
			return nil, &when.MissingError{What: fmt.Sprintf("custom %q", key)}
		}
		return v, err
	}
	env := when.Env{Data: m.data, Funcs: funcs, Missing: func(what string, off int) {
		warn.Add(diag.Warnf(t.whenPos(off), fmt.Sprintf("add it to isms.yaml, or give a default that states the intent, as in custom %q false", lastName(what)), "the when condition of %s reads %s, which the facts do not have; the document is left out", t.Meta.ID, what).WithSource(t.src).WithCode("when-missing"))
	}}
	ok, err := t.when.Eval(env)
	if err != nil {
		return false, diag.Errorf(t.whenPos(0), "the condition is evaluated over the facts, like an {{ if }}", "when condition %q: %v", t.Meta.When, err).WithSource(t.src).WithCode("when")
	}
	return ok, nil
}

// lastName is the key a missing chain or call names, for the hint.
func lastName(what string) string {
	if i := strings.LastIndexAny(what, ". "); i >= 0 {
		return strings.Trim(what[i+1:], `"`)
	}
	return what
}
