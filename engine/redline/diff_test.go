package redline

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name, old, new string
		want           string // in the compact form
	}{
		{"both empty", "", "", ""},
		{"equal", "a\nb\n", "a\nb\n", " a\n b\n"},
		{"added document", "", "a\nb\n", "+a\n+b\n"},
		{"removed document", "a\nb", "", "-a\n-b\n"},
		{"only a newline", "\n", "", "-\n"},
		{"missing final newline is not a change", "a\nb", "a\nb\n", " a\n b\n"},
		{"crlf is lf", "a\r\nb\r\n", "a\nb\n", " a\n b\n"},
		{"lone cr is text", "a\rb\n", "a\nb\n", "-a[-\rb-]\n+a\n+b\n"},
		{"insert in the middle", "a\nc\n", "a\nb\nc\n", " a\n+b\n c\n"},
		{"delete at the start", "a\nb\nc\n", "b\nc\n", "-a\n b\n c\n"},
		{"unrelated lines are not paired", "alpha beta\n", "gamma delta\n", "-alpha beta\n+gamma delta\n"},
		{
			"one word in a long line",
			"The ISMS covers the SaaS platform and the offices in Berlin and Lisbon.\n",
			"The ISMS covers the SaaS platform and the offices in Berlin and Porto.\n",
			"-The ISMS covers the SaaS platform and the offices in Berlin and [-Lisbon-].\n" +
				"+The ISMS covers the SaaS platform and the offices in Berlin and {+Porto+}.\n",
		},
		{
			"a date changes as a whole",
			"date: 2024-01-05\n", "date: 2025-02-07\n",
			"-date: [-2024-01-05-]\n+date: {+2025-02-07+}\n",
		},
		{
			"front matter value",
			"id: soa\nstatus: Draft\nowner: Jordan\n", "id: soa\nstatus: Approved\nowner: Jordan\n",
			" id: soa\n-status: [-Draft-]\n+status: {+Approved+}\n owner: Jordan\n",
		},
		{
			"table rows pair with their edits, not by position",
			"| A.5.1 | Yes | Implemented |\n| A.5.2 | Yes | Planned |\n",
			"| A.5.0 | New | control added here |\n| A.5.1 | Yes | Implemented |\n| A.5.2 | Yes | Implemented |\n",
			"+| A.5.0 | New | control added here |\n" +
				" | A.5.1 | Yes | Implemented |\n" +
				"-| A.5.2 | Yes | [-Planned-] |\n" +
				"+| A.5.2 | Yes | {+Implemented+} |\n",
		},
		{
			"pairs sit together in a block",
			"x one two three\ny four five six\n", "x one two THREE\ny four FIVE six\n",
			"-x one two [-three-]\n+x one two {+THREE+}\n-y four [-five-] six\n+y four {+FIVE+} six\n",
		},
		{
			"a deleted paragraph takes the blank line after it",
			"A\n\nB\n\nC\n", "A\n\nC\n",
			" A\n \n-B\n-\n C\n",
		},
		{
			"an inserted paragraph starts after a blank line",
			"A\n\nC\n", "A\n\nB\n\nC\n",
			" A\n \n+B\n+\n C\n",
		},
		{
			"words keep accents and punctuation apart",
			"Zürich, Genève\n", "Zürich, Lausanne\n",
			"-Zürich, [-Genève-]\n+Zürich, {+Lausanne+}\n",
		},
		{
			"hostile text stays text",
			"<script>alert(1)</script>\n", "<script>alert(2)</script>\n",
			"-<script>alert([-1-])</script>\n+<script>alert({+2+})</script>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := Diff([]byte(tt.old), []byte(tt.new))
			if err := checkDiff([]byte(tt.old), []byte(tt.new), lines); err != nil {
				t.Fatal(err)
			}
			if got := compact(lines); got != tt.want {
				t.Errorf("Diff(%q, %q) =\n%s\nwant\n%s", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

func TestStats(t *testing.T) {
	ins, del := Stats(Diff([]byte("a\nb\nc\n"), []byte("a\nB\nc\nd\n")))
	if ins != 2 || del != 1 {
		t.Errorf("Stats = +%d -%d; want +2 -1", ins, del)
	}
}

// TestDiffShortest checks on many random small texts that the diff
// rebuilds both and changes no more lines than it must. Few distinct lines
// make many equal candidates, which is where a diff goes wrong.
func TestDiffShortest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 3200 {
		// Mostly tiny texts, and some long enough for deep recursion.
		k, size := 4, 20
		if n%16 == 0 {
			k, size = 12, 400
		}
		a, b := randomText(r, k, size), randomText(r, k, size)
		lines := Diff([]byte(a), []byte(b))
		if err := checkDiff([]byte(a), []byte(b), lines); err != nil {
			t.Fatalf("case %d: Diff(%q, %q): %v", n, a, b, err)
		}
		ins, del := Stats(lines)
		al, bl := splitLines([]byte(a)), splitLines([]byte(b))
		if want := len(al) + len(bl) - 2*lcsLen(al, bl); ins+del != want {
			t.Fatalf("case %d: Diff(%q, %q) changes %d lines; a shortest script changes %d:\n%s", n, a, b, ins+del, want, compact(lines))
		}
	}
}

// randomText makes up to maxLines lines drawn from an alphabet of k lines.
func randomText(r *rand.Rand, k, maxLines int) string {
	var b strings.Builder
	for range r.IntN(maxLines + 1) {
		b.WriteString(string(rune('a' + r.IntN(k))))
		b.WriteString("\n")
	}
	return b.String()
}

// TestCheckDiffCatchesBrokenScripts makes sure checkDiff can fail: each
// broken script must be rejected.
func TestCheckDiffCatchesBrokenScripts(t *testing.T) {
	oldText, newText := []byte("a\nb x\nc\n"), []byte("a\nb y\nc\nd\n")
	good := Diff(oldText, newText)
	if err := checkDiff(oldText, newText, good); err != nil {
		t.Fatalf("the correct diff is rejected: %v", err)
	}
	if got, want := compact(good), " a\n-b [-x-]\n+b {+y+}\n c\n+d\n"; got != want {
		t.Fatalf("the diff to break is\n%s\nwant\n%s", got, want)
	}
	breakers := map[string]func([]Line) []Line{
		"line dropped":      func(l []Line) []Line { return l[1:] },
		"kind flipped":      func(l []Line) []Line { l[0].Kind = Delete; return l },
		"text changed":      func(l []Line) []Line { l[0].Text = "z"; return l },
		"number off":        func(l []Line) []Line { l[len(l)-1].New++; return l },
		"lines swapped":     func(l []Line) []Line { l[0], l[3] = l[3], l[0]; return l },
		"word span changed": func(l []Line) []Line { l[1].Words[0].Text += "x"; return l },
		"word kind wrong":   func(l []Line) []Line { l[2].Words[1].Kind = Delete; return l },
	}
	for name, breakIt := range breakers {
		broken := breakIt(append([]Line(nil), good...))
		if checkDiff(oldText, newText, broken) == nil {
			t.Errorf("%s: checkDiff accepted\n%s", name, compact(broken))
		}
	}
}

// TestDiffPairsRowsOfABigBlock edits every row of a 93-row table, as a
// change to a shared column does, and inserts one: each old row must still
// pair with its own new row, not with its neighbour.
func TestDiffPairsRowsOfABigBlock(t *testing.T) {
	var a, b strings.Builder
	for i := range 93 {
		row := fmt.Sprintf("| **A.%d** Control %d | Yes | Reviewed in %%d. |\n", i, i)
		fmt.Fprintf(&a, row, 2025)
		fmt.Fprintf(&b, row, 2026)
		if i == 10 {
			b.WriteString("| **A.new** An added control | Yes | New. |\n")
		}
	}
	lines := Diff([]byte(a.String()), []byte(b.String()))
	if err := checkDiff([]byte(a.String()), []byte(b.String()), lines); err != nil {
		t.Fatal(err)
	}
	paired := 0
	for i, l := range lines {
		if l.Kind != Delete || l.Words == nil {
			continue
		}
		paired++
		next := lines[i+1]
		if id, nextID := strings.Fields(l.Text)[1], strings.Fields(next.Text)[1]; next.Kind != Insert || id != nextID {
			t.Errorf("old row %s paired with %q", id, next.Text)
		}
	}
	if paired != 93 {
		t.Errorf("%d rows paired; want 93:\n%s", paired, compact(lines))
	}
}

// TestDiffPastTheCostBound diffs texts so scrambled that the search hits
// maxCost: the script must still rebuild both texts, and stay far from
// replacing every line. It changes about 1.2 times as many lines as a
// shortest script would.
func TestDiffPastTheCostBound(t *testing.T) {
	if testing.Short() {
		t.Skip("quadratic reference check")
	}
	r := rand.New(rand.NewPCG(3, 5))
	a, b := randomText(r, 3, 6000), randomText(r, 3, 6000)
	lines := Diff([]byte(a), []byte(b))
	if err := checkDiff([]byte(a), []byte(b), lines); err != nil {
		t.Fatal(err)
	}
	ins, del := Stats(lines)
	al, bl := splitLines([]byte(a)), splitLines([]byte(b))
	shortest := len(al) + len(bl) - 2*lcsLen(al, bl)
	if shortest <= 2*maxCost {
		t.Fatalf("a shortest script changes %d lines: too few to reach the cost bound", shortest)
	}
	if ins+del > shortest*3/2 {
		t.Errorf("changed %d lines; a shortest script changes %d", ins+del, shortest)
	}
}

// TestDiffWordBudget checks both sides of wordBudget: a long paragraph
// with one word edited is still highlighted word by word, and two long
// lines of noise are shown whole instead of costing seconds.
func TestDiffWordBudget(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	vocab := strings.Fields("the ISMS scope control risk owner asset supplier review audit access policy record evidence incident backup")
	var para strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&para, "%s%d ", vocab[r.IntN(len(vocab))], i%7)
	}
	oldPara := para.String()
	newPara := strings.Replace(oldPara, "audit", "AUDIT", 1)
	lines := Diff([]byte(oldPara), []byte(newPara))
	if len(lines) != 2 || lines[0].Words == nil {
		t.Errorf("a 5,000-word paragraph with one edit is not highlighted by word")
	}

	oldNoise, newNoise := noise(r, 20000), noise(r, 20000)
	lines = Diff([]byte(oldNoise), []byte(newNoise))
	if err := checkDiff([]byte(oldNoise), []byte(newNoise), lines); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[0].Words != nil {
		t.Errorf("two lines of noise are highlighted by word; they should be shown whole")
	}
}

// noise is n random one-letter words: lines that share most words but
// align nowhere, the worst case for a word diff.
func noise(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(string(rune('a'+r.IntN(3))) + " ")
	}
	return b.String()
}
