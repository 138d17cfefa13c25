package pdfread

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The checks of a tagged PDF (PDF/UA-1 structure) that the tests run on
// every PDF: the catalog says the file is tagged, in which language, with
// which metadata; the structure tree is a tree of standard elements; and
// every piece of text on every page is inside exactly one structure
// element, through its marked-content sequence, or an artifact, with the
// tree read in the order the pages show.

// standardTypes are the standard structure types of ISO 32000-1, 14.8.4.
var standardTypes = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
		P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry
		Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form`) {
		standardTypes[t] = true
	}
}

func parseDict(s string) map[string]any {
	l := &lexer{s: []byte(s)}
	tok, _ := l.next()
	d, _ := tok.(map[string]any)
	if d == nil {
		d = map[string]any{}
	}
	return d
}

func num(v any) int {
	f, _ := v.(float64)
	return int(f)
}

// kid is an entry of an element's /K: an element, marked content or an
// annotation.
type kid struct {
	elem, page, mcid, objr int
}

// kids reads an element's /K array. Bare integers are MCIDs on the
// element's /Pg.
func kids(k any, pg int) []kid {
	arr, ok := k.([]any)
	if !ok {
		if f, ok := k.(float64); ok {
			return []kid{{mcid: int(f), page: pg}}
		}
		return nil
	}
	var out []kid
	for i := 0; i < len(arr); i++ {
		switch v := arr[i].(type) {
		case float64:
			if i+2 < len(arr) && arr[i+2] == operator("R") {
				out = append(out, kid{elem: int(v), mcid: -1})
				i += 2
				continue
			}
			out = append(out, kid{mcid: int(v), page: pg})
		case map[string]any:
			if v["Type"] == name("OBJR") {
				out = append(out, kid{objr: num(v["Obj"]), mcid: -1})
			} else {
				out = append(out, kid{page: num(v["Pg"]), mcid: num(v["MCID"])})
			}
		}
	}
	return out
}

// CheckTagged returns every way the file falls short of a tagged PDF as
// ismsforge writes them; none means it passes.
func (f *File) CheckTagged() ([]string, error) {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	cat, err := f.Head(1)
	if err != nil {
		return nil, err
	}
	for _, want := range []string{"/MarkInfo << /Marked true >>", "/DisplayDocTitle true", "/Lang ("} {
		if !strings.Contains(cat, want) {
			bad("the catalog lacks %s", want)
		}
	}
	if err := f.checkMetadata(cat, bad); err != nil {
		return nil, err
	}
	pages, err := f.Pages()
	if err != nil {
		return nil, err
	}
	pageIndex := map[int]int{}
	for i, p := range pages {
		pageIndex[p] = i
	}
	root := Ref(cat, "StructTreeRoot")
	if root == 0 {
		bad("the catalog has no /StructTreeRoot")
		return problems, nil
	}
	rh, err := f.Head(root)
	if err != nil {
		return nil, err
	}
	// Walk the tree depth first, in the order a reader takes.
	refs := map[[2]int]int{} // (page, mcid) -> element that holds it
	count := map[[2]int]int{}
	var order [][2]int
	objrs := map[int]int{}
	seen := map[int]bool{}
	var walk func(id, parent int) error
	walk = func(id, parent int) error {
		if seen[id] {
			bad("element %d is reached twice", id)
			return nil
		}
		seen[id] = true
		h, err := f.Head(id)
		if err != nil {
			return err
		}
		d := parseDict(h)
		s, _ := d["S"].(name)
		if !standardTypes[string(s)] {
			bad("element %d has the non-standard type %q", id, s)
		}
		if p := num(d["P"]); p != parent {
			bad("element %d (%s) names %d as its parent, but hangs under %d", id, s, p, parent)
		}
		if s == "Figure" {
			if alt, _ := d["Alt"].(pstring); len(decodeText(alt)) == 0 {
				bad("figure %d has no alternative text", id)
			}
		}
		if s == "TH" {
			a, _ := d["A"].(map[string]any)
			if a == nil || a["Scope"] == nil {
				bad("header cell %d has no scope", id)
			}
		}
		for _, k := range kids(d["K"], num(d["Pg"])) {
			switch {
			case k.elem != 0:
				if err := walk(k.elem, id); err != nil {
					return err
				}
			case k.objr != 0:
				objrs[k.objr] = id
			default:
				pi, ok := pageIndex[k.page]
				if !ok {
					bad("element %d has marked content on object %d, not a page", id, k.page)
					continue
				}
				key := [2]int{pi, k.mcid}
				count[key]++
				refs[key] = id
				order = append(order, key)
			}
		}
		return nil
	}
	if err := walk(num(parseDict(rh)["K"]), root); err != nil {
		return nil, err
	}
	for key, n := range count {
		if n > 1 {
			bad("page %d MCID %d is in %d structure elements", key[0]+1, key[1], n)
		}
	}
	// Reading order: on each page, the tree visits marked content in the
	// order the content stream draws it.
	last := map[int]int{}
	for _, key := range order {
		if m, ok := last[key[0]]; ok && key[1] < m {
			bad("page %d: the tree reads MCID %d after MCID %d", key[0]+1, key[1], m)
		}
		last[key[0]] = key[1]
	}
	parentTree, err := f.parentTree(rh)
	if err != nil {
		return nil, err
	}
	for pi, p := range pages {
		ph, err := f.Head(p)
		if err != nil {
			return nil, err
		}
		if !strings.Contains(ph, "/Tabs /S") {
			bad("page %d has no /Tabs /S", pi+1)
		}
		sp := structParentsRE.FindStringSubmatch(ph)
		if sp == nil {
			bad("page %d has no /StructParents", pi+1)
			continue
		}
		key, _ := strconv.Atoi(sp[1])
		texts, err := f.PageText(p)
		if err != nil {
			return nil, fmt.Errorf("page %d: %v", pi+1, err)
		}
		drawn := map[int]bool{}
		for _, t := range texts {
			mcid := t.MCID()
			switch {
			case t.Artifact() && mcid >= 0:
				bad("page %d: %q is both an artifact and marked content %d", pi+1, t.Str, mcid)
			case t.Artifact():
			case mcid < 0:
				bad("page %d: %q is neither in a structure element nor an artifact", pi+1, t.Str)
			case count[[2]int{pi, mcid}] != 1:
				bad("page %d: %q (MCID %d) is in %d structure elements", pi+1, t.Str, mcid, count[[2]int{pi, mcid}])
			default:
				drawn[mcid] = true
				arr := parentTree[key]
				if mcid >= len(arr) || arr[mcid] != refs[[2]int{pi, mcid}] {
					bad("page %d: the parent tree does not give MCID %d its element", pi+1, mcid)
				}
			}
		}
		_ = drawn
		if err := f.checkAnnots(ph, pi, objrs, parentTree, bad); err != nil {
			return nil, err
		}
	}
	return problems, nil
}

// parentTree reads the parent tree's flat /Nums array: keys to an array
// of elements (pages) or to one element (annotations).
func (f *File) parentTree(rootHead string) (map[int][]int, error) {
	h, err := f.Head(Ref(rootHead, "ParentTree"))
	if err != nil {
		return nil, err
	}
	d := parseDict(h)
	arr, _ := d["Nums"].([]any)
	out := map[int][]int{}
	for i := 0; i < len(arr); {
		key := num(arr[i])
		i++
		if i >= len(arr) {
			break
		}
		if sub, ok := arr[i].([]any); ok {
			var els []int
			for j := 0; j+2 < len(sub)+0 && j < len(sub); j += 3 {
				els = append(els, num(sub[j]))
			}
			out[key] = els
			i++
			continue
		}
		out[key] = []int{num(arr[i])}
		i += 3 // n 0 R
	}
	return out, nil
}

var (
	annotsRE        = regexp.MustCompile(`/Annots\s*\[([^\]]*)\]`)
	structParentsRE = regexp.MustCompile(`/StructParents (\d+)`)
	structParentRE  = regexp.MustCompile(`/StructParent (\d+)`)
)

// checkAnnots: every link annotation of the page has a /StructParent that
// names the Link element holding it, and a description.
func (f *File) checkAnnots(page string, pi int, objrs map[int]int, pt map[int][]int, bad func(string, ...any)) error {
	m := annotsRE.FindStringSubmatch(page)
	if m == nil {
		return nil
	}
	for _, r := range refRE.FindAllStringSubmatch(m[1], -1) {
		id, _ := strconv.Atoi(r[1])
		h, err := f.Head(id)
		if err != nil {
			return err
		}
		sp := structParentRE.FindStringSubmatch(h)
		if sp == nil {
			bad("page %d: link annotation %d has no /StructParent", pi+1, id)
			continue
		}
		if !strings.Contains(h, "/Contents ") {
			bad("page %d: link annotation %d has no /Contents", pi+1, id)
		}
		key, _ := strconv.Atoi(sp[1])
		el, ok := objrs[id]
		if !ok {
			bad("page %d: link annotation %d is in no structure element", pi+1, id)
			continue
		}
		if got := pt[key]; len(got) != 1 || got[0] != el {
			bad("page %d: the parent tree does not give link annotation %d its element", pi+1, id)
		}
		eh, _ := f.Head(el)
		if !strings.Contains(eh, "/S /Link") {
			bad("page %d: link annotation %d is held by a %s element", pi+1, id, parseDict(eh)["S"])
		}
	}
	return nil
}

var (
	trailerInfoRE = regexp.MustCompile(`/Info (\d+) 0 R`)
	xmpTitleRE    = regexp.MustCompile(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)</rdf:li>`)
)

