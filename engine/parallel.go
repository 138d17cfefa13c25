package engine

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// parallel runs fn for 0..n-1 on up to GOMAXPROCS goroutines. Each call
// writes only its own index of the caller's result slices, so output order
// never depends on scheduling. Diagnostics from all calls are gathered and
// sorted; any other error wins, lowest index first.
func parallel(ctx context.Context, n int, fn func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[i] = err
					return
				}
				errs[i] = fn(i)
			}
		}()
	}
	wg.Wait()
	var list diag.List
	for _, err := range errs {
		if err := list.Collect(err); err != nil {
			return err
		}
	}
	list.Sort()
	return list.Err()
}
