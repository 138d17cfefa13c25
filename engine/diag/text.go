package diag

import (
	"bytes"
	"unicode/utf8"
)

// CheckUTF8 reports the first byte of src that is not UTF-8, at its line and
// column, or returns nil. Every input ismsforge reads is UTF-8 text, and the
// parsers' own messages about bad bytes carry no position.
func CheckUTF8(file string, src []byte) *Diagnostic {
	if utf8.Valid(src) {
		return nil
	}
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	hint := "save the file as UTF-8 (editors offer it under \"encoding\"); it may have been saved as Latin-1 or Windows-1252"
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		hint = "the file is UTF-16; save it as UTF-8"
	}
	return Errorf(OffsetPos(file, src, off), hint, "byte 0x%02x is not UTF-8 text", src[off]).WithSource(src).WithCode("encoding")
}

// OffsetPos turns a byte offset in src into a 1-based line and a column
// counted in characters.
func OffsetPos(file string, src []byte, off int) Pos {
	off = min(max(off, 0), len(src))
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return Pos{File: file, Line: line, Col: 1 + utf8.RuneCount(src[start:off])}
}
