package version

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
)

var (
	d1 = facts.NewDate(2026, 11, 2)
	d2 = facts.NewDate(2027, 1, 15)
)

func twelve(string) int { return 12 }

func TestNextVersions(t *testing.T) {
	for in, want := range map[string][2]string{"": {"1.0", "1.0"}, "1.0": {"1.1", "2.0"}, "1.9": {"1.10", "2.0"}, "3.4": {"3.5", "4.0"}} {
		if got := NextMinor(in); got != want[0] {
			t.Errorf("NextMinor(%q) = %q, want %q", in, got, want[0])
		}
		if got := NextMajor(in); got != want[1] {
			t.Errorf("NextMajor(%q) = %q, want %q", in, got, want[1])
		}
	}
}

func TestFirstReleaseAndThenOnlyChangedDocuments(t *testing.T) {
	empty := &Lock{Documents: map[string]DocState{}}
	w := empty.Resolve(map[string]string{"a": "h1", "b": "h2"}, twelve)
	if !w.Draft() || w.Pack() != "1.0" || w.Doc("a").Status != document.StatusDraft || w.Doc("a").Version != "1.0" {
		t.Fatalf("unreleased project: pack %s draft %v, a %+v", w.Pack(), w.Draft(), w.Doc("a"))
	}
	l1, w1, changed, err := empty.Plan(map[string]string{"a": "h1", "b": "h2"}, Spec{Date: d1, Summary: "Initial release", ApprovedBy: "Dana"}, twelve)
	if err != nil {
		t.Fatal(err)
	}
	if l1.Pack.Version != "1.0" || strings.Join(changed, ",") != "a,b" || w1.Doc("a").Status != document.StatusApproved {
		t.Fatalf("first release: %+v %v %+v", l1.Pack, changed, w1.Doc("a"))
	}
	if got := w1.Doc("b").NextReview; got != facts.NewDate(2027, 11, 2) {
		t.Errorf("next review = %s", got)
	}

	// Unchanged content is approved; changed content is a draft of 1.1.
	w = l1.Resolve(map[string]string{"a": "h1", "b": "h2-changed"}, twelve)
	if w.Doc("a").Status != document.StatusApproved || w.Doc("a").Version != "1.0" {
		t.Errorf("unchanged a = %+v", w.Doc("a"))
	}
	if w.Doc("b").Status != document.StatusDraft || w.Doc("b").Version != "1.1" || w.Pack() != "1.1" {
		t.Errorf("changed b = %+v, pack %s", w.Doc("b"), w.Pack())
	}

	l2, _, changed, err := l1.Plan(map[string]string{"a": "h1", "b": "h2-changed", "c": "h3"}, Spec{Date: d2, Summary: "Scope change", ApprovedBy: "Dana"}, twelve)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(changed, ",") != "b,c" {
		t.Errorf("changed = %v", changed)
	}
	if l2.Documents["a"].Version != "1.0" || len(l2.Documents["a"].History) != 1 {
		t.Errorf("a should keep 1.0 and one history row: %+v", l2.Documents["a"])
	}
	if b := l2.Documents["b"]; b.Version != "1.1" || len(b.History) != 2 || b.History[1].Summary != "Scope change" || b.Effective != d2 {
		t.Errorf("b = %+v", b)
	}
	if l2.Documents["c"].Version != "1.0" || l2.Pack.Version != "1.1" || len(l2.Pack.History) != 2 {
		t.Errorf("c = %+v, pack = %+v", l2.Documents["c"], l2.Pack)
	}

	// A major release bumps the changed documents and the pack.
	l3, _, _, err := l2.Plan(map[string]string{"a": "h1-new", "b": "h2-changed", "c": "h3"}, Spec{Date: d2, Summary: "Rewrite", Major: true}, twelve)
	if err != nil || l3.Documents["a"].Version != "2.0" || l3.Documents["b"].Version != "1.1" || l3.Pack.Version != "2.0" {
		t.Errorf("major: %v %+v", err, l3)
	}
}

func TestNothingToReleaseAndDatesGoForward(t *testing.T) {
	l1, _, _, _ := (&Lock{Documents: map[string]DocState{}}).Plan(map[string]string{"a": "h"}, Spec{Date: d2, Summary: "x"}, twelve)
	if _, _, _, err := l1.Plan(map[string]string{"a": "h"}, Spec{Date: d2, Summary: "y"}, twelve); !errors.Is(err, ErrNothingToRelease) {
		t.Errorf("want ErrNothingToRelease, got %v", err)
	}
	if _, _, _, err := l1.Plan(map[string]string{"a": "h2"}, Spec{Date: d1, Summary: "y"}, twelve); err == nil || !strings.Contains(err.Error(), "before the last release") {
		t.Errorf("want a date error, got %v", err)
	}
	// Removing a document is a change too.
	l2, _, _, err := l1.Plan(map[string]string{}, Spec{Date: d2, Summary: "drop"}, twelve)
	if err != nil || len(l2.Documents) != 0 || strings.Join(l2.Pack.History[1].Removed, ",") != "a" {
		t.Errorf("removal: %v %+v", err, l2)
	}
}

func TestLockRoundTripIsStable(t *testing.T) {
	l, _, _, _ := (&Lock{Documents: map[string]DocState{}}).Plan(map[string]string{"zeta": Hash([]byte("z")), "alpha": Hash([]byte("a"))}, Spec{Date: d1, Summary: "Initial", ApprovedBy: "Dana"}, twelve)
	dir := t.TempDir()
	if err := l.Write(dir); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(dir + "/" + FileName)
	back, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Write(dir); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(dir + "/" + FileName)
	if string(first) != string(second) {
		t.Errorf("lock changed on a round trip:\n%s\n---\n%s", first, second)
	}
	if strings.Index(string(first), "alpha:") > strings.Index(string(first), "zeta:") {
		t.Error("document keys are not sorted")
	}
	if !strings.Contains(string(first), "date: 2026-11-02") {
		t.Errorf("dates are not written as YYYY-MM-DD:\n%s", first)
	}
	st, _ := os.Stat(dir + "/" + FileName)
	if st.Mode().Perm() != 0o644 {
		t.Errorf("lock mode %v", st.Mode().Perm())
	}
}
