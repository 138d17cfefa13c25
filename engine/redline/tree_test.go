package redline

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/ismsforge/ismsforge/engine/markdown"
)

// sideWords reads one version back out of a redline: the new one without
// what is deleted, the old one without what is inserted. Blocks are
// separated so that words of two blocks never run together.
func sideWords(d *markdown.Doc, old bool) []string {
	skipInline, skipBlock := markdown.KindDeletion, markdown.Deleted
	if old {
		skipInline, skipBlock = markdown.KindInsertion, markdown.Inserted
	}
	var b strings.Builder
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock || n.Kind() == east.KindTableCell {
				b.WriteString(" ¶ ")
			}
			return ast.WalkContinue, nil
		}
		if n.Kind() == skipInline || (n.Type() == ast.TypeBlock && markdown.ChangeOf(n) == skipBlock && (isCode(n))) {
			return ast.WalkSkipChildren, nil
		}
		switch x := n.(type) {
		case *ast.Text:
			b.Write(markdown.TextValue(x, d.Source))
			if x.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(x.Value)
		case *ast.AutoLink:
			b.Write(x.Label(d.Source))
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			b.WriteString(codeText(n, d.Source))
		}
		return ast.WalkContinue, nil
	})
	var out []string
	for _, w := range strings.Fields(b.String()) {
		if w != "¶" {
			out = append(out, w)
		}
	}
	return out
}

func plainWords(src []byte) []string {
	d := markdown.NewParser(markdown.Options{}).Parse(src)
	return sideWords(d, false)
}

// checkRedline verifies that a redline holds both versions whole: reading
// it without its deletions gives the new text, without its insertions the
// old one.
func checkRedline(t *testing.T, oldText, newText []byte) *Redline {
	t.Helper()
	r := Compare(oldText, newText, markdown.Options{})
	if got, want := strings.Join(sideWords(r.Doc, false), " "), strings.Join(plainWords(newText), " "); got != want {
		t.Fatalf("the redline without deletions reads\n%q\nwant the new text\n%q", got, want)
	}
	if got, want := strings.Join(sideWords(r.Doc, true), " "), strings.Join(plainWords(oldText), " "); got != want {
		t.Fatalf("the redline without insertions reads\n%q\nwant the old text\n%q", got, want)
	}
	return r
}

// marks lists the redline's changes as "+text" and "-text", in order.
func marks(r *Redline) []string {
	var out []string
	_ = ast.Walk(r.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case markdown.KindInsertion:
			out = append(out, "+"+strings.TrimSpace(markdown.PlainText(n, r.Doc.Source)))
			return ast.WalkSkipChildren, nil
		case markdown.KindDeletion:
			var b strings.Builder
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(r.Doc.Source))
				} else {
					b.WriteString(markdown.PlainText(c, r.Doc.Source))
				}
			}
			out = append(out, "-"+strings.TrimSpace(b.String()))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// blockMark finds the first block of kind k whose text holds s and
// returns its mark.
func blockMark(r *Redline, k ast.NodeKind, s string) (markdown.Change, bool) {
	var got markdown.Change
	found := false
	_ = ast.Walk(r.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && !found && n.Kind() == k {
			var b strings.Builder
			_ = ast.Walk(n, func(x ast.Node, e bool) (ast.WalkStatus, error) {
				if t, ok := x.(*ast.Text); ok && e {
					b.Write(t.Segment.Value(r.Doc.Source))
				}
				return ast.WalkContinue, nil
			})
			if strings.Contains(b.String(), s) {
				got, found = markdown.ChangeOf(n), true
			}
		}
		return ast.WalkContinue, nil
	})
	return got, found
}

