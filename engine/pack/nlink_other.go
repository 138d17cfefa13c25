//go:build !unix

package pack

import "os"

// alone reports whether fi's file has no name but the one it was found
// under. Where the link count cannot be read, no file is taken to be, so
// every file is written anew.
func alone(os.FileInfo) bool { return false }
