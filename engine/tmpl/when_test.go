package tmpl

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// TestWhenIsAnExpressionOfItsOwn is the condition that escaped the range
// guard when it was pasted into template source: now a syntax error at the
// braces, found at parse time, in no time.
func TestWhenIsAnExpressionOfItsOwn(t *testing.T) {
	done := make(chan error, 1)
	go func() {
		_, _, _, err := project(t, map[string]string{
			"a.md": "---\nid: a\ntitle: A\nkind: policy\nwhen: 'true }}{{ end }}{{ range 3000000000 }}{{ end }}{{ if true'\n---\nbody\n",
		})
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(60 * time.Second): // a hang guard only
		t.Fatal("the condition runs")
	}
	var d *diag.Diagnostic
	if !errors.As(err, &d) || d.Pos.Line != 5 || d.Pos.Col != 13 || !strings.Contains(d.Message, "invalid when condition: a condition has no {{ }}") {
		t.Errorf("got %v", err)
	}
}

// TestWhenReadingAMissingFactWarns leaves a document out when its condition
// reads a custom fact the file does not have, and says so at the condition.
func TestWhenReadingAMissingFactWarns(t *testing.T) {
	lib, m, _, err := project(t, map[string]string{
		"a.md": "---\nid: a\ntitle: A\nkind: policy\nwhen: and .Tech.SoftwareDevelopment .Custom.OnCall\n---\n",
		"b.md": "---\nid: b\ntitle: B\nkind: policy\nwhen: custom \"OnCall\" false\n---\n",
		"c.md": "---\nid: c\ntitle: C\nkind: policy\nwhen: not (custom \"OnCall\")\n---\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	// Select again to see the warnings.
	_, warnings, err := lib.Select(m.Facts, m.Cat)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warnings {
		got = append(got, w.Pos.String()+" "+w.Message)
	}
	want := []string{
		"templates/c.md:5:12 the when condition of c reads custom \"OnCall\", which the facts do not have; the document is left out",
	}
	// a.md stops at .Tech.SoftwareDevelopment (false) and never reads the
	// custom fact; b.md gives a default.
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWhenErrorsPointIntoTheCondition reports a misspelled field, a
// function that is not allowed and a failing call at the condition.
func TestWhenErrorsPointIntoTheCondition(t *testing.T) {
	cases := map[string]string{
		"when: .Tech.SoftwareDevelopmnt":     "templates/a.md:5:7: error: invalid when condition: .Tech has no field SoftwareDevelopmnt",
		"when: and .Org.Name (env \"HOME\")": "templates/a.md:5:22: error: invalid when condition: function \"env\" cannot be used in a when condition",
		"when: \"hasRole \\\"dpo\\\"\"":      "", // quoted text is true
		// hasRole answers false for a role nobody defined (issue 20), so the
		// failing call is a control ID that does not exist.
		"when: applicable \"A.5.99\"": "templates/a.md:5:7: error: when condition \"applicable \\\"A.5.99\\\"\": unknown Annex A control \"A.5.99\"",
		"when: hasRole \"dpoo\"":      "", // no one holds it: false, not an error
		"when: inScope":               "templates/a.md:5:7: error: when condition \"inScope\": inScope takes 1 arguments, not 0",
	}
	for fm, want := range cases {
		_, _, _, err := project(t, map[string]string{"a.md": "---\nid: a\ntitle: A\nkind: policy\n" + fm + "\n---\n"})
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v", fm, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s:\ngot  %v\nwant %s", fm, err, want)
		}
	}
}
