package catalog

import (
	"fmt"
	"testing"
)

func TestControlCountsByTheme(t *testing.T) {
	c := Default()
	want := map[Theme]int{Organizational: 37, People: 8, Physical: 14, Technological: 34}
	total := 0
	for _, th := range Themes() {
		got := len(c.ControlsOf(th))
		if got != want[th] {
			t.Errorf("theme %s: %d controls, want %d", th, got, want[th])
		}
		total += got
	}
	if total != 93 || len(c.Controls()) != 93 {
		t.Fatalf("total controls = %d, want 93", total)
	}
}

func TestControlIDsAreSequentialPerTheme(t *testing.T) {
	c := Default()
	for _, th := range Themes() {
		for i, ct := range c.ControlsOf(th) {
			want := fmt.Sprintf("A.%s.%d", th.Section(), i+1)
			if ct.ID != want {
				t.Errorf("control %d of %s is %s, want %s", i+1, th, ct.ID, want)
			}
			if ct.Title == "" || ct.Summary == "" {
				t.Errorf("%s lacks a title or summary", ct.ID)
			}
		}
	}
}

func TestClausesCoverFourToTen(t *testing.T) {
	c := Default()
	for _, id := range []string{"4.1", "4.3", "6.1.1", "6.1.2", "6.1.3", "7.5.1", "7.5.2", "7.5.3", "9.2.1", "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.2"} {
		if _, ok := c.Clause(id); !ok {
			t.Errorf("clause %s missing", id)
		}
	}
	first, last := c.Clauses()[0], c.Clauses()[len(c.Clauses())-1]
	if first.ID != "4" || last.ID != "10.2" {
		t.Errorf("clauses run %s..%s, want 4..10.2", first.ID, last.ID)
	}
	for _, it := range c.Items() {
		if !c.KnownClauseRef(it.ID) {
			t.Errorf("item %s is not a known clause reference", it.ID)
		}
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{"a.5.1": "A.5.1", "5.1": "A.5.1", " A.8.34 ": "A.8.34", "A5.7": "A.5.7"} {
		if got := NormalizeControlID(in); got != want {
			t.Errorf("NormalizeControlID(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"6.1.3(d)": "6.1.3 d", "6.1.3.d": "6.1.3 d", "6.1.3d": "6.1.3 d", "6.1.3 e": "6.1.3 e", "9.2": "9.2"} {
		if got := NormalizeClauseID(in); got != want {
			t.Errorf("NormalizeClauseID(%q) = %q, want %q", in, got, want)
		}
	}
	c := Default()
	if _, ok := c.Control("A.5.38"); ok {
		t.Error("A.5.38 should not exist")
	}
}
