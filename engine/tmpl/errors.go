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
	msg, action = withoutGuards(msg, action)
	hint := hintFor(err, msg)
	if col == 0 {
		col = guessColumn(src, line+offset, msg)
	}
	if m, h, ok := mustache(msg, sourceLine(src, line+offset)); ok {
		msg, hint = m, h
	} else if m := reNoTemplate.FindStringSubmatch(msg); m != nil {
		hint = partialsHint(m[1], files)
	}
	if action != "" {
		msg += " (in " + action + ")"
	}
	return diag.Errorf(diag.Pos{File: file, Line: line + offset, Col: col}, hint, "%s", msg).WithSource(src).WithCode("template")
}

// guardName matches the functions the rewrite adds to every template
// (escapers, loop and call guards), as text/template names them in errors.
var guardName = regexp.MustCompile(`^_(?:esc|escLine|escCell|range|call): `)

// guardCmd matches a guard as the rewrite appends it to an action, with
// the escapers' site number.
var guardCmd = regexp.MustCompile(` \| _(?:esc|escLine|escCell|range|call)(?: -?[0-9]+)?\b`)

// withoutGuards removes the names of the functions ismsforge inserts into
// templates from an error: the author never wrote them. The action is
// returned as the author wrote it, in braces, or "" when only a guard is
// left of it.
func withoutGuards(msg, action string) (string, string) {
	msg = guardName.ReplaceAllString(msg, "")
	action = strings.TrimPrefix(strings.TrimSuffix(action, "}}"), "{{")
	action = guardCmd.ReplaceAllString(action, "")
	if action == "" || strings.HasPrefix(action, "_") {
		return msg, ""
	}
	return msg, "{{" + action + "}}"
}

func sourceLine(src []byte, line int) string {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	return lines[line-1]
}

var (
	reNoTemplate = regexp.MustCompile(`template "([^"]+)" not defined`)
	// reMustache finds a Mustache tag: {{#x}}, {{^x}}, {{/x}}, {{&x}},
	// {{{x}}}, {{>x}}, {{!x}} or a bare {{x}}.
	reMustache = regexp.MustCompile(`\{\{\s*([#^/&>!{]?)\s*([A-Za-z_][\w.-]*)\s*\}?\}\}`)
)

// mustache recognises a Mustache tag in the line of an error and explains
// it with the Go template equivalent. Templates from JupiterOne and other
// Mustache-based tools fail with "unexpected "#" in command", which says
// nothing to their authors.
func mustache(msg, line string) (string, string, bool) {
	var sigil string
	switch {
	case strings.HasPrefix(msg, `unexpected "`) && strings.Contains(msg, `in command`):
		sigil = msg[len(`unexpected "`) : len(`unexpected "`)+1]
		if !strings.Contains("#^/&>!{", sigil) {
			return "", "", false
		}
	case reNoFunc.MatchString(msg):
		sigil = ""
	default:
		return "", "", false
	}
	for _, m := range reMustache.FindAllStringSubmatch(line, -1) {
		if m[1] != sigil {
			continue
		}
		name := m[2]
		if sigil == "" {
			if f := reNoFunc.FindStringSubmatch(msg); f == nil || f[1] != name {
				continue
			}
		}
		tag, fact := m[0], fmt.Sprintf("custom %q", name)
		intro := fmt.Sprintf("%s is Mustache, not a Go template", tag)
		const facts = "; if it stands for a fact ismsforge knows, test or print that fact instead, such as .Org.ShortName or hasRegime \"hipaa\" (ismsforge import converts whole Mustache template sets)"
		switch sigil {
		case "#":
			return intro + ": a section", fmt.Sprintf("write {{ if %s false }} … {{ end }} for a yes/no fact under custom in isms.yaml, or {{ range %s }} … {{ end }} for a list%s", fact, fact, facts), true
		case "^":
			return intro + ": an inverted section", fmt.Sprintf("write {{ if not (%s false) }} … {{ end }}%s", fact, facts), true
		case "/":
			return intro + ": the end of a section", "write {{ end }}, and open the section with {{ if … }} or {{ range … }}", true
		case "&", "{":
			return intro + ": an unescaped value", fmt.Sprintf("write {{ md (%s) }} to print Markdown as written, or {{ %s }} to print text%s", fact, fact, facts), true
		case ">":
			return intro + ": a partial", fmt.Sprintf("write {{ template \"partials/%s.md\" . }} and put the partial under templates/partials/", name), true
		case "!":
			return intro + ": a comment", "write {{/* … */}}", true
		}
		if s := diag.Suggest(name, funcNames()); s != "" {
			return "", "", false // a typo of a function, not Mustache
		}
		return fmt.Sprintf("%s: %s looks like a Mustache variable; Go templates print facts with a leading dot", msg, tag),
			fmt.Sprintf("write {{ %s }} for a free-form fact under custom in isms.yaml%s", fact, facts), true
	}
	return "", "", false
}

// partialsHint lists the partials a {{ template }} call may name.
func partialsHint(name string, files map[string]*fileInfo) string {
	var names []string
	for n := range files {
		if !strings.HasPrefix(n, "doc:") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		return fmt.Sprintf("there are no partials: put %s under templates/ to include it", name)
	}
	// Compare base names: every partial shares the "partials/" prefix.
	base := func(n string) string { return n[strings.LastIndexByte(n, '/')+1:] }
	bases := make([]string, len(names))
	for i, n := range names {
		bases[i] = base(n)
	}
	if s := diag.Suggest(base(name), bases); s != "" {
		return fmt.Sprintf("did you mean %q? The partials are %s", names[slices.Index(bases, s)], strings.Join(names, ", "))
	}
	return "the partials are " + strings.Join(names, ", ") + " (files under templates/partials/)"
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
