package tmpl

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestBuiltValuesAreBounded grows values in loops that print nothing, the
// way a template ran the process out of memory: each stops with an error
// that names the function, at its line, long before memory runs out.
func TestBuiltValuesAreBounded(t *testing.T) {
	cases := map[string]string{
		`{{ $s := "x" }}{{ range 60 }}{{ $s = replace "x" "xx" $s }}{{ end }}`:                          `replace: it would build`,
		`{{ $s := "ab" }}{{ range 60 }}{{ $s = cat $s $s }}{{ end }}`:                                   `cat: the functions of this template built more than`,
		`{{ $s := "ab" }}{{ range 60 }}{{ $s = printf "%s%s" $s $s }}{{ end }}`:                         `printf: the functions of this template built more than`,
		`{{ $s := "<" }}{{ range 60 }}{{ $s = html (print $s $s) }}{{ end }}`:                           `built more than`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = join $s (list $s $s $s) }}{{ end }}`:                      `join: it would build`,
		`{{ $l := list }}{{ range 200000 }}{{ $l = append $l 1 }}{{ end }}`:                             `append: the functions of this template built more than`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = regexReplaceAll "x" $s "xx" }}{{ end }}`:                  `regexReplaceAll: it would build`,
		`{{ $s := "\n" }}{{ range 30 }}{{ $s = indent 9999 (print $s "\n" $s) }}{{ end }}`:              `bytes`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = upper (repeat 2 $s) }}{{ end }}`:                          `would build`,
		`{{ repeat 2000000000 "abcd" }}`:                                                                `repeat: it would build`,
		`{{ $s := "x" }}{{ range 40 }}{{ $s = wrapWith 1 (repeat 40 "-") (print $s " " $s) }}{{ end }}`: `bytes`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = toString (list $s $s) }}{{ end }}`:                        `built more than`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = b64enc (print $s $s) }}{{ end }}`:                         `built more than`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = trimAll "" (printf "%s%s" $s $s) }}{{ end }}`:             `built more than`,
		`{{ $s := list "x" }}{{ range 60 }}{{ $s = concat $s $s }}{{ end }}`:                            `concat: the functions of this template built more than`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = quote $s $s }}{{ end }}`:                                  `quote: the functions of this template built more than`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = nindent 2 (print $s "\n" $s) }}{{ end }}`:                 `bytes`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = urlquery $s $s "%" }}{{ end }}`:                           `urlquery: the functions of this template built more than`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = toJson (list $s $s) }}{{ end }}`:                          `toJson: the functions of this template built more than`,
		`{{ $s := "x" }}{{ range 60 }}{{ $s = mustToPrettyJson (dict "a" $s "b" $s) }}{{ end }}`:        `mustToPrettyJson: the functions of this template built more than`,
	}
	// A smaller budget than the default keeps the test quick; the default
	// is checked below.
	lim := DefaultLimits
	lim.MaxBuilt = 1 << 20
	for body, want := range cases {
		done := make(chan error, 1)
		go func() { _, err := renderWith(t, "Intro.\n"+body+"\n", lim); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "templates/doc.md:7:") {
				t.Errorf("%s:\n got %v\nwant %q at templates/doc.md:7", body, err, want)
			}
		case <-time.After(2 * time.Minute): // a hang guard only
			t.Fatalf("%s runs on", body)
		}
	}
}

// TestDefaultBuildLimit checks the default budget, before the call.
func TestDefaultBuildLimit(t *testing.T) {
	_, err := render(t, `{{ repeat 2000000000 "abcd" }}`)
	if err == nil || !strings.Contains(err.Error(), "repeat: it would build 8000000000 bytes, past the 67108864 bytes") {
		t.Errorf("got %v", err)
	}
}

func renderWith(t *testing.T, body string, lim Limits) (string, error) {
	t.Helper()
	lib, m, sel, err := project(t, map[string]string{"doc.md": "---\nid: doc\ntitle: Doc\nkind: policy\n---\n" + body})
	if err != nil {
		return "", err
	}
	out, err := lib.Render(context.Background(), m, sel[0], nil, lim)
	if err != nil {
		return "", err
	}
	return string(out.Markdown), nil
}

// TestRealisticBuildingIsAllowed keeps the limit out of the way of what
// documents really do.
func TestRealisticBuildingIsAllowed(t *testing.T) {
	got, err := render(t, `{{ $l := list }}{{ range 2000 }}{{ $l = append $l "item" }}{{ end }}{{ len $l }} {{ repeat 3 "ab" }} {{ replace "a" "b" "banana" }} {{ join ", " (list "x" "y") }}`)
	if err != nil || got != "2000 ababab bbnbnb x, y" {
		t.Errorf("got %q, %v", got, err)
	}
}

// TestFormattingNeverPrintsAddresses: fmt prints a pointer inside a value
// as its address, which differs on every run; such values are refused.
func TestFormattingNeverPrintsAddresses(t *testing.T) {
	for _, body := range []string{
		`{{ printf "%p" .Facts }}`,
		`{{ print .Facts }}`,
		`{{ println .Org }}`,
		`{{ printf "%v" .RiskMethod }}`,
		`{{ toString .Org }}`,
		`{{ cat .Scope }}`,
		`{{ join ", " (list .Org) }}`,
	} {
		got, err := render(t, body)
		if err == nil || !strings.Contains(err.Error(), "cannot format") && !strings.Contains(err.Error(), "memory address") {
			t.Errorf("%s: got %q, %v", body, got, err)
		}
	}
	got, err := render(t, `{{ print .Org.Name " " .Pack.Date }} {{ printf "%v %d" (list "a" "b") 3 }}`)
	if err != nil || !strings.Contains(got, "2026-11-02 \\[a b\\] 3") {
		t.Errorf("plain values: %q, %v", got, err)
	}
}

// TestClockAndZoneFunctionsAreBlocked lists the functions that read the
// clock or the machine's time zone, directly or by parsing.
func TestClockAndZoneFunctionsAreBlocked(t *testing.T) {
	for _, call := range []string{`toDate "2006-01-02" "2026-01-01"`, `mustToDate "2006-01-02" "2026-01-01"`, `durationRound "2h"`, `now`, `date "2006" .Pack.Date.Time`, `dateInZone "2006" .Pack.Date.Time "Asia/Tokyo"`, `unixEpoch .Pack.Date.Time`, `dateModify "1h" .Pack.Date.Time`, `htmlDate .Pack.Date.Time`, `ago .Pack.Date.Time`, `if false }}{{ (toDate "2006" "2026").Day }}{{ end`} {
		_, err := render(t, "{{ "+call+" }}")
		if err == nil || !strings.Contains(err.Error(), "is not allowed in ismsforge templates") {
			t.Errorf("%s: %v", call, err)
		}
	}
}
