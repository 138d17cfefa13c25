// Package starter writes the first isms.yaml of a project: a starter for
// one sector that carries the structure such an organization usually needs
// (the regimes, plans, classification scheme, identity domains, services)
// and none of another organization's facts. Every fact the organization
// must supply is a placeholder (see facts.FillMark) that check reports at
// its line until it is filled. It can also copy a built-in example whole,
// for those who want to explore a finished pack.
//
// The starters are text/template files over YAML, embedded in the binary.
// The organization's name, short name, country, document prefix and date
// are the only values filled in; they come from Options.
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"unicode"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/tmpl"
	"github.com/ismsforge/ismsforge/examples"
)

//go:embed sectors/*.tmpl
var files embed.FS

// Sector is one of the starters.
type Sector struct {
	// ID is what --sector takes, and organization.sector in the file.
	ID string
	// Summary says in a line whom the starter is for.
	Summary string
}

// sectors lists the starters in the order help text shows them.
var sectors = []Sector{
	{"saas", "a company that sells software as a service"},
	{"healthcare", "a healthcare provider: a hospital, clinic or practice"},
	{"defense", "a defense contractor that handles CUI under DoD contracts"},
	{"financial-services", "a financial services firm: payments, lending, banking, insurance"},
}

// Sectors returns the starters.
func Sectors() []Sector { return slices.Clone(sectors) }

// SectorIDs returns the IDs --sector takes.
func SectorIDs() []string {
	ids := make([]string, len(sectors))
	for i, s := range sectors {
		ids[i] = s.ID
	}
	return ids
}

// Examples returns the names of the built-in examples init --example copies.
func Examples() []string {
	names, _ := examples.Facts()
	return names
}

// Options are the values a starter is written with.
type Options struct {
	Sector    string
	Name      string
	ShortName string
	// Country is an ISO 3166 alpha-2 code; it decides the paper size and
	// which national regimes the starter lists as applying.
	Country string
	// Prefix starts every document reference; default derived from the
	// short name, as the documents derive it.
	Prefix string
	// Date is the pack's date, YYYY-MM-DD: ismsforge never reads the clock,
	// so the starter cannot date itself.
	Date string
}

// InputError is a value init cannot use; Flag names the flag that gives it.
type InputError struct {
	Flag string
	Msg  string
}

func (e *InputError) Error() string {
	if e.Flag == "" {
		return e.Msg
	}
	return "--" + e.Flag + ": " + e.Msg
}

// ExistsError refuses to overwrite a file.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists; ismsforge init never overwrites a file (move it away first)", e.Path)
}

// Question is one value init needs, as a flag or, in a terminal, a prompt.
type Question struct {
	// Flag is the flag's name, without dashes.
	Flag string
	// Prompt asks for the value in a terminal.
	Prompt string
	// Required values have no default: without a terminal, init stops and
	// names the flag.
	Required bool
	// Get returns the value given so far; Default the value used when
	// none is given ("" when there is none).
	Get     func(*Options) string
	Default func(*Options) string
	// Set checks a value and stores it.
	Set func(*Options, string) error
}

// Questions returns what init asks for, in the order it asks.
func Questions() []Question {
	return []Question{
		{Flag: "sector", Prompt: "Sector (" + strings.Join(SectorIDs(), ", ") + ")", Required: true,
			Get: func(o *Options) string { return o.Sector }, Set: setSector},
		{Flag: "name", Prompt: "Organization's name, as the documents name it", Required: true,
			Get: func(o *Options) string { return o.Name }, Set: func(o *Options, v string) error { return setText(&o.Name, "name", v) }},
		{Flag: "short-name", Prompt: "Short name, for running text",
			Get: func(o *Options) string { return o.ShortName }, Default: func(o *Options) string { return o.Name },
			Set: func(o *Options, v string) error { return setText(&o.ShortName, "short-name", v) }},
		{Flag: "country", Prompt: "Country (two-letter ISO code, such as US, GB or DE)", Required: true,
			Get: func(o *Options) string { return o.Country }, Set: setCountry},
		{Flag: "prefix", Prompt: "Document reference prefix",
			Get: func(o *Options) string { return o.Prefix }, Default: defaultPrefix, Set: setPrefix},
		{Flag: "date", Prompt: "Date of this first draft (YYYY-MM-DD)", Required: true,
			Get: func(o *Options) string { return o.Date }, Set: setDate},
	}
}

// Missing returns the flags of required values not given yet.
func (o *Options) Missing() []string {
	var out []string
	for _, q := range Questions() {
		if q.Required && q.Get(o) == "" {
			out = append(out, "--"+q.Flag)
		}
	}
	return out
}

// Complete checks every value given, fills the defaults, and reports the
// first value missing or unusable.
func (o *Options) Complete() error {
	for _, q := range Questions() {
		v := q.Get(o)
		if v == "" && q.Default != nil {
			v = q.Default(o)
		}
		if v == "" {
			return &InputError{Flag: q.Flag, Msg: "missing; " + strings.ToLower(q.Prompt[:1]) + q.Prompt[1:]}
		}
		if err := q.Set(o, v); err != nil {
			return err
		}
	}
	return nil
}

func setSector(o *Options, v string) error {
	v = strings.ToLower(strings.TrimSpace(v))
	if !slices.Contains(SectorIDs(), v) {
		return &InputError{Flag: "sector", Msg: fmt.Sprintf("%q is not a starter; choose one of %s (or copy a full example with --example)", v, strings.Join(SectorIDs(), ", "))}
	}
	o.Sector = v
	return nil
}

