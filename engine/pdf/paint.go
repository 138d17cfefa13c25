package pdf

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"math"
	"math/bits"
	"strconv"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/sfnt"
)

// part is a run of pages painted from one layout: the cover, the table of
// contents, or a document. Anchor names are qualified by the part's
// document ID in a pack so that two documents may share a heading ID.
type part struct {
	l      *Layout
	doc    string // "" for front matter and standalone documents
	prefix bool   // qualify anchor names with doc (pack mode)
	// stamps marks the pack's page numbers: each page is printed over
	// one document page of the pack rather than being a page itself.
	stamps bool
}

func (pt *part) name(frag string) string {
	if !pt.prefix {
		return frag
	}
	return destName(pt.doc, frag)
}

// destName names a destination in a pack: the document ID alone for its
// first page, "id#frag" for a heading.
func destName(doc, frag string) string {
	if frag == "" {
		return doc
	}
	return doc + "#" + frag
}

// linker turns a link target into a PDF action, or "" for no link.
type linker func(pt *part, t *Target) string

// painter paints laid-out pages with gopdf. It adds every page before
// drawing on it and draws strictly page by page, never going back with
// SetPage: gopdf attaches links to the last page added, whatever the
// current page is.
type painter struct {
	e  *env
	gp *gopdf.GoPdf
	// colors are the colors drawn, as their operands; sizes the font
	// sizes, as the Tf operator's: formatting them for every box was most
	// of the float formatting that took 8% of writing a PDF.
	colors map[string][]byte
	sizes  map[float64][]byte
	pages  []int // object number of each page
	annots []annot
	dests  []dest
	// gids are the glyph numbers of each face's runes in the font the
	// painter embeds, and fontRes the face's resource name (/F1, /F2...),
	// for the text operators the painter writes itself.
	gids    [numFaces]map[rune]uint16
	fontRes [numFaces]string
	// fonts are the faces the painter embeds, in resource order.
	fonts []embedded
	// marks are the operators each marker stands for, and after the last
	// marker those written since, which one marker will stand for. Its
	// bytes are the compressor's, kept between documents.
	marks markOps
	// seqs are the marked-content sequences of the page being painted.
	seqs []mcSeq
	part int // the part being painted
	next int // the first object number bytes leaves free
}

// mark adds op, text or marked-content operators, to the content stream.
// The operators of consecutive marks wait in pt.marks until flush writes
// one marker for them all: a line width that replaceMarks turns into the
// operators. gopdf's SetLineWidth costs two allocations, and a page has
// hundreds of marks but few gaps between them.
func (pt *painter) mark(op string) {
	pt.marks.ops = append(pt.marks.ops, op...)
}

// flush writes the marker for the pending operators. It must run before
// anything else writes to the content stream, so that the operators keep
// their place: before gopdf draws and at the end of each page.
func (pt *painter) flush() {
	if !pt.marks.pending() {
		return
	}
	pt.gp.SetLineWidth(float64(markerBase + len(pt.marks.ends)))
	pt.marks.ends = append(pt.marks.ends, len(pt.marks.ops))
}

// markOps are the operators of the markers of a content stream, end to
// end: marker k stands for ops[ends[k-1]:ends[k]] (from 0 for the first).
// The operators after the last end wait for the next marker.
type markOps struct {
	ops  []byte
	ends []int
}

func (m *markOps) pending() bool {
	return len(m.ops) > m.end(len(m.ends)-1)
}

// end is where marker k's operators end; -1 gives 0.
func (m *markOps) end(k int) int {
	if k < 0 {
		return 0
	}
	return m.ends[k]
}

// at returns the operators of marker k, or nil when there is no such
// marker.
func (m *markOps) at(k int) []byte {
	if k < 0 || k >= len(m.ends) {
		return nil
	}
	return m.ops[m.end(k-1):m.ends[k]]
}

