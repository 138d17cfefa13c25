package tmpl

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/source"
)

const factsYAML = `organization:
  name: '<script>alert(1)</script> & "Co" *bold*'
  short_name: Acme
  country: US
people:
  - {id: ann, name: Ann Lee, title: CEO, email: ann@acme.example, roles: [top-management, isms-owner]}
scope:
  services: [{name: Widgets}]
  locations: [hq]
organization_extra: null
release: {date: 2026-11-02}
`

// project builds a temporary project holding isms.yaml and the given
// templates, and returns the parsed library, the model and the selection.
func project(t testing.TB, tmpls map[string]string) (*Library, *Model, []*Template, error) {
	t.Helper()
	return projectIn(t, t.TempDir(), tmpls)
}

// projectIn is project in a given directory; the facts are written once and
// the templates directory is replaced on every call.
func projectIn(t testing.TB, dir string, tmpls map[string]string) (*Library, *Model, []*Template, error) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "isms.yaml")); err != nil {
		y := strings.Replace(factsYAML, "organization_extra: null\n", "", 1)
		y = strings.Replace(y, "  country: US\n", "  country: US\n  locations: [{id: hq, name: Denver HQ, kind: office}]\n", 1)
		if err := os.WriteFile(filepath.Join(dir, "isms.yaml"), []byte(y), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.RemoveAll(filepath.Join(dir, "templates"))
	for name, body := range tmpls {
		p := filepath.Join(dir, "templates", name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, f, cat, err := parseIn(t, dir, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	sel, _, err := lib.Select(f, cat)
	if err != nil {
		return nil, nil, nil, err
	}
	return lib, NewModel(f, cat, f.ReleaseDate(), sel), sel, nil
}

// parseIn loads the facts of the project in dir and parses its templates,
// reusing what prev parsed (see ParseWith).
func parseIn(t testing.TB, dir string, prev *Library) (*Library, *facts.Facts, *catalog.Catalog, error) {
	t.Helper()
	cat := catalog.Default()
	f, err := facts.Load(dir, cat)
	if err != nil {
		t.Fatal(err)
	}
	set, err := source.Open(dir, "default", fstest.MapFS{}, fstest.MapFS{"default/theme.yaml": {Data: []byte("{}")}})
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	files, err := set.Templates()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := ParseWith(files, cat, prev)
	return lib, f, cat, err
}

func render(t *testing.T, body string) (string, error) {
	t.Helper()
	lib, m, sel, err := project(t, map[string]string{"doc.md": "---\nid: doc\ntitle: Doc\nkind: policy\n---\n" + body})
	if err != nil {
		return "", err
	}
	out, err := lib.Render(context.Background(), m, sel[0], nil, DefaultLimits)
	if err != nil {
		return "", err
	}
	return string(out.Markdown), nil
}

func TestFactsAreEscaped(t *testing.T) {
	got, err := render(t, "Name: {{ .Org.Name }}\n\n| Org |\n|---|\n| {{ .Org.Name }} |\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "Name: \\<script\\>alert(1)\\</script\\> \\& \"Co\" \\*bold\\*\n\n| Org |\n|---|\n| \\<script\\>alert(1)\\</script\\> \\& \"Co\" \\*bold\\* |\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestEscapeBlockMarkersAndCells(t *testing.T) {
	cases := map[string]string{
		"# not a heading":        `\# not a heading`,
		"1. not a list":          `1\. not a list`,
		"- item\n- item":         "\\- item\n\\- item",
		"---":                    "\\---",
		"-5 degrees":             `\-5 degrees`,
		"2026 was good":          "2026 was good",
		"    code":               "code",
		"a | b":                  `a \| b`,
		"[x](javascript:bad)":    `\[x\](javascript:bad)`,
		"![img](http://x/y.png)": `\!\[img\](http://x/y.png)`,
	}
	for in, want := range cases {
		if got := escapeText(in, true); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := escapeCell("line one\nline two | x"); got != `line one line two \| x` {
		t.Errorf("escapeCell = %q", got)
	}
	// Mid-line, a leading "1." or "-" cannot start a block.
	if got := escapeText("1.3 - x\n2. y", false); got != "1.3 - x\n2\\. y" {
		t.Errorf("mid-line escapeText = %q", got)
	}
}

func TestMarkdownFromFunctionsIsNotEscaped(t *testing.T) {
	got, err := render(t, "See {{ link \"doc\" }} and {{ mailto (role \"isms-owner\") }}.\n{{ bullets (list \"a*\" \"b\") }}")
	if err != nil {
		t.Fatal(err)
	}
	want := "See [Doc](doc.md) and [Ann Lee](mailto:ann@acme.example).\n- a\\*\n- b\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBlockedFunctionsAreNamedAtTheirLine(t *testing.T) {
	for _, fn := range []string{"env", "expandenv", "now", "randInt", "shuffle", "getHostByName", "genPrivateKey", "toDate", "until", "ago"} {
		t.Run(fn, func(t *testing.T) {
			_, err := render(t, "Hello\n{{ if false }}{{ "+fn+" \"X\" }}{{ end }}\n")
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("want diagnostic, got %v", err)
			}
			if d.Pos.File != "templates/doc.md" || d.Pos.Line != 7 || d.Pos.Col == 0 {
				t.Errorf("position = %s, want templates/doc.md:7:N", d.Pos)
			}
			if !strings.Contains(d.Message, `function "`+fn+`" is not allowed`) {
				t.Errorf("message = %q", d.Message)
			}
		})
	}
}

func TestExecErrorsPointAtTheTemplateLine(t *testing.T) {
	_, err := render(t, "Line one\n\nOwner: {{ .Org.Nmae }}\n")
	var d *diag.Diagnostic
	if !errors.As(err, &d) {
		t.Fatalf("want diagnostic, got %v", err)
	}
	if got := d.Pos.String(); got != "templates/doc.md:8:15" {
		t.Errorf("position = %s, want templates/doc.md:8:15\n%v", got, err)
	}
	if !strings.Contains(d.Hint, `did you mean "Name"?`) {
		t.Errorf("hint = %q", d.Hint)
	}
	if d.Excerpt == nil {
		t.Error("no excerpt")
	}
}

func TestParseErrorsPointAtTheStrayBrace(t *testing.T) {
	_, err := render(t, "Intro\n\nThe board meets {{ .Org.Name }} under {{ .Org.ShortName }.\n")
	var d *diag.Diagnostic
	if !errors.As(err, &d) {
		t.Fatalf("want diagnostic, got %v", err)
	}
	if got := d.Pos.String(); got != "templates/doc.md:8:57" {
		t.Errorf("position = %s, want templates/doc.md:8:57, the lone }\n%v", got, err)
	}
}

func TestMissingCustomKeyIsAnError(t *testing.T) {
	_, err := render(t, "{{ .Custom.SupportHours }}\n")
	var d *diag.Diagnostic
	if !errors.As(err, &d) || !strings.Contains(d.Message, `map has no entry for key "SupportHours"`) || !strings.Contains(d.Hint, "not set") {
		t.Fatalf("got %v", err)
	}
	got, err := render(t, `{{ custom "SupportHours" "business hours" }}`)
	if err != nil || got != "business hours" {
		t.Errorf("custom with default = %q, %v", got, err)
	}
}

func TestPrintingAListOrNilIsAnError(t *testing.T) {
	if _, err := render(t, "{{ .Org.Locations }}"); err == nil || !strings.Contains(err.Error(), "cannot print a list") {
		t.Errorf("got %v", err)
	}
	got, err := render(t, `{{ sentence .Scope.Locations }}`)
	if err != nil || got != "Denver HQ" {
		t.Errorf("sentence = %q, %v", got, err)
	}
}

func TestRunawayTemplatesStop(t *testing.T) {
	cases := map[string]string{
		"range":     "{{ range 100000000 }}{{ end }}",
		"nested":    "{{ range 2000 }}{{ range 2000 }}{{ end }}{{ end }}",
		"recursion": `{{ define "x" }}{{ template "x" . }}{{ end }}{{ template "x" . }}`,
		"output":    `{{ range 900000 }}xxxxxxxxxxxx{{ end }}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := render(t, body)
			var d *diag.Diagnostic
			if !errors.As(err, &d) || d.Pos.File != "templates/doc.md" {
				t.Fatalf("want a diagnostic naming the template, got %v", err)
			}
		})
	}
}

func TestUnknownDocumentLinkIsAnError(t *testing.T) {
	_, err := render(t, "x\n{{ link \"acess-control\" }}\n")
	var d *diag.Diagnostic
	if !errors.As(err, &d) || !strings.Contains(d.Message, `unknown document "acess-control"`) || d.Pos.Line != 7 {
		t.Fatalf("got %v", err)
	}
}

func TestVersionNeutralPass(t *testing.T) {
	lib, m, sel, err := project(t, map[string]string{
		"a.md": "---\nid: a\ntitle: A\nkind: policy\n---\nVersion {{ .Doc.Version }}\n",
		"b.md": "---\nid: b\ntitle: B\nkind: policy\n---\nNo versions here: {{ link \"a\" }}\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range sel {
		out, err := lib.Render(context.Background(), m, tm, nil, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if want := tm.Meta.ID == "a"; out.UsesVersions != want {
			t.Errorf("%s: UsesVersions = %v, want %v", tm.Meta.ID, out.UsesVersions, want)
		}
		if tm.Meta.ID == "b" && strings.Join(out.Refs, ",") != "a" {
			t.Errorf("b refs = %v", out.Refs)
		}
	}
	out, err := lib.Render(context.Background(), m, sel[0], fixedVersions{}, DefaultLimits)
	if err != nil || string(out.Markdown) != "Version 1.3\n" {
		t.Errorf("real pass = %q, %v", out.Markdown, err)
	}
}

type fixedVersions struct{}

func (fixedVersions) Doc(string) VersionInfo { return VersionInfo{Version: "1.3", Status: "Approved"} }
func (fixedVersions) Pack() string           { return "1.3" }

func TestFrontMatterErrors(t *testing.T) {
	cases := map[string]struct{ src, pos, msg string }{
		"unknown key":     {"---\nid: x\ntitle: X\nkind: policy\ncontrol: [A.5.1]\n---\n", "templates/x.md:5:1", `unknown front matter key "control"`},
		"unknown control": {"---\nid: x\ntitle: X\nkind: policy\ncontrols: [A.5.1, A.5.99]\n---\n", "templates/x.md:5:19", `unknown Annex A control "A.5.99"`},
		"unknown clause":  {"---\nid: x\ntitle: X\nkind: policy\nclauses: [4.3, 11.1]\n---\n", "templates/x.md:5:16", `unknown clause "11.1"`},
		"bad kind":        {"---\nid: x\ntitle: X\nkind: polcy\n---\n", "templates/x.md:4:7", `unknown document kind "polcy"`},
		"not kebab":       {"---\nid: Access_Control\ntitle: X\nkind: policy\n---\n", "templates/x.md:2:5", "not kebab-case"},
		"unclosed":        {"---\nid: x\ntitle: X\n", "templates/x.md:1:1", "not closed"},
		"missing title":   {"---\nid: x\nkind: policy\n---\n", "templates/x.md:2:1", `lacks "title"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, _, err := project(t, map[string]string{"x.md": c.src})
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("want diagnostic, got %v", err)
			}
			if d.Pos.String() != c.pos || !strings.Contains(d.Message, c.msg) {
				t.Errorf("got %s %q, want %s %q", d.Pos, d.Message, c.pos, c.msg)
			}
		})
	}
}

func TestDuplicateIDs(t *testing.T) {
	_, _, _, err := project(t, map[string]string{
		"a.md": "---\nid: same\ntitle: A\nkind: policy\n---\n",
		"b.md": "---\nid: same\ntitle: B\nkind: policy\n---\n",
	})
	if err == nil || !strings.Contains(err.Error(), `duplicate document id "same"`) {
		t.Fatalf("got %v", err)
	}
}

func TestWhenConditionSelectsDocuments(t *testing.T) {
	_, _, sel, err := project(t, map[string]string{
		"a.md": "---\nid: a\ntitle: A\nkind: policy\nwhen: .Tech.SoftwareDevelopment\n---\n",
		"b.md": "---\nid: b\ntitle: B\nkind: policy\nwhen: inScope \"hq\"\n---\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(sel) != 1 || sel[0].Meta.ID != "b" {
		t.Errorf("selected %d documents", len(sel))
	}
}

func TestPaddingIsBounded(t *testing.T) {
	for _, body := range []string{`{{ printf "%999999999d" 1 }}`, `{{ printf "%*d" 999999999 1 }}`, `{{ printf "%.999999999f" 1.0 }}`, `{{ indent 999999999 "x" }}`, `{{ nindent 999999999 "x" }}`} {
		if _, err := render(t, body); err == nil || !strings.Contains(err.Error(), "10000") {
			t.Errorf("%s: got %v, want a limit error", body, err)
		}
	}
	got, err := render(t, `{{ printf "%05.1f%% %s %-4d|" 3.14159 "x" 7 }} {{ indent 2 "a" }}`)
	if err != nil || got != "003.1% x 7   \\|   a" {
		t.Errorf("ordinary printf = %q, %v", got, err)
	}
}

func TestLineStartContext(t *testing.T) {
	got, err := render(t, "{{ \"a\" }} {{ \"# b\" }}\n{{ \"# c\" }}\n")
	if err != nil || got != "a # b\n\\# c\n" {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestNumber(t *testing.T) {
	for in, want := range map[int]string{0: "0", 999: "999", 1800: "1,800", 1234567: "1,234,567", -45000: "-45,000"} {
		if got, _ := number(in); got != want {
			t.Errorf("number(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestCellKeepsOuterBlanks(t *testing.T) {
	got, err := render(t, "| a |\n|---|\n| channels{{ \" (Slack)\" }}and{{ \"  x  \" }} |\n")
	if err != nil || !strings.Contains(got, "| channels (Slack)and x  |") {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestRoleTyposAreErrors(t *testing.T) {
	for _, body := range []string{`{{ (role "dpoo").Name }}`, `{{ range holders "isms-ownr" }}x{{ end }}`} {
		if _, err := render(t, body); err == nil || !strings.Contains(err.Error(), "unknown role") {
			t.Errorf("%s: got %v", body, err)
		}
	}
	if got, err := render(t, `{{ if hasRole "dpo" }}dpo{{ else }}none{{ end }}`); err != nil || got != "none" {
		t.Errorf("got %q, %v", got, err)
	}
}

// TestHasRoleAnswersForAnyRole: a template shared between organizations
// may ask about a role that this one neither gives anyone nor defines.
// role still fails, and says how to make the text optional.
func TestHasRoleAnswersForAnyRole(t *testing.T) {
	for _, body := range []string{`{{ if hasRole "coo" }}coo{{ else }}none{{ end }}`, `{{ if hasRole "dpo" }}dpo{{ else }}none{{ end }}`} {
		if got, err := render(t, body); err != nil || got != "none" {
			t.Errorf("%s: got %q, %v", body, got, err)
		}
	}
	_, err := render(t, `{{ (role "coo").Name }}`)
	var d *diag.Diagnostic
	if !errors.As(err, &d) || !strings.Contains(d.Message, `unknown role "coo"`) || !strings.Contains(d.Hint, `hasRole "coo"`) {
		t.Fatalf("role of an undefined role: %v", err)
	}
}

func TestRegexFunctions(t *testing.T) {
	got, err := render(t, `{{ if regexMatch "^Den" "Denver" }}yes{{ end }} {{ regexReplaceAll "[aeiou]" "Denver" "_" }} {{ regexFind "[0-9]+" "R-17" }}`)
	if err != nil || got != `yes D\_nv\_r 17` {
		t.Errorf("got %q, %v", got, err)
	}
	if _, err := render(t, "x\n{{ regexMatch \"(\" \"a\" }}"); err == nil || !strings.Contains(err.Error(), `invalid regular expression "("`) {
		t.Errorf("an invalid pattern must be an error naming it, got %v", err)
	}
}

func TestSharedPartialRunsOncePerModel(t *testing.T) {
	const profile = `{{- $_ := set . "city" (index .ctx.Org.Locations 0).Name }}{{ $_ := set . "seen" (doc "b").Title -}}`
	lib, m, sel, err := project(t, map[string]string{
		"partials/profile.md": profile,
		"a.md":                "---\nid: a\ntitle: A\nkind: policy\n---\n{{ $p := shared \"partials/profile.md\" }}{{ $_ := set $p \"city\" \"changed\" }}A {{ $p.city }}\n",
		"b.md":                "---\nid: b\ntitle: B\nkind: policy\n---\n{{ $p := shared \"partials/profile.md\" }}B {{ $p.city }} {{ $p.seen }}\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	var run *sharedRun
	for _, tm := range sel {
		out, err := lib.Render(context.Background(), m, tm, nil, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		r := m.shared["partials/profile.md"]
		if run != nil && r != run {
			t.Error("the shared partial ran again for the second document")
		}
		run = r
		switch tm.Meta.ID {
		case "a":
			if string(out.Markdown) != "A changed\n" {
				t.Errorf("a = %q", out.Markdown)
			}
			if strings.Join(out.Refs, ",") != "b" {
				t.Errorf("a refs = %v; the partial's lookups count for every caller", out.Refs)
			}
		case "b":
			// a's change to its copy must not reach b.
			if string(out.Markdown) != "B Denver HQ B\n" {
				t.Errorf("b = %q", out.Markdown)
			}
		}
	}
}

func TestSharedPartialMisuse(t *testing.T) {
	for name, tc := range map[string]struct{ partial, call, want string }{
		"writes text":     {"Hello", `shared "partials/p.md"`, `shared partial "partials/p.md" writes text`},
		"prints version":  {`{{ $_ := set . "v" .ctx.Pack.Version }}`, `shared "partials/p.md"`, "prints a version"},
		"document status": {`{{ $_ := set . "v" .ctx.Doc.Status }}`, `shared "partials/p.md"`, "prints a version"},
		"unknown partial": {"", `shared "partials/profil.md"`, `unknown partial "partials/profil.md"`},
	} {
		t.Run(name, func(t *testing.T) {
			lib, m, sel, err := project(t, map[string]string{
				"partials/p.md": tc.partial,
				"a.md":          "---\nid: a\ntitle: A\nkind: policy\n---\n{{ $p := " + tc.call + " }}x\n",
			})
			if err != nil {
				t.Fatal(err)
			}
			_, err = lib.Render(context.Background(), m, sel[0], nil, DefaultLimits)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestReleasedLibraryRefusesToRender: a one-shot build releases the
// parsed templates once its documents are rendered; rendering with the
// library afterwards is an error, not a nil dereference or an empty
// document.
func TestReleasedLibraryRefusesToRender(t *testing.T) {
	lib, m, sel, err := project(t, map[string]string{"doc.md": "---\nid: doc\ntitle: Doc\nkind: policy\n---\nThe policy applies to {{ .Org.Name }}.\n"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Render(context.Background(), m, sel[0], nil, DefaultLimits); err != nil {
		t.Fatal(err)
	}
	key := lib.Key(sel[0])
	lib.Release()
	if out, err := lib.Render(context.Background(), m, sel[0], nil, DefaultLimits); err == nil || !strings.Contains(err.Error(), "released") {
		t.Fatalf("rendering a released library: %v, %v", out, err)
	}
	if lib.Key(sel[0]) != key {
		t.Error("releasing the library changed a template's key")
	}
}

// TestUnchangedPartialsAreTakenAsParsed: watch mode parses again only what
// was edited. A library parsed with the previous one takes its partials as
// parsed while they are the same files, and renders what a fresh parse
// renders; an edited partial, or a released previous library, is parsed
// again.
func TestUnchangedPartialsAreTakenAsParsed(t *testing.T) {
	dir := t.TempDir()
	doc := "---\nid: doc\ntitle: Doc\nkind: policy\n---\n{{ template \"partials/who.md\" . }} {{ .Org.ShortName }}.\n"
	write := func(partial string) {
		if _, _, _, err := projectIn(t, dir, map[string]string{"doc.md": doc, "partials/who.md": partial}); err != nil {
			t.Fatal(err)
		}
	}
	parse := func(prev *Library) (*Library, string) {
		t.Helper()
		lib, f, cat, err := parseIn(t, dir, prev)
		if err != nil {
			t.Fatal(err)
		}
		sel, _, err := lib.Select(f, cat)
		if err != nil {
			t.Fatal(err)
		}
		out, err := lib.Render(context.Background(), NewModel(f, cat, f.ReleaseDate(), sel), sel[0], nil, DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		return lib, string(out.Markdown)
	}
	write("{{ .Org.Name | printf \"%s\" }} applies this policy at {{ len .Scope.Locations }} location")
	first, want := parse(nil)
	again, got := parse(first)
	if again.partials != first.partials {
		t.Error("the unchanged partials were parsed again")
	}
	if got != want {
		t.Errorf("rendered with the previous partials:\n%s\nfresh:\n%s", got, want)
	}
	write("The policy of {{ .Org.Name | printf \"%s\" }}")
	edited, got := parse(again)
	if edited.partials == again.partials || !strings.Contains(got, "The policy of") {
		t.Errorf("an edited partial was not parsed again: %q", got)
	}
	edited.Release()
	if fresh, _ := parse(edited); fresh.partials == nil || fresh.partials == edited.partials {
		t.Error("the partials of a released library were taken")
	}
}

// TestOutputSumIsTheMarkdownsSHA256: a build versions and keys documents by
// the sum an output carries, taken once when it is rendered.
func TestOutputSumIsTheMarkdownsSHA256(t *testing.T) {
	lib, m, sel, err := project(t, map[string]string{"doc.md": "---\nid: doc\ntitle: Doc\nkind: policy\n---\nThe policy applies to {{ .Org.ShortName }}.\n"})
	if err != nil {
		t.Fatal(err)
	}
	out, err := lib.Render(context.Background(), m, sel[0], nil, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out.Markdown), "applies to Acme") || out.Sum != sha256.Sum256(out.Markdown) {
		t.Errorf("the sum is not that of %q", out.Markdown)
	}
}

// TestRegexCacheIsBounded: watch mode keeps a library's compiled regular
// expressions while the partials stay the same, and templates may build
// patterns from the facts; the cache starts again when it is full.
func TestRegexCacheIsBounded(t *testing.T) {
	c := newRegexCache()
	for i := range maxRegexes + 10 {
		if _, err := c.get(fmt.Sprintf("^pattern-%d$", i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(c.re); n == 0 || n > maxRegexes {
		t.Errorf("the cache holds %d patterns, want 1..%d", n, maxRegexes)
	}
	re, err := c.get("^pattern-3$")
	if err != nil || !re.MatchString("pattern-3") {
		t.Errorf("a pattern compiled again after the cache started over: %v", err)
	}
}

// A document's set binds only the functions its trees and the partials
// call, and is parsed against every function: each must still run, those
// an execution does not bind again (tests, numbers) included.
func TestSetsBindWhatTheyCall(t *testing.T) {
	for name := range builtinNames {
		if _, err := template.New("x").Parse("{{if false}}{{" + name + "}}{{end}}"); err != nil {
			t.Errorf("%s is not a text/template builtin: %v", name, err)
		}
	}
	doc := "---\nid: doc\ntitle: Doc\nkind: policy\n---\n"
	lib, m, sel, err := project(t, map[string]string{
		"partials/p.md": `{{ define "p" }}{{ title "from partial" }}{{ if hasPrefix "fr" "from" }}!{{ end }}{{ end }}{{ define "q" }}{{ lower "Q" }}{{ end }}`,
		"doc.md": doc + `{{ template "p" }} {{ upper "x" }} {{ add 1 2 }} {{ len "abc" }} {{ index (list 1 2) 1 }} {{ len (slice (list 1 2 3) 1 3) }} {{ if and (eq 1 1) (ne 1 2) }}yes{{ end }} {{ template "q" }}
{{ define "q" }}{{ repeat 2 "r" }}{{ end }}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := lib.Render(context.Background(), m, sel[0], nil, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(string(out.Markdown)), "From Partial! X 3 3 2 2 yes rr"; got != want {
		t.Errorf("rendered %q, want %q", got, want)
	}
	_, err = render(t, "{{ nosuch 1 }}")
	if err == nil || !strings.Contains(err.Error(), `function "nosuch" not defined`) {
		t.Errorf("an unknown function: %v", err)
	}
}
