package engine

import (
	"context"
	"slices"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/internal/par"
)

// parallel runs fn for 0..n-1 on every core, taking the
// indexes in the given order (nil means 0..n-1). Each call writes only its
// own index of the caller's result slices, so output order never depends
// on scheduling. Diagnostics from all calls are gathered and sorted; any
// other error wins, lowest index first.
func parallel(ctx context.Context, n int, order []int, fn func(i int) error) error {
	errs := make([]error, n)
	par.For(par.Cores(), n, order, func(i int) {
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

// largestFirst orders n items by size, largest first: started last, the
// SoA or the risk register would keep one core busy while the other has
// nothing left to do.
func largestFirst(n int, size func(i int) int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return size(b) - size(a) })
	return order
}

// docsBySize orders a pack's documents by the size of their Markdown.
func docsBySize(pk *document.Pack) []int {
	return largestFirst(len(pk.Docs), func(i int) int { return len(pk.Docs[i].MD.Source) })
}
