package redline

import (
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/ismsforge/ismsforge/engine/markdown"
)

// Redline is the new version of a document with its changes marked, as a
// document every emitter renders: the new AST, with the old version's
// deleted blocks put back where they stood, changed words inside
// markdown.Insertion and markdown.Deletion nodes and changed blocks marked
// with markdown.SetChange. No Markdown syntax survives into it: it is made
// of parsed nodes, never of source lines.
type Redline struct {
	Doc *markdown.Doc
	// Sections are the headings under which something changed, in
	// document order; a change before the first heading counts under a
	// Section with an empty ID.
	Sections []Section
	// InsertedWords and DeletedWords count the words (not spaces or
	// punctuation) inside Insertion and Deletion nodes.
	InsertedWords, DeletedWords int
	// Blocks counts the paragraphs, headings, list items, code blocks and
	// table rows that changed, were inserted or were deleted.
	Blocks int
	// Rows counts the table rows among them.
	Rows int
}

// Section is a heading of the redline.
type Section struct {
	ID, Number, Text string
	Level            int
}

// Compare diffs two versions of a document's Markdown structurally: block
// by block along the AST (headings, paragraphs, list items, table rows and
// cells), then word by word inside the blocks that were edited. o must be
// the options the documents are parsed with, so that headings keep their
// numbers.
func Compare(oldText, newText []byte, o markdown.Options) *Redline {
	p := markdown.NewParser(o)
	old, cur := p.Parse(oldText), p.Parse(newText)
	// The redline's source starts with the new one and a newline:
	// goldmark's Segment.Value appends the newline a code line lacks to
	// the source's backing array, which would overwrite the first byte of
	// the text appended after it.
	src := make([]byte, 0, len(cur.Source)+len(old.Source)+64)
	src = append(append(src, cur.Source...), '\n')
	c := &comparer{b: &builder{src: src}, oldSrc: old.Source, newSrc: cur.Source}
	c.children(old.Root, cur.Root)
	r := &Redline{Doc: markdown.NewDoc(c.b.src, cur.Root, o)}
	r.tally()
	return r
}

type comparer struct {
	b              *builder
	oldSrc, newSrc []byte
	sigs           map[ast.Node]string
}

// isLeaf reports whether a block holds inline content.
func isLeaf(n ast.Node) bool {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		return true
	}
	return false
}

func isCode(n ast.Node) bool {
	switch n.(type) {
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return true
	}
	return false
}

// sig is what must be equal for two blocks to be the same: their kind,
// their shape and their styled text.
func (c *comparer) sig(n ast.Node, src []byte) string {
	if s, ok := c.sigs[n]; ok {
		return s
	}
	var b strings.Builder
	b.WriteString(n.Kind().String())
	switch x := n.(type) {
	case *ast.Heading:
		b.WriteString(strconv.Itoa(x.Level))
	case *ast.List:
		b.WriteString(strconv.FormatBool(x.IsOrdered()))
	}
	b.WriteByte('{')
	switch {
	case isLeaf(n):
		for _, t := range blockTokens(n, src) {
			b.WriteString(t.key)
			b.WriteByte('\x1e')
		}
	case isCode(n):
		b.WriteString(codeText(n, src))
	case n.Kind() == east.KindTableCell:
		for _, t := range blockTokens(n, src) {
			b.WriteString(t.key)
			b.WriteByte('\x1e')
		}
	default:
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			b.WriteString(c.sig(ch, src))
		}
	}
	b.WriteByte('}')
	if c.sigs == nil {
		c.sigs = map[ast.Node]string{}
	}
	c.sigs[n] = b.String()
	return c.sigs[n]
}

func codeText(n ast.Node, src []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

func childList(n ast.Node) []ast.Node {
	var out []ast.Node
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = append(out, c)
	}
	return out
}

// bag is the multiset of words of a block, for pairing.
func (c *comparer) bag(in *interner, n ast.Node, src []byte) []int32 {
	var words []string
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch {
		case isLeaf(x) || x.Kind() == east.KindTableCell:
			for _, t := range blockTokens(x, src) {
				if !blank(t.text) && t.text != "" {
					words = append(words, t.text)
				}
			}
			return ast.WalkSkipChildren, nil
		case isCode(x):
			words = append(words, strings.Fields(codeText(x, src))...)
		}
		return ast.WalkContinue, nil
	})
	bag := in.intern(words)
	slices.Sort(bag)
	return bag
}

