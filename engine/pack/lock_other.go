//go:build !unix

package pack

import "context"

// lockDir is a no-op where flock is not available: concurrent runs into
// one output directory are then the user's to avoid, and leftovers are
// cleaned only when no other run is under way.
func lockDir(ctx context.Context, dir string) (unlock func(), err error) {
	return func() {}, ctx.Err()
}
