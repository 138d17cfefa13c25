package starter_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/starter"
	"github.com/ismsforge/ismsforge/examples"
)

func options(sector, country string) starter.Options {
	return starter.Options{Sector: sector, Name: "Quillfeather Analytics", ShortName: "Quillfeather", Country: country, Date: "2026-04-06"}
}

// countries are those whose regimes the starters tell apart: the US, an EEA
// member, the UK, and elsewhere.
var countries = []string{"US", "DE", "GB", "JP"}

// TestStartersLoad renders every starter for every kind of country: each
// loads, asks for facts, and carries the values it was given.
func TestStartersLoad(t *testing.T) {
	for _, s := range starter.SectorIDs() {
		for _, c := range countries {
			src, err := starter.Render(options(s, c))
			if err != nil {
				t.Fatalf("%s %s: %v", s, c, err)
			}
			f, err := facts.Parse(facts.FileName, src, catalog.Default())
			if err != nil {
				t.Fatalf("%s %s: %v", s, c, err)
			}
			o := f.Organization
			if o.Name != "Quillfeather Analytics" || o.ShortName != "Quillfeather" || o.Country != c || o.Sector != s ||
				f.DocumentControl.Prefix != "QUILLFEATHER-ISMS" || f.Release.Date.String() != "2026-04-06" {
				t.Errorf("%s %s: the starter does not carry the values given: %+v, prefix %q, date %s", s, c, o, f.DocumentControl.Prefix, f.Release.Date)
			}
			if n := starter.Count(src); n < 20 {
				t.Errorf("%s %s: %d placeholders", s, c, n)
			}
			if len(f.Controls) != 0 {
				t.Errorf("%s %s: the starter decides %d controls; the decisions are the organization's", s, c, len(f.Controls))
			}
		}
	}
}

// TestStartersCarryNoExampleValue checks that no starter holds a value of a
// built-in example: no name, person, domain, address, date or prefix, and
// no text of several words that an example writes.
func TestStartersCarryNoExampleValue(t *testing.T) {
	names, srcs := examples.Facts()
	// texts are the multi-word values each example writes; single words
	// are level names, kinds and IDs, the vocabulary of the schema.
	texts := map[string]string{}
	var idents []string
	for i, name := range names {
		f, err := facts.Parse(name+"/isms.yaml", srcs[i], catalog.Default())
		if err != nil {
			t.Fatal(err)
		}
		f.Scalars(func(_ diag.Pos, v string) {
			if v = strings.ToLower(strings.TrimSpace(v)); strings.Contains(v, " ") {
				texts[v] = name
			}
		})
		o := f.Organization
		idents = append(idents, o.Name, o.LegalName, o.ShortName, o.Website, f.DocumentControl.Prefix)
		for _, l := range o.Locations {
			idents = append(idents, l.Address)
		}
		for _, p := range f.People {
			idents = append(idents, p.Name, p.Email)
			if _, d, ok := strings.Cut(p.Email, "@"); ok {
				idents = append(idents, d)
			}
		}
		for _, d := range []facts.Date{f.Release.Date, f.Certification.Stage1, f.Certification.Stage2, f.RiskMethod.Assessed} {
			idents = append(idents, d.String())
		}
	}
	for _, s := range starter.SectorIDs() {
		for _, c := range countries {
			src, err := starter.Render(options(s, c))
			if err != nil {
				t.Fatal(err)
			}
			lower := strings.ToLower(string(src))
			for _, id := range idents {
				// Comments included: a starter's comment is read too.
				if id = strings.ToLower(strings.TrimSpace(id)); len(id) >= 4 && strings.Contains(lower, id) {
					t.Errorf("%s %s: the starter names %q, a value of an example", s, c, id)
				}
			}
			f, err := facts.Parse(facts.FileName, src, catalog.Default())
			if err != nil {
				t.Fatal(err)
			}
			f.Scalars(func(pos diag.Pos, v string) {
				if ex, ok := texts[strings.ToLower(strings.TrimSpace(v))]; ok {
					t.Errorf("%s %s: line %d holds %q, a value of the %s example", s, c, pos.Line, v, ex)
				}
			})
		}
	}
}

// TestWriteNeverOverwrites checks that init refuses an existing file, for
// a starter and for an example, and leaves it as it was.
func TestWriteNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "isms.yaml")
	if err := os.WriteFile(path, []byte("organization: {name: Mine}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var exists *starter.ExistsError
	if _, err := starter.Write(dir, options("saas", "US")); !errors.As(err, &exists) {
		t.Errorf("Write over a file: %v, want an ExistsError", err)
	}
	if _, err := starter.WriteExample(dir, "acme-saas"); !errors.As(err, &exists) {
		t.Errorf("WriteExample over a file: %v, want an ExistsError", err)
	}
	if err := starter.Free(dir); !errors.As(err, &exists) {
		t.Errorf("Free: %v, want an ExistsError", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "organization: {name: Mine}\n" {
		t.Errorf("the file changed: %q", b)
	}
}

// TestOptions checks the values init refuses, with the flag that gives
// them, and the defaults.
func TestOptions(t *testing.T) {
	for _, c := range []struct {
		change func(*starter.Options)
		flag   string
	}{
		{func(o *starter.Options) { o.Sector = "banking" }, "sector"},
		{func(o *starter.Options) { o.Name = "Two\nlines" }, "name"},
		{func(o *starter.Options) { o.Name = "FILL: a name" }, "name"},
		{func(o *starter.Options) { o.Country = "USA" }, "country"},
		{func(o *starter.Options) { o.Prefix = "QF ISMS" }, "prefix"},
		{func(o *starter.Options) { o.Date = "2026-13-01" }, "date"},
		{func(o *starter.Options) { o.Date = "" }, "date"},
	} {
		o := options("saas", "US")
		c.change(&o)
		_, err := starter.Render(o)
		var bad *starter.InputError
		if !errors.As(err, &bad) || bad.Flag != c.flag {
			t.Errorf("%+v: %v, want an input error for --%s", o, err, c.flag)
		}
	}
	o := starter.Options{Sector: "healthcare", Name: `Saint "Mary's" Clinic`, Country: "us", Date: "2026-04-06"}
	if got := o.Missing(); len(got) != 0 {
		t.Errorf("Missing: %v", got)
	}
	src, err := starter.Render(o)
	if err != nil {
		t.Fatal(err)
	}
	f, err := facts.Parse(facts.FileName, src, catalog.Default())
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Organization; got.Name != `Saint "Mary's" Clinic` || got.ShortName != got.Name || got.Country != "US" || f.DocumentControl.Prefix != "SAINT-ISMS" {
		t.Errorf("defaults: name %q, short name %q, country %q, prefix %q", got.Name, got.ShortName, got.Country, f.DocumentControl.Prefix)
	}
	if got := (&starter.Options{Name: "X"}).Missing(); strings.Join(got, " ") != "--sector --country --date" {
		t.Errorf("Missing: %v", got)
	}
}
