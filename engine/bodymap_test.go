package engine_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/diag"
)

// TestBodyMapIsExact builds every example and checks each document's body
// map against the bytes: every byte of the Markdown has an origin; a run
// of template text is found, byte for byte, at the offset its site names;
// and a value the map calls a fact starts at that fact's position in
// isms.yaml (as written there, quoted or not).
func TestBodyMapIsExact(t *testing.T) {
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			p, err := engine.Load(dir, engine.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			b, err := p.Build(context.Background(), engine.BuildOptions{NoPDF: true})
			if err != nil {
				t.Fatal(err)
			}
			facts := 0
			for _, d := range b.Pack.Docs {
				md := d.MD.Source
				if len(d.Body) == 0 {
					t.Fatalf("%s: no body map", d.ID)
				}
				if d.Body[0].Start != 0 {
					t.Errorf("%s: the map starts at %d", d.ID, d.Body[0].Start)
				}
				for i, sp := range d.Body {
					end := len(md)
					if i+1 < len(d.Body) {
						end = d.Body[i+1].Start
					}
					if sp.Site == nil {
						t.Errorf("%s: %q has no origin", d.ID, md[sp.Start:end])
						continue
					}
					if end <= sp.Start {
						t.Errorf("%s: empty span at %d", d.ID, sp.Start)
						continue
					}
					text := md[sp.Start:end]
					if !sp.Site.Action {
						if f := sp.Site.File; !bytes.HasPrefix(f.Src[sp.Site.Off:], text) {
							t.Errorf("%s: %q is not at %s", d.ID, text, diag.OffsetPos(f.Name, f.Src, sp.Site.Off))
						}
						continue
					}
					if sp.Fact == nil {
						continue
					}
					facts++
					o := d.Body.At(sp.Start)
					if !o.IsFact() || o.Pos != sp.Fact.Pos || o.Action.File != sp.Site.File.Name {
						t.Errorf("%s: At(%d) = %+v, want the fact %s printed at %s", d.ID, sp.Start, o, sp.Fact.Path, sp.Site.File)
					}
					if w := writtenWord(o.Src, o.Pos); !strings.Contains(strings.ReplaceAll(string(text), `\`, ""), w) {
						t.Errorf("%s: the map says %q is %s, written at %s as %q", d.ID, text, o.Path, o.Pos, w)
					}
				}
			}
			if facts == 0 {
				t.Error("no printed value was traced to a fact")
			}
			t.Logf("%d documents, %d values traced to facts", len(b.Pack.Docs), facts)
		})
	}
}

// writtenWord is the first word of the YAML value written at pos: after a
// quote or a flow sequence's bracket, or on the line after a block
// scalar's indicator. The escaper may have escaped the printed value, so
// the test compares a word, which carries no Markdown.
func writtenWord(src []byte, pos diag.Pos) string {
	lines := strings.Split(string(src), "\n")
	at := strings.TrimLeft(string([]rune(lines[pos.Line-1])[pos.Col-1:]), `"'[`)
	if strings.HasPrefix(at, ">") || strings.HasPrefix(at, "|") {
		at = strings.TrimSpace(lines[pos.Line])
	}
	word, _, _ := strings.Cut(at, " ")
	return strings.TrimRight(word, `"',.]`)
}
