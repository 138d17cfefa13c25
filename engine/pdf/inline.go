package pdf

import (
	"strings"
	"unicode/utf8"

	"github.com/ismsforge/ismsforge/engine/pdf/hyph"
)

// Line breaking works on our own measurements (measurer), never on gopdf's
// SplitText: SplitText handles one font per string and dominates the
// profile of a text-heavy document. A paragraph is tokenized into words,
// each word made of pieces that may change font, then filled greedily.

// piece is a part of a word in one style.
type piece struct {
	text  string
	r     *run
	size  float64
	w     float64
	check int
	// hyph marks a piece that ends in a hyphen the line breaker added,
	// hyphW points wide.
	hyph  bool
	hyphW float64
}

// word is a sequence of pieces with no break opportunity inside, and the
// space that precedes it.
type word struct {
	pieces []piece
	w      float64
	space  float64 // width of the space before the word; 0 at a line start
	// brk forces a line break after the word.
	brk bool
	// cont marks the second and later parts of a word broken because it
	// was longer than the line.
	cont bool
}

// frag is a positioned piece of a line.
type frag struct {
	x, w   float64
	text   string
	face   face
	size   float64
	color  string
	strike bool
	under  bool
	sup    bool
	check  int
	link   *Target
	cont   bool
	hyph   bool
	hyphW  float64
}

// line is one laid-out line; frag x positions are relative to its start.
type line struct {
	frags []frag
	w     float64 // natural width
	h     float64 // line height
	base  float64 // baseline offset from the line top
	size  float64 // largest size on the line
	// last is true for the last line of a paragraph or a line ended by a
	// hard break; such lines are never justified.
	last bool
	// words and spaces are kept for justification.
	words []word
	// hyph is true when the line ends in a hyphen the line breaker added.
	hyph bool
}

// wordKey caches word widths per document (see measurer).
type wordKey struct {
	f    face
	size float64
	s    string
}

// typesetter breaks runs into lines for one document.
type typesetter struct {
	m     *measurer
	lh    float64 // line height factor
	words map[wordKey]float64
	hy    *hyph.Hyphenator
	// text is the text of the frag place is building, reused: a frag's
	// text is made once, not grown word by word.
	text []byte
}

func newTypesetter(m *measurer, lineHeight float64) *typesetter {
	return &typesetter{m: m, lh: lineHeight, words: map[wordKey]float64{}, hy: hyph.EnUS()}
}

// Justified text hyphenates a word at the end of a line when the line
// would otherwise stretch its spaces by more than hyphenateAbove times
// their width, and a justified line never stretches them by more than
// maxStretch times (it stays ragged instead). TeX's default tolerance lets
// a space grow to about 2.3 times its width; these keep closer to 2.
const (
	hyphenateAbove = 0.5
	maxStretch     = 1.0
)

func (t *typesetter) measure(f face, size float64, s string) float64 {
	k := wordKey{f, size, s}
	if w, ok := t.words[k]; ok {
		return w
	}
	w := t.m.width(f, size, s)
	t.words[k] = w
	return w
}

const supScale = 0.7

func (r *run) sizeIn(base float64) float64 {
	s := base
	if r.Size > 0 {
		s = r.Size
	}
	if r.Sup {
		s *= supScale
	}
	return s
}

// tokenize splits runs into words. Runs of spaces collapse to one, as in
// HTML.
func (t *typesetter) tokenize(runs []run, size float64) []word {
	// The words' pieces share one backing array, and both slices are
	// sized from the spaces: a paragraph costs a few allocations, not one
	// per word.
	n := 1
	for i := range runs {
		n += strings.Count(runs[i].Text, " ") + 1
	}
	words := make([]word, 0, n)
	pieces := make([]piece, 0, n)
	start := 0 // the current word's first piece
	var cur word
	pendingSpace := 0.0
	haveCur := false
	flush := func() {
		if haveCur {
			cur.pieces = pieces[start:len(pieces):len(pieces)]
			words = append(words, cur)
		}
		start = len(pieces)
		cur = word{}
		haveCur = false
	}
	addPiece := func(r *run, s string, sz float64) {
		if !haveCur {
			cur.space = pendingSpace
			pendingSpace = 0
			haveCur = true
		}
		if len(pieces) > start && pieces[len(pieces)-1].r == r {
			pieces[len(pieces)-1].text += s
			return
		}
		pieces = append(pieces, piece{text: s, r: r, size: sz})
	}
	for i := range runs {
		r := &runs[i]
		sz := r.sizeIn(size)
		if r.Check != 0 {
			flush()
			pieces = append(pieces, piece{r: r, size: sz, check: r.Check, w: sz * 0.95})
			cur = word{space: pendingSpace}
			pendingSpace = 0
			haveCur = true
			flush()
			pendingSpace = t.measure(r.Face, sz, " ")
			continue
		}
		s := r.Text
		for len(s) > 0 {
			sp := strings.IndexByte(s, ' ')
			if sp == 0 {
				flush()
				pendingSpace = t.measure(r.Face, sz, " ")
				s = strings.TrimLeft(s, " ")
				continue
			}
			if sp < 0 {
				addPiece(r, s, sz)
				break
			}
			addPiece(r, s[:sp], sz)
			s = s[sp:]
		}
		if r.Break {
			if !haveCur {
				cur = word{space: 0}
				haveCur = true
			}
			cur.brk = true
			flush()
			pendingSpace = 0
		}
	}
	flush()
	for i := range words {
		t.measureWord(&words[i])
	}
	return words
}

