package engine_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
)

// node is an element of a page parsed as the browser would see it, enough
// to assert where the redline's marks are.
type node struct {
	tag      string
	attrs    map[string]string
	parent   *node
	children []*node
	text     string // for text nodes (tag "")
}

// parseHTML builds a tree with encoding/xml in its lenient HTML mode: void
// elements close themselves and entities resolve.
func parseHTML(t *testing.T, b []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &node{tag: "#root"}
	cur := root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the page does not parse: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			n := &node{tag: strings.ToLower(x.Name.Local), attrs: map[string]string{}, parent: cur}
			for _, a := range x.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			for p := cur; p != nil; p = p.parent {
				if p.tag == strings.ToLower(x.Name.Local) {
					cur = p.parent
					break
				}
			}
		case xml.CharData:
			cur.children = append(cur.children, &node{text: string(x), parent: cur})
		}
	}
	return root
}

func (n *node) textContent() string {
	if n.tag == "" {
		return n.text
	}
	var b strings.Builder
	for _, c := range n.children {
		if c.tag == "style" || c.tag == "script" {
			continue
		}
		b.WriteString(c.textContent())
	}
	return b.String()
}

// all returns the elements under n with the tag, in document order.
func (n *node) all(tag string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.tag == tag {
			out = append(out, c)
		}
		if c.tag != "" {
			out = append(out, c.all(tag)...)
		}
	}
	return out
}

func (n *node) marked(tag string) []string {
	var out []string
	for _, m := range n.all(tag) {
		out = append(out, strings.TrimSpace(m.textContent()))
	}
	return out
}

// markdownSyntax matches what a Markdown source shows and a rendered page
// never should: emphasis markers, link syntax, links to .md files, table
// rules, heading hashes and quote markers at a line start, code ticks.
var markdownSyntax = regexp.MustCompile("\\*\\*|__|\\]\\(|\\.md\\b|\\|\\s*-{3}|(?m)^\\s*(#{1,6} |> )|`")

// TestRenderedRedlineDOM changes the scope of the acme example, runs diff
// and reads the rendered redline the way a browser builds it: the inserted
// and deleted words sit inside the paragraph and the table cell that
// changed, and no Markdown syntax shows anywhere.
func TestRenderedRedlineDOM(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-pack scenario")
	}
	ctx := context.Background()
	dir := t.TempDir()
	src, _ := os.ReadFile("../examples/acme-saas/isms.yaml")
	writeFile(t, filepath.Join(dir, "isms.yaml"), src)
	if _, err := engine.Release(ctx, engine.ReleaseOptions{Dir: dir, Summary: "Initial release", NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	name := addLocation(t, dir)
	o := engine.DiffOptions{Dir: dir}
	res, written := redlines(t, o)
	read := func(id string) *node {
		b, err := os.ReadFile(filepath.Join(written, id+".html"))
		if err != nil {
			t.Fatal(err)
		}
		return parseHTML(t, b)
	}

	// The scope statement: the new office is inserted inside the
	// paragraph that lists the sites, and the "and" it displaces is
	// deleted in the same paragraph.
	scope := read("isms-scope")
	var para *node
	for _, p := range scope.all("p") {
		if strings.Contains(p.textContent(), "It applies to the sites") {
			para = p
		}
	}
	if para == nil {
		t.Fatal("isms-scope: no paragraph lists the sites")
	}
	if para.attrs["data-change"] != "chg" {
		t.Errorf("isms-scope: the paragraph of sites is not marked changed: %v", para.attrs)
	}
	if ins := strings.Join(para.marked("ins"), " "); !strings.Contains(ins, strings.Fields(name)[0]) {
		t.Errorf("isms-scope: the paragraph's insertions %q do not hold %q", ins, name)
	}
	if dels := para.marked("del"); len(dels) == 0 {
		t.Error("isms-scope: the paragraph of sites deletes nothing, yet its list of sites was rewritten")
	}
	summary := scope.all("section")
	if len(summary) == 0 || !strings.Contains(summary[0].textContent(), "Scope statement") {
		t.Error("isms-scope: the summary does not list the section that changed")
	}

	// Context and interested parties: the count of locations changes
	// inside one table cell, and only that row and cell are marked.
	ctxDoc := read("context-and-interested-parties")
	var cell *node
	for _, td := range ctxDoc.all("td") {
		if strings.Contains(td.textContent(), "locations in scope") && td.attrs["data-change"] == "chg" {
			cell = td
		}
	}
	if cell == nil {
		t.Fatal("context-and-interested-parties: no changed table cell names the locations in scope")
	}
	if got := cell.marked("del"); len(got) != 1 || got[0] != "three" {
		t.Errorf("context-and-interested-parties: the cell deletes %q, want [three]", got)
	}
	if got := cell.marked("ins"); len(got) != 1 || got[0] != "four" {
		t.Errorf("context-and-interested-parties: the cell inserts %q, want [four]", got)
	}
	if row := cell.parent; row.tag != "tr" || row.attrs["data-change"] != "chg" {
		t.Errorf("context-and-interested-parties: the row of the changed cell is not marked: %s %v", row.tag, row.attrs)
	}
	changedCells := 0
	for _, td := range cell.parent.all("td") {
		if td.attrs["data-change"] != "" {
			changedCells++
		}
	}
	if changedCells != 1 {
		t.Errorf("context-and-interested-parties: %d cells of the row are marked; only the one that changed should be", changedCells)
	}

	// No page shows Markdown: not the marks, not the links, not the
	// tables.
	for _, d := range res.Documents {
		page := read(d.ID)
		body := page.all("main")
		if len(body) == 0 {
			t.Fatalf("%s: no main element", d.ID)
		}
		if m := markdownSyntax.FindString(body[0].textContent()); m != "" {
			i := strings.Index(body[0].textContent(), m)
			t.Errorf("%s: Markdown syntax %q is visible: …%s…", d.ID, m, body[0].textContent()[max(0, i-60):min(len(body[0].textContent()), i+60)])
		}
		for _, a := range page.all("a") {
			if strings.HasSuffix(strings.Split(a.attrs["href"], "#")[0], ".md") {
				t.Errorf("%s: a link still points at Markdown: %s", d.ID, a.attrs["href"])
			}
		}
	}
}
