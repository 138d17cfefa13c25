package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// links reports links to documents or headings that do not exist. The link
// function already refuses unknown documents; this catches links written by
// hand in a template and anchors that no heading carries.
func links(in Input) diag.List {
	byID := map[string]*document.Document{}
	var ids []string
	sel := in.Selected
	for _, d := range in.Docs {
		byID[d.ID] = d
		ids = append(ids, d.ID)
	}
	var errs diag.List
	for i, d := range in.Docs {
		src := sel[i].Source()
		_ = ast.Walk(d.MD.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			l, ok := n.(*ast.Link)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			dest := string(l.Destination)
			id, frag, isDoc := markdown.DocLink(dest)
			if !isDoc {
				return ast.WalkContinue, nil
			}
			// Finding the position costs a scan of the template: do it only
			// for a link that is wrong.
			pos := func() diag.Pos {
				return diag.Locate(sel[i].File.Display, src, "("+dest, `"`+strings.TrimSuffix(strings.Replace(dest, ".md#", "#", 1), ".md")+`"`)
			}
			target, ok := byID[id]
			switch {
			case !ok:
				errs.Add(diag.Errorf(pos(), diag.DidYouMean(id, ids, "link to a document of the pack with {{ link \"id\" }}"), "link to unknown document %q in %s", id, d.ID).WithSource(src).WithCode("dangling-link"))
			case frag != "" && !slices.ContainsFunc(target.MD.Headings, func(h markdown.Heading) bool { return h.ID == frag }):
				var anchors []string
				for _, h := range target.MD.Headings {
					anchors = append(anchors, h.ID)
				}
				errs.Add(diag.Errorf(pos(), diag.DidYouMean(frag, anchors, fmt.Sprintf("%s has the anchors %s", id, strings.Join(anchors, ", "))), "link to unknown heading %q in %s", frag, id).WithSource(src).WithCode("dangling-link"))
			}
			return ast.WalkContinue, nil
		})
	}
	return errs
}
