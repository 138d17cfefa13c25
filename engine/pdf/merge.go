package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
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
	refRE   = regexp.MustCompile(`(\d+) 0 R\b`)
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
	for _, r := range refRE.FindAllSubmatch(km[1], -1) {
		n, _ := strconv.Atoi(string(r[1]))
		ids = append(ids, n)
	}
	return ids, nil
}

// merger copies pages of several files into one.
type merger struct {
	out   bytes.Buffer
	offs  []int // by new object number; 0 means not written yet
	pages []int // new page objects, in order
	next  int
}

func newMerger() *merger {
	m := &merger{next: 3} // 1 is the catalog, 2 the pages root
	m.out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	m.offs = make([]int, 3)
	return m
}

// add copies every page of f, with everything the pages use. The page with
// index i in f gets the annotation references annots(i) returns in place of
// its own.
func (m *merger) add(f *pdfFile, annots func(page int) string) error {
	pages, err := f.pages()
	if err != nil {
		return err
	}
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
		for _, r := range refRE.FindAllSubmatch(body, -1) {
			n, _ := strconv.Atoi(string(r[1]))
			if err := walk(n); err != nil {
				return err
			}
		}
		return nil
	}
	for _, p := range pages {
		if err := walk(p); err != nil {
			return err
		}
	}
	// The callback takes the page's index within f.
	pageIndex := map[int]int{}
	for i, p := range pages {
		pageIndex[p] = i
		m.pages = append(m.pages, ids[p])
	}
	for _, id := range order {
		head, stream, _ := f.object(id)
		renum := refRE.ReplaceAllFunc(head, func(r []byte) []byte {
			n, _ := strconv.Atoi(string(r[:bytes.IndexByte(r, ' ')]))
			return []byte(strconv.Itoa(ids[n]) + " 0 R")
		})
		if pi, isPage := pageIndex[id]; isPage {
			renum = annotRE.ReplaceAll(renum, nil)
			renum = parRE.ReplaceAll(renum, []byte("/Parent 2 0 R"))
			if a := annots(pi); a != "" {
				renum = bytes.Replace(renum, []byte("/Type /Page"), []byte("/Type /Page /Annots ["+a+"]"), 1)
			}
		}
		m.put(ids[id], renum, stream)
	}
	return nil
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
	return slices.Clip(m.out.Bytes())
}
