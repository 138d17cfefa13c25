package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// A reader of our own output, for tests that check what a PDF says without
// external tools: the text of each page, where it is drawn, and inside
// which marked-content sequence. It reads what gopdf, the update writer and
// the merger write, and nothing more general.

type pdfReader struct {
	t     testing.TB
	f     *pdfFile
	cmaps map[int]map[string]string // font object -> code -> text
}

func readPDF(t testing.TB, data []byte) *pdfReader {
	t.Helper()
	f, err := parsePDF(data)
	if err != nil {
		t.Fatal(err)
	}
	return &pdfReader{t: t, f: f, cmaps: map[int]map[string]string{}}
}

// head returns an object's dictionary text.
func (r *pdfReader) head(id int) string {
	r.t.Helper()
	h, _, err := r.f.object(id)
	if err != nil {
		r.t.Fatal(err)
	}
	return string(h)
}

// stream returns an object's stream data, inflated.
func (r *pdfReader) stream(id int) []byte {
	r.t.Helper()
	h, s, err := r.f.object(id)
	if err != nil {
		r.t.Fatal(err)
	}
	s = bytes.TrimPrefix(s, []byte("stream\n"))
	s = bytes.TrimSuffix(s, []byte("endstream"))
	m := lengthRE.FindSubmatch(h)
	if m != nil {
		n, _ := strconv.Atoi(string(m[1]))
		if n <= len(s) {
			s = s[:n]
		}
	}
	if !bytes.Contains(h, []byte("/FlateDecode")) {
		return s
	}
	zr, err := zlib.NewReader(bytes.NewReader(s))
	if err != nil {
		r.t.Fatalf("object %d: %v", id, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		r.t.Fatalf("object %d: %v", id, err)
	}
	return out
}

func (r *pdfReader) pages() []int {
	r.t.Helper()
	ps, err := r.f.pages()
	if err != nil {
		r.t.Fatal(err)
	}
	return ps
}

var (
	refOfRE  = func(key string) *regexp.Regexp { return regexp.MustCompile(`/` + key + `\s+(\d+) 0 R`) }
	fontsRE  = regexp.MustCompile(`/Font\s*<<([^>]*)>>`)
	xobjRE   = regexp.MustCompile(`/XObject\s*<<([^>]*)>>`)
	entryRE  = regexp.MustCompile(`/(\w+)\s+(\d+) 0 R`)
	bfrange  = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
	contRefs = regexp.MustCompile(`(\d+) 0 R`)
)

func (r *pdfReader) ref(dict, key string) int {
	m := refOfRE(key).FindStringSubmatch(dict)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func (r *pdfReader) named(dict string, re *regexp.Regexp) map[string]int {
	out := map[string]int{}
	m := re.FindStringSubmatch(dict)
	if m == nil {
		return out
	}
	for _, e := range entryRE.FindAllStringSubmatch(m[1], -1) {
		n, _ := strconv.Atoi(e[2])
		out[e[1]] = n
	}
	return out
}

// cmap returns the ToUnicode map of a Type0 font.
func (r *pdfReader) cmap(font int) map[string]string {
	if m, ok := r.cmaps[font]; ok {
		return m
	}
	m := map[string]string{}
	if tu := r.ref(r.head(font), "ToUnicode"); tu != 0 {
		for _, e := range bfrange.FindAllStringSubmatch(string(r.stream(tu)), -1) {
			lo, _ := strconv.ParseUint(e[1], 16, 32)
			hi, _ := strconv.ParseUint(e[2], 16, 32)
			for c := lo; c <= hi; c++ {
				m[strconv.FormatUint(c, 16)] = utf16Hex(e[3], int(c-lo))
			}
		}
	}
	r.cmaps[font] = m
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

// textItem is one text-showing operation.
type textItem struct {
	x, y float64 // PDF coordinates of the text position
	text string
	// marks are the enclosing marked-content sequences, outermost first.
	marks []mark
}

type mark struct {
	tag  string
	mcid int // -1 when the sequence has none
}

// artifact reports whether the text is inside an /Artifact sequence.
func (it textItem) artifact() bool {
	for _, m := range it.marks {
		if m.tag == "Artifact" {
			return true
		}
	}
	return false
}

// mcid returns the innermost MCID around the text, or -1.
func (it textItem) mcid() int {
	for i := len(it.marks) - 1; i >= 0; i-- {
		if it.marks[i].mcid >= 0 {
			return it.marks[i].mcid
		}
	}
	return -1
}

// pageText returns the text operations of page p (an object number), in
// content order, following form XObjects.
func (r *pdfReader) pageText(p int) []textItem {
	r.t.Helper()
	page := r.head(p)
	res := r.head(r.ref(page, "Resources"))
	var content []byte
	if m := regexp.MustCompile(`/Contents\s*\[([^\]]*)\]`).FindStringSubmatch(page); m != nil {
		for _, c := range contRefs.FindAllStringSubmatch(m[1], -1) {
			n, _ := strconv.Atoi(c[1])
			content = append(content, r.stream(n)...)
			content = append(content, '\n')
		}
	} else {
		content = r.stream(r.ref(page, "Contents"))
	}
	var out []textItem
	r.run(content, res, nil, &out)
	return out
}

// run interprets the operators of a content stream that matter for text.
func (r *pdfReader) run(content []byte, res string, marks []mark, out *[]textItem) {
	fonts := r.named(res, fontsRE)
	xobjs := r.named(res, xobjRE)
	var stack []any
	var font int
	var x, y float64
	lx := &lexer{s: content}
	for {
		tok, ok := lx.next()
		if !ok {
			return
		}
		op, isOp := tok.(operator)
		if !isOp {
			stack = append(stack, tok)
			continue
		}
		switch op {
		case "Tf":
			if len(stack) >= 2 {
				font = fonts[string(stack[len(stack)-2].(pdfName))]
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
				case pdfString:
					cm := r.cmap(font)
					for i := 0; i+2 <= len(v); i += 2 {
						b.WriteString(cm[strconv.FormatUint(uint64(v[i])<<8|uint64(v[i+1]), 16)])
					}
				}
			}
			if len(stack) > 0 {
				walk(stack[len(stack)-1])
			}
			*out = append(*out, textItem{x: x, y: y, text: b.String(), marks: append([]mark(nil), marks...)})
		case "BDC", "BMC":
			m := mark{mcid: -1}
			if op == "BMC" && len(stack) >= 1 {
				m.tag = string(stack[len(stack)-1].(pdfName))
			} else if len(stack) >= 2 {
				m.tag = string(stack[len(stack)-2].(pdfName))
				if d, ok := stack[len(stack)-1].(map[string]any); ok {
					if v, ok := d["MCID"].(float64); ok {
						m.mcid = int(v)
					}
				}
			}
			marks = append(marks, m)
		case "EMC":
			if len(marks) == 0 {
				r.t.Errorf("EMC without an open marked-content sequence")
			} else {
				marks = marks[:len(marks)-1]
			}
		case "Do":
			if len(stack) >= 1 {
				if id := xobjs[string(stack[len(stack)-1].(pdfName))]; id != 0 {
					h := r.head(id)
					if strings.Contains(h, "/Subtype /Form") {
						r.run(r.stream(id), r.head(r.ref(h, "Resources")), marks, out)
					}
				}
			}
		}
		stack = stack[:0]
	}
}

type (
	operator  string
	pdfName   string
	pdfString []byte
)

// lexer tokenizes a content stream: numbers, names, strings, arrays,
// dictionaries and operators.
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
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != 0 && c != '\f' {
			return
		}
		l.i++
	}
}

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
		for l.i < len(l.s) && !delim(l.s[l.i]) {
			l.i++
		}
		return pdfName(l.s[start:l.i]), true
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
		return pdfString(b), true
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
				if n, isName := tok.(pdfName); isName {
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
		h := strings.Join(strings.Fields(string(l.s[l.i+1:l.i+end])), "")
		l.i += end + 1
		var b []byte
		for j := 0; j+2 <= len(h); j += 2 {
			v, _ := strconv.ParseUint(h[j:j+2], 16, 8)
			b = append(b, byte(v))
		}
		return pdfString(b), true
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
	for l.i < len(l.s) && !delim(l.s[l.i]) {
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

func delim(c byte) bool {
	return strings.IndexByte(" \n\r\t\f\x00/()<>[]{}%", c) >= 0
}

// pageStrings returns the text of each page, one string per text
// operation, for searching.
func (r *pdfReader) pageStrings() [][]string {
	var out [][]string
	for _, p := range r.pages() {
		var ss []string
		for _, it := range r.pageText(p) {
			ss = append(ss, it.text)
		}
		out = append(out, ss)
	}
	return out
}
