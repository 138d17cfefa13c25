//go:build !linux

package main

import (
	"os"
	"os/exec"
)

// Without process groups a timeout kills only the tool's own process.
func ownGroup(*exec.Cmd) {}

func killGroup(int) {}

// maxRSSKB is unknown here; the report shows a dash.
func maxRSSKB(*os.ProcessState) int64 { return 0 }
