package critical

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestQuiesceEndsOnlyARunThatWroteNothing: Quiesce waits for the section
// under way, then calls fn, unless the run has written for good, when fn's
// "nothing was written" would be false.
func TestQuiesceEndsOnlyARunThatWroteNothing(t *testing.T) {
	for _, wrote := range []bool{false, true} {
		s := New()
		ctx := With(context.Background(), s)
		leave := Enter(ctx)
		if wrote {
			Wrote(ctx)
		}
		done := make(chan bool)
		called := false
		go func() { done <- s.Quiesce(func() { called = true }) }()
		select {
		case <-done:
			t.Fatalf("wrote=%v: Quiesce returned while a section was under way", wrote)
		case <-time.After(20 * time.Millisecond):
		}
		leave()
		if got := <-done; got != !wrote || called != !wrote {
			t.Errorf("wrote=%v: Quiesce reported %v and called fn: %v, want %v", wrote, got, called, !wrote)
		}
	}
	// Without Sections in the context, both are no-ops.
	Wrote(context.Background())
	Enter(context.Background())()
}

// TestQuiesceCleansUpWhatLivesBetweenSections: a run ended from outside
// first runs what it registered with OnEnd and has not withdrawn, in the
// order registered; a run that wrote for good is not ended, so nothing is
// cleaned up.
func TestQuiesceCleansUpWhatLivesBetweenSections(t *testing.T) {
	for _, wrote := range []bool{false, true} {
		s := New()
		ctx := With(context.Background(), s)
		var ran []string
		OnEnd(ctx, func() { ran = append(ran, "first") })
		withdrawn := OnEnd(ctx, func() { ran = append(ran, "withdrawn") })
		OnEnd(ctx, func() { ran = append(ran, "third") })
		withdrawn()
		if wrote {
			Wrote(ctx)
		}
		s.Quiesce(func() { ran = append(ran, "end") })
		want := "first third end"
		if wrote {
			want = ""
		}
		if got := strings.Join(ran, " "); got != want {
			t.Errorf("wrote=%v: ran %q, want %q", wrote, got, want)
		}
	}
	OnEnd(context.Background(), func() { t.Error("ran without Sections") })()
}
