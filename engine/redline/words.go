package redline

// wordBudget bounds the work of a word diff per token of the two lines.
// Lines that are edits of one another diff in far less; lines that take
// more differ so much that highlighting would mark most words anyway, and
// a long generated line (a minified blob, a wide table) must not cost
// seconds.
const wordBudget = 32

// diffWords diffs two lines word by word and returns the spans of each:
// Equal and Delete spans covering the old line, Equal and Insert spans
// covering the new one. Both are nil when the lines share no word or are
// too different to diff within wordBudget, and are better shown whole.
func diffWords(oldLine, newLine string) (oldSpans, newSpans []Span) {
	a, b := splitWords(oldLine), splitWords(newLine)
	in := newInterner(len(a) + len(b))
	del, ins, ok := shortestEdit(in.intern(a), in.intern(b), wordBudget*(len(a)+len(b))+4096)
	if !ok {
		return nil, nil
	}
	absorbShortEquals(del, ins, a, b)
	if !sharesWord(a, del) {
		// Only punctuation and spaces survived, as in two table rows with
		// every cell changed; highlighting would mark nearly everything.
		return nil, nil
	}
	return spans(oldLine, a, del, Delete), spans(newLine, b, ins, Insert)
}

// sharesWord reports whether an unchanged token is a word.
func sharesWord(toks []string, changed []bool) bool {
	for i, t := range toks {
		if !changed[i] && isWord(t) {
			return true
		}
	}
	return false
}

// absorbShortEquals turns into changes the unchanged stretches that are no
// longer than the changes on both sides of them. A shortest edit script
// happily keeps a lone space, hyphen or "the" between two changed words;
// highlighted, that reads as noise ("2024-01-05" to "2025-02-07" would
// show three changes instead of one date). This is the semantic cleanup
// of Neil Fraser's diff-match-patch, run to a fixed point: a merged change
// is bigger, so the stretch before it is checked again.
//
// Afterwards the merged changes give back the tokens they begin or end
// with on both sides.
func absorbShortEquals(del, ins []bool, a, b []string) {
	absorb(del, ins, prefixLens(a), prefixLens(b), func(i, j int) bool { return a[i] == b[j] })
}

// absorb is absorbShortEquals over tokens given by their byte offsets pa
// and pb (see prefixLens) and an equality test.
func absorb(del, ins []bool, pa, pb []int, same func(i, j int) bool) {
	size := func(c block) int { return max(pa[c.a1]-pa[c.a0], pb[c.b1]-pb[c.b0]) }
	var stack []block
	for _, c := range blocks(del, ins) {
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			eq := pa[c.a0] - pa[p.a1]
			if eq > size(p) || eq > size(c) {
				break
			}
			mark(del[p.a1:c.a0])
			mark(ins[p.b1:c.b0])
			stack = stack[:len(stack)-1]
			c = block{a0: p.a0, a1: c.a1, b0: p.b0, b1: c.b1}
		}
		stack = append(stack, c)
	}
	// A merged change can start or end with the same token on both sides,
	// typically the space of an absorbed stretch; that token did not change.
	for _, c := range stack {
		for c.a0 < c.a1 && c.b0 < c.b1 && same(c.a0, c.b0) {
			del[c.a0], ins[c.b0] = false, false
			c.a0, c.b0 = c.a0+1, c.b0+1
		}
		for c.a0 < c.a1 && c.b0 < c.b1 && same(c.a1-1, c.b1-1) {
			del[c.a1-1], ins[c.b1-1] = false, false
			c.a1, c.b1 = c.a1-1, c.b1-1
		}
	}
}

// prefixLens returns the byte offset of each token and the total length.
func prefixLens(toks []string) []int {
	p := make([]int, len(toks)+1)
	for i, t := range toks {
		p[i+1] = p[i] + len(t)
	}
	return p
}

// spans joins runs of equally marked tokens. The tokens are consecutive
// pieces of line, so each span is a slice of it, not a copy.
func spans(line string, toks []string, changed []bool, kind Op) []Span {
	var out []Span
	pos := 0
	for i := 0; i < len(toks); {
		start := pos
		j := i
		for j < len(toks) && changed[j] == changed[i] {
			pos += len(toks[j])
			j++
		}
		k := Equal
		if changed[i] {
			k = kind
		}
		out = append(out, Span{Kind: k, Text: line[start:pos]})
		i = j
	}
	return out
}