func TestCompareStructure(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		marks    string
		checks   func(t *testing.T, r *Redline)
	}{
		{
			name:  "word in a paragraph",
			old:   "## Scope\n\nThe ISMS covers **Acme** and the [SoA](soa.md).\n",
			new:   "## Scope\n\nThe ISMS covers **Acme Cloud** and the [SoA](soa.md).\n",
			marks: "+Cloud",
			checks: func(t *testing.T, r *Redline) {
				if c, _ := blockMark(r, ast.KindParagraph, "covers"); c != markdown.Changed {
					t.Errorf("paragraph marked %v", c)
				}
				if len(r.Sections) != 1 || r.Sections[0].Text != "Scope" {
					t.Errorf("sections = %+v", r.Sections)
				}
				if r.InsertedWords != 1 || r.DeletedWords != 0 {
					t.Errorf("counts +%d -%d", r.InsertedWords, r.DeletedWords)
				}
			},
		},
		{
			name:  "list item inserted",
			old:   "- Denver\n- Raleigh\n",
			new:   "- Denver\n- Austin\n- Raleigh\n",
			marks: "+Austin",
			checks: func(t *testing.T, r *Redline) {
				if c, _ := blockMark(r, ast.KindTextBlock, "Austin"); c != markdown.Inserted {
					t.Errorf("item marked %v", c)
				}
				if c, _ := blockMark(r, ast.KindTextBlock, "Denver"); c != markdown.Unchanged {
					t.Errorf("an unchanged item is marked %v", c)
				}
			},
		},
		{
			name:  "list item deleted keeps its place",
			old:   "1. Plan\n2. Do\n3. Check\n",
			new:   "1. Plan\n2. Check\n",
			marks: "-Do",
			checks: func(t *testing.T, r *Redline) {
				list := r.Doc.Root.FirstChild()
				if list.ChildCount() != 3 {
					t.Fatalf("the list has %d items, want the deleted one in place", list.ChildCount())
				}
				if c := markdown.ChangeOf(list.FirstChild().NextSibling().FirstChild()); c != markdown.Deleted {
					t.Errorf("second item marked %v", c)
				}
			},
		},
		{
			name:  "table row and cell",
			old:   "| Control | Status |\n|---|---|\n| A.7.4 | partial |\n| A.8.1 | implemented |\n",
			new:   "| Control | Status |\n|---|---|\n| A.7.4 | implemented |\n| A.8.1 | implemented |\n| A.8.2 | planned |\n",
			marks: "-partial +implemented +A.8.2 +planned",
			checks: func(t *testing.T, r *Redline) {
				if c, _ := blockMark(r, east.KindTableRow, "A.7.4"); c != markdown.Changed {
					t.Errorf("edited row marked %v", c)
				}
				if c, _ := blockMark(r, east.KindTableCell, "A.7.4"); c != markdown.Unchanged {
					t.Errorf("the unchanged key cell is marked %v", c)
				}
				if c, _ := blockMark(r, east.KindTableRow, "A.8.2"); c != markdown.Inserted {
					t.Errorf("new row marked %v", c)
				}
				if r.Rows != 2 {
					t.Errorf("rows changed = %d, want 2", r.Rows)
				}
			},
		},
		{
			name:  "formatting is a change",
			old:   "Keys are rotated every year.\n",
			new:   "Keys are rotated **every year**.\n",
			marks: "-every year +every year",
		},
		{
			name:  "heading renamed",
			old:   "## Roles\n\nText.\n",
			new:   "## Roles and responsibilities\n\nText.\n",
			marks: "+and responsibilities",
			checks: func(t *testing.T, r *Redline) {
				if len(r.Doc.Headings) != 1 || r.Doc.Headings[0].Text != "Roles and responsibilities" {
					t.Errorf("headings = %+v", r.Doc.Headings)
				}
			},
		},
		{
			name: "heading deleted takes no anchor",
			// Not "A." alone: a capital letter and a period on a line of
			// its own is a lettered list item (see markdown's fancy lists).
			old:   "## Old\n\nAlpha.\n\n## Keep\n\nBeta.\n",
			new:   "## Keep\n\nBeta.\n",
			marks: "-Old -Alpha.",
			checks: func(t *testing.T, r *Redline) {
				if len(r.Doc.Headings) != 1 || r.Doc.Headings[0].ID != "keep" {
					t.Errorf("headings = %+v", r.Doc.Headings)
				}
			},
		},
		{
			name:  "added document",
			old:   "",
			new:   "## Purpose\n\nSuppliers are assessed.\n",
			marks: "+Purpose +Suppliers are assessed.",
		},
		{
			name:  "removed document",
			old:   "## Purpose\n\nRacks are decommissioned.\n\n```\nrm -rf /\n```\n",
			new:   "",
			marks: "-Purpose -Racks are decommissioned.",
		},
		{
			name:  "escapes stay text",
			old:   "Use \\*literal\\* stars & <b>tags</b>.\n",
			new:   "Use \\*literal\\* stars &amp; <i>tags</i> now.\n",
			marks: "+now",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := checkRedline(t, []byte(tt.old), []byte(tt.new))
			if got := strings.Join(marks(r), " "); got != tt.marks {
				t.Errorf("marks = %q, want %q", got, tt.marks)
			}
			if tt.checks != nil {
				tt.checks(t, r)
			}
		})
	}
}

func TestCompareInputs(t *testing.T) {
	for _, pair := range [][2]string{{"scope-old.md", "scope-new.md"}, {"soa-old.md", "soa-new.md"}} {
		r := checkRedline(t, input(t, pair[0]), input(t, pair[1]))
		if r.Blocks == 0 || r.InsertedWords == 0 {
			t.Errorf("%s: no change found", pair[1])
		}
	}
	// The same texts always give the same redline.
	a := Compare(input(t, "soa-old.md"), input(t, "soa-new.md"), markdown.Options{})
	b := Compare(input(t, "soa-old.md"), input(t, "soa-new.md"), markdown.Options{})
	if strings.Join(marks(a), "|") != strings.Join(marks(b), "|") || string(a.Doc.Source) != string(b.Doc.Source) {
		t.Error("two runs give different redlines")
	}
}

// FuzzCompare checks that any two documents compare without panicking
// into a redline that holds both of them.
func FuzzCompare(f *testing.F) {
	f.Add([]byte("## A\n\n- x\n- y\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"), []byte("## A\n\n- x\n- z\n- y\n\n| a | b |\n|---|---|\n| 1 | 3 |\n"))
	f.Add([]byte("> quote *em*\n\n1. one\n2. two\n"), []byte("> quote **em**\n\n1. one\n"))
	f.Add([]byte("text[^1]\n\n[^1]: note\n"), []byte("text\n"))
	f.Fuzz(func(t *testing.T, oldText, newText []byte) {
		if len(oldText) > 4000 || len(newText) > 4000 {
			return
		}
		checkRedline(t, oldText, newText)
	})
}
