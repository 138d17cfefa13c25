package pdf

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The pagination and justification rules, each with a golden layout and
// the property stated outright. Fixture words carry their paragraph's
// number ("p7w12"), so a test can tell which paragraph a line belongs to
// from the boxes alone.

// filler is a paragraph of n words tagged with its number.
func filler(p, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "p%dw%d", p, i)
	}
	return b.String()
}

// pageLines groups a page's text boxes into lines (by baseline) and
// returns, for each line, its boxes' text joined by spaces, top to bottom.
func pageLines(pg *Page) []string {
	byY := map[float64][]Box{}
	for _, b := range pg.Boxes {
		if b.Kind == KindText {
			byY[b.Y] = append(byY[b.Y], b)
		}
	}
	ys := make([]float64, 0, len(byY))
	for y := range byY {
		ys = append(ys, y)
	}
	sort.Float64s(ys)
	var out []string
	for _, y := range ys {
		bs := byY[y]
		sort.Slice(bs, func(i, j int) bool { return bs[i].X < bs[j].X })
		var parts []string
		for _, b := range bs {
			parts = append(parts, b.Text)
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

var paraTag = regexp.MustCompile(`\bp(\d+)w\d+`)

// linesPerParagraph counts, per page, the lines that hold words of each
// tagged paragraph.
func linesPerParagraph(l *Layout) []map[string]int {
	var out []map[string]int
	for _, pg := range l.Pages {
		m := map[string]int{}
		for _, ln := range pageLines(pg) {
			seen := map[string]bool{}
			for _, t := range paraTag.FindAllStringSubmatch(ln, -1) {
				if !seen[t[1]] {
					m[t[1]]++
					seen[t[1]] = true
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// widowsDoc has paragraphs of 1 to 9 lines, one after another, so that
// page breaks fall at every position inside a paragraph.
func widowsDoc() string {
	var b strings.Builder
	b.WriteString("## Widows and orphans\n\n")
	for p := range 60 {
		b.WriteString(filler(p, 5+(p*7)%9*14) + "\n\n")
	}
	return b.String()
}

func TestNoWidowsOrOrphans(t *testing.T) {
	d := smallDoc("widows", "W-1", "Widows", widowsDoc())
	l, err := LayoutDocument(d, testPack(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer checkGolden(t, "widows.golden", goldenJSON(t, l))
	counts := linesPerParagraph(l)
	splits := 0
	for i := 0; i+1 < len(counts); i++ {
		for p, n := range counts[i] {
			m, ok := counts[i+1][p]
			if !ok {
				continue
			}
			splits++
			if n < minLines || m < minLines {
				t.Errorf("paragraph %s is split %d+%d lines over pages %d and %d", p, n, m, i+1, i+2)
			}
		}
	}
	if splits < 3 {
		t.Fatalf("only %d paragraphs cross a page; the fixture no longer tests the rule", splits)
	}
}

// keepDoc puts headings before paragraphs of one to five lines, and
// headings directly under headings, so that some land near page feet.
func keepDoc() string {
	var b strings.Builder
	for p := range 150 {
		fmt.Fprintf(&b, "## Heading h%d\n\n", p)
		if p%5 == 2 {
			fmt.Fprintf(&b, "### Subheading s%d\n\n", p)
		}
		b.WriteString(filler(p, 4+(p*7)%11*9) + "\n\n")
	}
	return b.String()
}

func TestHeadingsKeptWithNext(t *testing.T) {
	d := smallDoc("keep", "K-1", "Keep", keepDoc())
	l, err := LayoutDocument(d, testPack(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer checkGolden(t, "keep.golden", goldenJSON(t, l))
	checkKept(t, l)
	// Sweep a heading down the second page to its foot: a lead paragraph
	// of 30 to 60 lines, then a heading over a paragraph of three lines,
	// which cannot be split, and of one line.
	threes := 0
	for lead := 30; lead <= 60; lead++ {
		for _, n := range []int{1, 3} {
			src := filler(1000, lead*13) + "\n\n## Heading h1\n\n" + filler(1, n*13-2) + "\n\n" + filler(2, 40) + "\n"
			l, err := LayoutDocument(smallDoc("sweep", "S-1", "Sweep", src), testPack(t), testOptions())
			if err != nil {
				t.Fatal(err)
			}
			if checkKept(t, l)["1"] == 3 {
				threes++
			}
		}
	}
	if threes < 25 {
		t.Fatalf("only %d sweeps have a three-line paragraph; the fixture no longer tests the rule", threes)
	}
}

// checkKept: every heading has at least two lines of its paragraph under
// it on its page, or the whole paragraph when it is shorter.
func checkKept(t *testing.T, l *Layout) map[string]int {
	t.Helper()
	total := map[string]int{}
	counts := linesPerParagraph(l)
	for _, c := range counts {
		for p, n := range c {
			total[p] += n
		}
	}
	headTag := regexp.MustCompile(`(?:Heading h|Subheading s)(\d+)`)
	for i, pg := range l.Pages {
		for _, ln := range pageLines(pg) {
			m := headTag.FindStringSubmatch(ln)
			if m == nil {
				continue
			}
			after := counts[i][m[1]]
			if after < min(2, total[m[1]]) {
				t.Errorf("page %d: %q has %d line(s) of its paragraph under it, want %d", i+1, ln, after, min(2, total[m[1]]))
			}
		}
	}
	return total
}

// rowsDoc is a table whose rows take one to six lines.
func rowsDoc() string {
	var b strings.Builder
	b.WriteString("## Rows\n\n| Key | Text |\n|---|---|\n")
	for p := range 60 {
		fmt.Fprintf(&b, "| r%d | %s |\n", p, filler(p, 3+(p*11)%7*9))
	}
	return b.String()
}

func TestTableRowsNotSplit(t *testing.T) {
	d := smallDoc("rows", "T-1", "Rows", rowsDoc())
	l, err := LayoutDocument(d, testPack(t), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer checkGolden(t, "rows.golden", goldenJSON(t, l))
	page := map[string]int{}
	for i, c := range linesPerParagraph(l) {
		for p := range c {
			if prev, ok := page[p]; ok && prev != i {
				t.Errorf("row %s is split over pages %d and %d", p, prev+1, i+1)
			}
			page[p] = i
		}
	}
	if len(l.Pages) < 3 {
		t.Fatalf("the table takes %d pages; the fixture no longer crosses pages", len(l.Pages))
	}
}

// justifyDoc has justified paragraphs of long words, a line that a long
// URL leaves loose, and references and dates that must never break.
func justifyDoc() string {
	return "## Justification\n\n" +
		"Information security management responsibilities: organizational accountability, confidentiality, availability and integrity requirements; documentation, implementation, authentication and authorization procedures; the Statement of Applicability references RBH-ISMS-REG-02, RBH-ISMS-POL-14 and RBH-ISMS-PRO-07, reviewed on 2027-03-31 with Health-ISAC, for incidents R-01 to R-12 and the administrators' responsibilities.\n\n" +
		"See https://intranet.acme.example/security/policies/information-classification-and-handling-standard-2026 for the handling rules of every classification level.\n\n" +
		strings.Repeat("Comprehensive organizational responsibilities and accountabilities include documentation of authentication and authorization arrangements, RBH-ISMS-REG-02 references, internationalization considerations and telecommunications infrastructure. ", 6) + "\n"
}

func TestJustifiedSpacesBounded(t *testing.T) {
	p := testPack(t)
	o := testOptions()
	fs, _ := parseFonts(DefaultFonts())
	m := newMeasurer(fs)
	d := smallDoc("justify", "J-1", "Justify", justifyDoc())
	l, err := LayoutDocument(d, p, o)
	if err != nil {
		t.Fatal(err)
	}
	defer checkGolden(t, "justify.golden", goldenJSON(t, l))
	docs := append([]*Layout{l}, nil)
	for _, d := range p.Docs {
		dl, err := LayoutDocument(d, p, o)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, dl)
	}
	hyphens := 0
	for _, dl := range docs {
		if dl == nil {
			continue
		}
		for pi, pg := range dl.Pages {
			var prev *Box
			for i := range pg.Boxes {
				b := &pg.Boxes[i]
				if b.Kind != KindText {
					continue
				}
				if b.Hyphen {
					hyphens++
					if !strings.HasSuffix(b.Text, "-") || m.units(b.Font, '-') <= 0 {
						t.Errorf("hyphenated box %q does not end in a hyphen of its font", b.Text)
					}
				}
				if prev != nil && math.Abs(prev.Y-b.Y) < 0.01 && b.Size == o.Style.FontSize && prev.Size == b.Size && b.Font != faceMono {
					gap := b.X - prev.X - prev.W
					space := m.width(b.Font, b.Size, " ")
					if gap > space*(1+maxStretch)+0.02 {
						t.Errorf("%s page %d: %.2f pt between %q and %q, more than %.2f", dl.Doc, pi+1, gap, prev.Text, b.Text, space*(1+maxStretch))
					}
				}
				prev = b
			}
		}
	}
	if hyphens == 0 {
		t.Error("no word was hyphenated; the fixture no longer tests hyphenation")
	}
	// References, dates and compounds are never broken by the line
	// breaker: each is drawn whole in one box.
	var all strings.Builder
	for _, pg := range l.Pages {
		for _, b := range pg.Boxes {
			if b.Kind == KindText {
				all.WriteString(b.Text + "\n")
			}
		}
	}
	for _, ref := range []string{"RBH-ISMS-REG-02", "RBH-ISMS-POL-14", "RBH-ISMS-PRO-07", "2027-03-31", "Health-ISAC"} {
		if want, got := strings.Count(justifyDoc(), ref), strings.Count(all.String(), ref); got != want {
			t.Errorf("%q is drawn whole %d times, want %d", ref, got, want)
		}
	}
}

// TestNoHyphenAtPageEnd: the last line of a page never ends in a word the
// line breaker hyphenated; a reader would meet the footer mid-word. A lead
// paragraph of growing length sweeps the page break through paragraphs
// full of long words.
func TestNoHyphenAtPageEnd(t *testing.T) {
	sentence := "Comprehensive organizational responsibilities include documentation of authentication arrangements and telecommunications infrastructure, internationalization considerations, accountability and confidentiality. "
	var body strings.Builder
	for p := range 6 {
		body.WriteString(strings.Repeat("as ", p%7) + strings.Repeat(sentence, 3+p%3) + "\n\n")
	}
	o := testOptions()
	bottom := 0.0
	hyphens, atFoot := 0, 0
	for lead := 20; lead <= 45; lead++ {
		l, err := LayoutDocument(smallDoc("hyphens", "H-1", "Hyphens", filler(1000, lead*13)+"\n\n"+body.String()), testPack(t), o)
		if err != nil {
			t.Fatal(err)
		}
		bottom = l.Height - o.Style.Margins.Bottom
		for i, pg := range l.Pages {
			lastY := 0.0
			for _, bx := range pg.Boxes {
				if bx.Kind == KindText && bx.Y < bottom {
					lastY = max(lastY, bx.Y)
				}
			}
			for _, bx := range pg.Boxes {
				if !bx.Hyphen {
					continue
				}
				hyphens++
				if bx.Y == lastY && i+1 < len(l.Pages) {
					atFoot++
					t.Errorf("lead %d: page %d ends in a hyphenated word", lead, i+1)
				}
			}
		}
	}
	if hyphens < 100 {
		t.Fatalf("%d hyphens; the fixture no longer tests the rule", hyphens)
	}
}