// newPainter returns a painter for parts whose operators go into c's
// buffer: c must be the compressor its bytes are written with.
func (e *env) newPainter(parts []*part, c *compressor) (*painter, error) {
	pt := &painter{e: e, gp: &gopdf.GoPdf{}, colors: map[string][]byte{}, sizes: map[float64][]byte{}, marks: markOps{ops: c.ops[:0]}}
	pt.gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: e.pageW, H: e.pageH}, Unit: gopdf.UnitPT})
	// The fastest zlib level: compressing content streams dominated the
	// profile at the default level, and text streams shrink nearly as well.
	// Any fixed level keeps the output reproducible.
	pt.gp.SetNoCompression()
	// Only the faces in use are embedded, each with the glyphs it draws.
	// A face's digest of its text tags its subset.
	var used [numFaces]hash.Hash
	var runes [numFaces]runeSet
	var scratch []byte
	for _, p := range parts {
		for _, pg := range p.l.Pages {
			for _, bs := range [][]Box{pg.Under, pg.Boxes} {
				for _, b := range bs {
					if b.Kind == KindText {
						if used[b.Font] == nil {
							used[b.Font] = sha256.New()
						}
						scratch = append(scratch[:0], b.Text...)
						used[b.Font].Write(scratch)
						runes[b.Font].add(b.Text)
					}
				}
			}
		}
	}
	var buf sfnt.Buffer
	for f := range numFaces {
		if used[f] == nil {
			continue
		}
		rs := runes[f].sorted()
		sf := e.fs.sf[f]
		font, gids, err := subsetTTF(e.fs.raw[f], rs, func(r rune) int {
			g, err := sf.GlyphIndex(&buf, r)
			if err != nil {
				return 0
			}
			return int(g)
		})
		if err != nil {
			return nil, fmt.Errorf("pdf: subset the %s font: %w", f, err)
		}
		// The resource names are /F1, /F2... in face order; the text
		// itself is written by box, the font objects by compressStreams.
		pt.fontRes[f] = "/F" + strconv.Itoa(len(pt.fonts)+1) + " "
		pt.gids[f] = gids
		pt.fonts = append(pt.fonts, embedded{
			res:        "F" + strconv.Itoa(len(pt.fonts)+1),
			name:       subsetTag(used[f].Sum(nil)) + "+" + e.fs.psName[f],
			program:    font,
			gids:       gids,
			descriptor: e.fs.descriptor[f],
		})
	}
	return pt, nil
}

// runeSet is a set of characters, a bit each.
type runeSet []uint64

func (s *runeSet) add(text string) {
	for _, r := range text {
		i := int(r) >> 6
		for i >= len(*s) {
			*s = append(*s, 0)
		}
		(*s)[i] |= 1 << (uint(r) & 63)
	}
}

