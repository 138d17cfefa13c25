package tmpl

import (
	"bytes"
	"context"
	"errors"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// FuzzFrontMatter feeds arbitrary templates to the front matter parser. It
// must never panic; a success yields an ID, title and kind.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte("---\nid: a\ntitle: A\nkind: policy\ncontrols: [A.5.1]\nclauses: [6.1.3 d]\n---\nbody\n"))
	f.Add([]byte("---\nid: [\n---\n"))
	f.Add([]byte("---\r\nid: a\r\n---\r\n"))
	f.Add([]byte("---\nid: a\ntitle: A\nkind: policy\nframeworks: {soc2: [cc6.1], hipaa: [\"164.312(a)\"], x-y: [1]}\n---\n"))
	f.Add([]byte("name: A\nacronym: B\n---\nbody\n"))
	cat := catalog.Default()
	f.Fuzz(func(t *testing.T, src []byte) {
		m, _, _, err := parseFrontMatter("x.md", src, cat)
		if err != nil {
			var d *diag.Diagnostic
			var l diag.List
			if !errors.As(err, &d) && !errors.As(err, &l) {
				t.Fatalf("error is not a diagnostic: %T %v", err, err)
			}
			return
		}
		if m.ID == "" || m.Title == "" || m.Kind == "" {
			t.Fatalf("accepted front matter without id, title or kind: %+v", m)
		}
	})
}

// FuzzTemplate runs arbitrary template bodies against a fixed project. It
// must never panic or hang, and every failure must be a diagnostic about
// the template, never an internal error.
func FuzzTemplate(f *testing.F) {
	for _, s := range []string{
		"{{ .Org.Name }}", "{{ range controls }}{{ .ID }}{{ end }}", "{{ link \"doc\" }}",
		"{{ template \"x\" }}", "{{ define \"x\" }}{{ template \"x\" . }}{{ end }}{{ template \"x\" . }}",
		"{{ range 10 }}{{ . }}{{ end }}", "{{ printf \"%*d\" 5 1 }}", "| {{ .Org.Name }} |",
		"{{ custom \"k\" }}", "{{ (role \"dpo\").Name }}", "{{ env \"HOME\" }}", "{{ .Doc.Version }}",
		"{{ range $i, $c := controls \"people\" }}{{ if $i }}, {{ end }}{{ $c.Title }}{{ end }}",
	} {
		f.Add(s)
	}
	// Load the facts once; each input only rewrites the template.
	dir := f.TempDir()
	if _, _, _, err := projectIn(f, dir, nil); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		lib, m, sel, err := projectIn(t, dir, map[string]string{"doc.md": "---\nid: doc\ntitle: Doc\nkind: policy\n---\n" + body})
		if err != nil {
			requireDiag(t, err)
			return
		}
		if len(sel) != 1 {
			t.Fatalf("%d documents selected", len(sel))
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		out, err := lib.Render(ctx, m, sel[0], nil, DefaultLimits)
		if err != nil {
			if ctx.Err() != nil {
				t.Fatalf("template ran for 20 s: %q", body)
			}
			requireDiag(t, err)
			return
		}
		checkBodyMap(t, out)
	})
}

// checkBodyMap holds the body map's promise: every byte of the Markdown
// has the text run or action that wrote it, and a text run is found, byte
// for byte, where its site says.
func checkBodyMap(t *testing.T, out *Output) {
	t.Helper()
	md := out.Markdown
	if len(md) > 0 && (len(out.Map) == 0 || out.Map[0].Start != 0) {
		t.Fatalf("the map does not start at the first byte: %+v", out.Map)
	}
	for i, sp := range out.Map {
		end := len(md)
		if i+1 < len(out.Map) {
			end = out.Map[i+1].Start
		}
		if sp.Site == nil || end <= sp.Start {
			t.Fatalf("span %d (%d to %d) of %q has no site or no bytes", i, sp.Start, end, md)
		}
		if !sp.Site.Action && !bytes.HasPrefix(sp.Site.File.Src[sp.Site.Off:], md[sp.Start:end]) {
			t.Fatalf("%q is not at offset %d of %s", md[sp.Start:end], sp.Site.Off, sp.Site.File.Name)
		}
	}
}

func requireDiag(t *testing.T, err error) {
	t.Helper()
	var d *diag.Diagnostic
	var l diag.List
	if !errors.As(err, &d) && !errors.As(err, &l) {
		t.Fatalf("error is not a diagnostic: %T %v", err, err)
	}
}

// FuzzEscape checks the escaper's promise: whatever a fact contains, the
// Markdown it becomes parses to plain text (and autolinks) with the same
// words, in running text, at the start of a line and in a table cell.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{
		"<script>alert(1)</script> & \"Co\" *bold*", "# h", "1. x", "- a\n- b", "[a](b)", "![i](x.png)",
		"a | b", "`code`", "~~s~~", "[^1]", "&amp; &#x3C;", "line\\", "---", "===", "> q", "    indented",
		"a\n\nb", "http://x.example/a_b", "[ ] task", "<http://x>", "\\*", "a  \nb",
		"see https://x.example/_a_*b*.", "mail jane_doe@x.example, now", "mailto:a@b.example", "www.x_y.example",
		"a. x", "B)  y", "(iv) z", "i.", "\\pagebreak", "+---+---+\n| a | b |\n+---+---+", "<insert name here>", "\\newpage\nx",
	} {
		f.Add(s)
	}
	md := goldmark.New(goldmark.WithExtensions(markdown.Extensions()...))
	tag := regexp.MustCompile(`<[^>]*>`)
	allowed := regexp.MustCompile(`^</?(p|table|thead|tbody|tr|th|td|br)>$|^<a href="[^"]*">$|^</a>$`)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\r\t\v\f") {
			return // facts are YAML text: valid UTF-8; control characters are out of scope
		}
		want := strings.Join(strings.Fields(s), " ")
		for _, src := range []struct{ ctx, md, prefix string }{
			{"line start", escapeText(s, true), ""},
			{"mid-line", "x " + escapeText(s, false), "x"},
			{"cell", "| h |\n|---|\n| " + escapeCell(s) + " |\n", "h"},
		} {
			var out bytes.Buffer
			if err := md.Convert([]byte(src.md), &out); err != nil {
				t.Fatal(err)
			}
			for _, tg := range tag.FindAllString(out.String(), -1) {
				if !allowed.MatchString(tg) {
					t.Fatalf("%s escaping of %q made markup %s:\n%s", src.ctx, s, tg, out.String())
				}
			}
			// Block tags separate words; inline links do not.
			text := html.UnescapeString(tag.ReplaceAllStringFunc(out.String(), func(tg string) string {
				if strings.HasPrefix(tg, "<a ") || tg == "</a>" {
					return ""
				}
				return " "
			}))
			got := strings.TrimSpace(strings.TrimPrefix(strings.Join(strings.Fields(text), " "), src.prefix))
			if got != want {
				t.Fatalf("%s escaping of %q reads back as %q", src.ctx, s, got)
			}
		}
	})
}
