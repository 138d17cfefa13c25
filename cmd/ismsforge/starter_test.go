package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/starter"
	"github.com/ismsforge/ismsforge/examples"
)

// checkOutput is what check --json prints.
type checkOutput struct {
	Findings []struct {
		Pos struct {
			File      string
			Line, Col int
		} `json:"pos"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
		Code     string `json:"code"`
	} `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

func checkJSON(t *testing.T, args ...string) (int, checkOutput) {
	t.Helper()
	code, stdout, stderr := runCLI(append([]string{"check", "--json"}, args...)...)
	var out checkOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("check %v: exit %d, output is not JSON: %v\n%s%s", args, code, err, stdout, stderr)
	}
	return code, out
}

// TestStarterToPack walks a new user's path for every sector: init into an
// empty directory, check (which must name every placeholder at its line),
// fill every placeholder and decide every control with values of the test's
// own, check --strict (which must find nothing), and build. No output file
// may name a built-in example's organization, people, domains or addresses.
//
// What to fill comes from the starter itself (its placeholders) and the
// controls from the catalog, never from a list kept here: when a template
// starts to need a new fact, the strict check fails until the starter asks
// for it.
func TestStarterToPack(t *testing.T) {
	if testing.Short() {
		t.Skip("builds four packs")
	}
	forbidden := exampleIdentities(t)
	for _, sector := range starter.SectorIDs() {
		t.Run(sector, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "pack")
			code, stdout, stderr := runCLI("init", dir, "--sector", sector, "--name", "Quillfeather Analytics", "--short-name", "Quillfeather",
				"--country", "US", "--prefix", "QFA-ISMS", "--date", "2026-04-06")
			if code != 0 {
				t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
			}
			path := filepath.Join(dir, "isms.yaml")
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := facts.Parse(path, src, catalog.Default())
			if err != nil {
				t.Fatalf("the starter does not load: %v", err)
			}
			var ps []facts.Placeholder
			f.Placeholders(func(p facts.Placeholder) { ps = append(ps, p) })
			if len(ps) < 20 {
				t.Fatalf("the starter holds %d placeholders; a starter asks for the organization's facts", len(ps))
			}
			if !strings.Contains(stdout, fmt.Sprintf("with %d placeholders to fill", len(ps))) {
				t.Errorf("init does not say how many placeholders there are:\n%s", stdout)
			}

			// Unfilled, check fails with one error per placeholder, at its
			// line and column, and nothing else is an error.
			code, out := checkJSON(t, dir)
			if code != exitInput {
				t.Fatalf("check of the unfilled starter: exit %d, want %d", code, exitInput)
			}
			fills := map[[2]int]bool{}
			for _, d := range out.Findings {
				if d.Code == "example-leftover" {
					t.Errorf("the starter holds a value of an example: %s:%d:%d: %s", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Message)
				}
				if d.Severity != "error" {
					continue
				}
				if d.Code != "placeholder" || !strings.HasPrefix(d.Message, "fill in: ") {
					t.Errorf("the unfilled starter has an error that is not a placeholder: %d:%d: %s", d.Pos.Line, d.Pos.Col, d.Message)
					continue
				}
				fills[[2]int{d.Pos.Line, d.Pos.Col}] = true
			}
			for _, p := range ps {
				if !fills[[2]int{p.Pos.Line, p.Pos.Col}] {
					t.Errorf("check does not report the placeholder at %d:%d (%s: %s)", p.Pos.Line, p.Pos.Col, p.Key, p.What)
				}
			}
			if len(fills) != len(ps) || out.Errors != len(ps) {
				t.Errorf("check reports %d errors at %d places for %d placeholders", out.Errors, len(fills), len(ps))
			}

			filled := fill(t, src, ps)
			filled = append(filled, decideControls(f)...)
			if err := os.WriteFile(path, filled, 0o644); err != nil {
				t.Fatal(err)
			}
			code, out = checkJSON(t, "--strict", dir)
			if code != 0 || len(out.Findings) > 0 {
				var b strings.Builder
				for _, d := range out.Findings {
					fmt.Fprintf(&b, "\n  %s:%d:%d: %s: %s", d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity, d.Message)
				}
				t.Fatalf("check --strict of the filled starter: exit %d, %d findings (the starter must ask for every fact the documents need):%s", code, len(out.Findings), b.String())
			}
			code, stdout, stderr = runCLI("build", "-q", dir)
			if code != 0 {
				t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
			}

			outDir := filepath.Join(dir, "out")
			texts := outputTexts(t, outDir)
			if len(texts) < 50 {
				t.Fatalf("the build wrote %d readable files", len(texts))
			}
			var sawName bool
			for name, text := range texts {
				sawName = sawName || strings.Contains(text, "Quillfeather Analytics")
				for _, id := range forbidden {
					if strings.Contains(text, id.value) && id.re.MatchString(text) {
						t.Errorf("%s names %s of the %s example: %q", name, id.what, id.example, id.value)
					}
				}
				if i := strings.Index(text, "FILL"); i >= 0 && strings.HasSuffix(name, ".md") {
					t.Errorf("%s still holds a placeholder: %q", name, text[i:min(len(text), i+60)])
				}
			}
			if !sawName {
				t.Error("no output file names the organization")
			}
		})
	}
}

