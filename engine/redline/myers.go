package redline

// maxCost bounds the work of one search for a middle snake. Past it the
// search settles for the point that got furthest, as GNU diff does, so a
// pathological input (thousands of lines rearranged at random) costs
// O(maxCost·N) per split instead of O(N²). Below it the script is a
// shortest one: a document pair needs more than 2·maxCost changed lines in
// one region before the bound matters.
const maxCost = 1024

// shortestEdit finds a shortest edit script from a to b and returns it as
// marks: del[i] when a[i] is deleted, ins[j] when b[j] is inserted. The
// unmarked elements of a and b, in order, are equal. Symbols are small
// non-negative integers (see interner).
//
// budget bounds the work, in diagonal steps and snake moves; when it runs
// out, ok is false and the marks are not a useful script. A negative
// budget is unlimited (the cost bound maxCost still applies).
func shortestEdit(a, b []int32, budget int) (del, ins []bool, ok bool) {
	del, ins = make([]bool, len(a)), make([]bool, len(b))
	// An element whose symbol never occurs on the other side cannot be in a
	// common subsequence, so it is marked now and left out of the search.
	// This keeps the result shortest and makes a wholesale rewrite, where
	// most lines are unique, cost almost nothing.
	inA, inB := symbols(a), symbols(b)
	ka, ia := keep(a, inB, del)
	kb, ib := keep(b, inA, ins)
	m := myers{a: ka, b: kb, budget: budget, limited: budget >= 0}
	m.compare(0, len(ka), 0, len(kb))
	if m.over {
		return del, ins, false
	}
	for i, d := range m.del {
		del[ia[i]] = d
	}
	for j, d := range m.ins {
		ins[ib[j]] = d
	}
	return del, ins, true
}

// symbols returns which symbols occur in s, indexed by symbol.
func symbols(s []int32) []bool {
	var n int32
	for _, x := range s {
		n = max(n, x+1)
	}
	seen := make([]bool, n)
	for _, x := range s {
		seen[x] = true
	}
	return seen
}

// keep returns the elements of s that occur on the other side, with their
// indexes in s, and marks the others as changed.
func keep(s []int32, other []bool, changed []bool) ([]int32, []int) {
	kept := make([]int32, 0, len(s))
	idx := make([]int, 0, len(s))
	for i, x := range s {
		if int(x) < len(other) && other[x] {
			kept = append(kept, x)
			idx = append(idx, i)
		} else {
			changed[i] = true
		}
	}
	return kept, idx
}

// myers is the linear-space variant of Myers' O(ND) algorithm ("An O(ND)
// Difference Algorithm and Its Variations", 1986, section 4b). It splits
// the problem at the middle of a shortest path and recurses on both halves.
type myers struct {
	a, b     []int32
	del, ins []bool
	// Furthest-reaching x per diagonal, forward and backward, reused across
	// calls to spare the allocations.
	vf, vb []int
	// budget is the work left when limited; over is set when it ran out.
	budget  int
	limited bool
	over    bool
}

func (m *myers) compare(aLo, aHi, bLo, bHi int) {
	if m.del == nil {
		m.del, m.ins = make([]bool, len(m.a)), make([]bool, len(m.b))
	}
	for !m.over {
		for aLo < aHi && bLo < bHi && m.a[aLo] == m.b[bLo] {
			aLo, bLo = aLo+1, bLo+1
		}
		for aLo < aHi && bLo < bHi && m.a[aHi-1] == m.b[bHi-1] {
			aHi, bHi = aHi-1, bHi-1
		}
		if aLo == aHi || bLo == bHi {
			mark(m.del[aLo:aHi])
			mark(m.ins[bLo:bHi])
			return
		}
		x, y, ok := m.midpoint(m.a[aLo:aHi], m.b[bLo:bHi])
		if !ok {
			mark(m.del[aLo:aHi])
			mark(m.ins[bLo:bHi])
			return
		}
		m.compare(aLo, aLo+x, bLo, bLo+y)
		// The second half is a loop, not a call, to bound the recursion
		// depth when the cost bound makes the splits lopsided.
		aLo, bLo = aLo+x, bLo+y
	}
}

func mark(s []bool) {
	for i := range s {
		s[i] = true
	}
}

