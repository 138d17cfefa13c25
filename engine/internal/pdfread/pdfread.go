// Package pdfread reads back the PDFs ismsforge writes, for tests that
// check what a PDF says without external tools: the text of each page,
// where it is drawn and inside which marked-content sequence, and the
// structure tree of a tagged PDF. It reads classic cross-reference tables
// (chained by /Prev), direct stream lengths and Flate streams, which is
// what gopdf, the update writer and the pack merger produce, and the object
// streams of the update writer's hybrid sections; it is not a general PDF
// parser.
package pdfread

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// File is a parsed PDF.
type File struct {
	data  []byte
	offs  map[int]int
	cmaps map[int]map[uint32]string
	// packed are the objects in object streams: the stream's number and
	// the index in it; streams are the streams' objects, read once.
	packed  map[int][2]int
	streams map[int]map[int][]byte
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	prevRE      = regexp.MustCompile(`/Prev (\d+)`)
	lengthRE    = regexp.MustCompile(`/Length (\d+)`)
	refRE       = regexp.MustCompile(`(\d+) 0 R`)
	fontsRE     = regexp.MustCompile(`/Font\s*<<([^>]*)>>`)
	xobjRE      = regexp.MustCompile(`/XObject\s*<<([^>]*)>>`)
	entryRE     = regexp.MustCompile(`/(\w+)\s+(\d+) 0 R`)
	bfrangeRE   = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
	contentsRE  = regexp.MustCompile(`/Contents\s*\[([^\]]*)\]`)
	xrefStmRE   = regexp.MustCompile(`/XRefStm (\d+)`)
	objAtRE     = regexp.MustCompile(`^(\d+) 0 obj`)
	indexRE     = regexp.MustCompile(`/Index \[([\d\s]*)\]`)
)

// Open parses the cross-reference sections of data.
func Open(data []byte) (*File, error) {
	m := startxrefRE.FindSubmatch(data)
	if m == nil {
		return nil, fmt.Errorf("pdfread: no startxref")
	}
	f := &File{data: data, offs: map[int]int{}, cmaps: map[int]map[uint32]string{}, packed: map[int][2]int{}, streams: map[int]map[int][]byte{}}
	at, _ := strconv.Atoi(string(m[1]))
	for seen := 0; at > 0; seen++ {
		if seen > 64 || at >= len(data) || !bytes.HasPrefix(data[at:], []byte("xref\n")) {
			return nil, fmt.Errorf("pdfread: no xref table at %d", at)
		}
		x := data[at+len("xref\n"):]
		for {
			nl := bytes.IndexByte(x, '\n')
			if nl < 0 {
				return nil, fmt.Errorf("pdfread: xref cut short")
			}
			head := string(bytes.TrimSpace(x[:nl]))
			if head == "trailer" {
				break
			}
			var first, count int
			if _, err := fmt.Sscanf(head, "%d %d", &first, &count); err != nil {
				return nil, fmt.Errorf("pdfread: xref subsection %q", head)
			}
			x = x[nl+1:]
			if len(x) < count*20 {
				return nil, fmt.Errorf("pdfread: xref cut short")
			}
			for i := range count {
				e := x[i*20 : i*20+20]
				if _, done := f.offs[first+i]; done || e[17] != 'n' {
					continue
				}
				f.offs[first+i], _ = strconv.Atoi(string(e[:10]))
			}
			x = x[count*20:]
		}
		end := bytes.Index(x, []byte("startxref"))
		if end < 0 {
			return nil, fmt.Errorf("pdfread: trailer without startxref")
		}
		if sm := xrefStmRE.FindSubmatch(x[:end]); sm != nil {
			stm, _ := strconv.Atoi(string(sm[1]))
			if err := f.readXrefStream(stm); err != nil {
				return nil, err
			}
		}
		at = 0
		if pm := prevRE.FindSubmatch(x[:end]); pm != nil {
			at, _ = strconv.Atoi(string(pm[1]))
		}
	}
	return f, nil
}

// Head returns an object's dictionary (or other direct value) as text.
func (f *File) Head(id int) (string, error) {
	h, _, err := f.object(id)
	return string(h), err
}