// fill replaces every placeholder of src with a value of the test's own:
// text where the starter has text, and a value of the form a blank key's
// comment names.
func fill(t *testing.T, src []byte, ps []facts.Placeholder) []byte {
	t.Helper()
	lines := strings.Split(string(src), "\n")
	// Later placeholders first, so that an edit never moves another's
	// column.
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b facts.Placeholder) int {
		if a.Pos.Line != b.Pos.Line {
			return b.Pos.Line - a.Pos.Line
		}
		return b.Pos.Col - a.Pos.Col
	})
	// Dates in the order they are written, a month apart.
	dates := map[diag.Pos]facts.Date{}
	next := mustDate(t, "2026-05-04")
	for _, p := range slices.Backward(ps) {
		if p.Form == "date" {
			dates[p.Pos] = next
			next = next.AddDays(30)
		}
	}
	for i, p := range ps {
		l := lines[p.Pos.Line-1]
		c := p.Pos.Col - 1
		if !p.Blank {
			// A text placeholder is a double-quoted scalar on one line.
			if c >= len(l) || l[c] != '"' {
				t.Fatalf("placeholder at %d:%d is not a double-quoted string: %s", p.Pos.Line, p.Pos.Col, l)
			}
			end := strings.IndexByte(l[c+1:], '"')
			if end < 0 {
				t.Fatalf("placeholder at %d:%d does not end on its line: %s", p.Pos.Line, p.Pos.Col, l)
			}
			lines[p.Pos.Line-1] = l[:c] + fmt.Sprintf(`"Filled value %d"`, len(ps)-i) + l[c+1+end+1:]
			continue
		}
		var v string
		switch form := p.Form; {
		case form == "number":
			v = "57"
		case form == "duration":
			v = "15m"
		case form == "date":
			v = dates[p.Pos].String()
		case form == "e-mail":
			v = "security@quillfeather.test"
		case form == "web address":
			v = "https://www.quillfeather.test"
		case form == "US state":
			v = "VA"
		case form == "US states":
			v = "[VA]"
		case form == "true or false":
			v = "true"
		case strings.HasPrefix(form, "any of "):
			v = "[" + strings.TrimSpace(strings.Split(strings.TrimPrefix(form, "any of "), ",")[0]) + "]"
		case strings.HasPrefix(form, "one of "):
			v = strings.TrimSpace(strings.Split(strings.TrimPrefix(form, "one of "), ",")[0])
		default:
			t.Fatalf("placeholder at %d:%d has a form this test does not know: %q", p.Pos.Line, p.Pos.Col, form)
		}
		lines[p.Pos.Line-1] = l[:c] + p.Key + ": " + v
	}
	return []byte(strings.Join(lines, "\n"))
}

