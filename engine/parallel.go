package engine

import (
	"context"

	"github.com/ismsforge/ismsforge/engine/internal/par"
)

// parallel and largestFirst are the engine's names for par.Each and
// par.LargestFirst.
func parallel(ctx context.Context, n int, order []int, fn func(i int) error) error {
	return par.Each(ctx, n, order, fn)
}

func largestFirst(n int, size func(i int) int) []int { return par.LargestFirst(n, size) }
