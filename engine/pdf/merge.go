package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The combined pack is not painted again: its pages are the pages of the
// documents' own PDFs (and of the cover and contents), copied object by
// object into one file. Painting is what costs; copying is cheap, and a
// changed document in watch mode costs one painting, not two. Only PDFs
// written by this package are read, so the reader handles exactly what
// gopdf and the update writer produce: classic cross-reference tables,
// possibly chained by /Prev, and direct stream lengths.

// pdfFile is a parsed PDF: the offset of the latest revision of each
// object.
type pdfFile struct {
	data []byte
	offs map[int]int
}

var (
	prevRE  = regexp.MustCompile(`/Prev (\d+)`)
	kidsRE  = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	annotRE = regexp.MustCompile(`/Annots\s*\[[^\]]*\]\s*`)
	parRE   = regexp.MustCompile(`/Parent\s+\d+ 0 R`)
)

func parsePDF(data []byte) (*pdfFile, error) {
	m := xrefStartRE.FindSubmatch(data)
	if m == nil {
		return nil, fmt.Errorf("pdf merge: no startxref")
	}
	f := &pdfFile{data: data, offs: map[int]int{}}
	at, _ := strconv.Atoi(string(m[1]))
	for seen := 0; at > 0; seen++ {
		if seen > 64 || at >= len(data) || !bytes.HasPrefix(data[at:], []byte("xref\n")) {
			return nil, fmt.Errorf("pdf merge: no xref table at %d", at)
		}
		x := data[at+len("xref\n"):]
		for {
			nl := bytes.IndexByte(x, '\n')
			if nl < 0 {
				return nil, fmt.Errorf("pdf merge: xref cut short")
			}
			head := string(bytes.TrimSpace(x[:nl]))
			if head == "trailer" {
				break
			}
			var first, count int
			if _, err := fmt.Sscanf(head, "%d %d", &first, &count); err != nil {
				return nil, fmt.Errorf("pdf merge: xref subsection %q", head)
			}
			x = x[nl+1:]
			if len(x) < count*20 {
				return nil, fmt.Errorf("pdf merge: xref cut short")
			}
			for i := range count {
				e := x[i*20 : i*20+20]
				if _, done := f.offs[first+i]; done || e[17] != 'n' {
					continue // a later revision already gave this object
				}
				f.offs[first+i], _ = strconv.Atoi(string(e[:10]))
			}
			x = x[count*20:]
		}
		end := bytes.Index(x, []byte("startxref"))
		if end < 0 {
			return nil, fmt.Errorf("pdf merge: trailer without startxref")
		}
		at = 0
		if pm := prevRE.FindSubmatch(x[:end]); pm != nil {
			at, _ = strconv.Atoi(string(pm[1]))
		}
	}
	return f, nil
}

// object returns an object's dictionary (or other direct value) and, for a
// stream, everything from "stream" through "endstream", byte for byte.
func (f *pdfFile) object(id int) (head, stream []byte, err error) {
	off, ok := f.offs[id]
	if !ok {
		return nil, nil, fmt.Errorf("pdf merge: object %d is missing", id)
	}
	start := []byte(strconv.Itoa(id) + " 0 obj")
	if !bytes.HasPrefix(f.data[off:], start) {
		return nil, nil, fmt.Errorf("pdf merge: object %d is not at its offset", id)
	}
	b := f.data[off+len(start):]
	if s := bytes.Index(b, []byte(">>\nstream\n")); s >= 0 && s < bytes.Index(b, []byte("endobj")) {
		head = b[:s+2]
		lm := lengthRE.FindSubmatch(head)
		if lm == nil {
			return nil, nil, fmt.Errorf("pdf merge: object %d: stream without a direct length", id)
		}
		n, _ := strconv.Atoi(string(lm[1]))
		from := s + len(">>\n")
		to := from + len("stream\n") + n
		e := bytes.Index(b[to:], []byte("endstream"))
		if e < 0 {
			return nil, nil, fmt.Errorf("pdf merge: object %d: no endstream", id)
		}
		return head, b[from : to+e+len("endstream")], nil
	}
	e := bytes.Index(b, []byte("endobj"))
	if e < 0 {
		return nil, nil, fmt.Errorf("pdf merge: object %d: no endobj", id)
	}
	return b[:e], nil, nil
}

