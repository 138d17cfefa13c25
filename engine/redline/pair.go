package redline

import "slices"

// pairChunk bounds the alignment table of pairLines to pairChunk² cells.
// The 93 rows of an SoA fit in one table; a bigger change block is a
// rewrite, aligned in proportional slices so the cost stays linear.
const pairChunk = 128

// pairLines decides which deleted lines were edited into which inserted
// lines. Two lines pair when at least half of their words are shared
// (Dice's coefficient over the multisets of words and punctuation). Among
// the pairings that keep both sides in order it picks the one with the
// most similarity in total, so an inserted row before an edited row does
// not shift every pair by one. The result is a list of (deleted, inserted)
// indexes, increasing in both.
func pairLines(dels, inss []string) [][2]int {
	n, m := len(dels), len(inss)
	if n == 0 || m == 0 {
		return nil
	}
	in := newInterner(0)
	bag := func(lines []string) [][]int32 {
		out := make([][]int32, len(lines))
		for i, l := range lines {
			out[i] = wordBag(in, l)
		}
		return out
	}
	db, ib := bag(dels), bag(inss)
	if n <= pairChunk && m <= pairChunk {
		return alignPairs(db, ib)
	}
	var pairs [][2]int
	c := (max(n, m) + pairChunk - 1) / pairChunk
	for k := range c {
		d0, i0 := k*n/c, k*m/c
		for _, p := range alignPairs(db[d0:(k+1)*n/c], ib[i0:(k+1)*m/c]) {
			pairs = append(pairs, [2]int{d0 + p[0], i0 + p[1]})
		}
	}
	return pairs
}

// alignPairs is a weighted longest common subsequence over the similarity
// of every deleted line to every inserted line.
func alignPairs(db, ib [][]int32) [][2]int {
	return align(len(db), len(ib), func(i, j int) int { return similarity(db[i], ib[j]) })
}

// align pairs n old items with m new ones, in order on both sides, so that
// the sum of sim over the pairs is largest. sim is 0 for items that must
// not pair.
func align(n, m int, sim func(i, j int) int) [][2]int {
	if n == 0 || m == 0 {
		return nil
	}
	best := make([]int32, (n+1)*(m+1))
	at := func(i, j int) *int32 { return &best[i*(m+1)+j] }
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			v := max(*at(i-1, j), *at(i, j-1))
			if s := sim(i-1, j-1); s > 0 {
				v = max(v, *at(i-1, j-1)+int32(s))
			}
			*at(i, j) = v
		}
	}
	var pairs [][2]int
	// Walking back, skip a line whenever that loses nothing, so that among
	// equally good pairings the earliest lines pair. What is left is a pair.
	for i, j := n, m; i > 0 && j > 0; {
		switch {
		case *at(i, j) == *at(i, j-1):
			j--
		case *at(i, j) == *at(i-1, j):
			i--
		default:
			pairs = append(pairs, [2]int{i - 1, j - 1})
			i, j = i-1, j-1
		}
	}
	slices.Reverse(pairs)
	return pairs
}

// wordBag returns the sorted symbols of a line's words and punctuation.
// Punctuation counts because short lines are mostly structure: "date:
// 2024-01-05" and "date: 2025-02-07" share one word of four, but they are
// plainly the same line edited.
func wordBag(in *interner, line string) []int32 {
	toks := splitWords(line)
	words := toks[:0]
	for _, t := range toks {
		if !blank(t) {
			words = append(words, t)
		}
	}
	bag := in.intern(words)
	slices.Sort(bag)
	return bag
}

// similarity is Dice's coefficient of two bags in thousandths, or 0 when
// it is below one half: such lines are shown as a deletion and an
// insertion rather than as an edit. Integers keep the choice identical on
// every platform.
func similarity(a, b []int32) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i, j = i+1, j+1
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	if 4*common < len(a)+len(b) {
		return 0
	}
	return 2000 * common / (len(a) + len(b))
}
