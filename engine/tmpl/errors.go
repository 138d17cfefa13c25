package tmpl

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// text/template reports "template: NAME:LINE[:COL]: message". Names may
// contain colons ("doc:scope"), so the name match is lazy.
var tmplErr = regexp.MustCompile(`(?s)^template: (.+?):(\d+)(?::(\d+))?: (.*)$`)

// execAt strips text/template's "executing "x" at <...>: " and keeps the
// action for the message.
var execAt = regexp.MustCompile(`(?s)^executing "[^"]*" at <(.*?)>: (.*)$`)

// asDiag turns a text/template error into a diagnostic at the line and column
// of the template file.
func asDiag(err error, files map[string]*fileInfo) error {
	if err == nil {
		return nil
	}
	// A cancelled execution is no mistake in the template: keep the
	// cancellation for the caller to see.
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var d *diag.Diagnostic
	if errors.As(err, &d) {
		return err
	}
	var l diag.List
	if errors.As(err, &l) {
		return err
	}
	m := tmplErr.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	name, msg := m[1], m[4]
	line, _ := strconv.Atoi(m[2])
	col := 0
	if m[3] != "" {
		col, _ = strconv.Atoi(m[3])
		col++ // text/template counts columns from 0
	}
	fi := files[name]
	file, src, offset := name, []byte(nil), 0
	if fi != nil {
		file, src, offset = fi.display, fi.src, fi.bodyLine-1
	}
	action := ""
	if a := execAt.FindStringSubmatch(msg); a != nil {
		action, msg = a[1], a[2]
	}
	msg = strings.TrimPrefix(msg, "error calling ")
	hint := hintFor(err, msg)
	if col == 0 {
		col = guessColumn(src, line+offset, msg)
	}
	if action != "" {
		msg += " (in {{" + action + "}})"
	}
	return diag.Errorf(diag.Pos{File: file, Line: line + offset, Col: col}, hint, "%s", msg).WithSource(src).WithCode("template")
}

var (
	reNoField  = regexp.MustCompile(`can't evaluate field (\w+) in type ([\w.*\[\]]+)`)
	reNoKey    = regexp.MustCompile(`map has no entry for key "([^"]*)"`)
	reNoFunc   = regexp.MustCompile(`function "([^"]+)" not defined`)
	reQuoted   = regexp.MustCompile(`"([^"]+)"`)
	typeFields = typeIndex()
)

// hintFor says how to fix the common template errors.
func hintFor(err error, msg string) string {
	var h Hinted
	if errors.As(err, &h) {
		return h.Hint()
	}
	if m := reNoField.FindStringSubmatch(msg); m != nil {
		if fields, ok := typeFields[strings.TrimLeft(m[2], "*")]; ok {
			return diag.DidYouMean(m[1], fields, "the fields available here are "+strings.Join(fields, ", "))
		}
		return "check the field name against the facts schema in the README"
	}
	if m := reNoKey.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("the fact %q is not set: add it to isms.yaml, or guard it with {{ with }} or `default`", m[1])
	}
	if m := reNoFunc.FindStringSubmatch(msg); m != nil {
		return diag.DidYouMean(m[1], funcNames(), "the README lists the template functions")
	}
	if strings.Contains(msg, "nil pointer") {
		return "a fact is missing; guard it with {{ with }}"
	}
	if strings.Contains(msg, "unexpected") || strings.Contains(msg, "unclosed") {
		return "check that every {{ if }}, {{ range }} and {{ with }} has its {{ end }} and that actions are closed with }}"
	}
	return ""
}

// tokenIndex finds tok in a line. A lone brace is what the parser
// complains about, so one that is half of a {{ or }} delimiter is skipped.
func tokenIndex(l, tok string) int {
	if tok != "}" && tok != "{" {
		return strings.Index(l, tok)
	}
	for i := 0; i < len(l); i++ {
		if l[i] != tok[0] {
			continue
		}
		if i+1 < len(l) && l[i+1] == tok[0] {
			i++ // a delimiter: skip both braces
			continue
		}
		return i
	}
	return strings.Index(l, tok)
}

// guessColumn finds the column of the identifier a parse error names, since
// text/template gives parse errors a line but no column.
func guessColumn(src []byte, line int, msg string) int {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return 1
	}
	l := lines[line-1]
	if m := reQuoted.FindStringSubmatch(msg); m != nil {
		if i := tokenIndex(l, m[1]); i >= 0 {
			return i + 1
		}
	}
	if i := strings.Index(l, "{{"); i >= 0 {
		return i + 1
	}
	return len(l) - len(strings.TrimLeft(l, " \t")) + 1
}

// typeIndex maps the type names text/template prints ("facts.Organization")
// to their field names, for "did you mean" hints.
func typeIndex() map[string][]string {
	idx := map[string][]string{}
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t.PkgPath() == "" {
			return
		}
		name := t.String()
		if _, done := idx[name]; done {
			return
		}
		idx[name] = nil
		var fields []string
		for i := range t.NumField() {
			f := t.Field(i)
			if f.IsExported() {
				fields = append(fields, f.Name)
				visit(f.Type)
			}
		}
		for i := range t.NumMethod() {
			fields = append(fields, t.Method(i).Name)
		}
		slices.Sort(fields)
		idx[name] = slices.Compact(fields)
	}
	visit(reflect.TypeFor[Data]())
	visit(reflect.TypeFor[ControlView]())
	visit(reflect.TypeFor[RiskView]())
	return idx
}

func funcNames() []string {
	var names []string
	for n := range baseFuncs(newRegexCache()) {
		names = append(names, n)
	}
	for n := range domainFuncs(&execution{}) {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