// pages returns the page objects in order, from the pages root (object 2,
// where gopdf puts it).
func (f *pdfFile) pages() ([]int, error) {
	head, _, err := f.object(2)
	if err != nil {
		return nil, err
	}
	km := kidsRE.FindSubmatch(head)
	if km == nil {
		return nil, fmt.Errorf("pdf merge: the pages root has no /Kids")
	}
	var ids []int
	for _, r := range refs(km[1]) {
		ids = append(ids, r.n)
	}
	return ids, nil
}

// ref is an indirect reference "N 0 R" in a PDF object, at b[start:end].
type ref struct{ n, start, end int }

// refs finds the indirect references of generation 0 in b, as the
// expression `(\d+) 0 R\b` does (leftmost, not overlapping), without its
// cost: the pack's merge reads every object of every document.
func refs(b []byte) []ref {
	var out []ref
	from := 0
	for {
		i := bytes.Index(b[from:], []byte(" 0 R"))
		if i < 0 {
			return out
		}
		i += from
		end := i + len(" 0 R")
		from = i + 1
		if end < len(b) && isWordByte(b[end]) {
			continue
		}
		start := i
		for start > 0 && b[start-1] >= '0' && b[start-1] <= '9' {
			start--
		}
		// The digits must not be the end of a match already taken.
		if start == i || (len(out) > 0 && start < out[len(out)-1].end) {
			continue
		}
		n, _ := strconv.Atoi(string(b[start:i]))
		out = append(out, ref{n, start, end})
		from = end
	}
}

// isWordByte is \w of Go's regular expressions: an ASCII letter, digit
// or underscore.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// merger copies pages of several files into one.
type merger struct {
	pageW, pageH float64
	out          bytes.Buffer
	offs         []int // by new object number; 0 means not written yet
	pages        []int // new page objects, in order
	next         int
}

func newMerger(pageW, pageH float64) *merger {
	m := &merger{next: 3, pageW: pageW, pageH: pageH} // 1 is the catalog, 2 the pages root
	m.out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	m.offs = make([]int, 3)
	return m
}

