package markdown

import (
	"crypto/sha256"
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

// TestSourceSumIsTheSourcesSHA256: every format keys a document by the
// sum of its Markdown, taken once when it is parsed; it must be the sum of
// exactly that source, however the Doc was made.
func TestSourceSumIsTheSourcesSHA256(t *testing.T) {
	src := []byte("# Policy\n\nThe policy applies to *every* system.\n")
	p := NewParser(Options{})
	parsed := p.Parse(src)
	docs := map[string]*Doc{
		"parsed":  parsed,
		"redline": NewDoc(src, parsed.Root, Options{}),
		"by hand": {Source: src},
	}
	for how, d := range docs {
		if d.SourceSum() != sha256.Sum256(src) {
			t.Errorf("%s: the sum is not the source's", how)
		}
	}
	parsed.DropTree()
	if err := p.Regrow(parsed); err != nil || parsed.SourceSum() != sha256.Sum256(src) {
		t.Errorf("regrown: %v, or the sum changed", err)
	}
	if p.Parse([]byte("# Policy\n")).SourceSum() == parsed.SourceSum() {
		t.Error("two sources have one sum")
	}
}
