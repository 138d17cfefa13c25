package markdown

import (
	"testing"

	"github.com/yuin/goldmark/ast"
)

// TestRegrowGivesTheTreeBack: a tree dropped and grown again reads the
// same, and the headings point at the new tree's nodes; a parser that
// would give other headings is refused.
func TestRegrowGivesTheTreeBack(t *testing.T) {
	src := []byte("## Purpose\n\nThe policy applies to **all** staff.\n\n## Scope\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n### In scope\n\n- [x] done\n")
	p := NewParser(Options{HeadingNumbers: true})
	d := p.Parse(src)
	want := PlainText(d.Root, src)
	wantHeadings := append([]Heading(nil), d.Headings...)
	oldNodes := d.HeadingsByNode()

	d.DropTree()
	if d.Root != nil {
		t.Fatal("DropTree kept the root")
	}
	if len(d.HeadingsByNode()) != 0 {
		t.Fatal("DropTree kept the heading nodes")
	}
	for _, h := range d.Headings {
		if h.ID == "" || h.Number == "" {
			t.Fatalf("DropTree: heading %+v", h)
		}
	}
	if err := p.Regrow(d); err != nil {
		t.Fatal(err)
	}
	if got := PlainText(d.Root, src); got != want {
		t.Errorf("the regrown tree reads %q, want %q", got, want)
	}
	var nodes []*ast.Heading
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			nodes = append(nodes, h)
		}
		return ast.WalkContinue, nil
	})
	if len(nodes) != len(d.Headings) {
		t.Fatalf("%d heading nodes, %d headings", len(nodes), len(d.Headings))
	}
	byNode := d.HeadingsByNode()
	for i, h := range d.Headings {
		if got, ok := byNode[nodes[i]]; !ok || got != h {
			t.Errorf("heading %d is not found by its node in the regrown tree", i)
		}
		if _, ok := oldNodes[nodes[i]]; ok {
			t.Errorf("heading %d's node is the dropped tree's", i)
		}
		if h != wantHeadings[i] {
			t.Errorf("heading %d changed: %+v, was %+v", i, h, wantHeadings[i])
		}
	}

	// Grown with a parser that numbers no headings: refused.
	d.DropTree()
	if err := NewParser(Options{}).Regrow(d); err == nil {
		t.Error("a parser with other options regrew the tree")
	}
}