// add copies the first n pages of f, with everything the pages use. The
// page with index i in f gets the annotation references annots(i) returns
// in place of its own, and, when stamps[i] is set, that form XObject drawn
// over it. The pages after the first n become form XObjects instead of
// pages; add returns their object numbers.
func (m *merger) add(f *pdfFile, n int, stamps []int, annots func(page int) string) ([]int, error) {
	all, err := f.pages()
	if err != nil {
		return nil, err
	}
	n = min(n, len(all))
	pages, formPages := all[:n], all[n:]
	// Number everything reachable from the pages, in the order found, so
	// the output does not depend on map order.
	ids := map[int]int{}
	var order []int
	var walk func(id int) error
	walk = func(id int) error {
		if _, ok := ids[id]; ok {
			return nil
		}
		ids[id] = m.next
		m.next++
		order = append(order, id)
		head, _, err := f.object(id)
		if err != nil {
			return err
		}
		body := annotRE.ReplaceAll(parRE.ReplaceAll(head, nil), nil)
		for _, r := range refs(body) {
			if err := walk(r.n); err != nil {
				return err
			}
		}
		return nil
	}
	for _, p := range pages {
		if err := walk(p); err != nil {
			return nil, err
		}
	}
	// A form page keeps its resources; its content stream becomes the
	// form itself.
	type form struct{ content, resources, id int }
	forms := make([]form, len(formPages))
	for i, p := range formPages {
		head, _, err := f.object(p)
		if err != nil {
			return nil, err
		}
		c, r := contentsRE.FindSubmatch(head), resourcesRE.FindSubmatch(head)
		if c == nil || r == nil {
			return nil, fmt.Errorf("pdf merge: stamp page %d has no single content stream or resources", p)
		}
		forms[i].content, _ = strconv.Atoi(string(c[1]))
		forms[i].resources, _ = strconv.Atoi(string(r[1]))
		if err := walk(forms[i].resources); err != nil {
			return nil, err
		}
		forms[i].id = m.next
		m.next++
	}
	// Pages that get a stamp draw it from a content stream of their own,
	// with resources that name it: one copy of the file's resources
	// dictionary, naming every stamp of the file.
	stampOf := func(i int) int {
		if i < len(stamps) {
			return stamps[i]
		}
		return 0
	}
	var stamped []int                   // page indexes
	stampContent := map[int]int{}       // page index -> new content stream
	stampRes := map[int]int{}           // original resources -> new resources
	resStamps := map[int][]stampEntry{} // original resources -> stamps it names
	for i, p := range pages {
		if stampOf(i) == 0 {
			continue
		}
		head, _, err := f.object(p)
		if err != nil {
			return nil, err
		}
		r := resourcesRE.FindSubmatch(head)
		if r == nil || contentsRE.FindSubmatch(head) == nil {
			return nil, fmt.Errorf("pdf merge: page %d has no single content stream or resources", p)
		}
		res, _ := strconv.Atoi(string(r[1]))
		if _, ok := stampRes[res]; !ok {
			stampRes[res] = m.next
			m.next++
		}
		stampContent[i] = m.next
		m.next++
		resStamps[res] = append(resStamps[res], stampEntry{name: "Pk" + strconv.Itoa(i+1), form: stampOf(i)})
		stamped = append(stamped, i)
	}

	// The callback takes the page's index within f.
	firstPage := len(m.pages)
	pageIndex := map[int]int{}
	for i, p := range pages {
		pageIndex[p] = i
		m.pages = append(m.pages, ids[p])
	}
	renumber := func(head []byte) []byte {
		rs := refs(head)
		out := make([]byte, 0, len(head)+8*len(rs))
		last := 0
		for _, r := range rs {
			out = append(out, head[last:r.start]...)
			out = strconv.AppendInt(out, int64(ids[r.n]), 10)
			out = append(out, " 0 R"...)
			last = r.end
		}
		return append(out, head[last:]...)
	}
	for _, id := range order {
		head, stream, _ := f.object(id)
		renum := renumber(head)
		if pi, isPage := pageIndex[id]; isPage {
			// The page's key in the pack's parent tree is its page number
			// in the pack.
			renum = structParentsRE.ReplaceAll(renum, []byte("/StructParents "+strconv.Itoa(firstPage+pi)))
			renum = annotRE.ReplaceAll(renum, nil)
			renum = parRE.ReplaceAll(renum, []byte("/Parent 2 0 R"))
			if a := annots(pi); a != "" {
				renum = bytes.Replace(renum, []byte("/Type /Page"), []byte("/Type /Page /Annots ["+a+"]"), 1)
			}
			if sc, ok := stampContent[pi]; ok {
				r := resourcesRE.FindSubmatch(head)
				res, _ := strconv.Atoi(string(r[1]))
				renum = resourcesRE.ReplaceAll(renum, []byte("/Resources "+strconv.Itoa(stampRes[res])+" 0 R"))
				renum = contentsRE.ReplaceAllFunc(renum, func(c []byte) []byte {
					return []byte("/Contents [" + string(bytes.TrimSpace(c[len("/Contents"):])) + " " + strconv.Itoa(sc) + " 0 R]")
				})
			}
		}
		m.put(ids[id], renum, stream)
	}
	for i, fm := range forms {
		head, stream, err := f.object(fm.content)
		if err != nil {
			return nil, err
		}
		if stream == nil || !bytes.HasPrefix(bytes.TrimSpace(head), []byte("<<")) {
			return nil, fmt.Errorf("pdf merge: stamp page %d: content is not a stream", formPages[i])
		}
		dict := bytes.TrimSpace(head)
		dict = append([]byte("\n<< /Type /XObject /Subtype /Form /BBox [0 0 "+num(m.pageW)+" "+num(m.pageH)+"] /Resources "+strconv.Itoa(ids[fm.resources])+" 0 R "), dict[2:]...)
		m.put(fm.id, dict, stream)
	}
	// New resources in original order, so the file does not depend on map
	// iteration.
	var resOrder []int
	for _, i := range stamped {
		r := resourcesRE.FindSubmatch(mustHead(f, pages[i]))
		res, _ := strconv.Atoi(string(r[1]))
		if !slices.Contains(resOrder, res) {
			resOrder = append(resOrder, res)
		}
	}
	for _, res := range resOrder {
		head, _, err := f.object(res)
		if err != nil {
			return nil, err
		}
		var names strings.Builder
		for _, s := range resStamps[res] {
			fmt.Fprintf(&names, "\n/%s %d 0 R", s.name, s.form)
		}
		renum := renumber(head)
		if loc := xobjectRE.FindIndex(renum); loc != nil {
			renum = slices.Concat(renum[:loc[1]], []byte(names.String()), renum[loc[1]:])
		} else if end := bytes.LastIndex(renum, []byte(">>")); end >= 0 {
			renum = slices.Concat(renum[:end], []byte("/XObject <<"+names.String()+"\n>>\n"), renum[end:])
		}
		m.put(stampRes[res], renum, nil)
	}
	for _, i := range stamped {
		// The stamp is page furniture: an artifact of pagination, outside
		// the document's structure.
		body := "/Artifact << /Type /Pagination /Subtype /Footer >> BDC\nq /Pk" + strconv.Itoa(i+1) + " Do Q\nEMC\n"
		m.put(stampContent[i], fmt.Appendf(nil, "\n<< /Length %d >>", len(body)), []byte("stream\n"+body+"endstream"))
	}
	out := make([]int, len(forms))
	for i, fm := range forms {
		out[i] = fm.id
	}
	return out, nil
}

