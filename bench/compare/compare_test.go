package main

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestOrderRotatesEveryPosition(t *testing.T) {
	const n = 4
	first := map[int]bool{}
	for r := range n {
		o := order(n, r)
		sorted := slices.Clone(o)
		slices.Sort(sorted)
		if !slices.Equal(sorted, []int{0, 1, 2, 3}) {
			t.Fatalf("round %d: order %v is not a permutation", r, o)
		}
		first[o[0]] = true
	}
	if len(first) != n {
		t.Errorf("over %d rounds only tools %v went first; each should once", n, first)
	}
}

func TestMedian(t *testing.T) {
	s := time.Second
	for _, c := range []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{3 * s, 1 * s, 2 * s}, 2 * s},
		{[]time.Duration{4 * s, 1 * s, 2 * s, 3 * s}, 2500 * time.Millisecond},
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestRatioText(t *testing.T) {
	ms := time.Millisecond
	for _, c := range []struct {
		d, base time.Duration
		want    string
	}{
		{4100 * ms, 100 * ms, "41x slower"},
		{250 * ms, 100 * ms, "2.5x slower"},
		{50 * ms, 100 * ms, "2.0x faster"},
		{100 * ms, 0, "—"},
	} {
		if got := ratioText(c.d, c.base); got != c.want {
			t.Errorf("ratioText(%v, %v) = %q, want %q", c.d, c.base, got, c.want)
		}
	}
}

func TestGistPrefersTeXErrorLine(t *testing.T) {
	out := []byte("Error producing PDF.\n! LaTeX Error: Unicode character → (U+2192)\n\nl.42 a → b\n")
	got := gist(errors.New("exit status 43"), out)
	want := "exit status 43: ! LaTeX Error: Unicode character → (U+2192)"
	if got != want {
		t.Errorf("gist = %q, want %q", got, want)
	}
}

func TestQuoteArgs(t *testing.T) {
	got := quoteArgs([]string{"-rounds", "5", "-md", "my docs", "it's"})
	want := []string{"-rounds", "5", "-md", "'my docs'", `'it'\''s'`}
	if !slices.Equal(got, want) {
		t.Errorf("quoteArgs = %q, want %q", got, want)
	}
}