// measureWord sets the width of each text piece of w, and of w.
func (t *typesetter) measureWord(w *word) {
	w.w = 0
	for j := range w.pieces {
		p := &w.pieces[j]
		if p.check == 0 {
			p.w = t.measure(p.r.Face, p.size, p.text)
		}
		w.w += p.w
	}
}

// lines fills words into lines of at most width points. With hyphenate,
// a word that does not fit may be broken at a hyphenation point when the
// line would otherwise be loose (justified text).
func (t *typesetter) lines(words []word, width float64, hyphenate bool) []line {
	// The lines' words share one backing array (buf[start:] is the line
	// being filled), and the lines are sized from the words' widths: a
	// paragraph costs a few allocations, not several per line.
	total := 0.0
	for i := range words {
		total += words[i].space + words[i].w
	}
	out := make([]line, 0, int(total/max(width, 1))+2)
	buf := make([]word, 0, len(words)+4)
	start := 0
	curW := 0.0
	emit := func(last bool) {
		out = append(out, t.makeLine(buf[start:len(buf):len(buf)], last))
		start, curW = len(buf), 0
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		n := len(buf) - start // words on the line so far
		if n == 0 {
			w.space = 0
		}
		switch {
		case n > 0 && curW+w.space+w.w > width+1e-6:
			if hyphenate && t.loose(buf[start:], width-curW, w.space) && !twoHyphens(out) {
				if head, tail, ok := t.hyphenate(w, width-curW-w.space); ok {
					buf = append(buf, head)
					emit(false)
					out[len(out)-1].hyph = true
					words[i] = tail
					i--
					continue
				}
			}
			emit(false)
			i-- // place it again at the start of the next line
			continue
		case n == 0 && w.w > width+1e-6:
			// A word longer than the line is broken, never drawn past the
			// margin.
			head, tail := t.splitWord(w, width)
			buf = append(buf, head)
			emit(false)
			// The word goes on at the next line: no space between.
			if ln := &out[len(out)-1]; len(ln.frags) > 0 {
				f := &ln.frags[len(ln.frags)-1]
				f.text = strings.TrimSuffix(f.text, " ")
			}
			words[i] = tail
			i--
			continue
		}
		buf = append(buf, w)
		curW += w.space + w.w
		if w.brk {
			emit(true)
		}
	}
	if len(buf) > start {
		emit(true)
	} else if len(out) > 0 {
		out[len(out)-1].last = true
	}
	return out
}

// loose reports whether a line of words with slack points left over would
// stretch its spaces by more than hyphenateAbove of a space.
func (t *typesetter) loose(cur []word, slack, space float64) bool {
	if space <= 0 {
		return false
	}
	gaps := len(cur) - 1
	if gaps == 0 {
		return true
	}
	return slack/float64(gaps) > hyphenateAbove*space
}

// twoHyphens reports whether the last two lines both end in a hyphen: a
// third in a row is a ladder a reader notices.
func twoHyphens(out []line) bool {
	n := len(out)
	return n >= 2 && out[n-1].hyph && out[n-2].hyph
}

// wordPunct may surround a hyphenatable word: "(management," is hyphenated
// as "management".
const (
	leadPunct  = "(\"'“‘"
	trailPunct = ").,;:!?\"'”’"
	// anyPunct is either, each character once.
	anyPunct = "(\"'“‘).,;:!?”’"
)

