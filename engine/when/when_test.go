package when

import (
	"reflect"
	"strings"
	"testing"
)

type sample struct {
	Tech    tech
	Regimes []string
	Custom  map[string]any
	Count   int
	Ptr     *tech
}

type tech struct {
	SoftwareDevelopment bool
	Ticketing           string
}

func (t tech) Busy() bool { return t.Ticketing != "" }

var sampleData = sample{
	Tech:    tech{SoftwareDevelopment: true, Ticketing: "Jira"},
	Regimes: []string{"hipaa"},
	Custom:  map[string]any{"OnCall": true, "Shifts": 3, "Nested": map[string]any{"Deep": "yes"}},
	Count:   2,
}

var sampleFuncs = map[string]any{
	"hasRegime": func(id string) bool { return id == "hipaa" },
	"custom": func(key string, def ...any) (any, error) {
		if v, ok := sampleData.Custom[key]; ok {
			return v, nil
		}
		if len(def) > 0 {
			return def[0], nil
		}
		return nil, &MissingError{What: "custom " + key}
	},
	"lower": strings.ToLower,
}

func isFunc(name string) bool { _, ok := sampleFuncs[name]; return ok || IsBuiltin(name) }

func run(t *testing.T, src string) (bool, []string, error) {
	t.Helper()
	e, err := Parse(src, isFunc)
	if err != nil {
		return false, nil, err
	}
	if err := e.Check(reflect.TypeFor[sample]()); err != nil {
		return false, nil, err
	}
	var missing []string
	ok, err := e.Eval(Env{Data: sampleData, Funcs: sampleFuncs, Missing: func(what string, off int) { missing = append(missing, what) }})
	return ok, missing, err
}

func TestConditions(t *testing.T) {
	cases := map[string]bool{
		".Tech.SoftwareDevelopment":                         true,
		"not .Tech.SoftwareDevelopment":                     false,
		`and (hasRegime "hipaa") .Tech.SoftwareDevelopment`: true,
		`or (hasRegime "gdpr") (eq .Tech.Ticketing "Jira")`: true,
		`eq .Count 1 2 3`:                                   true,
		`ne .Count 2`:                                       false,
		`gt (len .Regimes) 0`:                               true,
		`lt .Count 2.5`:                                     true,
		`.Tech.Busy`:                                        true,
		`.Custom.OnCall`:                                    true,
		`.Custom.Nested.Deep`:                               true,
		`.Tech.Ticketing | lower | eq "jira"`:               true,
		`custom "Shifts" | eq 3`:                            true,
		`$.Count`:                                           true,
		`.Ptr`:                                              false,
		"`raw text`":                                        true,
		`""`:                                                false,
	}
	for src, want := range cases {
		got, missing, err := run(t, src)
		if err != nil || got != want || len(missing) > 0 {
			t.Errorf("%s = %v, %v, missing %v; want %v", src, got, err, missing, want)
		}
	}
}

// TestConditionIsNeverTemplateSource is the condition from the adversarial
// pass that closed the if it was pasted into and opened a loop of three
// billion: as an expression it is a syntax error at the braces.
func TestConditionIsNeverTemplateSource(t *testing.T) {
	for _, src := range []string{
		`true }}{{ end }}{{ range 3000000000 }}{{ end }}{{ if true`,
		`{{ .Tech }}`,
		`.Tech.SoftwareDevelopment }}{{ template "x" }}`,
	} {
		_, _, err := run(t, src)
		e, ok := err.(*Error)
		if !ok || !strings.Contains(e.Msg, "{{ }}") {
			t.Errorf("%q: got %v, want the {{ }} error", src, err)
		}
	}
}

func TestErrorsHaveOffsets(t *testing.T) {
	cases := []struct {
		src string
		off int
		msg string
	}{
		{".Tech.Nope", 0, ".Tech has no field Nope"},
		{"not .Tech.SoftwareDevelopment .Count", 0, "not takes 1 argument, not 2"},
		{`hasRegime "hipaa`, 10, "not closed"},
		{`env "HOME"`, 0, `function "env" cannot be used`},
		{`and (not .Count`, 4, "not closed"},
		{`.Count.X`, 0, "is a int and has no field X"},
		{strings.Repeat("(", 40) + "true" + strings.Repeat(")", 40), 33, "nest more than"},
		{strings.Repeat("a", MaxLength+1), MaxLength, "longer than"},
		{"", 0, "empty"},
		{".Tech |", 7, "unexpected end of the condition"},
		{"true || false", 5, `"||" is not an operator`},
	}
	for _, c := range cases {
		_, _, err := run(t, c.src)
		e, ok := err.(*Error)
		if !ok || e.Offset != c.off || !strings.Contains(e.Msg, c.msg) {
			t.Errorf("%q: got %#v, want offset %d and %q", c.src, err, c.off, c.msg)
		}
	}
}

// TestMissingKeysAreReported reads keys the data does not have: each reads
// as false and is reported, so that the caller can warn.
func TestMissingKeysAreReported(t *testing.T) {
	got, missing, err := run(t, `or .Custom.OnCal (custom "Shift") .Custom.Nested.Nope`)
	if err != nil || got || strings.Join(missing, ",") != `.Custom.OnCal,custom Shift,.Custom.Nested.Nope` {
		t.Errorf("got %v, %v, missing %q", got, err, missing)
	}
	got, missing, err = run(t, `custom "Shift" false`)
	if err != nil || got || len(missing) != 0 {
		t.Errorf("with a default: %v, %v, missing %q", got, err, missing)
	}
}
