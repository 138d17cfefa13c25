package markdown

import (
	"testing"
)

func TestHeadingsAreNumberedFromTheShallowestLevel(t *testing.T) {
	src := []byte("## Purpose\n\ntext\n\n## Scope\n\n### In scope\n\n### Out of `scope`\n\n#### Deep\n\n## Roles\n")
	d := NewParser(Options{HeadingNumbers: true}).Parse(src)
	want := []struct{ num, id, text string }{
		{"1", "purpose", "Purpose"},
		{"2", "scope", "Scope"},
		{"2.1", "in-scope", "In scope"},
		{"2.2", "out-of-scope", "Out of scope"},
		{"2.2.1", "deep", "Deep"},
		{"3", "roles", "Roles"},
	}
	if len(d.Headings) != len(want) {
		t.Fatalf("got %d headings, want %d", len(d.Headings), len(want))
	}
	for i, w := range want {
		h := d.Headings[i]
		if h.Number != w.num || h.ID != w.id || h.Text != w.text {
			t.Errorf("heading %d = %q %q %q, want %q %q %q", i, h.Number, h.ID, h.Text, w.num, w.id, w.text)
		}
	}
}

func TestDocLink(t *testing.T) {
	for dest, want := range map[string]string{
		"access-control.md":         "access-control",
		"access-control.md#reviews": "access-control",
		"https://x.example/a.md":    "",
		"../etc/passwd.md":          "",
		"image.png":                 "",
	} {
		id, _, ok := DocLink(dest)
		if ok != (want != "") || id != want {
			t.Errorf("DocLink(%q) = %q, %v", dest, id, ok)
		}
	}
}

func TestPlainTextResolvesEscapes(t *testing.T) {
	d := NewParser(Options{}).Parse([]byte("## \\*Acme\\* \\& Co &amp; `x\\*`\n"))
	if got := d.Headings[0].Text; got != "*Acme* & Co & x\\*" {
		t.Errorf("heading text = %q", got)
	}
}
