package redline

import "testing"

// FuzzDiff checks that any two inputs, valid UTF-8 or not, diff without
// panicking into a script that rebuilds both, and that small ones get a
// shortest script. The seeds are in testdata/fuzz/FuzzDiff.
func FuzzDiff(f *testing.F) {
	f.Fuzz(func(t *testing.T, oldText, newText []byte) {
		lines := Diff(oldText, newText)
		if err := checkDiff(oldText, newText, lines); err != nil {
			t.Fatalf("Diff(%q, %q): %v\n%s", oldText, newText, err, compact(lines))
		}
		a, b := splitLines(oldText), splitLines(newText)
		if len(a) > 200 || len(b) > 200 {
			return // the quadratic LCS check would slow the fuzzer down
		}
		ins, del := Stats(lines)
		if want := len(a) + len(b) - 2*lcsLen(a, b); ins+del != want {
			t.Fatalf("Diff(%q, %q) changes %d lines; a shortest script changes %d", oldText, newText, ins+del, want)
		}
	})
}
