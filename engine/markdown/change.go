package markdown

import (
	"crypto/sha256"

	"github.com/yuin/goldmark/ast"
)

// A redline is a document whose AST carries change marks: inline
// Insertion and Deletion nodes around the words that changed, and a
// data-change attribute on the blocks (paragraphs, headings, list items,
// table rows and cells, code blocks) that hold a change. Every emitter
// renders such an AST as it renders any document, and marks the changes
// its own way: <ins>/<del> in HTML, coloured runs and change bars in PDF,
// tracked changes in DOCX. A document without marks renders as before.

// KindInsertion and KindDeletion are the node kinds of the change marks.
var (
	KindInsertion = ast.NewNodeKind("Insertion")
	KindDeletion  = ast.NewNodeKind("Deletion")
)

// Insertion is an inline container of inserted text.
type Insertion struct{ ast.BaseInline }

// Deletion is an inline container of deleted text.
type Deletion struct{ ast.BaseInline }

// Kind implements ast.Node.
func (*Insertion) Kind() ast.NodeKind { return KindInsertion }

// Kind implements ast.Node.
func (*Deletion) Kind() ast.NodeKind { return KindDeletion }

// Dump implements ast.Node.
func (n *Insertion) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Dump implements ast.Node.
func (n *Deletion) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Change says how a block of a redline differs from the old version.
type Change uint8

// Block changes. Unchanged is the zero value, so a block without a mark is
// unchanged.
const (
	Unchanged Change = iota
	// Changed blocks hold inserted or deleted words.
	Changed
	// Inserted blocks are new as a whole.
	Inserted
	// Deleted blocks are gone from the new version.
	Deleted
)

// ChangeAttr is the attribute that carries a block's change. goldmark's
// HTML renderer writes data-* attributes on every block it renders, so the
// mark reaches the page as data-change="ins|del|chg" without a renderer of
// its own.
const ChangeAttr = "data-change"

var changeValues = [...]string{Changed: "chg", Inserted: "ins", Deleted: "del"}

// String is the attribute value: "", "chg", "ins" or "del".
func (c Change) String() string {
	if int(c) < len(changeValues) {
		return changeValues[c]
	}
	return ""
}

// SetChange marks a block.
func SetChange(n ast.Node, c Change) {
	if c == Unchanged {
		return
	}
	n.SetAttributeString(ChangeAttr, []byte(c.String()))
}

// ChangeOf returns a block's mark.
func ChangeOf(n ast.Node) Change {
	v, ok := n.AttributeString(ChangeAttr)
	if !ok {
		return Unchanged
	}
	var s string
	switch v := v.(type) {
	case []byte:
		s = string(v)
	case string:
		s = v
	}
	for c, name := range changeValues {
		if name != "" && name == s {
			return Change(c)
		}
	}
	return Unchanged
}

// InsideDeletion reports whether n is inside a Deletion node or a deleted
// block: text a reader of the new version does not see.
func InsideDeletion(n ast.Node) bool {
	for p := n; p != nil; p = p.Parent() {
		if p.Kind() == KindDeletion || (p.Type() == ast.TypeBlock && ChangeOf(p) == Deleted) {
			return true
		}
	}
	return false
}

// NewDoc wraps a tree built by hand (a redline) as a Doc, collecting its
// headings as Parse does. Deleted headings are left out: they are not
// sections of the new version, and they take no number.
func NewDoc(src []byte, root ast.Node, o Options) *Doc {
	d := &Doc{Source: src, Root: root, sum: sha256.Sum256(src)}
	d.Headings, d.nodes = collectHeadings(root, src, o.HeadingNumbers)
	collectRefs(d)
	return d
}
