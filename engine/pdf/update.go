package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// gopdf's own outline writer gets /Parent, /Last and /Prev wrong once items
// nest and never writes /Count; its internal links write an empty object
// for an unknown anchor; it has no named destinations, no link to another
// file and no /Keywords, and its /Info is a direct dictionary. Rather than
// patch its internals, we let gopdf write the document without any of
// those and append a standard PDF incremental update (ISO 32000-1, 7.5.6):
// new objects for the outline, the name tree, the document information and
// the link annotations, a new revision of the catalog, and an xref section
// whose trailer points back with /Prev. The update is a pure function of
// its inputs, so the file stays byte-for-byte reproducible.

// annot is a link annotation: gopdf wrote a placeholder object with this
// number on the right page; the update replaces its content.
type annot struct {
	id         int
	x, y, w, h float64 // top-left coordinates, as in the layout
	action     string  // "/A << ... >>" or "/Dest ..."
	// part and elem are the Link element the annotation belongs to; text
	// is the link's text, its description for assistive technology.
	part, elem int
	text       string
}

// dest is a named destination.
type dest struct {
	name string
	page int // index into the painter's pages
	y    float64
}

// outlineNode is a bookmark with its children.
type outlineNode struct {
	title    string
	page     int
	y        float64
	open     bool
	children []*outlineNode
	id       int
}

// info is the document information dictionary.
type info struct {
	Title, Author, Subject, Keywords, Creator, Producer string
	Date                                                time.Time
}

type update struct {
	base    []byte
	next    int // first free object number
	pageIDs []int
	pageH   float64
	annots  []annot
	dests   []dest
	outline []*outlineNode
	info    info
	// tree is the structure tree; lang the document's language.
	tree *structWriter
	lang string
	// scratch, when set, is where the update is written before it is
	// appended to base. inPlace lets the append use base's spare capacity:
	// set only when the caller owns base and no longer needs it.
	scratch *bytes.Buffer
	inPlace bool
	// c compresses the object streams; a new compressor when nil.
	c *compressor
}

var startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