func mustDate(t *testing.T, s string) facts.Date {
	d, err := facts.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// decideControls decides every Annex A control of the catalog: implemented,
// owned by the first person of the facts, with evidence.
func decideControls(f *facts.Facts) []byte {
	var b bytes.Buffer
	b.WriteString("\ncontrols:\n")
	for _, c := range catalog.Default().Controls() {
		fmt.Fprintf(&b, "  %s:\n    status: implemented\n    owner: %s\n    evidence: [Filled evidence record for %s]\n", c.ID, f.People[0].ID, c.ID)
	}
	return b.Bytes()
}

// identity is a value that identifies a built-in example.
type identity struct {
	example, what, value string
	re                   *regexp.Regexp
}

// exampleIdentities returns the names, people, domains and addresses of
// every built-in example.
func exampleIdentities(t *testing.T) []identity {
	t.Helper()
	var out []identity
	names, srcs := examples.Facts()
	if len(names) < 4 {
		t.Fatalf("found %d examples", len(names))
	}
	for i, name := range names {
		f, err := facts.Parse(name+"/isms.yaml", srcs[i], catalog.Default())
		if err != nil {
			t.Fatal(err)
		}
		add := func(what, v string) {
			v = strings.TrimSpace(v)
			if len([]rune(v)) < 4 {
				return
			}
			out = append(out, identity{name, what, v, regexp.MustCompile(`\b` + regexp.QuoteMeta(v) + `\b`)})
		}
		domain := func(s string) {
			if _, d, ok := strings.Cut(s, "@"); ok {
				add("the domain", d)
			} else if u, err := url.Parse(s); err == nil && u.Host != "" {
				add("the domain", strings.TrimPrefix(u.Host, "www."))
			}
		}
		o := f.Organization
		add("the organization", o.Name)
		add("the organization", o.LegalName)
		add("the organization", o.ShortName)
		domain(o.Website)
		for _, l := range o.Locations {
			add("an address", l.Address)
			street, _, _ := strings.Cut(l.Address, ",")
			add("an address", street)
		}
		for _, p := range f.People {
			add("a person", p.Name)
			domain(p.Email)
		}
		add("the document prefix", f.DocumentControl.Prefix)
	}
	return out
}

// outputTexts reads every text the build wrote: the HTML, Markdown, CSV and
// JSON files, and the XML inside the Word and Excel files.
func outputTexts(t *testing.T, dir string) map[string]string {
	t.Helper()
	texts := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		switch filepath.Ext(path) {
		case ".html", ".md", ".csv", ".json", ".txt", ".css":
			b, err := os.ReadFile(path)
			texts[rel] = string(b)
			return err
		case ".docx", ".xlsx":
			z, err := zip.OpenReader(path)
			if err != nil {
				return err
			}
			defer z.Close()
			for _, zf := range z.File {
				if !strings.HasSuffix(zf.Name, ".xml") {
					continue
				}
				r, err := zf.Open()
				if err != nil {
					return err
				}
				b, err := io.ReadAll(r)
				r.Close()
				if err != nil {
					return err
				}
				texts[rel+"!"+zf.Name] = string(b)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return texts
}

// TestEditedExampleCopyIsWarned copies each example with init --example and
// renames only the organization: check warns about what is left of the
// example, and check --strict fails, while the unchanged copy is clean.
func TestEditedExampleCopyIsWarned(t *testing.T) {
	if testing.Short() {
		t.Skip("checks four packs")
	}
	for _, ex := range starter.Examples() {
		t.Run(ex, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "copy")
			if code, stdout, stderr := runCLI("init", dir, "--example", ex); code != 0 {
				t.Fatalf("init --example: exit %d\n%s%s", code, stdout, stderr)
			}
			path := filepath.Join(dir, "isms.yaml")
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			name := regexp.MustCompile(`(?m)^organization:\n  name: .*$`)
			if !name.Match(src) {
				t.Fatal("the example does not start with organization: and name:")
			}
			if err := os.WriteFile(path, name.ReplaceAll(src, []byte("organization:\n  name: Quillfeather Analytics")), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out := checkJSON(t, dir)
			n := 0
			for _, d := range out.Findings {
				if d.Code == "example-leftover" {
					n++
					if d.Severity != "warning" {
						t.Errorf("leftover %s is an %s, want a warning", d.Message, d.Severity)
					}
				}
			}
			if code != 0 || n < 10 {
				t.Errorf("check of the renamed copy: exit %d, %d leftover warnings; want exit 0 and many", code, n)
			}
			if code, _ := checkJSON(t, "--strict", dir); code != exitInput {
				t.Errorf("check --strict of the renamed copy: exit %d, want %d", code, exitInput)
			}
		})
	}
}
