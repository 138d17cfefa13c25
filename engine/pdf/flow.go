package pdf

import "strings"

// flow is the pagination cursor: it places boxes at a running y on the
// current page and starts a new page when something does not fit. Nothing
// may be placed below bottom; every item handed to the flow is at most a
// page tall (tables and code split themselves line by line).
type flow struct {
	l             *Layout
	pg            *Page
	y             float64
	top, bottom   float64
	frames        []*frame
	marker        *marker
	asc, desc     float64
	fresh         bool // nothing placed on the page yet
	onPage        func(f *flow)
	maxPageHeight float64
	// elem is the structure element that text, images and links placed
	// now belong to (0: artifacts); links are the Link elements made under
	// it, one per link target.
	elem  int
	links map[*Target]int
	// bar, when set, is the x of a redline's change bar beside every line
	// placed.
	bar float64
}

// newElem adds a structure element under parent, beginning here, and
// returns its number.
func (f *flow) newElem(typ string, parent int) int {
	f.l.Struct = append(f.l.Struct, Elem{Type: typ, Parent: int32(parent), Page: int32(f.page()), At: int32(len(f.pg.Boxes))})
	return len(f.l.Struct)
}

// spaceAfter ends the last text box placed with a space character, outside
// its width: columns set apart by position (a contents line) still read
// as separate words in the structure.
func (f *flow) spaceAfter() {
	for i := len(f.pg.Boxes) - 1; i >= 0; i-- {
		if b := &f.pg.Boxes[i]; b.Kind == KindText {
			if !strings.HasSuffix(b.Text, " ") {
				b.Text += " "
			}
			return
		}
	}
}

// setElem makes e the current structure element.
func (f *flow) setElem(e int) {
	f.elem = e
	f.links = nil
}

// linkElem returns the Link element of target t under the current
// element, making it on first use: every piece of a link's text, on any
// line or page, belongs to one Link.
func (f *flow) linkElem(t *Target) int {
	if f.elem == 0 {
		return 0
	}
	if e, ok := f.links[t]; ok {
		return e
	}
	if f.links == nil {
		f.links = map[*Target]int{}
	}
	e := f.newElem("Link", f.elem)
	f.links[t] = e
	return e
}

// frame is an open container drawn behind or beside its content (a quote's
// bar, a code block's shading). It is drawn per page segment.
type frame struct {
	x, w   float64
	startY float64
	fill   string // background color, or ""
	bar    string // left bar color, or ""
}

// marker is a list marker waiting for its item's first line, so it always
// lands on the same page and baseline as that line.
type marker struct {
	boxes []Box // positioned with Y relative to the baseline
}

func newFlow(l *Layout, top, bottom float64, asc, desc float64) *flow {
	f := &flow{l: l, top: top, bottom: bottom, asc: asc, desc: desc, maxPageHeight: bottom - top}
	f.newPage()
	return f
}

const eps = 1e-6

func (f *flow) newPage() {
	if f.pg != nil {
		for _, fr := range f.frames {
			f.closeSegment(fr, f.bottom)
		}
	}
	// A page holds about as many boxes as the one before: sized so, its
	// boxes are not copied again and again as they are placed.
	var boxes []Box
	if f.pg != nil {
		boxes = make([]Box, 0, len(f.pg.Boxes))
	}
	f.pg = &Page{Boxes: boxes}
	f.l.Pages = append(f.l.Pages, f.pg)
	f.y = f.top
	f.fresh = true
	for _, fr := range f.frames {
		fr.startY = f.y
	}
	if f.onPage != nil {
		f.onPage(f)
	}
}

func (f *flow) page() int { return len(f.l.Pages) - 1 }

func (f *flow) fits(h float64) bool { return f.y+h <= f.bottom+eps }

// room is the height left on the page.
func (f *flow) room() float64 { return f.bottom - f.y }

// ensure starts a new page unless h fits. A fresh page is never skipped:
// anything taller than a page would otherwise loop.
func (f *flow) ensure(h float64) {
	if !f.fits(h) && !f.fresh {
		f.newPage()
	}
}

// gap adds vertical space, dropped at the top of a page.
func (f *flow) gap(h float64) {
	if f.fresh {
		return
	}
	if !f.fits(h) {
		f.newPage()
		return
	}
	f.y += h
}

// add places b. Text, images, check boxes and links belong to the current
// structure element unless b names one (or is -1, an artifact); lines,
// rectangles and fills are decoration, artifacts.
func (f *flow) add(b Box) {
	if b.Elem < 0 {
		b.Elem = 0 // an artifact on purpose (leaders, say)
	} else if b.Elem == 0 {
		switch b.Kind {
		case KindText, KindImage, KindCheck, KindLink:
			b.Elem = f.elem
		}
	}
	f.pg.Boxes = append(f.pg.Boxes, b.rounded())
	f.fresh = false
}

func (f *flow) under(b Box) { f.pg.Under = append(f.pg.Under, b.rounded()) }

// anchor records a destination at the current y. The empty name is the
// document's start.
func (f *flow) anchor(name string) {
	f.l.Anchors = append(f.l.Anchors, Anchor{Name: name, Page: f.page(), Y: r2(f.y)})
}

func (f *flow) openFrame(fr *frame) {
	fr.startY = f.y
	f.frames = append(f.frames, fr)
}

func (f *flow) closeFrame() {
	fr := f.frames[len(f.frames)-1]
	f.frames = f.frames[:len(f.frames)-1]
	f.closeSegment(fr, f.y)
}