func (u *update) write() ([]byte, error) {
	m := startxrefRE.FindSubmatch(u.base)
	if m == nil {
		return nil, fmt.Errorf("pdf update: gopdf output has no startxref")
	}
	prev, _ := strconv.Atoi(string(m[1]))
	// The update is written on its own and appended once: the base of a
	// combined pack runs to megabytes, too much to copy as a buffer grows.
	head := u.base
	if !bytes.HasSuffix(head, []byte("\n")) {
		head = append(head[:len(head):len(head)], '\n')
	}
	// The update (structure tree, outline, annotations) is about as large
	// as the file it updates. It is written into the caller's scratch
	// buffer, which a pool keeps between documents, and appended to head
	// once: the returned file is the only allocation of its size.
	out := u.scratch
	if out == nil {
		out = &bytes.Buffer{}
	}
	out.Reset()
	offsets := map[int]int{}
	obj := func(id int, body string) {
		offsets[id] = len(head) + out.Len()
		plainObject(out, id, body)
	}
	next := u.next
	alloc := func() int { next++; return next - 1 }
	c := u.c
	if c == nil {
		c = newCompressor().(*compressor)
	}
	pk := &objPacker{alloc: alloc, write: func(id int, dict string, stream []byte) {
		offsets[id] = len(head) + out.Len()
		streamObject(out, c, id, dict, stream)
	}}

	var structRoot int
	keys := make([]int, len(u.annots))
	if u.tree != nil {
		u.tree.pageIDs = u.pageIDs
		u.tree.lang = u.lang
		u.tree.annots = u.tree.annots[:0]
		for _, a := range u.annots {
			u.tree.annots = append(u.tree.annots, treeAnnot{id: a.id, part: a.part, elem: a.elem})
		}
		structRoot, keys = u.tree.write(alloc, pk.add)
		pk.flush()
	}
	for i, a := range u.annots {
		x1, y1 := a.x, u.pageH-a.y-a.h
		x2, y2 := a.x+a.w, u.pageH-a.y
		tagged := ""
		if u.tree != nil {
			desc := a.text
			if desc == "" {
				desc = "link"
			}
			tagged = fmt.Sprintf(" /StructParent %d /Contents %s", keys[i], pdfText(desc))
		}
		obj(a.id, fmt.Sprintf("<< /Type /Annot /Subtype /Link /Rect [%s %s %s %s] /Border [0 0 0] /F 4%s %s >>",
			num(x1), num(y1), num(x2), num(y2), tagged, a.action))
	}

	var catalog strings.Builder
	catalog.WriteString("<< /Type /Catalog /Pages 2 0 R")
	if u.tree != nil {
		fmt.Fprintf(&catalog, " /StructTreeRoot %d 0 R /MarkInfo << /Marked true >>", structRoot)
	}
	if u.lang != "" {
		fmt.Fprintf(&catalog, " /Lang %s", pdfBytes(u.lang))
	}
	metaID := alloc()
	xmp := u.xmp()
	offsets[metaID] = len(head) + out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream\nendobj\n", metaID, len(xmp), xmp)
	fmt.Fprintf(&catalog, " /Metadata %d 0 R", metaID)
	if len(u.dests) > 0 {
		ds := append([]dest(nil), u.dests...)
		// Name trees are sorted by the bytes of the names; the first of
		// two equal names wins, as the first heading wins in HTML.
		sort.SliceStable(ds, func(i, j int) bool { return ds[i].name < ds[j].name })
		var names strings.Builder
		names.WriteString("<< /Names [")
		for i, d := range ds {
			if i > 0 && d.name == ds[i-1].name {
				continue
			}
			fmt.Fprintf(&names, "\n%s %s", pdfBytes(d.name), u.destArray(d.page, d.y))
		}
		names.WriteString("\n] >>")
		id := alloc()
		obj(id, names.String())
		fmt.Fprintf(&catalog, " /Names << /Dests %d 0 R >>", id)
	}
	if len(u.outline) > 0 {
		root := alloc()
		u.number(u.outline, alloc)
		visible := u.writeOutline(u.outline, root, obj)
		obj(root, fmt.Sprintf("<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>",
			u.outline[0].id, u.outline[len(u.outline)-1].id, visible))
		fmt.Fprintf(&catalog, " /Outlines %d 0 R /PageMode /UseOutlines", root)
	}
	catalog.WriteString(" /ViewerPreferences << /DisplayDocTitle true >> >>")
	obj(1, catalog.String())

	infoID := alloc()
	var inf strings.Builder
	inf.WriteString("<<")
	for _, kv := range [][2]string{
		{"Title", u.info.Title}, {"Author", u.info.Author}, {"Subject", u.info.Subject},
		{"Keywords", u.info.Keywords}, {"Creator", u.info.Creator}, {"Producer", u.info.Producer},
	} {
		if kv[1] != "" {
			fmt.Fprintf(&inf, " /%s %s", kv[0], pdfText(kv[1]))
		}
	}
	if !u.info.Date.IsZero() {
		d := u.info.Date.UTC().Format("20060102150405")
		fmt.Fprintf(&inf, " /CreationDate (D:%sZ) /ModDate (D:%sZ)", d, d)
	}
	inf.WriteString(" >>")
	obj(infoID, inf.String())

	// The packed objects' cross-reference stream, itself an object of the
	// classic section.
	xrefStm := 0
	if len(pk.entries) > 0 {
		id := alloc()
		dict, data := pk.xrefStream(next)
		xrefStm = len(head) + out.Len()
		offsets[id] = xrefStm
		streamObject(out, c, id, dict, data)
	}

	// The file identifier is a digest of the content, never a clock or a
	// random number, so identical inputs give identical files: the first
	// 16 bytes of its SHA-256, which this processor computes twice as fast
	// as MD5.
	digest := sha256.New()
	digest.Write(head)
	digest.Write(out.Bytes())
	id := fmt.Sprintf("<%X>", digest.Sum(nil)[:16])

	ids := make([]int, 0, len(offsets))
	for k := range offsets {
		ids = append(ids, k)
	}
	sort.Ints(ids)
	xref := len(head) + out.Len()
	out.WriteString("xref\n")
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		fmt.Fprintf(out, "%d %d\n", ids[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(out, "%010d 00000 n \n", offsets[ids[k]])
		}
		i = j + 1
	}
	stm := ""
	if xrefStm > 0 {
		stm = " /XRefStm " + strconv.Itoa(xrefStm)
	}
	fmt.Fprintf(out, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R /Prev %d%s /ID [%s %s] >>\nstartxref\n%d\n%%%%EOF\n",
		next, infoID, prev, stm, id, id, xref)
	if u.inPlace {
		return append(head, out.Bytes()...), nil
	}
	return append(head[:len(head):len(head)], out.Bytes()...), nil
}

