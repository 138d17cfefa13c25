package markdown

import (
	"bytes"
	"crypto/sha256"
	"slices"
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

// TestRefsAreTakenWhenParsed: what the checks and the images read of a
// document (its links and images, and the first place of each character
// beyond ASCII that it draws) is taken when it is parsed, so that a build
// can drop the tree until the outputs need it.
func TestRefsAreTakenWhenParsed(t *testing.T) {
	src := []byte("# Título\n\nSee [the policy](access-control.md#scope), ![logo](assets/logo.png) and the\n" +
		"[register](<risk register.md>).\n\n<!-- ⚠ never drawn -->\n\nCafé &hearts; <b>ü</b> — `naïve` é\n\n    code → here\n")
	at := func(s string) int {
		t.Helper()
		i := bytes.Index(src, []byte(s))
		if i < 0 {
			t.Fatalf("%q is not in the source", s)
		}
		return i
	}
	p := NewParser(Options{})
	d := p.Parse(src)
	wantLinks := []Dest{{"access-control.md#scope", at("access-control.md#")}, {"risk register.md", at("risk register.md")}}
	wantImages := []Dest{{"assets/logo.png", at("assets/")}}
	// A character that an entity stands for is placed at the start of its
	// text, not at the entity; the comment's warning sign is never drawn.
	wantChars := []Char{{'í', at("í")}, {'é', at("é")}, {'♥', at("Café")}, {'ü', at("ü")}, {'—', at("—")}, {'ï', at("ï")}, {'→', at("→")}}
	if !slices.Equal(d.Links, wantLinks) {
		t.Errorf("links %v, want %v", d.Links, wantLinks)
	}
	if !slices.Equal(d.Images, wantImages) {
		t.Errorf("images %v, want %v", d.Images, wantImages)
	}
	if !slices.Equal(d.Chars, wantChars) {
		t.Errorf("characters %v, want %v", d.Chars, wantChars)
	}
	d.DropTree()
	if err := p.Regrow(d); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.Links, wantLinks) || !slices.Equal(d.Images, wantImages) || !slices.Equal(d.Chars, wantChars) {
		t.Error("regrowing the tree changed what was taken from it")
	}
}
