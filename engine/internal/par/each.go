package par

import (
	"context"
	"slices"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// Each runs fn for 0..n-1 on every core, taking the indexes in the given
// order (nil means 0..n-1), and stops taking new ones once ctx is done.
// Each call writes only its own index of the caller's result slices, so
// output order never depends on scheduling. Diagnostics from all calls are
// gathered and sorted; any other error wins, lowest index first.
func Each(ctx context.Context, n int, order []int, fn func(i int) error) error {
	errs := make([]error, n)
	For(Cores(), n, order, func(i int) {
		if errs[i] = ctx.Err(); errs[i] == nil {
			errs[i] = fn(i)
		}
	})
	var list diag.List
	for _, err := range errs {
		if err := list.Collect(err); err != nil {
			return err
		}
	}
	list.Sort()
	return list.Compact().Err()
}

// LargestFirst orders n items by size, largest first: started last, the
// SoA or the risk register would keep one core busy while the other has
// nothing left to do.
func LargestFirst(n int, size func(i int) int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return size(b) - size(a) })
	return order
}
