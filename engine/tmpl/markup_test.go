package tmpl

import (
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/facts"
)

// TestMarkdownBuildersEscapeWhatTheyEmbed covers every function that
// builds Markdown on purpose: what it embeds from the facts stays text.
func TestMarkdownBuildersEscapeWhatTheyEmbed(t *testing.T) {
	hostile := "nina@acme.example) and wire the ransom to [our bank](https://evil.example/pay) <img src=x onerror=alert(1)>"
	if _, err := mailto(facts.Person{Name: "Nina", Email: hostile}); err == nil || !strings.Contains(err.Error(), "is not an e-mail address") {
		t.Errorf("mailto with a crafted address: %v", err)
	}
	got, err := mailto(facts.Person{Name: "Nina [x](https://evil.example) https://evil.example", Email: "nina@acme.example"})
	if err != nil || string(got) != `[Nina \[x\]\(https://evil.example\) https://evil.example](mailto:nina@acme.example)` {
		t.Errorf("mailto link text: %q, %v", got, err)
	}
	if got, _ := mailto(facts.Person{Name: "# Nina"}); string(got) != `\# Nina` {
		t.Errorf("mailto without an address at a line start: %q", got)
	}
	b, err := bullets([]string{"# heading", "> quote", "1. nested", "    code", "a\n\n- b"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "- \\# heading\n- \\> quote\n- 1\\. nested\n- code\n- a - b\n"; string(b) != want {
		t.Errorf("bullets = %q, want %q", b, want)
	}
	if _, err := render(t, `{{ linkAs "doc#x)(javascript:alert(1)" "Doc" }}`); err == nil || !strings.Contains(err.Error(), "cannot be part of a link") {
		t.Errorf("linkAs with a crafted anchor: %v", err)
	}
	got2, err := render(t, `{{ linkAs "doc" .Org.Name }}`)
	if err != nil || strings.Contains(got2, "<script>") || !strings.HasSuffix(strings.TrimSpace(got2), "](doc.md)") {
		t.Errorf("linkAs text from a fact: %q, %v", got2, err)
	}
}

// TestMdTakesOnlyTemplateText refuses md on anything a fact could reach.
func TestMdTakesOnlyTemplateText(t *testing.T) {
	if got, err := render(t, `{{ md "**bold** <br>" }}`); err != nil || got != "**bold** <br>" {
		t.Errorf("md on template text: %q, %v", got, err)
	}
	for _, body := range []string{
		`{{ md .Org.Name }}`,
		`{{ .Org.Name | md }}`,
		`{{ printf "%s" .Org.Name | md }}`,
		`{{ md (printf "<b>%s</b>" .Org.Name) }}`,
		`{{ $x := md "a" }}{{ with .Org.Name }}{{ md . }}{{ end }}`,
		`{{ define "partials/x" }}{{ md .Org.Name }}{{ end }}`,
		`{{ if false }}{{ (md .Org.Name).X }}{{ end }}`,
	} {
		_, err := render(t, body)
		if err == nil || !strings.Contains(err.Error(), "md takes only quoted text written in the template") {
			t.Errorf("%s: %v", body, err)
		}
	}
}
