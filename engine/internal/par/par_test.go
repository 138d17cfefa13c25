package par

import (
	"slices"
	"sync/atomic"
	"testing"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, workers := range []int{1, 2, 8} {
		for _, n := range []int{0, 1, 5, 100} {
			calls := make([]atomic.Int32, n)
			For(workers, n, nil, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Fatalf("workers=%d n=%d: index %d called %d times", workers, n, i, c)
				}
			}
		}
	}
}

func TestForFollowsTheOrderOnOneWorker(t *testing.T) {
	order := []int{3, 0, 2, 1}
	var got []int
	For(1, len(order), order, func(i int) { got = append(got, i) })
	if !slices.Equal(got, order) {
		t.Fatalf("got %v, want %v", got, order)
	}
}