// midpoint returns a point (x, y) on a shortest path from (0, 0) to
// (len(a), len(b)), other than its ends; past maxCost, the point either
// search got furthest to. a and b must differ in their first and in their
// last elements and be non-empty. ok is false when they have nothing in
// common or the budget ran out.
//
// The forward search runs from (0, 0) and the backward one from the end,
// in reversed coordinates (u, v) = (n-x, m-y), so both use the same rules.
// vf[k] is the furthest x reached on diagonal k = x-y, vb[k] the furthest u
// on diagonal u-v; -1 marks a diagonal not reached.
func (m *myers) midpoint(a, b []int32) (x, y int, ok bool) {
	n, mm := len(a), len(b)
	maxD := (n + mm + 1) / 2
	limit := min(maxD, maxCost)
	off := limit
	vf, vb := m.diagonals(2*limit + 1)
	delta := n - mm
	odd := delta&1 != 0
	// The best points seen, for when the cost bound stops the search.
	bestF, bestB := -1, -1
	var fx, fy, bx, by int
	for d := 0; d < limit; d++ {
		lo, hi := diagonalRange(d, n, mm)
		// Each step visits the diagonals in both directions; the snakes
		// are charged as they move.
		if m.budget -= hi - lo + 2; m.limited && m.budget < 0 {
			m.over = true
			return 0, 0, false
		}
		for k := lo; k <= hi; k += 2 {
			x, y := step(vf, off, k, d, n, mm)
			if x < 0 {
				continue
			}
			x0 := x
			for x < n && y < mm && a[x] == b[y] {
				x, y = x+1, y+1
			}
			m.budget -= x - x0
			vf[off+k] = x
			if x+y > bestF {
				bestF, fx, fy = x+y, x, y
			}
			if odd {
				if r := off + delta - k; r >= 0 && r < len(vb) && vb[r] >= 0 && x >= n-vb[r] {
					return x, y, true
				}
			}
		}
		for k := lo; k <= hi; k += 2 {
			u, v := step(vb, off, k, d, n, mm)
			if u < 0 {
				continue
			}
			u0 := u
			for u < n && v < mm && a[n-1-u] == b[mm-1-v] {
				u, v = u+1, v+1
			}
			m.budget -= u - u0
			vb[off+k] = u
			if u+v > bestB {
				bestB, bx, by = u+v, n-u, mm-v
			}
			if !odd {
				if f := off + delta - k; f >= 0 && f < len(vf) && vf[f] >= 0 && vf[f] >= n-u {
					x := vf[f]
					return x, x - (f - off), true
				}
			}
		}
	}
	if limit == maxD {
		// A shortest path needs ceil(D/2) < maxD steps from each end
		// unless D = n+m: nothing in common.
		return 0, 0, false
	}
	if bestF >= bestB {
		return fx, fy, true
	}
	return bx, by, true
}

// diagonals returns the two diagonal arrays, reset to "not reached".
func (m *myers) diagonals(size int) (vf, vb []int) {
	if cap(m.vf) < size {
		m.vf, m.vb = make([]int, size), make([]int, size)
	}
	vf, vb = m.vf[:size], m.vb[:size]
	for i := range vf {
		vf[i], vb[i] = -1, -1
	}
	return vf, vb
}

// diagonalRange returns the diagonals that step d visits: those of d's
// parity in [-d, d] that cross the n×m grid.
func diagonalRange(d, n, m int) (lo, hi int) {
	lo, hi = -d, d
	if lo < -m {
		lo = -m + (d-m)&1
	}
	if hi > n {
		hi = n - (d-n)&1
	}
	return lo, hi
}

// step extends the furthest (d-1)-paths of the diagonals beside k by one
// edit onto diagonal k: right from k-1 (x+1) or down from k+1 (same x),
// whichever gets further without leaving the grid. x is -1 when neither
// neighbour was reached. Step 0 starts at the origin.
func step(v []int, off, k, d, n, m int) (x, y int) {
	if d == 0 {
		return 0, 0
	}
	x = -1
	if down := v[off+k+1]; down >= 0 && down-k <= m {
		x = down
	}
	if right := v[off+k-1]; right >= 0 && right+1 <= n && right+1 > x {
		x = right + 1
	}
	return x, x - k
}