// children diffs the child blocks of two containers and marks the new one's.
func (c *comparer) children(oldParent, newParent ast.Node) {
	olds, news := childList(oldParent), childList(newParent)
	in := newInterner(len(olds) + len(news))
	ka := make([]string, len(olds))
	kb := make([]string, len(news))
	for i, n := range olds {
		ka[i] = c.sig(n, c.oldSrc)
	}
	for j, n := range news {
		kb[j] = c.sig(n, c.newSrc)
	}
	del, ins, _ := shortestEdit(in.intern(ka), in.intern(kb), -1)
	for _, bl := range blocks(del, ins) {
		c.region(oldParent, newParent, olds[bl.a0:bl.a1], news[bl.b0:bl.b1], next(news, bl.b1))
	}
}

func next(news []ast.Node, j int) ast.Node {
	if j < len(news) {
		return news[j]
	}
	return nil
}

// region handles one change: old blocks replaced by new ones. Blocks of
// the same kind that share enough words pair up and are diffed inside;
// the rest are deleted or inserted whole. before is the new block the
// region ends before (nil at the end), where trailing deletions go.
func (c *comparer) region(oldParent, newParent ast.Node, olds, news []ast.Node, before ast.Node) {
	in := newInterner(0)
	ob := make([][]int32, len(olds))
	nb := make([][]int32, len(news))
	for i, n := range olds {
		ob[i] = c.bag(in, n, c.oldSrc)
	}
	for j, n := range news {
		nb[j] = c.bag(in, n, c.newSrc)
	}
	oneToOne := len(olds) == 1 && len(news) == 1
	pairs := align(len(olds), len(news), func(i, j int) int {
		a, b := olds[i], news[j]
		if a.Kind() != b.Kind() {
			return 0
		}
		if l, ok := a.(*ast.List); ok && l.IsOrdered() != b.(*ast.List).IsOrdered() {
			return 0
		}
		s := similarity(ob[i], nb[j])
		if s == 0 && (oneToOne || isContainer(a)) && sharesAny(ob[i], nb[j]) {
			// Containers (a list, a table) and a lone block replaced by
			// one of its kind are diffed inside even when much changed:
			// the reader wants the row or the item, not the whole table.
			s = 1
		}
		if s == 0 && oneToOne && (len(ob[i]) == 0 || len(nb[j]) == 0) {
			s = 1
		}
		return s
	})
	i, j := 0, 0
	for _, p := range pairs {
		for ; i < p[0]; i++ {
			c.deleted(oldParent, newParent, olds[i], news[j])
		}
		for ; j < p[1]; j++ {
			c.inserted(news[j])
		}
		c.pair(olds[i], news[j])
		i, j = i+1, j+1
	}
	for ; i < len(olds); i++ {
		c.deleted(oldParent, newParent, olds[i], before)
	}
	for ; j < len(news); j++ {
		c.inserted(news[j])
	}
}

func isContainer(n ast.Node) bool {
	switch n.(type) {
	case *ast.List, *ast.ListItem, *ast.Blockquote, *east.Table, *east.FootnoteList, *east.Footnote:
		return true
	}
	return false
}

func sharesAny(a, b []int32) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// deleted moves an old block into the new tree before ref (or to the end),
// with all its text inside Deletion nodes.
func (c *comparer) deleted(oldParent, newParent, n, ref ast.Node) {
	oldParent.RemoveChild(oldParent, n)
	c.markOld(n)
	if ref != nil {
		newParent.InsertBefore(newParent, ref, n)
	} else {
		newParent.AppendChild(newParent, n)
	}
}

// markOld turns a block of the old tree into a deleted block of the
// redline: its text is rebuilt from tokens into the redline's source.
func (c *comparer) markOld(n ast.Node) {
	switch {
	case isLeaf(n) || n.Kind() == east.KindTableCell:
		toks := blockTokens(n, c.oldSrc)
		if h, ok := n.(*ast.Heading); ok {
			// Its anchor belongs to the new version, if anyone's.
			h.RemoveAttributes()
		}
		n.SetLines(text.NewSegments())
		c.b.rebuild(n, pieces(nil, toks, Delete))
		markdown.SetChange(n, markdown.Deleted)
		return
	case isCode(n):
		lines := n.Lines()
		segs := text.NewSegments()
		for i := range lines.Len() {
			seg := lines.At(i)
			v := seg.Value(c.oldSrc)
			start := len(c.b.src)
			c.b.src = append(c.b.src, v...)
			segs.Append(text.NewSegment(start, len(c.b.src)))
		}
		n.SetLines(segs)
		if f, ok := n.(*ast.FencedCodeBlock); ok {
			f.Info = nil // the language names no text; drop what points into the old source
		}
		markdown.SetChange(n, markdown.Deleted)
		return
	case n.Kind() == ast.KindHTMLBlock:
		n.SetLines(text.NewSegments()) // raw HTML shows nothing in a redline
		return
	}
	n.SetLines(text.NewSegments())
	if n.Kind() == east.KindTableRow || n.Kind() == east.KindTableHeader {
		markdown.SetChange(n, markdown.Deleted)
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		c.markOld(ch)
	}
}

