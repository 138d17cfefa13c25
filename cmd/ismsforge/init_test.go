package main

import (
	"bufio"
	"errors"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/starter"
)

// TestAsk answers init's prompts as a user at a terminal would: a value
// init cannot use is asked again, an empty answer takes the default shown,
// and a value a flag gave is not asked for.
func TestAsk(t *testing.T) {
	o := starter.Options{Sector: "defense"}
	in := strings.Join([]string{
		"Quillfeather Avionics", // name
		"",                      // short name: the default, the name
		"USA",                   // country: refused
		"us",                    // country
		"",                      // prefix: the default
		"2026-04-06",            // date
	}, "\n") + "\n"
	var out strings.Builder
	if err := ask(bufio.NewReader(strings.NewReader(in)), &out, &o); err != nil {
		t.Fatalf("ask: %v\n%s", err, out.String())
	}
	want := starter.Options{Sector: "defense", Name: "Quillfeather Avionics", ShortName: "Quillfeather Avionics", Country: "US", Prefix: "QUILLFEATHER-ISMS", Date: "2026-04-06"}
	if o != want {
		t.Errorf("options %+v, want %+v", o, want)
	}
	for _, s := range []string{
		"Organization's name, as the documents name it (--name): ",
		"Short name, for running text [Quillfeather Avionics] (--short-name): ",
		`--country: "USA" is not a two-letter ISO 3166 code`,
		"Document reference prefix [QUILLFEATHER-ISMS] (--prefix): ",
	} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("the prompts lack %q:\n%s", s, out.String())
		}
	}
	if strings.Contains(out.String(), "Sector") {
		t.Errorf("init asked for the sector a flag gave:\n%s", out.String())
	}
}

// TestAskEnds checks that init stops, naming the flag, when input ends or a
// value is refused three times, rather than asking for ever.
func TestAskEnds(t *testing.T) {
	for _, in := range []string{"", "Quillfeather\n", "saas\nX\nX\nUSA\nUSA\nUSA\n"} {
		var o starter.Options
		err := ask(bufio.NewReader(strings.NewReader(in)), &strings.Builder{}, &o)
		var usage *usageError
		if !errors.As(err, &usage) || !strings.Contains(err.Error(), "--") {
			t.Errorf("input %q: %v, want a usage error naming a flag", in, err)
		}
	}
}
