package watch

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func ms(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }

// A git checkout of 100 files is one batch: the events come closer
// together than the quiet window.
func TestStormOfHundredIsOneBatch(t *testing.T) {
	b := Batcher{Quiet: 25 * time.Millisecond, MaxWait: 500 * time.Millisecond}
	var want []string
	for i := range 100 {
		p := fmt.Sprintf("templates/t%03d.md", i)
		want = append(want, p)
		b.Add(p, ms(i)) // one event a millisecond
		if _, ok := b.Take(ms(i)); ok {
			t.Fatalf("batch taken during the storm, after %d events", i+1)
		}
	}
	if _, ok := b.Take(ms(99 + 24)); ok {
		t.Fatal("batch taken before 25 ms of quiet")
	}
	at, ok := b.Due()
	if !ok || !at.Equal(ms(99+25)) {
		t.Fatalf("due at %v, %v; want 25 ms after the last event", at, ok)
	}
	got, ok := b.Take(ms(99 + 25))
	if !ok || !slices.Equal(got, want) {
		t.Fatalf("took %d paths, %v; want the 100 in order", len(got), ok)
	}
	if _, ok := b.Take(ms(1000)); ok || b.Len() != 0 {
		t.Error("a second batch after the storm")
	}
}

func TestBatchCountsPathOnce(t *testing.T) {
	b := Batcher{Quiet: 25 * time.Millisecond}
	// An atomic save: rename away, create, write, write.
	for i := range 4 {
		b.Add("templates/cryptography.md", ms(i))
	}
	b.Add("isms.yaml", ms(4))
	got, ok := b.Take(ms(100))
	if !ok || !slices.Equal(got, []string{"isms.yaml", "templates/cryptography.md"}) {
		t.Errorf("took %v, %v", got, ok)
	}
}

// A tool that writes without pause still gets a rebuild every MaxWait.
func TestContinuousWritesStillRebuild(t *testing.T) {
	b := Batcher{Quiet: 25 * time.Millisecond, MaxWait: 500 * time.Millisecond}
	var taken []int
	first := 0
	for i := 0; i <= 2000; i += 10 { // a write every 10 ms for 2 s
		if b.Len() == 0 {
			first = i
		}
		b.Add("assets/log.png", ms(i))
		if _, ok := b.Take(ms(i)); ok {
			taken = append(taken, i)
			if i-first != 500 {
				t.Errorf("batch taken at %d ms, %d ms after its first write; want 500", i, i-first)
			}
		}
	}
	if !slices.Equal(taken, []int{500, 1010, 1520}) {
		t.Errorf("batches taken at %v ms", taken)
	}
}

func TestEmptyBatcherIsNeverDue(t *testing.T) {
	var b Batcher
	if _, ok := b.Due(); ok {
		t.Error("empty batcher is due")
	}
	if _, ok := b.Take(ms(10_000)); ok {
		t.Error("empty batcher gave a batch")
	}
}