type stampEntry struct {
	name string
	form int
}

var (
	contentsRE  = regexp.MustCompile(`/Contents\s+(\d+) 0 R`)
	resourcesRE = regexp.MustCompile(`/Resources\s+(\d+) 0 R`)
	xobjectRE   = regexp.MustCompile(`/XObject\s*<<`)
	// structParentsRE is a page's key in the parent tree.
	structParentsRE = regexp.MustCompile(`/StructParents \d+`)
)

func mustHead(f *pdfFile, id int) []byte {
	h, _, _ := f.object(id)
	return h
}

func (m *merger) put(id int, head, stream []byte) {
	for len(m.offs) <= id {
		m.offs = append(m.offs, 0)
	}
	m.offs[id] = m.out.Len()
	fmt.Fprintf(&m.out, "%d 0 obj", id)
	m.out.Write(head)
	if stream != nil {
		m.out.WriteByte('\n')
		m.out.Write(stream)
	}
	m.out.WriteString("\nendobj\n")
}

// base finishes the copied file: a provisional catalog, the pages root and
// the cross-reference table. The update written over it replaces the
// catalog and adds the links, destinations, outline and information.
func (m *merger) base(pageW, pageH float64) []byte {
	m.put(1, []byte("\n<< /Type /Catalog /Pages 2 0 R >>"), nil)
	var kids bytes.Buffer
	for _, p := range m.pages {
		fmt.Fprintf(&kids, "%d 0 R ", p)
	}
	m.put(2, fmt.Appendf(nil, "\n<< /Type /Pages /MediaBox [0 0 %s %s] /Count %d /Kids [%s] >>", num(pageW), num(pageH), len(m.pages), kids.String()), nil)
	size := len(m.offs)
	xref := m.out.Len()
	fmt.Fprintf(&m.out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for id := 1; id < size; id++ {
		if m.offs[id] == 0 {
			m.out.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&m.out, "%010d 00000 n \n", m.offs[id])
	}
	fmt.Fprintf(&m.out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", size, xref)
	return m.out.Bytes()
}