// checkMetadata: the XMP metadata says the file is PDF/UA-1 and has the
// information dictionary's title.
func (f *File) checkMetadata(cat string, bad func(string, ...any)) error {
	id := Ref(cat, "Metadata")
	if id == 0 {
		bad("the catalog has no /Metadata")
		return nil
	}
	x, err := f.Stream(id)
	if err != nil {
		return err
	}
	if !strings.Contains(string(x), "<pdfuaid:part>1</pdfuaid:part>") {
		bad("the XMP metadata does not claim PDF/UA-1")
	}
	// The last trailer's /Info.
	t := strings.LastIndex(string(f.data), "trailer")
	m := trailerInfoRE.FindStringSubmatch(string(f.data[t:]))
	if m == nil {
		bad("the trailer has no /Info")
		return nil
	}
	n, _ := strconv.Atoi(m[1])
	ih, err := f.Head(n)
	if err != nil {
		return err
	}
	title, _ := parseDict(ih)["Title"].(pstring)
	xt := xmpTitleRE.FindStringSubmatch(string(x))
	if xt == nil || xmlUnescape(xt[1]) != decodeText(title) {
		bad("the XMP title %q is not the information dictionary's %q", xt, decodeText(title))
	}
	return nil
}

func xmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`, "&apos;", "'").Replace(s)
}