func (f *File) object(id int) (head, stream []byte, err error) {
	off, ok := f.offs[id]
	if !ok {
		if p, ok := f.packed[id]; ok {
			objs, err := f.objStream(p[0])
			if err != nil {
				return nil, nil, err
			}
			if b, ok := objs[p[1]]; ok {
				return b, nil, nil
			}
		}
		return nil, nil, fmt.Errorf("pdfread: object %d is missing", id)
	}
	return f.objectAt(id, off)
}

func (f *File) objectAt(id, off int) (head, stream []byte, err error) {
	start := []byte(strconv.Itoa(id) + " 0 obj")
	if off < 0 || off >= len(f.data) || !bytes.HasPrefix(f.data[off:], start) {
		return nil, nil, fmt.Errorf("pdfread: object %d is not at its offset", id)
	}
	b := f.data[off+len(start):]
	end := bytes.Index(b, []byte("endobj"))
	if s := bytes.Index(b, []byte("stream\n")); s >= 0 && (end < 0 || s < end) {
		head = b[:s]
		lm := lengthRE.FindSubmatch(head)
		if lm == nil {
			return nil, nil, fmt.Errorf("pdfread: object %d: stream without a direct length", id)
		}
		n, _ := strconv.Atoi(string(lm[1]))
		from := s + len("stream\n")
		if from+n > len(b) {
			return nil, nil, fmt.Errorf("pdfread: object %d: stream cut short", id)
		}
		return head, b[from : from+n], nil
	}
	if end < 0 {
		return nil, nil, fmt.Errorf("pdfread: object %d: no endobj", id)
	}
	return b[:end], nil, nil
}

// readXrefStream reads the cross-reference stream at off that a hybrid
// section's /XRefStm names: type 2 entries, with /W [1 4 2], are objects in
// object streams. An object a later section gave already stays as it is.
func (f *File) readXrefStream(off int) error {
	m := objAtRE.FindSubmatch(f.data[min(off, len(f.data)):])
	if m == nil {
		return fmt.Errorf("pdfread: no cross-reference stream at %d", off)
	}
	id, _ := strconv.Atoi(string(m[1]))
	h, s, err := f.objectAt(id, off)
	if err != nil {
		return err
	}
	if !bytes.Contains(h, []byte("/W [1 4 2]")) {
		return fmt.Errorf("pdfread: cross-reference stream %d: only /W [1 4 2] is read", id)
	}
	data, err := inflate(h, s)
	if err != nil {
		return fmt.Errorf("pdfread: cross-reference stream %d: %v", id, err)
	}
	im := indexRE.FindSubmatch(h)
	if im == nil {
		return fmt.Errorf("pdfread: cross-reference stream %d has no /Index", id)
	}
	nums := strings.Fields(string(im[1]))
	for i := 0; i+1 < len(nums); i += 2 {
		first, _ := strconv.Atoi(nums[i])
		count, _ := strconv.Atoi(nums[i+1])
		for k := range count {
			if len(data) < 7 {
				return fmt.Errorf("pdfread: cross-reference stream %d cut short", id)
			}
			e := data[:7]
			data = data[7:]
			n := first + k
			_, done := f.offs[n]
			if _, p := f.packed[n]; done || p {
				continue
			}
			switch e[0] {
			case 1:
				f.offs[n] = int(binary.BigEndian.Uint32(e[1:]))
			case 2:
				f.packed[n] = [2]int{int(binary.BigEndian.Uint32(e[1:])), int(binary.BigEndian.Uint16(e[5:]))}
			}
		}
	}
	return nil
}

// objStream returns the objects of object stream id, by index.
func (f *File) objStream(id int) (map[int][]byte, error) {
	if objs, ok := f.streams[id]; ok {
		return objs, nil
	}
	h, err := f.Head(id)
	if err != nil {
		return nil, err
	}
	data, err := f.Stream(id)
	if err != nil {
		return nil, err
	}
	n, first := intKey(h, "N"), intKey(h, "First")
	if !strings.Contains(h, "/Type /ObjStm") || n <= 0 || first <= 0 || first > len(data) {
		return nil, fmt.Errorf("pdfread: object %d is not an object stream", id)
	}
	pairs := strings.Fields(string(data[:first]))
	if len(pairs) != 2*n {
		return nil, fmt.Errorf("pdfread: object stream %d: %d numbers for %d objects", id, len(pairs), n)
	}
	objs := map[int][]byte{}
	for i := range n {
		at, _ := strconv.Atoi(pairs[2*i+1])
		end := len(data) - first
		if i+1 < n {
			end, _ = strconv.Atoi(pairs[2*i+3])
		}
		if at < 0 || end < at || first+end > len(data) {
			return nil, fmt.Errorf("pdfread: object stream %d: object %d out of range", id, i)
		}
		objs[i] = data[first+at : first+end]
	}
	f.streams[id] = objs
	return objs, nil
}