func setText(dst *string, flag, v string) error {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return &InputError{Flag: flag, Msg: "must not be empty"}
	case len([]rune(v)) > 200:
		return &InputError{Flag: flag, Msg: "is longer than 200 characters"}
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		return &InputError{Flag: flag, Msg: "holds a control character (a line break or a tab); write it on one line"}
	}
	if _, ok := facts.FillText(v); ok {
		return &InputError{Flag: flag, Msg: "is a placeholder; give the organization's own value"}
	}
	*dst = v
	return nil
}

var countryCode = regexp.MustCompile(`^[A-Za-z]{2}$`)

func setCountry(o *Options, v string) error {
	v = strings.TrimSpace(v)
	if !countryCode.MatchString(v) {
		return &InputError{Flag: "country", Msg: fmt.Sprintf("%q is not a two-letter ISO 3166 code, such as US, GB or DE", v)}
	}
	o.Country = strings.ToUpper(v)
	return nil
}

// refPrefix is the form facts accept for document_control.prefix.
var refPrefix = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func setPrefix(o *Options, v string) error {
	v = strings.TrimSpace(v)
	if len(v) > 40 || !refPrefix.MatchString(v) {
		return &InputError{Flag: "prefix", Msg: fmt.Sprintf("%q is not a document reference prefix; use letters, digits and hyphens, such as EXAMPLE-ISMS", v)}
	}
	o.Prefix = v
	return nil
}

// defaultPrefix is the prefix the documents would derive from the short
// name, so that writing it down changes nothing.
func defaultPrefix(o *Options) string {
	short := o.ShortName
	if short == "" {
		short = o.Name
	}
	if short == "" {
		return ""
	}
	f := &facts.Facts{}
	f.Organization.ShortName = short
	return tmpl.RefPrefix(f)
}

func setDate(o *Options, v string) error {
	v = strings.TrimSpace(v)
	if _, err := facts.ParseDate(v); err != nil {
		return &InputError{Flag: "date", Msg: err.Error() + ", such as 2026-03-31"}
	}
	o.Date = v
	return nil
}

// data is what the starter templates see.
type data struct {
	Options
	// US, EEA and UK tell which national regimes apply where the
	// organization is established.
	US, EEA, UK bool
}

// eea lists the countries where the GDPR applies.
var eea = []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"}

// Render returns the starter for o, which must be complete.
func Render(o Options) ([]byte, error) {
	if err := o.Complete(); err != nil {
		return nil, err
	}
	t, err := template.New("").Funcs(template.FuncMap{"q": quote, "dict": dict}).ParseFS(files, "sectors/common.tmpl", "sectors/"+o.Sector+".tmpl")
	if err != nil {
		return nil, fmt.Errorf("starter %s: %w", o.Sector, err)
	}
	d := data{Options: o, US: o.Country == "US", EEA: slices.Contains(eea, o.Country), UK: o.Country == "GB"}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, o.Sector+".tmpl", d); err != nil {
		return nil, fmt.Errorf("starter %s: %w", o.Sector, err)
	}
	out := b.Bytes()
	// A starter that does not load would meet the user with ismsforge's own
	// mistake; it is a bug, reported as one.
	if _, err := facts.Parse(facts.FileName, out, catalog.Default()); err != nil {
		return nil, fmt.Errorf("starter %s does not load: %w", o.Sector, err)
	}
	return out, nil
}

// quote writes s as a YAML double-quoted scalar; setText has refused
// control characters.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// dict builds the arguments of a shared section.
func dict(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// Written is what Write wrote.
type Written struct {
	Path string
	// Placeholders counts the facts left to fill.
	Placeholders int
}

// Write writes the starter for o into dir/isms.yaml, creating dir if
// needed. It never overwrites a file.
func Write(dir string, o Options) (Written, error) {
	src, err := Render(o)
	if err != nil {
		return Written{}, err
	}
	path, err := create(dir, src)
	if err != nil {
		return Written{}, err
	}
	return Written{Path: path, Placeholders: Count(src)}, nil
}

// Count returns how many placeholders a facts file holds, or 0 when it
// does not load.
func Count(src []byte) int {
	f, err := facts.Parse(facts.FileName, src, catalog.Default())
	if err != nil {
		return 0
	}
	n := 0
	f.Placeholders(func(facts.Placeholder) { n++ })
	return n
}

// WriteExample copies the facts of a built-in example into dir/isms.yaml.
// It never overwrites a file.
func WriteExample(dir, name string) (string, error) {
	names, srcs := examples.Facts()
	i := slices.Index(names, name)
	if i < 0 {
		return "", &InputError{Flag: "example", Msg: fmt.Sprintf("no example %q; the examples are %s", name, strings.Join(names, ", "))}
	}
	return create(dir, srcs[i])
}

// Free reports an ExistsError when dir already holds a facts file, so that
// init can refuse before it asks anything.
func Free(dir string) error {
	path := filepath.Join(dir, facts.FileName)
	if _, err := os.Lstat(path); err == nil {
		return &ExistsError{Path: path}
	}
	return nil
}

func create(dir string, src []byte) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("init: %w", err)
	}
	path := filepath.Join(dir, facts.FileName)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", &ExistsError{Path: path}
	}
	if err != nil {
		return "", fmt.Errorf("init: %w", err)
	}
	if _, err := f.Write(src); err != nil {
		f.Close()
		os.Remove(path)
		return "", fmt.Errorf("init: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return "", fmt.Errorf("init: %w", err)
	}
	return path, nil
}
