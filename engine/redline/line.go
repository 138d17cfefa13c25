package redline

// Op says what happened to a line or a word.
type Op uint8

// The three kinds of change. Equal is the zero value so that an unset Kind
// never claims a change that did not happen.
const (
	Equal Op = iota
	Insert
	Delete
)

// String returns the op's name, for test failures and logs.
func (o Op) String() string {
	switch o {
	case Equal:
		return "equal"
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	}
	return "unknown"
}

// Line is one line of the diff.
type Line struct {
	Kind Op
	// Old and New are the 1-based line numbers in each text, or 0 for the
	// side the line is absent from.
	Old, New int
	// Text is the line without its newline.
	Text string
	// Words is set on a deleted or inserted line that was paired with a line
	// on the other side as an edit of it. The spans concatenate to Text;
	// their kinds are Equal and the line's own Kind.
	Words []Span
}

// Span is a run of words within a changed line.
type Span struct {
	Kind Op
	Text string
}

// Stats counts the inserted and deleted lines of a diff.
func Stats(lines []Line) (inserted, deleted int) {
	for _, l := range lines {
		switch l.Kind {
		case Insert:
			inserted++
		case Delete:
			deleted++
		}
	}
	return inserted, deleted
}
