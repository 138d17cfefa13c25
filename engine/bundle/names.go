package bundle

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxNameLen keeps names well inside zip's 16-bit name length and the path
// limits of the systems an auditor extracts on.
const maxNameLen = 1024

// checkName reports why name is not a safe entry name, or returns nil. A safe
// name extracts to the same relative file on Linux, macOS and Windows: it
// cannot climb out of the extraction directory, and no system drops or
// rewrites part of it.
func checkName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty name")
	case len(name) > maxNameLen:
		return fmt.Errorf("name is %d bytes long; the limit is %d", len(name), maxNameLen)
	case !utf8.ValidString(name):
		return fmt.Errorf("name is not valid UTF-8")
	case strings.HasPrefix(name, "/"):
		return fmt.Errorf("absolute path; use a path relative to the zip's root")
	case strings.HasSuffix(name, "/"):
		return fmt.Errorf("ends in \"/\"; a bundle holds no directory entries")
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("contains control character %U", r)
		}
		if strings.ContainsRune(`\:*?"<>|`, r) {
			return fmt.Errorf("contains %q, which Windows cannot store in a file name", r)
		}
	}
	for seg := range strings.SplitSeq(name, "/") {
		switch {
		case seg == "":
			return fmt.Errorf("empty path segment (\"//\")")
		case seg == "." || seg == "..":
			return fmt.Errorf("contains a %q segment", seg)
		case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
			return fmt.Errorf("segment %q ends in a dot or space, which Windows drops", seg)
		case isReservedOnWindows(seg):
			return fmt.Errorf("segment %q is a device name on Windows", seg)
		}
	}
	return nil
}

// isReservedOnWindows reports whether seg names a DOS device, with or without
// an extension ("nul", "CON.txt").
func isReservedOnWindows(seg string) bool {
	base, _, _ := strings.Cut(seg, ".")
	switch strings.ToUpper(base) {
	case "CON", "PRN", "AUX", "NUL",
		"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return true
	}
	return false
}

// foldKey is the key under which two names collide on a case-insensitive file
// system (Windows, macOS by default), where extracting both would keep one.
func foldKey(name string) string { return strings.ToLower(name) }