// inserted marks a block of the new tree, and everything in it, as new.
func (c *comparer) inserted(n ast.Node) {
	switch {
	case isLeaf(n) || n.Kind() == east.KindTableCell:
		c.b.rebuild(n, pieces(nil, blockTokens(n, c.newSrc), Insert))
		markdown.SetChange(n, markdown.Inserted)
		return
	case isCode(n):
		markdown.SetChange(n, markdown.Inserted)
		return
	}
	if n.Kind() == east.KindTableRow || n.Kind() == east.KindTableHeader {
		markdown.SetChange(n, markdown.Inserted)
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		c.inserted(ch)
	}
}

// pair diffs two blocks of the same kind.
func (c *comparer) pair(o, n ast.Node) {
	switch {
	case isLeaf(o):
		c.words(o, n)
	case isCode(o):
		if codeText(o, c.oldSrc) != codeText(n, c.newSrc) {
			c.deleted(o.Parent(), n.Parent(), o, n)
			markdown.SetChange(n, markdown.Inserted)
		}
	case o.Kind() == east.KindTable:
		c.table(o.(*east.Table), n.(*east.Table))
	case o.Kind() == ast.KindThematicBreak, o.Kind() == ast.KindHTMLBlock:
	default:
		c.children(o, n)
	}
}

// words diffs two blocks' inline content word by word and rebuilds the new
// block with the changes marked.
func (c *comparer) words(o, n ast.Node) bool {
	a, b := blockTokens(o, c.oldSrc), blockTokens(n, c.newSrc)
	ps, changed := diffTokens(a, b)
	if !changed {
		return false
	}
	c.b.rebuild(n, ps)
	markdown.SetChange(n, markdown.Changed)
	return true
}

// diffTokens returns the pieces of a block that goes from a to b, and
// whether anything changed. Blocks too different to diff word by word
// (see wordBudget), or that share no word, show the old text deleted and
// the new text inserted.
func diffTokens(a, b []token) ([]piece, bool) {
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i, t := range a {
		ka[i] = t.key
	}
	for j, t := range b {
		kb[j] = t.key
	}
	in := newInterner(len(a) + len(b))
	del, ins, ok := shortestEdit(in.intern(ka), in.intern(kb), wordBudget*(len(a)+len(b))+4096)
	if ok {
		pa, pb := tokenLens(a), tokenLens(b)
		absorb(del, ins, pa, pb, func(i, j int) bool { return ka[i] == kb[j] })
	}
	if !ok || !sharesTokenWord(a, del) {
		if len(a) == len(b) && strings.Join(ka, "\x1e") == strings.Join(kb, "\x1e") {
			return nil, false
		}
		return pieces(pieces(nil, a, Delete), b, Insert), true
	}
	var out []piece
	changed := false
	i, j := 0, 0
	for _, bl := range blocks(del, ins) {
		out = pieces(out, b[j:j+bl.a0-i], Equal)
		j += bl.a0 - i
		out = pieces(out, a[bl.a0:bl.a1], Delete)
		out = pieces(out, b[bl.b0:bl.b1], Insert)
		i, j = bl.a1, bl.b1
		changed = true
	}
	out = pieces(out, b[j:], Equal)
	return out, changed
}

func tokenLens(toks []token) []int {
	p := make([]int, len(toks)+1)
	for i, t := range toks {
		n := len(t.text)
		if t.atom != nil || t.hard {
			n = 1
		}
		p[i+1] = p[i] + n
	}
	return p
}

func sharesTokenWord(toks []token, changed []bool) bool {
	if len(toks) == 0 {
		return true
	}
	for i, t := range toks {
		if !changed[i] && (isWord(t.text) || t.atom != nil) {
			return true
		}
	}
	return false
}

