package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// Dest is a link's or an image's destination, with the offset in the
// source where it is written (DestinationOffset).
type Dest struct {
	Dest   string
	Offset int
}

// Char is a character beyond ASCII that the outputs draw, at the offset in
// the source of its first place.
type Char struct {
	R      rune
	Offset int
}

// collectRefs takes from d's tree what is read of a document before its
// outputs are made (the checks, the images the pack shows): its links and
// images, and the first place of each character beyond ASCII it draws. A
// build can then drop the tree until the outputs need it.
func collectRefs(d *Doc) {
	seen := map[rune]bool{}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			d.Links = append(d.Links, Dest{string(n.Destination), DestinationOffset(n, d.Source)})
		case *ast.Image:
			d.Images = append(d.Images, Dest{string(n.Destination), DestinationOffset(n, d.Source)})
		}
		return ast.WalkContinue, nil
	})
	DrawnText(d.Root, d.Source, func(text string, off int, exact bool) {
		for j, r := range text {
			if r < 0x80 || seen[r] {
				continue
			}
			seen[r] = true
			at := off
			if exact {
				at += j
			}
			d.Chars = append(d.Chars, Char{r, at})
		}
	})
}

// DrawnText calls fn with each piece of text the outputs draw of a tree
// (not link destinations, raw HTML or comments, which are never drawn)
// and the offset in src where it starts. exact says that the piece is
// src's own bytes, so that a character's offset is the piece's plus its
// index; a decoded piece (an entity, a label) starts at its node.
func DrawnText(root ast.Node, src []byte, fn func(text string, off int, exact bool)) {
	if root == nil {
		return
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			seg := n.Segment
			fn(string(src[seg.Start:seg.Stop]), seg.Start, true)
			if v := TextValue(n, src); !bytes.Equal(v, src[seg.Start:seg.Stop]) {
				fn(string(v), seg.Start, false)
			}
		case *ast.String:
			fn(string(n.Value), Offset(n, src), false)
		case *ast.AutoLink:
			fn(string(n.Label(src)), Offset(n, src), false)
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				fn(string(s.Value(src)), s.Start, true)
			}
		}
		return ast.WalkContinue, nil
	})
}
