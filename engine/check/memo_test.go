package check

import (
	"testing"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// TestMemoKeepsTheLastRunsFindings: a document's findings are taken from
// the memo only under the same check and key, and only from the run
// before; without a key, or without a memo, the check runs.
func TestMemoKeepsTheLastRunsFindings(t *testing.T) {
	calls := 0
	check := func() diag.List {
		calls++
		return diag.List{diag.Errorf(diag.Pos{File: "a.md"}, "hint", "finding %d", calls)}
	}
	m := &Memo{}
	first := m.do("ownership", "k1", check)
	m.turn()
	if got := m.do("ownership", "k1", check); calls != 1 || got[0] != first[0] {
		t.Fatalf("the same key ran the check again (%d runs)", calls)
	}
	if m.do("self-approval", "k1", check); calls != 2 {
		t.Fatal("another check's findings were taken for this one")
	}
	if m.do("ownership", "k2", check); calls != 3 {
		t.Fatal("another key's findings were taken")
	}
	m.turn()
	m.turn() // a run that checked nothing: the memo forgets
	if m.do("ownership", "k1", check); calls != 4 {
		t.Fatal("findings older than the last run were kept")
	}
	if m.do("ownership", "", check); calls != 5 {
		t.Fatal("a document without a key was not checked")
	}
	var none *Memo
	if none.do("ownership", "k1", check); calls != 6 {
		t.Fatal("without a memo the check did not run")
	}
	none.turn()
}