// intKey returns the integer value of key in dict, or 0.
func intKey(dict, key string) int {
	m := regexp.MustCompile(`/` + key + ` (\d+)`).FindStringSubmatch(dict)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// Stream returns an object's stream, inflated when it is Flate-encoded.
func (f *File) Stream(id int) ([]byte, error) {
	h, s, err := f.object(id)
	if err != nil {
		return nil, err
	}
	out, err := inflate(h, s)
	if err != nil {
		return nil, fmt.Errorf("pdfread: object %d: %v", id, err)
	}
	return out, nil
}

// inflate returns stream s of an object whose dictionary is h, inflated
// when it is Flate-encoded.
func inflate(h, s []byte) ([]byte, error) {
	if !bytes.Contains(h, []byte("/FlateDecode")) {
		return s, nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(s))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// Ref returns the object number of key's indirect value in dict, or 0.
func Ref(dict, key string) int {
	i := strings.Index(dict, "/"+key+" ")
	for i >= 0 {
		rest := strings.TrimLeft(dict[i+len(key)+1:], " \n")
		f := strings.Fields(rest)
		if len(f) >= 3 && f[1] == "0" && strings.HasPrefix(f[2], "R") {
			n, err := strconv.Atoi(f[0])
			if err == nil {
				return n
			}
		}
		j := strings.Index(dict[i+1:], "/"+key+" ")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return 0
}

// Pages returns the page objects in order: the /Kids of the catalog's
// pages root, which ismsforge keeps flat.
func (f *File) Pages() ([]int, error) {
	cat, err := f.Head(1)
	if err != nil {
		return nil, err
	}
	root, err := f.Head(Ref(cat, "Pages"))
	if err != nil {
		return nil, err
	}
	km := regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`).FindStringSubmatch(root)
	if km == nil {
		return nil, fmt.Errorf("pdfread: the pages root has no /Kids")
	}
	var ids []int
	for _, r := range refRE.FindAllStringSubmatch(km[1], -1) {
		n, _ := strconv.Atoi(r[1])
		ids = append(ids, n)
	}
	return ids, nil
}

// Mark is a marked-content sequence: its tag, and its MCID or -1.
type Mark struct {
	Tag  string
	MCID int
	// ActualText is set when the sequence has one.
	ActualText *string
}

// Text is one text-showing operation.
type Text struct {
	X, Y float64 // the text position, in PDF coordinates
	Str  string
	// Marks are the enclosing marked-content sequences, outermost first.
	Marks []Mark
}

// Artifact reports whether the text is inside an /Artifact sequence.
func (t Text) Artifact() bool {
	for _, m := range t.Marks {
		if m.Tag == "Artifact" {
			return true
		}
	}
	return false
}

// MCID returns the innermost MCID around the text, or -1.
func (t Text) MCID() int {
	for i := len(t.Marks) - 1; i >= 0; i-- {
		if t.Marks[i].MCID >= 0 {
			return t.Marks[i].MCID
		}
	}
	return -1
}

// PageText returns the text operations of page p (an object number), in
// content order, following form XObjects.
func (f *File) PageText(p int) ([]Text, error) {
	page, err := f.Head(p)
	if err != nil {
		return nil, err
	}
	res, err := f.Head(Ref(page, "Resources"))
	if err != nil {
		return nil, err
	}
	var content []byte
	if m := contentsRE.FindStringSubmatch(page); m != nil {
		for _, c := range refRE.FindAllStringSubmatch(m[1], -1) {
			n, _ := strconv.Atoi(c[1])
			s, err := f.Stream(n)
			if err != nil {
				return nil, err
			}
			content = append(append(content, s...), '\n')
		}
	} else if content, err = f.Stream(Ref(page, "Contents")); err != nil {
		return nil, err
	}
	var out []Text
	err = f.run(content, res, nil, &out, 0)
	return out, err
}

func (f *File) named(dict string, re *regexp.Regexp) map[string]int {
	out := map[string]int{}
	if m := re.FindStringSubmatch(dict); m != nil {
		for _, e := range entryRE.FindAllStringSubmatch(m[1], -1) {
			n, _ := strconv.Atoi(e[2])
			out[e[1]] = n
		}
	}
	return out
}

// cmap returns the ToUnicode map of a Type0 font: code to text.
func (f *File) cmap(font int) (map[uint32]string, error) {
	if m, ok := f.cmaps[font]; ok {
		return m, nil
	}
	m := map[uint32]string{}
	h, err := f.Head(font)
	if err != nil {
		return nil, err
	}
	if tu := Ref(h, "ToUnicode"); tu != 0 {
		s, err := f.Stream(tu)
		if err != nil {
			return nil, err
		}
		m = ToUnicode(s)
	}
	f.cmaps[font] = m
	return m, nil
}

// ToUnicode reads the bfrange entries of a ToUnicode CMap (the only kind
// ismsforge writes): code to text.
func ToUnicode(cmap []byte) map[uint32]string {
	m := map[uint32]string{}
	for _, e := range bfrangeRE.FindAllStringSubmatch(string(cmap), -1) {
		lo, _ := strconv.ParseUint(e[1], 16, 32)
		hi, _ := strconv.ParseUint(e[2], 16, 32)
		for c := lo; c <= hi && c-lo < 1<<16; c++ {
			m[uint32(c)] = utf16Hex(e[3], int(c-lo))
		}
	}
	return m
}

func utf16Hex(h string, add int) string {
	var u []uint16
	for i := 0; i+4 <= len(h); i += 4 {
		v, _ := strconv.ParseUint(h[i:i+4], 16, 16)
		u = append(u, uint16(v))
	}
	if len(u) > 0 {
		u[len(u)-1] += uint16(add)
	}
	return string(utf16.Decode(u))
}

// run interprets the operators of a content stream that matter for text
// and marked content.
func (f *File) run(content []byte, res string, marks []Mark, out *[]Text, depth int) error {
	if depth > 8 {
		return fmt.Errorf("pdfread: form XObjects nested too deep")
	}
	fonts := f.named(res, fontsRE)
	xobjs := f.named(res, xobjRE)
	var stack []any
	var cm map[uint32]string
	var x, y float64
	lx := &lexer{s: content}
	level := len(marks)
	for {
		tok, ok := lx.next()
		if !ok {
			break
		}
		op, isOp := tok.(operator)
		if !isOp {
			stack = append(stack, tok)
			continue
		}
		switch op {
		case "Tf":
			if len(stack) >= 2 {
				if n, ok := stack[len(stack)-2].(name); ok {
					var err error
					if cm, err = f.cmap(fonts[string(n)]); err != nil {
						return err
					}
				}
			}
		case "TD", "Td":
			if len(stack) >= 2 {
				x, _ = stack[len(stack)-2].(float64)
				y, _ = stack[len(stack)-1].(float64)
			}
		case "TJ", "Tj":
			var b strings.Builder
			var walk func(v any)
			walk = func(v any) {
				switch v := v.(type) {
				case []any:
					for _, e := range v {
						walk(e)
					}
				case pstring:
					for i := 0; i+2 <= len(v); i += 2 {
						b.WriteString(cm[uint32(v[i])<<8|uint32(v[i+1])])
					}
				}
			}
			if len(stack) > 0 {
				walk(stack[len(stack)-1])
			}
			*out = append(*out, Text{X: x, Y: y, Str: b.String(), Marks: append([]Mark(nil), marks...)})
		case "BDC", "BMC":
			m := Mark{MCID: -1}
			if op == "BMC" && len(stack) >= 1 {
				n, _ := stack[len(stack)-1].(name)
				m.Tag = string(n)
			} else if len(stack) >= 2 {
				n, _ := stack[len(stack)-2].(name)
				m.Tag = string(n)
				if d, ok := stack[len(stack)-1].(map[string]any); ok {
					if v, ok := d["MCID"].(float64); ok {
						m.MCID = int(v)
					}
					if v, ok := d["ActualText"].(pstring); ok {
						s := decodeText(v)
						m.ActualText = &s
					}
				}
			}
			marks = append(marks, m)
		case "EMC":
			if len(marks) <= level {
				return fmt.Errorf("pdfread: EMC without an open marked-content sequence")
			}
			marks = marks[:len(marks)-1]
		case "Do":
			if len(stack) >= 1 {
				n, _ := stack[len(stack)-1].(name)
				if id := xobjs[string(n)]; id != 0 {
					h, err := f.Head(id)
					if err != nil {
						return err
					}
					if strings.Contains(h, "/Subtype /Form") {
						s, err := f.Stream(id)
						if err != nil {
							return err
						}
						fr, err := f.Head(Ref(h, "Resources"))
						if err != nil {
							return err
						}
						if err := f.run(s, fr, marks, out, depth+1); err != nil {
							return err
						}
					}
				}
			}
		}
		stack = stack[:0]
	}
	if len(marks) != level {
		return fmt.Errorf("pdfread: %d marked-content sequences left open", len(marks)-level)
	}
	return nil
}

// decodeText decodes a PDF text string (UTF-16BE with a byte order mark,
// or bytes).
func decodeText(b []byte) string {
	if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
		var u []uint16
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return string(b)
}

type (
	operator string
	name     string
	pstring  []byte
)

// lexer tokenizes a content stream or a dictionary: numbers, names,
// strings, arrays, dictionaries and operators (including R).
type lexer struct {
	s []byte
	i int
}

func (l *lexer) skip() {
	for l.i < len(l.s) {
		c := l.s[l.i]
		if c == '%' {
			for l.i < len(l.s) && l.s[l.i] != '\n' {
				l.i++
			}
			continue
		}
		if !isSpace(c) {
			return
		}
		l.i++
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0 || c == '\f'
}

func isDelim(c byte) bool { return isSpace(c) || strings.IndexByte("/()<>[]{}%", c) >= 0 }

func (l *lexer) next() (any, bool) {
	l.skip()
	if l.i >= len(l.s) {
		return nil, false
	}
	c := l.s[l.i]
	switch {
	case c == '/':
		l.i++
		start := l.i
		for l.i < len(l.s) && !isDelim(l.s[l.i]) {
			l.i++
		}
		return name(l.s[start:l.i]), true
	case c == '(':
		depth := 0
		var b []byte
		for l.i++; l.i < len(l.s); l.i++ {
			c := l.s[l.i]
			if c == '\\' && l.i+1 < len(l.s) {
				l.i++
				b = append(b, l.s[l.i])
				continue
			}
			if c == '(' {
				depth++
			}
			if c == ')' {
				if depth == 0 {
					l.i++
					break
				}
				depth--
			}
			b = append(b, c)
		}
		return pstring(b), true
	case c == '<' && l.i+1 < len(l.s) && l.s[l.i+1] == '<':
		l.i += 2
		d := map[string]any{}
		var key string
		for {
			tok, ok := l.next()
			if !ok || tok == operator(">>") {
				return d, true
			}
			if key == "" {
				if n, isName := tok.(name); isName {
					key = string(n)
				}
				continue
			}
			d[key] = tok
			key = ""
		}
	case c == '>' && l.i+1 < len(l.s) && l.s[l.i+1] == '>':
		l.i += 2
		return operator(">>"), true
	case c == '<':
		end := bytes.IndexByte(l.s[l.i:], '>')
		if end < 0 {
			l.i = len(l.s)
			return pstring(nil), true
		}
		h := strings.Join(strings.Fields(string(l.s[l.i+1:l.i+end])), "")
		l.i += end + 1
		var b []byte
		for j := 0; j+2 <= len(h); j += 2 {
			v, _ := strconv.ParseUint(h[j:j+2], 16, 8)
			b = append(b, byte(v))
		}
		return pstring(b), true
	case c == '[':
		l.i++
		var arr []any
		for {
			l.skip()
			if l.i < len(l.s) && l.s[l.i] == ']' {
				l.i++
				return arr, true
			}
			tok, ok := l.next()
			if !ok {
				return arr, true
			}
			arr = append(arr, tok)
		}
	}
	start := l.i
	for l.i < len(l.s) && !isDelim(l.s[l.i]) {
		l.i++
	}
	if l.i == start {
		l.i++
	}
	w := string(l.s[start:l.i])
	if v, err := strconv.ParseFloat(w, 64); err == nil {
		return v, true
	}
	return operator(w), true
}
