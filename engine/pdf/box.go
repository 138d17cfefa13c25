package pdf

import "math"

// Layout is the positioned result of laying out one document (or the cover
// and contents of a pack). It is plain data, serialized to JSON by the
// golden tests, and painted by paint.go without further decisions.
//
// Coordinates are points from the top-left corner of the page, y growing
// downwards, as gopdf takes them. A text box's Y is its baseline.
type Layout struct {
	// Doc is the document ID, "" for pack front matter.
	Doc     string        `json:"doc,omitempty"`
	Width   float64       `json:"width"`
	Height  float64       `json:"height"`
	Pages   []*Page       `json:"pages"`
	Anchors []Anchor      `json:"anchors,omitempty"`
	Outline []OutlineItem `json:"outline,omitempty"`
	// Images holds the image data the image boxes refer to by index.
	Images [][]byte `json:"-"`
	// Struct is the logical structure, for tagged PDF: element n is
	// Struct[n-1]. Element 1 is the document; every other element names
	// its parent. Boxes name the element they belong to.
	Struct []Elem `json:"-"`
	// reduced marks a layout that ForPack made: it can be assembled
	// into the combined pack, not painted.
	reduced bool
}

// Elem is a structure element of a tagged PDF (ISO 32000-1, 14.8.4).
type Elem struct {
	// Type is the standard structure type: Document, H1 to H6, P, L, LI,
	// Lbl, LBody, Table, TR, TH, TD, Link, Figure, Caption, BlockQuote,
	// Code, TOC, TOCI.
	Type string `json:"t"`
	// Alt is a figure's alternative text.
	Alt    string `json:"alt,omitempty"`
	Parent int32  `json:"p,omitempty"` // 0 for the document element
	// Page and At are where the element began: the page and the number of
	// boxes on it then. With its content's positions they order an
	// element's children as they are read.
	Page int32 `json:"page"`
	At   int32 `json:"at"`
	// Scope is a header cell's scope. A large pack keeps hundreds of
	// thousands of elements until it is assembled: the small fields keep
	// an element at 48 bytes.
	Scope Scope `json:"scope,omitempty"`
}

// Scope is a table header cell's scope (ISO 32000-1, 14.8.5.7).
type Scope uint8

// The scopes.
const (
	NoScope Scope = iota
	ScopeColumn
	ScopeRow
)

// String is the scope's PDF name, "" for none.
func (s Scope) String() string {
	switch s {
	case ScopeColumn:
		return "Column"
	case ScopeRow:
		return "Row"
	}
	return ""
}

// Page is one page: Under is painted first (shading, the draft band), then
// Boxes in order, which is reading order.
type Page struct {
	Under []Box `json:"under,omitempty"`
	Boxes []Box `json:"boxes"`
	// Folio is where the footer's "Page X of Y" starts (its left edge and
	// baseline); the combined pack prints its own page number just left
	// of it.
	Folio *Point `json:"folio,omitempty"`
	// marks are the page's marked content that belongs to elements, kept
	// by ForPack for the pack's structure tree when the boxes that decide
	// them are gone.
	marks []contentMark
}

// Point is a position on a page.
type Point struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// BoxKind says what a box draws.
type BoxKind string

// Box kinds.
const (
	KindText  BoxKind = "text"  // Text at (X, baseline Y), W wide
	KindFill  BoxKind = "fill"  // filled rectangle
	KindRect  BoxKind = "rect"  // stroked rectangle
	KindLine  BoxKind = "line"  // line from (X, Y) to (X+W, Y+H)
	KindImage BoxKind = "image" // Images[Image] scaled into the box
	KindLink  BoxKind = "link"  // clickable area going to Link
	KindCheck BoxKind = "check" // task-list box, Checked or not
)

// Box is one thing drawn on a page.
type Box struct {
	Kind BoxKind `json:"k"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	W    float64 `json:"w"`
	H    float64 `json:"h"`
	Text string  `json:"text,omitempty"`
	Font face    `json:"font,omitempty"`
	Size float64 `json:"size,omitempty"`
	// Color is the text, fill or stroke color.
	Color string `json:"color,omitempty"`
	// LineWidth is the stroke width of lines, rectangles and check boxes.
	LineWidth float64 `json:"lw,omitempty"`
	// Cont marks text that continues the word of the previous text box (a
	// word broken at the margin), for text-order checks.
	Cont bool `json:"cont,omitempty"`
	// Hyphen marks text whose last character is a hyphen the line breaker
	// added: the word continues in the next text box (marked Cont).
	Hyphen  bool    `json:"hyph,omitempty"`
	Link    *Target `json:"link,omitempty"`
	Image   int     `json:"image,omitempty"`
	Checked bool    `json:"checked,omitempty"`
	// Elem is the structure element the box's content belongs to; 0 marks
	// an artifact (running header and footer, the draft band, borders,
	// shading, repeated table headers).
	Elem int `json:"el,omitempty"`
}

// Anchor is a named destination: a heading, a footnote, a document start.
type Anchor struct {
	Name string  `json:"name"`
	Page int     `json:"page"` // 0-based
	Y    float64 `json:"y"`
}

// OutlineItem is a bookmark. Level 1 is the top.
type OutlineItem struct {
	Title  string `json:"title"`
	Level  int    `json:"level"`
	Anchor string `json:"anchor"`
}

// r2 rounds to a hundredth of a point, which is what gopdf writes, so that
// golden files are stable across platforms and FMA.
func r2(v float64) float64 { return math.Round(v*100) / 100 }

func (b Box) rounded() Box {
	b.X, b.Y, b.W, b.H = r2(b.X), r2(b.Y), r2(b.W), r2(b.H)
	return b
}
