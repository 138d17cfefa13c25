package pdf

// The block model sits between the goldmark AST and layout. It holds only
// what layout needs: styled runs of text, nesting and table structure. It
// is built once per document and never changed afterwards.

// block is one of the block types below.
type block interface{ isBlock() }

// run is a span of text with one style. Runs never contain a rune that the
// run's face lacks: the builder splits runs over fallback faces or reports
// the missing character.
type run struct {
	Text   string
	Face   face
	Size   float64 // 0 means the size of the enclosing block
	Color  string  // "" means the color of the enclosing block
	Strike bool
	Link   *Target
	// Sup raises the run as a superscript (footnote references).
	Sup bool
	// Check is a task-list box: 1 unchecked, 2 checked. Text is empty.
	Check int
	// Break forces a line break after the run (a Markdown hard break).
	Break bool
	// Under underlines the run: a redline's inserted text.
	Under bool
}

// Target is where a link goes. Exactly one of URL and (Doc, Frag) is set.
type Target struct {
	URL string `json:"url,omitempty"`
	// Doc is the ID of another document of the pack, or "" for this one.
	Doc  string `json:"doc,omitempty"`
	Frag string `json:"frag,omitempty"`
}

type headingBlock struct {
	Level  int
	Number string
	ID     string
	Runs   []run
	// Outline is the plain title used in bookmarks and the table of
	// contents.
	Outline string
	// NoOutline keeps synthetic headings (revision history) out of the
	// bookmarks.
	NoOutline bool
	// Bar marks a heading a redline changed.
	Bar bool
}

type paraBlock struct {
	// Bar marks a block a redline changed with a bar in the margin.
	Bar   bool
	Runs  []run
	Size  float64 // 0 means the body size
	Color string
	Align align
	// Anchor names a destination at the paragraph's first line
	// (footnotes).
	Anchor string
	// Role is the structure type, P by default (a heading set like a
	// paragraph on the cover is H1).
	Role string
}

type listBlock struct {
	Ordered bool
	Start   int
	Tight   bool
	Items   []listItem
	// Markers, when set, are the items' markers as written for lists
	// numbered with letters or roman numerals ("a.", "(iv)").
	Markers []string
}

type listItem struct {
	Task   bool // the first paragraph starts with a check box
	Blocks []block
}

type quoteBlock struct{ Blocks []block }

type codeBlock struct {
	Lines []string
	Bar   bool
}

type ruleBlock struct{}

type imageBlock struct {
	Data    []byte
	W, H    int // pixels
	Caption []run
	// Alt is the alternative text, for the figure's structure element.
	Alt string
	// MaxH caps the drawn height in points (the cover logo); 0 means no
	// cap beyond the page.
	MaxH float64
}

type align uint8

const (
	alignLeft align = iota
	alignCenter
	alignRight
	alignJustify
)

type tableBlock struct {
	Align  []align
	Header [][]run
	Rows   [][][]run
	// Key makes the first column bold and unshaded, for the key/value
	// tables of the document control block.
	Key bool
	// NoHeader hides the header row (key/value tables).
	NoHeader bool
	// Center centres a table narrower than the column (the cover).
	Center bool
	// Bars marks the body rows a redline changed, by index.
	Bars []bool
}

// titleBlock is the document title on the first page.
type titleBlock struct {
	Runs []run
	Sub  []run // the reference line under the title
}

// spaceBlock adds vertical space.
type spaceBlock struct{ H float64 }

// pageBreakBlock starts a new page, unless the page is still empty.
type pageBreakBlock struct{}

func (*headingBlock) isBlock()   {}
func (*paraBlock) isBlock()      {}
func (*listBlock) isBlock()      {}
func (*quoteBlock) isBlock()     {}
func (*codeBlock) isBlock()      {}
func (*ruleBlock) isBlock()      {}
func (*imageBlock) isBlock()     {}
func (*tableBlock) isBlock()     {}
func (*titleBlock) isBlock()     {}
func (*spaceBlock) isBlock()     {}
func (*pageBreakBlock) isBlock() {}