// table diffs two tables: the header row cell by cell, then the body rows
// as blocks, pairing edited rows and diffing their cells.
func (c *comparer) table(o, n *east.Table) {
	var oh, nh ast.Node
	var orows, nrows []ast.Node
	for r := o.FirstChild(); r != nil; r = r.NextSibling() {
		if r.Kind() == east.KindTableHeader {
			oh = r
		} else {
			orows = append(orows, r)
		}
	}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		if r.Kind() == east.KindTableHeader {
			nh = r
		} else {
			nrows = append(nrows, r)
		}
	}
	if oh != nil && nh != nil {
		c.cells(oh, nh)
	}
	in := newInterner(len(orows) + len(nrows))
	ka := make([]string, len(orows))
	kb := make([]string, len(nrows))
	for i, r := range orows {
		ka[i] = c.sig(r, c.oldSrc)
	}
	for j, r := range nrows {
		kb[j] = c.sig(r, c.newSrc)
	}
	del, ins, _ := shortestEdit(in.intern(ka), in.intern(kb), -1)
	for _, bl := range blocks(del, ins) {
		olds, news := orows[bl.a0:bl.a1], nrows[bl.b0:bl.b1]
		bin := newInterner(0)
		ob := make([][]int32, len(olds))
		nb := make([][]int32, len(news))
		for i, r := range olds {
			ob[i] = c.bag(bin, r, c.oldSrc)
		}
		for j, r := range news {
			nb[j] = c.bag(bin, r, c.newSrc)
		}
		pairs := align(len(olds), len(news), func(i, j int) int {
			if s := similarity(ob[i], nb[j]); s > 0 {
				return s
			}
			// A row whose first cell (the key: a control, a risk) is
			// unchanged is the same row edited.
			if firstCellSame(c, olds[i], news[j]) {
				return 1
			}
			return 0
		})
		i, j := 0, 0
		before := next(nrows, bl.b1)
		for _, p := range pairs {
			for ; i < p[0]; i++ {
				c.deleted(o, n, olds[i], news[j])
			}
			for ; j < p[1]; j++ {
				c.inserted(news[j])
			}
			c.cells(olds[i], news[j])
			i, j = i+1, j+1
		}
		for ; i < len(olds); i++ {
			c.deleted(o, n, olds[i], before)
		}
		for ; j < len(news); j++ {
			c.inserted(news[j])
		}
	}
}

func firstCellSame(c *comparer, o, n ast.Node) bool {
	a, b := o.FirstChild(), n.FirstChild()
	return a != nil && b != nil && c.sig(a, c.oldSrc) == c.sig(b, c.newSrc) && strings.TrimSpace(markdown.PlainText(a, c.oldSrc)) != ""
}

// cells diffs two rows cell by cell. Cells the new row lacks are dropped
// into its last cell as deleted text; cells it adds are inserted.
func (c *comparer) cells(o, n ast.Node) {
	oc, nc := childList(o), childList(n)
	changed := false
	for k, cell := range nc {
		if k >= len(oc) {
			c.inserted(cell)
			changed = true
			continue
		}
		a := blockTokens(oc[k], c.oldSrc)
		if k == len(nc)-1 {
			for _, extra := range oc[k+1:] {
				a = append(a, token{text: " ", key: " "})
				a = append(a, blockTokens(extra, c.oldSrc)...)
			}
		}
		ps, ch := diffTokens(a, blockTokens(cell, c.newSrc))
		if ch {
			c.b.rebuild(cell, ps)
			markdown.SetChange(cell, markdown.Changed)
			changed = true
		}
	}
	if changed {
		markdown.SetChange(n, markdown.Changed)
	}
}

// tally counts the changes and the sections they fall under.
func (r *Redline) tally() {
	headings := r.Doc.HeadingsByNode()
	var cur *Section
	start := &Section{}
	cur = start
	seen := map[*Section]bool{}
	touch := func() {
		if !seen[cur] {
			seen[cur] = true
			r.Sections = append(r.Sections, *cur)
		}
	}
	_ = ast.Walk(r.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if h, ok := n.(*ast.Heading); ok {
			if hd, ok := headings[h]; ok {
				cur = &Section{ID: hd.ID, Number: hd.Number, Text: hd.Text, Level: hd.Level}
			}
		}
		ch := markdown.ChangeOf(n)
		if ch != markdown.Unchanged && n.Type() == ast.TypeBlock {
			switch {
			case n.Kind() == east.KindTableRow || n.Kind() == east.KindTableHeader:
				r.Blocks++
				r.Rows++
				touch()
			case n.Kind() == east.KindTableCell:
			default:
				r.Blocks++
				touch()
			}
			if isCode(n) {
				words := len(strings.Fields(codeText(n, r.Doc.Source)))
				if ch == markdown.Inserted {
					r.InsertedWords += words
				} else if ch == markdown.Deleted {
					r.DeletedWords += words
				}
			}
		}
		switch n.Kind() {
		case markdown.KindInsertion:
			r.InsertedWords += countWords(n, r.Doc.Source)
			return ast.WalkSkipChildren, nil
		case markdown.KindDeletion:
			r.DeletedWords += countWords(n, r.Doc.Source)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// countWords counts the words of the text under n.
func countWords(n ast.Node, src []byte) int {
	count := 0
	_ = ast.Walk(n, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := x.(*ast.Text); ok && entering {
			count += CountWords(string(t.Segment.Value(src)))
		}
		return ast.WalkContinue, nil
	})
	return count
}

// CountWords counts the words of s as the redline does: runs of letters
// and digits. An emitter of tracked changes counts its marked text with
// it, to prove that it marked as many words as the redline.
func CountWords(s string) int {
	n := 0
	for _, w := range splitWords(s) {
		if isWord(w) {
			n++
		}
	}
	return n
}
