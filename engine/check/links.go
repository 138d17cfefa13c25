package check

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// links checks every link the documents make. The link function already
// refuses unknown documents; this catches links written by hand in a
// template: to a document or a heading that does not exist, to a file the
// pack does not hold (a page, a PDF, the SoA), and to anything outside the
// pack, by "..", an absolute path or a scheme other than http, https and
// mailto.
//
// Relative links resolve as the site resolves them, from html/, where the
// pages are (md/ is a sibling, so a link that works from one works from the
// other): a document is doc-id.md or doc-id.html, its PDF ../pdf/doc-id.pdf.
func links(in Input) diag.List {
	byID := map[string]*document.Document{}
	var ids []string
	for _, d := range in.Docs {
		byID[d.ID] = d
		ids = append(ids, d.ID)
	}
	files := packFiles(in.Docs)
	var errs diag.List
	for i, d := range in.Docs {
		for _, l := range d.MD.Links {
			dest := l.Dest
			fail := func(hint, format string, args ...any) {
				// The link's place: the template text or action that
				// wrote it, or the fact it printed.
				pos, src := bodyPos(in.Selected[i], d, l.Offset)
				errs.Add(diag.Errorf(pos, hint, format, args...).WithSource(src).WithCode("dangling-link"))
			}
			anchor := func(target *document.Document, frag string) {
				if frag == "" || slices.ContainsFunc(target.MD.Headings, func(h markdown.Heading) bool { return h.ID == frag }) {
					return
				}
				var anchors []string
				for _, h := range target.MD.Headings {
					anchors = append(anchors, h.ID)
				}
				fail(diag.DidYouMean(frag, anchors, fmt.Sprintf("%s has the anchors %s", target.ID, strings.Join(anchors, ", "))), "link to unknown heading %q in %s", frag, target.ID)
			}
			switch {
			case dest == "" || markdown.IsExternal(dest):
				continue
			case scheme.MatchString(dest):
				fail("link to the web with http:// or https://, to an address with mailto:, or to the pack with a relative link", "link to %q leaves the pack: only http, https and mailto links may", dest)
				continue
			case strings.HasPrefix(dest, "#"):
				anchor(d, dest[1:])
				continue
			}
			if id, frag, ok := markdown.DocLink(dest); ok {
				target, ok := byID[id]
				if !ok {
					fail(diag.DidYouMean(id, ids, "link to a document of the pack with {{ link \"id\" }}"), "link to unknown document %q in %s", id, d.ID)
					continue
				}
				anchor(target, frag)
				continue
			}
			p, frag, _ := strings.Cut(dest, "#")
			p, _, _ = strings.Cut(p, "?")
			if strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || strings.Contains(p, `\`) {
				fail("link to a document with {{ link \"id\" }}, or to a file of the pack with a path relative to the page", "link to %q leaves the pack: absolute paths are not part of it", dest)
				continue
			}
			resolved := path.Clean(path.Join("html", p))
			if resolved == ".." || strings.HasPrefix(resolved, "../") {
				fail("link to a document with {{ link \"id\" }}, or to a file of the pack with a path relative to the page", "link to %q leaves the pack", dest)
				continue
			}
			if target, ok := files[resolved]; ok {
				if target != nil {
					anchor(target, frag)
				}
				continue
			}
			var known []string
			for f := range files {
				if rel := relFromHTML(f); rel != "" {
					known = append(known, rel)
				}
			}
			slices.Sort(known)
			fail(diag.DidYouMean(p, known, "links resolve from the page, in html/: a document is doc-id.html (or {{ link \"id\" }}), its PDF ../pdf/doc-id.pdf"), "link to %q in %s: the pack has no %s", dest, d.ID, resolved)
		}
	}
	return errs
}

// scheme matches a destination that starts with a URL scheme.
var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// packFiles are the files of the pack a link may point at, as paths from
// the output directory, each with the document it shows, if any.
func packFiles(docs []*document.Document) map[string]*document.Document {
	m := map[string]*document.Document{
		"html/index.html": nil, "html/style.css": nil, "pdf/isms-pack.pdf": nil,
		"soa.csv": nil, "soa.json": nil, "manifest.json": nil,
	}
	for _, d := range docs {
		m["html/"+d.ID+".html"] = d
		m["md/"+d.ID+".md"] = d
		m["pdf/"+d.ID+".pdf"] = d
		// Images the pack shows are copied next to the pages.
		for _, img := range d.MD.Images {
			if !markdown.IsExternal(img.Dest) {
				m[path.Clean(path.Join("html", img.Dest))] = nil
			}
		}
	}
	return m
}

// relFromHTML writes a pack path as a link from html/ writes it.
func relFromHTML(f string) string {
	if rest, ok := strings.CutPrefix(f, "html/"); ok {
		return rest
	}
	return "../" + f
}