// hyphenate breaks w at the last hyphenation point whose head, with its
// hyphen, fits in avail points. Only a word of ASCII letters inside one
// text piece (not code, not a superscript) is hyphenated, so references
// such as RBH-ISMS-REG-02, dates and code never break.
func (t *typesetter) hyphenate(w word, avail float64) (head, tail word, ok bool) {
	pi := -1
	for j, p := range w.pieces {
		if strings.Trim(p.text, anyPunct) == "" {
			continue // punctuation around the word
		}
		if pi >= 0 || p.check != 0 || p.r.Sup || p.r.Face == faceMono || p.r.Face == faceSymbol {
			return head, tail, false
		}
		pi = j
	}
	if pi < 0 {
		return head, tail, false
	}
	p := w.pieces[pi]
	core := strings.TrimLeft(p.text, leadPunct)
	off := len(p.text) - len(core)
	core = strings.TrimRight(core, trailPunct)
	if strings.ContainsFunc(core[min(1, len(core)):], func(r rune) bool { return r >= 'A' && r <= 'Z' }) {
		return head, tail, false // FastPass, GitLab, ISMS: names are not broken
	}
	pts := t.hy.Points(core)
	if len(pts) == 0 {
		return head, tail, false
	}
	before := 0.0
	for _, q := range w.pieces[:pi] {
		before += q.w
	}
	hyW := t.measure(p.r.Face, p.size, "-")
	for k := len(pts) - 1; k >= 0; k-- {
		cut := off + pts[k]
		hw := t.measure(p.r.Face, p.size, p.text[:cut])
		if before+hw+hyW > avail+1e-6 {
			continue
		}
		hp := p
		hp.text, hp.w, hp.hyph, hp.hyphW = p.text[:cut]+"-", hw+hyW, true, hyW
		tp := p
		tp.text = p.text[cut:]
		tp.w = t.measure(p.r.Face, p.size, tp.text)
		head = word{pieces: append(append([]piece(nil), w.pieces[:pi]...), hp), space: w.space, cont: w.cont}
		tail = word{pieces: append([]piece{tp}, w.pieces[pi+1:]...), cont: true, brk: w.brk}
		for _, ws := range []*word{&head, &tail} {
			for _, q := range ws.pieces {
				ws.w += q.w
			}
		}
		return head, tail, true
	}
	return head, tail, false
}

// breakAfter are characters after which a long word (usually a URL or a
// path) is best broken.
const breakAfter = "/-_.?&=#:,;"

// splitWord breaks w so that its head fits in width. It prefers a break
// after a URL separator when that keeps at least a third of the line.
func (t *typesetter) splitWord(w word, width float64) (head, tail word) {
	used := 0.0
	bestP, bestB := -1, -1 // piece and byte of the last good break
	var fitP, fitB int     // last position that still fits
	fitP, fitB = -1, -1
outer:
	for pi, p := range w.pieces {
		if p.check != 0 {
			if used+p.w > width && (fitP >= 0) {
				break
			}
			used += p.w
			fitP, fitB = pi, len(p.text)
			continue
		}
		for bi, r := range p.text {
			rw := float64(t.m.units(p.r.Face, r)) * p.size / 1000
			if used+rw > width+1e-6 {
				break outer
			}
			used += rw
			end := bi + utf8.RuneLen(r)
			fitP, fitB = pi, end
			if strings.ContainsRune(breakAfter, r) && used >= width/3 {
				bestP, bestB = pi, end
			}
		}
	}
	if bestP >= 0 {
		fitP, fitB = bestP, bestB
	}
	if fitP < 0 {
		// Not even one character fits: take one anyway so that layout
		// always progresses.
		fitP = 0
		_, n := utf8.DecodeRuneInString(w.pieces[0].text)
		fitB = n
	}
	for pi, p := range w.pieces {
		switch {
		case pi < fitP:
			head.pieces = append(head.pieces, p)
		case pi == fitP:
			h, tl := p, p
			h.text, tl.text = p.text[:fitB], p.text[fitB:]
			if p.check != 0 {
				tl.check = 0
			}
			head.pieces = append(head.pieces, h)
			if tl.text != "" {
				tail.pieces = append(tail.pieces, tl)
			}
		default:
			tail.pieces = append(tail.pieces, p)
		}
	}
	head.space = w.space
	head.cont = w.cont
	tail.cont = true
	tail.brk = w.brk
	t.measureWord(&head)
	t.measureWord(&tail)
	return head, tail
}

