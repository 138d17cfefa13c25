//go:build unix

package pack

import (
	"os"
	"syscall"
)

// alone reports whether fi's file has no name but the one it was found
// under.
func alone(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Nlink == 1
}
