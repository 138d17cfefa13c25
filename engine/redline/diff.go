package redline

// Diff compares two texts line by line and returns every line of both, in
// order: equal lines once, deleted lines where they stood in the old text,
// inserted lines where they stand in the new one. "\r\n" counts as "\n" and
// a missing newline at the end is ignored.
//
// Within a change, deleted and inserted lines that are edits of one another
// are paired, placed together (deleted first) and diffed word by word, so
// that a one-word edit in a long paragraph highlights only that word. Words
// are runs of letters and digits, runs of white space, and single other
// characters.
func Diff(oldText, newText []byte) []Line {
	a, b := splitLines(oldText), splitLines(newText)
	in := newInterner(len(a) + len(b))
	ia, ib := in.intern(a), in.intern(b)
	del, ins, _ := shortestEdit(ia, ib, -1) // unlimited: never fails
	bl := blocks(del, ins)
	slide(bl, ia, ib, a, b)

	out := make([]Line, 0, max(len(a), len(b))+len(bl))
	i, j := 0, 0
	equalUntil := func(ai int) {
		for ; i < ai; i, j = i+1, j+1 {
			out = append(out, Line{Kind: Equal, Old: i + 1, New: j + 1, Text: a[i]})
		}
	}
	for _, c := range bl {
		equalUntil(c.a0)
		out = appendChange(out, a, b, c)
		i, j = c.a1, c.b1
	}
	equalUntil(len(a))
	return out
}

// appendChange appends the lines of one change block, with each pair of a
// deleted and an inserted line that edit one another placed together.
func appendChange(out []Line, a, b []string, c block) []Line {
	i, j := c.a0, c.b0
	dels := func(to int) {
		for ; i < to; i++ {
			out = append(out, Line{Kind: Delete, Old: i + 1, Text: a[i]})
		}
	}
	inss := func(to int) {
		for ; j < to; j++ {
			out = append(out, Line{Kind: Insert, New: j + 1, Text: b[j]})
		}
	}
	for _, p := range pairLines(a[c.a0:c.a1], b[c.b0:c.b1]) {
		dels(c.a0 + p[0])
		inss(c.b0 + p[1])
		ow, nw := diffWords(a[i], b[j])
		out = append(out,
			Line{Kind: Delete, Old: i + 1, Text: a[i], Words: ow},
			Line{Kind: Insert, New: j + 1, Text: b[j], Words: nw})
		i, j = i+1, j+1
	}
	dels(c.a1)
	inss(c.b1)
	return out
}
