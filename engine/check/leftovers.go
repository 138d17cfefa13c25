package check

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/examples"
)

// maxLeftovers bounds the findings for one project: a barely edited copy of
// an example holds hundreds of its values, and the first fifty say enough.
const maxLeftovers = 50

// leftovers warns about facts that still belong to a built-in example: its
// organization's names, people, e-mail and web domains, addresses, document
// prefix and dates, and any text that names the organization. A pack made from an edited copy of an example
// must not reach an auditor with another organization's facts in it. The
// example's own file, unchanged, is the example and is not warned about.
func leftovers(in Input) diag.List {
	f := in.Facts
	src := f.Source()
	if src == nil {
		return nil
	}
	prints := exampleFingerprints()
	for _, p := range prints {
		if bytes.Equal(src, p.src) {
			return nil
		}
	}
	// The organization's name is its own, even when an example has it too:
	// a company called Acme is not a leftover of Acme Cloud. (Its legal and
	// short names are compared: they are what a rename forgets.)
	o := f.Organization
	own := map[string]bool{strings.ToLower(strings.TrimSpace(o.Name)): true}
	var out diag.List
	seen := map[diag.Pos]bool{}
	extra := 0
	f.Values(func(path string, v facts.Value) {
		if !v.IsDate && own[strings.ToLower(strings.TrimSpace(v.String))] {
			return
		}
		for _, p := range prints {
			what, ok := p.match(v, o.Name)
			if !ok {
				continue
			}
			// Defaults (a legal name taken from the name) point where the
			// value they copy is written: one finding there is enough.
			pos := f.Where(path)
			if seen[pos] {
				return
			}
			seen[pos] = true
			if len(out) == maxLeftovers {
				extra++
				return
			}
			shown := v.String
			if v.IsDate {
				shown = v.Date.String()
			}
			out = append(out, diag.Warnf(pos, "replace it with your own organization's fact, or remove it: a pack must not carry another organization's facts",
				"%s %q %s the %s example", path, clip(shown), what, p.name).WithSource(src).WithCode("example-leftover"))
			return
		}
	})
	if extra > 0 {
		out = append(out, diag.Warnf(f.Where(""), "search isms.yaml for the example's names, domains and dates",
			"%d more values come from a built-in example", extra).WithSource(src).WithCode("example-leftover"))
	}
	return out
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// fingerprint is what identifies one example's organization.
type fingerprint struct {
	name string
	src  []byte
	// exact values (lowercased) and what they are.
	exact map[string]string
	// words are names that give the example away wherever they appear.
	words *regexp.Regexp
	// domains are its e-mail and web domains.
	domains []string
	dates   map[facts.Date]string
}

func (p *fingerprint) match(v facts.Value, ownName string) (string, bool) {
	if v.IsDate {
		what, ok := p.dates[v.Date]
		return what, ok
	}
	s := strings.ToLower(strings.TrimSpace(v.String))
	if what, ok := p.exact[s]; ok {
		return "is " + what + " of", true
	}
	for _, d := range p.domains {
		if strings.Contains(s, d) {
			return "names the domain " + d + " of", true
		}
	}
	if p.words != nil && !p.words.MatchString(ownName) && p.words.MatchString(v.String) {
		return "names the organization of", true
	}
	return "", false
}

// publicDomains are mail providers many organizations share.
var publicDomains = []string{"gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "proton.me", "protonmail.com"}

// exampleFingerprints are the built-in examples' fingerprints. They are
// made from examplePrints, which fingerprints_gen.go holds, rather than by
// parsing four example files in every build, which cost 40 ms of CPU:
// TestExamplePrintsAreCurrent keeps the generated file in step with the
// examples.
var exampleFingerprints = sync.OnceValue(func() []*fingerprint {
	names, srcs := examples.Facts()
	var out []*fingerprint
	for _, ps := range examplePrints {
		if i := slices.Index(names, ps.Name); i >= 0 {
			out = append(out, ps.fingerprint(srcs[i]))
		}
	}
	return out
})

// printSource is a fingerprint as fingerprints_gen.go writes it.
type printSource struct {
	Name    string
	Exact   [][2]string // value, what it is
	Words   string      // the pattern of fingerprint.words, or ""
	Domains []string
	Dates   [][2]string // YYYY-MM-DD, what it is
}

func (ps printSource) fingerprint(src []byte) *fingerprint {
	p := &fingerprint{name: ps.Name, src: src, exact: map[string]string{}, dates: map[facts.Date]string{}, domains: ps.Domains}
	for _, e := range ps.Exact {
		p.exact[e[0]] = e[1]
	}
	if ps.Words != "" {
		p.words = regexp.MustCompile(ps.Words)
	}
	for _, d := range ps.Dates {
		if date, err := facts.ParseDate(d[0]); err == nil {
			p.dates[date] = d[1]
		}
	}
	return p
}

// source returns p as fingerprints_gen.go holds it, in a fixed order.
func (p *fingerprint) source() printSource {
	ps := printSource{Name: p.name, Domains: p.domains}
	for v, what := range p.exact {
		ps.Exact = append(ps.Exact, [2]string{v, what})
	}
	slices.SortFunc(ps.Exact, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	if p.words != nil {
		ps.Words = p.words.String()
	}
	for d, what := range p.dates {
		ps.Dates = append(ps.Dates, [2]string{d.String(), what})
	}
	slices.SortFunc(ps.Dates, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return ps
}

func newFingerprint(name string, src []byte, f *facts.Facts) *fingerprint {
	p := &fingerprint{name: name, src: src, exact: map[string]string{}, dates: map[facts.Date]string{}}
	add := func(v, what string) {
		v = strings.ToLower(strings.TrimSpace(v))
		if len([]rune(v)) >= 4 {
			if _, dup := p.exact[v]; !dup {
				p.exact[v] = what
			}
		}
	}
	o := f.Organization
	add(o.Name, "the name of the organization")
	add(o.LegalName, "the legal name of the organization")
	add(o.ShortName, "the short name of the organization")
	add(o.Website, "the website")
	for _, l := range o.Locations {
		add(l.Address, "an address")
	}
	for _, pe := range f.People {
		add(pe.Name, "a person")
		add(pe.Email, "an e-mail address")
		if _, dom, ok := strings.Cut(pe.Email, "@"); ok {
			p.addDomain(dom)
		}
	}
	add(f.DocumentControl.Prefix, "the document prefix")
	if u, err := url.Parse(o.Website); err == nil && u.Host != "" {
		p.addDomain(strings.TrimPrefix(u.Host, "www."))
	}
	// The organization's own words: "Acme", "Riverbend Health".
	var words []string
	for _, w := range []string{o.ShortName, o.Name} {
		if len([]rune(w)) >= 4 {
			words = append(words, regexp.QuoteMeta(w))
		}
	}
	if len(words) > 0 {
		p.words = regexp.MustCompile(`(?i)\b(?:` + strings.Join(words, "|") + `)\b`)
	}
	for _, d := range []struct {
		d    facts.Date
		what string
	}{
		{f.Release.Date, "the release date"}, {f.Certification.Stage1, "the stage 1 audit date"},
		{f.Certification.Stage2, "the stage 2 audit date"}, {f.RiskMethod.Assessed, "the risk assessment date"},
	} {
		if _, dup := p.dates[d.d]; !dup && !d.d.IsZero() {
			p.dates[d.d] = fmt.Sprintf("is %s of", d.what)
		}
	}
	return p
}

func (p *fingerprint) addDomain(d string) {
	d = strings.ToLower(strings.TrimSpace(d))
	if d != "" && !slices.Contains(publicDomains, d) && !slices.Contains(p.domains, d) {
		p.domains = append(p.domains, d)
	}
}
