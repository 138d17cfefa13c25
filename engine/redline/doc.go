// Package redline shows an auditor what changed in a document between two
// versions of a pack. It diffs the rendered Markdown line by line, pairs the
// deleted and inserted lines that are edits of one another and diffs those
// word by word, then renders standalone HTML redline pages and an index of
// the changes.
//
// The diff is Myers' O(ND) algorithm in linear space, so a change script is
// as short as possible and the cost grows with the size of the change, not
// with the size of the documents. Everything is deterministic: the same two
// texts always give the same bytes.
package redline
