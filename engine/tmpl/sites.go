package tmpl

import (
	"text/template/parse"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// Where the Markdown comes from. text/template writes a text node by
// handing the writer the node's own bytes, and an action's value right
// after the escaper the rewrite appended to it has run. So the writer of an
// execution knows, for every write, which text node or action made it: by
// the address of the bytes, or by the site number the escaper was called
// with. Nothing searches the output or the template for text afterwards.

// siteTable holds the sites of one parse unit: a document's body (with any
// {{define}} it holds), or every partial of the library. Sites are numbered
// in the order the rewrite meets them; the partials' numbers are negative,
// so that one escaper argument names a site of either table.
type siteTable struct {
	file     *fileInfo // the file being rewritten
	source   *document.SourceFile
	partials bool
	list     []document.Site
	texts    map[*byte]int
}

func (t *siteTable) add(pos parse.Pos, action bool) int {
	if t.source == nil || t.source.Name != t.file.display {
		t.source = &document.SourceFile{Name: t.file.display, Src: t.file.src}
	}
	t.list = append(t.list, document.Site{File: t.source, Off: t.file.bodyOff + int(pos), Action: action})
	return len(t.list) - 1
}

// text records a text node, by the address of its bytes.
func (t *siteTable) text(n *parse.TextNode) {
	if len(n.Text) == 0 {
		return
	}
	if t.texts == nil {
		t.texts = map[*byte]int{}
	}
	t.texts[&n.Text[0]] = t.add(n.Pos, false)
}

// release drops what only rendering needs: the text nodes' bytes, which
// the map's keys hold. The sites stay, for the body maps that name them.
func (t *siteTable) release() {
	if t != nil {
		t.texts = nil
	}
}

// lookup returns the text node site whose bytes start at b, or nil.
func (t *siteTable) lookup(b *byte) *document.Site {
	if t == nil {
		return nil
	}
	if i, ok := t.texts[b]; ok {
		return &t.list[i]
	}
	return nil
}

// action records a printing action and returns its number for the escaper.
func (t *siteTable) action(n *parse.ActionNode) int {
	i := t.add(n.Pos, true)
	if t.partials {
		return -i - 1
	}
	return i
}

// recorder builds the body map of one execution.
type recorder struct {
	doc, partials *siteTable
	facts         *facts.Facts
	spans         document.BodyMap
	// pending is the action whose value the next write prints, and fact
	// the fact that value is, if it is one.
	pending *document.Site
	fact    *document.Origin
	byPath  map[string]*document.Origin
}

func (r *recorder) site(n int) *document.Site {
	t := r.doc
	if n < 0 {
		t, n = r.partials, -n-1
	}
	if t == nil || n >= len(t.list) {
		return nil
	}
	return &t.list[n]
}

// printing is called by the escaper of action n with the value it prints.
func (r *recorder) printing(n int, v any) {
	r.pending, r.fact = r.site(n), nil
	s, ok := v.(string)
	if !ok {
		return
	}
	path, ok := r.facts.PathOf(s)
	if !ok {
		return
	}
	if r.fact = r.byPath[path]; r.fact == nil {
		r.fact = &document.Origin{Path: path, Pos: r.facts.Where(path), Src: r.facts.Source()}
		if r.byPath == nil {
			r.byPath = map[string]*document.Origin{}
		}
		r.byPath[path] = r.fact
	}
}

// wrote records a write of p at offset start of the output.
func (r *recorder) wrote(start int, p []byte) {
	s, fact := r.pending, r.fact
	r.pending, r.fact = nil, nil
	if len(p) == 0 {
		return
	}
	if t := r.doc.lookup(&p[0]); t != nil {
		s, fact = t, nil
	} else if t := r.partials.lookup(&p[0]); t != nil {
		s, fact = t, nil
	}
	r.spans = append(r.spans, document.BodySpan{Start: start, Site: s, Fact: fact})
}
