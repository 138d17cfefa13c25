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

// collectRefs takes from d's tree, in one walk, what is read of a document
// before its outputs are made (the checks, the images the pack shows): its
// links and images, and the first place of each character beyond ASCII
// that the outputs draw. A build can then drop the tree until the outputs
// need it.
func collectRefs(d *Doc) {
	seen := map[rune]bool{}
	chars := func(text string, off int, exact bool) {
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
	}
	src := d.Source
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		// The text the outputs draw: not link destinations, raw HTML or
		// comments. A piece that is src's own bytes places each character
		// exactly; a decoded piece (an entity, a label) at its node.
		switch n := n.(type) {
		case *ast.Link:
			d.Links = append(d.Links, Dest{string(n.Destination), DestinationOffset(n, src)})
		case *ast.Image:
			d.Images = append(d.Images, Dest{string(n.Destination), DestinationOffset(n, src)})
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			seg := n.Segment
			chars(string(src[seg.Start:seg.Stop]), seg.Start, true)
			if v := TextValue(n, src); !bytes.Equal(v, src[seg.Start:seg.Stop]) {
				chars(string(v), seg.Start, false)
			}
		case *ast.String:
			chars(string(n.Value), Offset(n, src), false)
		case *ast.AutoLink:
			chars(string(n.Label(src)), Offset(n, src), false)
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				chars(string(s.Value(src)), s.Start, true)
			}
		}
		return ast.WalkContinue, nil
	})
}