func (u *update) destArray(page int, y float64) string {
	top := u.pageH - y + 4 // a little air above the heading
	return fmt.Sprintf("[%d 0 R /XYZ null %s null]", u.pageIDs[page], num(min(top, u.pageH)))
}

// number gives every node an object number in document order.
func (u *update) number(ns []*outlineNode, alloc func() int) {
	for _, n := range ns {
		n.id = alloc()
		u.number(n.children, alloc)
	}
}

// writeOutline writes siblings ns under parent and returns how many items
// are visible below parent: each sibling, plus the visible descendants of
// the open ones. A closed item's /Count is minus the number of items that
// opening it would show.
func (u *update) writeOutline(ns []*outlineNode, parent int, obj func(int, string)) int {
	visible := 0
	for i, n := range ns {
		var b strings.Builder
		fmt.Fprintf(&b, "<< /Title %s /Parent %d 0 R /Dest %s", pdfText(n.title), parent, u.destArray(n.page, n.y))
		if i > 0 {
			fmt.Fprintf(&b, " /Prev %d 0 R", ns[i-1].id)
		}
		if i+1 < len(ns) {
			fmt.Fprintf(&b, " /Next %d 0 R", ns[i+1].id)
		}
		visible++
		if len(n.children) > 0 {
			below := u.writeOutline(n.children, n.id, obj)
			count := below
			if !n.open {
				count = -below
			} else {
				visible += below
			}
			fmt.Fprintf(&b, " /First %d 0 R /Last %d 0 R /Count %d", n.children[0].id, n.children[len(n.children)-1].id, count)
		}
		b.WriteString(" >>")
		obj(n.id, b.String())
	}
	return visible
}

// buildOutline nests a flat list of leveled items: an item becomes a child
// of the nearest earlier item with a lower level, so skipped levels (h1
// then h3) still nest.
func buildOutline(items []flatItem) []*outlineNode {
	var roots []*outlineNode
	type open struct {
		level int
		n     *outlineNode
	}
	var stack []open
	for _, it := range items {
		n := &outlineNode{title: it.title, page: it.page, y: it.y, open: it.open}
		for len(stack) > 0 && stack[len(stack)-1].level >= it.level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			roots = append(roots, n)
		} else {
			p := stack[len(stack)-1].n
			p.children = append(p.children, n)
		}
		stack = append(stack, open{it.level, n})
	}
	return roots
}

type flatItem struct {
	title string
	level int
	page  int
	y     float64
	open  bool
}

// num formats a coordinate the way gopdf does, to two decimals.
func num(v float64) string { return strconv.FormatFloat(r2(v), 'f', -1, 64) }

// pdfText encodes a text string as UTF-16BE with a byte order mark, which
// every viewer reads for any script (including characters outside the BMP,
// which gopdf's own encoder writes wrongly).
func pdfText(s string) string {
	b := make([]byte, 0, len("<FEFF>")+4*len(s))
	b = append(b, "<FEFF"...)
	var units [2]uint16
	for _, r := range s {
		for _, u := range utf16.AppendRune(units[:0], r) {
			b = appendHex16(b, u)
		}
	}
	return string(append(b, '>'))
}

// pdfBytes writes a byte string (destination names, file names) as a
// literal string, escaping what PDF requires and anything non-ASCII.
func pdfBytes(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// Actions.

func actionURI(uri string) string { return "/A << /S /URI /URI " + pdfBytes(uri) + " >>" }

func actionGoTo(name string) string { return "/A << /S /GoTo /D " + pdfBytes(name) + " >>" }

// actionGoToR opens another PDF of the pack, next to this one, at a named
// destination, or at its first page. GoToR with a relative file
// specification is the form PDF defines for this, and Acrobat, pdf.js,
// MuPDF, Preview and Okular follow it; a relative URI would depend on the
// viewer's idea of a base URI.
func actionGoToR(file, frag string) string {
	d := "[0 /Fit]"
	if frag != "" {
		d = pdfBytes(frag)
	}
	return fmt.Sprintf("/A << /S /GoToR /F << /Type /Filespec /F %s /UF %s >> /D %s /NewWindow false >>",
		pdfBytes(file), pdfText(file), d)
}