// sorted lists the set's characters in order.
func (s runeSet) sorted() []rune {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	rs := make([]rune, 0, n)
	for i, w := range s {
		for w != 0 {
			rs = append(rs, rune(i<<6+bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	return rs
}

// subsetTag is the six capital letters that PDF puts before the name of a
// font subset (ISO 32000-1, 9.6.4). It is derived from the text drawn in
// the font, so different subsets get different tags and the same text gets
// the same tag in every build.
func subsetTag(sum []byte) string {
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// The drawing operators go into the pending operators as gopdf's
// SetFillColor, SetStrokeColor, SetLineWidth, RectFromUpperLeftWithStyle
// and Line write them: through gopdf, each was an object on a list and a
// few allocations, and every gap between two runs of text cost a marker.

// setColor sets the fill ("rg") or stroke ("RG") color to s.
func (pt *painter) setColor(s, op string) {
	w := append(append(pt.marks.ops, pt.color(s)...), op...)
	pt.marks.ops = append(w, '\n')
}

// appendColor appends c's components, each with three decimals and a
// space, as gopdf writes a color.
func appendColor(w []byte, c rgb) []byte {
	for _, v := range [3]uint8{c.R, c.G, c.B} {
		w = strconv.AppendFloat(w, float64(v)/255, 'f', 3, 64)
		w = append(w, ' ')
	}
	return w
}

func (pt *painter) lineWidth(v float64) {
	pt.marks.ops = append(appendNums(pt.marks.ops, v), "w\n"...)
}

// rect draws b's rectangle, filled ("f") or stroked ("S").
func (pt *painter) rect(b Box, style string) {
	w := append(pt.marks.ops, "q\n"...)
	w = appendNums(w, b.X, pt.e.pageH-(b.Y+b.H), b.W, b.H)
	w = append(w, "re "...)
	w = append(w, style...)
	pt.marks.ops = append(w, "\nQ\n"...)
}

// line draws a line from (x1, y1) to (x2, y2), y downwards.
func (pt *painter) line(x1, y1, x2, y2 float64) {
	h := pt.e.pageH
	w := append(pt.marks.ops, "q\n"...)
	w = append(appendNums(w, x1, h-y1), "m "...)
	w = append(appendNums(w, x2, h-y2), "l S\nQ\n"...)
	pt.marks.ops = w
}

// appendNums appends each of vs with two decimals, as %0.2f, and a space.
func appendNums(w []byte, vs ...float64) []byte {
	for _, v := range vs {
		w = append(strconv.AppendFloat(w, v, 'f', 2, 64), ' ')
	}
	return w
}

// color returns the operands that set color s, each followed by a space.
func (pt *painter) color(s string) []byte {
	if c, ok := pt.colors[s]; ok {
		return c
	}
	c, err := parseColor(s)
	if err != nil {
		c = rgb{} // style colors were validated; box colors come from the style
	}
	ops := appendColor(nil, c)
	pt.colors[s] = ops
	return ops
}

// paint paints the parts in order, collecting named destinations and link
// annotations for the update writer.
func (pt *painter) paint(parts []*part, link linker) error {
	for pi, p := range parts {
		pt.part = pi
		first := len(pt.pages)
		for _, pg := range p.l.Pages {
			pt.pages = append(pt.pages, pt.gp.GetNextObjectID())
			pt.gp.AddPage()
			nu := len(pg.Under)
			pt.seqs = markPage(pt.seqs, pg)
			seqs := pt.seqs
			si := 0
			// A sequence's end and the next one's start are one marker.
			closing := false
			for i := 0; i < nu+len(pg.Boxes); i++ {
				if si < len(seqs) && seqs[si].from == i {
					op := openMark(seqs[si], p.l)
					if closing {
						op = "EMC\n" + op
						closing = false
					}
					pt.mark(op)
				}
				b := pg.Boxes
				j := i - nu
				if i < nu {
					b, j = pg.Under, i
				}
				if err := pt.box(p, b[j], link); err != nil {
					return err
				}
				if si < len(seqs) && seqs[si].to == i+1 {
					if closing {
						pt.mark("EMC\n")
					}
					closing = true
					si++
				}
			}
			if closing {
				pt.mark("EMC\n")
			}
			pt.flush()
		}
		for _, a := range p.l.Anchors {
			pt.dests = append(pt.dests, dest{name: p.name(a.Name), page: first + a.Page, y: a.Y})
		}
	}
	return nil
}

// text writes a text box as gopdf's Text would, into the pending
// operators that a marker stands for (see mark): gopdf formats every glyph
// with fmt, which was a tenth of a build's CPU. x and y are the baseline's
// start, y from the top of the page. A rune without a glyph in the face is
// left out, as gopdf leaves it out (check reports it).
func (pt *painter) text(b Box) {
	w := append(pt.marks.ops, "BT\n"...)
	w = append(appendNums(w, b.X, pt.e.pageH-b.Y), "TD\n"...)
	w = append(w, pt.fontRes[b.Font]...)
	size, ok := pt.sizes[b.Size]
	if !ok {
		size = strconv.AppendFloat(nil, math.Round(b.Size*1000)/1000, 'f', -1, 64)
		pt.sizes[b.Size] = size
	}
	w = append(w, size...)
	w = append(w, " Tf 0 Tc\n"...)
	w = append(w, pt.color(b.Color)...)
	w = append(w, "rg\n[<"...)
	gids := pt.gids[b.Font]
	for _, r := range b.Text {
		g, ok := gids[r]
		if !ok {
			continue
		}
		w = appendHex16(w, g)
	}
	w = append(w, ">] TJ\nET\n"...)
	pt.marks.ops = w
}

const hexDigits = "0123456789ABCDEF"

func (pt *painter) box(p *part, b Box, link linker) error {
	gp := pt.gp
	switch b.Kind {
	case KindText:
		pt.text(b)
	case KindFill:
		pt.setColor(b.Color, "rg")
		pt.rect(b, "f")
	case KindRect:
		pt.setColor(b.Color, "RG")
		pt.lineWidth(b.LineWidth)
		pt.rect(b, "S")
	case KindLine:
		pt.setColor(b.Color, "RG")
		pt.lineWidth(b.LineWidth)
		pt.line(b.X, b.Y, b.X+b.W, b.Y+b.H)
	case KindCheck:
		pt.setColor(b.Color, "RG")
		pt.lineWidth(b.LineWidth)
		pt.rect(b, "S")
		if b.Checked {
			pt.lineWidth(b.LineWidth * 1.6)
			pt.line(b.X+b.W*0.2, b.Y+b.H*0.55, b.X+b.W*0.42, b.Y+b.H*0.8)
			pt.line(b.X+b.W*0.42, b.Y+b.H*0.8, b.X+b.W*0.82, b.Y+b.H*0.18)
		}
	case KindImage:
		// gopdf draws next: the operators before it go first.
		pt.flush()
		img := p.l.Images[b.Image]
		h, err := gopdf.ImageHolderByBytes(img)
		if err != nil {
			return fmt.Errorf("pdf: image: %w", err)
		}
		if err := gp.ImageByHolder(h, b.X, b.Y, &gopdf.Rect{W: b.W, H: b.H}); err != nil {
			return fmt.Errorf("pdf: draw image: %w", err)
		}
	case KindLink:
		action := link(p, b.Link)
		if action == "" {
			return nil
		}
		// gopdf attaches the annotation to the current page; its content
		// is replaced by the update writer, which writes the action
		// gopdf cannot (named destinations, other files).
		id := gp.GetNextObjectID()
		gp.AddExternalLink("#", b.X, b.Y, b.W, b.H)
		pt.annots = append(pt.annots, annot{id: id, x: b.X, y: b.Y, w: b.W, h: b.H, action: action, part: pt.part, elem: b.Elem, text: b.Text})
	}
	return nil
}