// makeLine positions the words of a line from x = 0, merging pieces of the
// same style and the spaces between them into one frag.
func (t *typesetter) makeLine(words []word, last bool) line {
	ln := line{last: last, words: words}
	t.place(&ln, 0)
	return ln
}

// place positions the frags of ln, adding extra points to every space
// between words (justification). Justified words become frags of their own
// so that each starts exactly where the stretched space ends.
func (t *typesetter) place(ln *line, extra float64) {
	ln.frags = ln.frags[:0]
	// The last frag's text is built in t.text and set when the next frag
	// starts, or at the end.
	t.text = t.text[:0]
	setText := func() {
		if n := len(ln.frags); n > 0 {
			ln.frags[n-1].text = string(t.text)
		}
		t.text = t.text[:0]
	}
	x := 0.0
	for wi, w := range ln.words {
		if wi > 0 {
			// The space belongs to the frag before it when the style
			// continues, so a link underline or a strike runs across it.
			// Otherwise (a justified line, a change of style) the frag
			// still ends in a space character, outside its width: text
			// extraction and screen readers, which follow the structure
			// tree rather than positions, need it between the words.
			if n := len(ln.frags); n > 0 && ln.frags[n-1].check == 0 {
				t.text = append(t.text, ' ')
				if extra == 0 && len(w.pieces) > 0 && sameStyle(&ln.frags[n-1], w.pieces[0]) {
					ln.frags[n-1].w += w.space
				}
			}
			x += w.space + extra
		}
		for pi, p := range w.pieces {
			if s := p.size / sizeFactor(p); s > ln.size {
				ln.size = s
			}
			n := len(ln.frags)
			if n > 0 && sameStyle(&ln.frags[n-1], p) && ln.frags[n-1].x+ln.frags[n-1].w >= x-1e-6 {
				t.text = append(t.text, p.text...)
				ln.frags[n-1].w += p.w
			} else {
				setText()
				t.text = append(t.text, p.text...)
				ln.frags = append(ln.frags, frag{x: x, w: p.w, face: p.r.Face, size: p.size,
					color: p.r.Color, strike: p.r.Strike, under: p.r.Under, sup: p.r.Sup, check: p.check, link: p.r.Link,
					cont: w.cont && pi == 0})
			}
			ln.frags[len(ln.frags)-1].hyph = p.hyph
			ln.frags[len(ln.frags)-1].hyphW = p.hyphW
			x += p.w
		}
	}
	if extra == 0 {
		ln.w = x
	}
	if ln.size == 0 {
		ln.size = 1
	}
	// A line that the paragraph continues after ends in a space too, for
	// the same readers, unless it ends in a hyphen.
	if n, nw := len(ln.frags), len(ln.words); n > 0 && nw > 0 && (!ln.last || ln.words[nw-1].brk) {
		if f := &ln.frags[n-1]; f.check == 0 && !f.hyph {
			t.text = append(t.text, ' ')
		}
	}
	setText()
}

func sizeFactor(p piece) float64 {
	if p.r.Sup {
		return supScale
	}
	return 1
}

func sameStyle(f *frag, p piece) bool {
	return f.check == 0 && p.check == 0 && f.face == p.r.Face && f.size == p.size && f.color == p.r.Color &&
		f.strike == p.r.Strike && f.under == p.r.Under && f.sup == p.r.Sup && f.link == p.r.Link
}

// wrap is tokenize and lines in one step, setting line heights.
// Justified text (hyphenate) may break words at hyphenation points.
func (t *typesetter) wrap(runs []run, size, width float64, asc, desc float64, hyphenate bool) []line {
	return t.wrapWords(t.tokenize(runs, size), size, width, asc, desc, hyphenate)
}

// wrapWords is wrap of runs already split into words, which it may change.
func (t *typesetter) wrapWords(words []word, size, width float64, asc, desc float64, hyphenate bool) []line {
	ls := t.lines(words, width, hyphenate)
	for i := range ls {
		s := max(ls[i].size, size)
		ls[i].h = s * t.lh
		ls[i].base = (ls[i].h-(asc+desc)*s)/2 + asc*s
	}
	return ls
}

// minMax returns the widest word and the natural one-line width of words,
// the min-content and max-content widths of a table cell.
func minMax(words []word) (minW, maxW float64) {
	cur := 0.0
	for _, w := range words {
		minW = max(minW, w.w)
		if cur > 0 {
			cur += w.space
		}
		cur += w.w
		if w.brk {
			maxW = max(maxW, cur)
			cur = 0
		}
	}
	return minW, max(maxW, cur)
}
