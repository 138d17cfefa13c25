// Package redline shows an auditor what changed in a document between two
// versions of a pack. It diffs the rendered Markdown line by line, pairs the
// deleted and inserted lines that are edits of one another and diffs those
// word by word, then renders standalone HTML redline pages and an index of
// the changes.
//
// The line diff is Myers' O(ND) algorithm in linear space: the script is a
// shortest one, and for N lines with D of them changed the cost is O(N·D),
// so a small change to a long register is cheap. Past a bound on D (see
// maxCost) it settles for a near-shortest script rather than go quadratic.
// Everything is deterministic: the same two texts always give the same
// bytes.
package redline
