package redline

import "strings"

// block is one change: a[a0:a1] is replaced by b[b0:b1]. Blocks are
// separated by at least one equal line.
type block struct{ a0, a1, b0, b1 int }

// blocks groups the marks of shortestEdit into change blocks.
func blocks(del, ins []bool) []block {
	var out []block
	i, j := 0, 0
	for i < len(del) || j < len(ins) {
		if i < len(del) && j < len(ins) && !del[i] && !ins[j] {
			i, j = i+1, j+1
			continue
		}
		b := block{a0: i, b0: j}
		for i < len(del) && del[i] {
			i++
		}
		for j < len(ins) && ins[j] {
			j++
		}
		b.a1, b.b1 = i, j
		if b.a0 == b.a1 && b.b0 == b.b1 {
			// The marks leave unequal numbers of unchanged elements.
			panic("redline: inconsistent edit marks")
		}
		out = append(out, b)
	}
	return out
}

// slide moves each pure insertion or deletion to where it reads best. When
// a run of lines can shift (the line before it equals its last line) any
// position gives an equally short script, and Myers picks one without
// regard for meaning: deleting a paragraph may show as deleting the blank
// line before it and the paragraph, instead of the paragraph and the blank
// line after it. Sliding never merges two blocks.
func slide(bl []block, a, b []int32, at, bt []string) {
	for i := range bl {
		c := &bl[i]
		var s []int32
		var text []string
		var lo, hi int // bounds of the shifted run's positions in s
		switch {
		case c.b0 == c.b1:
			s, text = a, at
			lo, hi = 0, len(a)
			if i > 0 {
				lo = bl[i-1].a1 + 1
			}
			if i+1 < len(bl) {
				hi = bl[i+1].a0 - 1
			}
		case c.a0 == c.a1:
			s, text = b, bt
			lo, hi = 0, len(b)
			if i > 0 {
				lo = bl[i-1].b1 + 1
			}
			if i+1 < len(bl) {
				hi = bl[i+1].b0 - 1
			}
		default:
			continue
		}
		start, end := c.a0, c.a1
		if c.a0 == c.a1 {
			start, end = c.b0, c.b1
		}
		// Slide up as far as allowed, then try every position down.
		for start > lo && s[start-1] == s[end-1] {
			start, end = start-1, end-1
		}
		best, bestScore := start, -1
		for {
			if sc := slideScore(text, start, end); sc >= bestScore {
				best, bestScore = start, sc
			}
			if end >= hi || s[start] != s[end] {
				break
			}
			start, end = start+1, end+1
		}
		shift := best - c.a0
		if c.a0 == c.a1 {
			shift = best - c.b0
		}
		c.a0, c.a1, c.b0, c.b1 = c.a0+shift, c.a1+shift, c.b0+shift, c.b1+shift
	}
}

// slideScore rates a run of changed lines text[start:end] in Markdown
// terms: best is a run that starts a paragraph and takes the blank line
// after it along.
func slideScore(text []string, start, end int) int {
	score := 0
	if start == 0 || blank(text[start-1]) {
		score += 2
	}
	if blank(text[end-1]) {
		score++
	}
	return score
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
