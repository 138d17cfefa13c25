// Package par runs independent calls on several goroutines. Every stage
// that fans out (template parsing, rendering, painting, writing) uses it, so
// that there is one worker pool to get right.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Cores is the number of workers for CPU-bound work.
func Cores() int { return runtime.GOMAXPROCS(0) }

// For calls fn(i) for every i in 0..n-1 on up to workers goroutines, taking
// the indexes in the given order (nil means 0..n-1), and returns when every
// call has returned. Each call should write only its own index of the
// caller's result slices, so that results never depend on scheduling.
func For(workers, n int, order []int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1) - 1); k < n; k = int(next.Add(1) - 1) {
				if order != nil {
					fn(order[k])
				} else {
					fn(k)
				}
			}
		}()
	}
	wg.Wait()
}