func (f *flow) closeSegment(fr *frame, y float64) {
	if y <= fr.startY+eps {
		return
	}
	if fr.fill != "" {
		f.under(Box{Kind: KindFill, X: fr.x, Y: fr.startY, W: fr.w, H: y - fr.startY, Color: fr.fill})
	}
	if fr.bar != "" {
		f.under(Box{Kind: KindFill, X: fr.x, Y: fr.startY, W: 2.5, H: y - fr.startY, Color: fr.bar})
	}
}

// split returns how many of lines to place on the current page: all when
// they fit; otherwise as many as fit while leaving at least minLines on
// each side of the break (no orphan at the foot, no widow at the top); 0
// when the paragraph must start on the next page. On a fresh page that
// cannot hold even that much (a paragraph longer than a page, in a narrow
// list), it places what fits.
func (f *flow) split(lines []line) int {
	n := len(lines)
	fit, h := 0, 0.0
	for fit < n && f.y+h+lines[fit].h <= f.bottom+eps {
		h += lines[fit].h
		fit++
	}
	if fit == n {
		return n
	}
	take := min(fit, n-minLines)
	// A page never ends in a hyphenated word (TeX's \brokenpenalty, made
	// absolute): a reader, or a text extractor, would meet the running
	// footer and header in the middle of the word. A line or two fewer,
	// or the paragraph starts on the next page.
	for take > 0 && lines[take-1].hyph {
		take--
	}
	if take >= minLines {
		return take
	}
	if f.fresh {
		return max(fit, 1)
	}
	return 0
}

// placeLine draws a laid-out line at x with the given width and
// alignment, starting a new page first when it does not fit.
func (f *flow) placeLine(ln *line, x, width float64, al align, color string, ts *typesetter) {
	f.ensure(ln.h)
	off := 0.0
	switch al {
	case alignCenter:
		off = (width - ln.w) / 2
	case alignRight:
		off = width - ln.w
	case alignJustify:
		if !ln.last && len(ln.words) > 1 {
			extra := (width - ln.w) / float64(len(ln.words)-1)
			// A line that hyphenation could not tighten stays ragged
			// rather than stretch its spaces past maxStretch (a long URL
			// pushed to the next line leaves such a line).
			if extra > 0 && extra <= maxStretch*ln.words[1].space+eps {
				ts.place(ln, extra)
			}
		}
	}
	f.drawLine(ln, x+off, f.y, color)
	if f.bar != 0 {
		f.changeBar(f.bar, f.y, ln.h)
	}
	f.y += ln.h
}

// Redline marks: inserted text underlined in green, deleted text struck
// through in red, and a bar in the margin beside each changed block.
const (
	insColor = "#0a5d2a"
	delColor = "#9b1c1c"
	barColor = "#c27c0e"
)

// changeBar draws a redline's bar from y down h points at x.
func (f *flow) changeBar(x, y, h float64) {
	f.under(Box{Kind: KindFill, X: x, Y: y, W: 2.5, H: h, Color: barColor})
}

// drawLine emits the boxes of ln with its top at y.
func (f *flow) drawLine(ln *line, x, y float64, color string) {
	base := y + ln.base
	if m := f.marker; m != nil {
		f.marker = nil
		for _, b := range m.boxes {
			b.Y += base
			f.add(b)
		}
	}
	for _, fr := range ln.frags {
		c := fr.color
		if c == "" {
			c = color
		}
		fx := x + fr.x
		by := base
		if fr.sup {
			by -= ln.size * 0.33
		}
		if fr.check != 0 {
			s := fr.size * 0.72
			f.add(Box{Kind: KindCheck, X: fx + fr.size*0.05, Y: base - s, W: s, H: s, Color: color,
				Checked: fr.check == 2, LineWidth: 0.7})
			continue
		}
		el := 0
		if fr.link != nil {
			el = f.linkElem(fr.link)
		}
		if fr.hyph {
			// The hyphen the line breaker added is a box of its own, so
			// that the structure can say it is not part of the text.
			hw := fr.hyphW
			f.add(Box{Kind: KindText, X: fx, Y: by, W: fr.w - hw, H: fr.size, Text: strings.TrimSuffix(fr.text, "-"), Font: fr.face, Size: fr.size, Color: c, Cont: fr.cont, Elem: el})
			f.add(Box{Kind: KindText, X: fx + fr.w - hw, Y: by, W: hw, H: fr.size, Text: "-", Font: fr.face, Size: fr.size, Color: c, Hyphen: true, Elem: el})
		} else {
			f.add(Box{Kind: KindText, X: fx, Y: by, W: fr.w, H: fr.size, Text: fr.text, Font: fr.face, Size: fr.size, Color: c, Cont: fr.cont, Elem: el})
		}
		if fr.strike {
			sy := by - fr.size*0.3
			f.add(Box{Kind: KindLine, X: fx, Y: sy, W: fr.w, Color: c, LineWidth: fr.size * 0.06})
		}
		if fr.under {
			f.add(Box{Kind: KindLine, X: fx, Y: by + fr.size*0.12, W: fr.w, Color: c, LineWidth: fr.size * 0.06})
		}
		if fr.link != nil {
			f.add(Box{Kind: KindLink, X: fx, Y: by - fr.size*f.asc, W: fr.w, H: fr.size * (f.asc + f.desc), Link: fr.link, Elem: el,
				Text: strings.TrimSpace(fr.text)})
		}
	}
}
