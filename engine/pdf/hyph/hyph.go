// Package hyph finds where English words may be hyphenated, with Frank
// Liang's algorithm (Word Hy-phen-a-tion by Com-put-er, 1983) and the TeX
// patterns for American English.
//
// The patterns are hyph-en-us.tex from the hyph-utf8 package (Gerard D.C.
// Kuiken's ushyphmax, which includes Knuth's original patterns and
// exceptions), embedded unchanged. Its licence: "Copying and distribution
// of this file, with or without modification, are permitted in any medium
// without royalty provided the copyright notice and this notice are
// preserved." The file keeps both. The code here is ours.
package hyph

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed hyph-en-us.tex
var enUS string

// Hyphenator holds a parsed pattern set. It is read-only after parsing and
// safe for concurrent use.
type Hyphenator struct {
	// patterns maps a letter string (with '.' marking a word edge) to the
	// values between and around its letters: len(key)+1 digits.
	patterns   map[string][]uint8
	exceptions map[string][]int
	maxLen     int
	// left and right are the fewest letters kept before the first and
	// after the last hyphen (TeX's \lefthyphenmin and \righthyphenmin).
	left, right int
}

// EnUS returns the American English hyphenator, parsing the patterns on
// first use and sharing them afterwards.
var EnUS = sync.OnceValue(func() *Hyphenator { return Parse(enUS, 2, 3) })

// Parse reads TeX hyphenation patterns: the bodies of \patterns{...} and
// \hyphenation{...}, with % comments. left and right are the hyphen
// minimums.
func Parse(tex string, left, right int) *Hyphenator {
	h := &Hyphenator{patterns: map[string][]uint8{}, exceptions: map[string][]int{}, left: left, right: right}
	for _, sec := range []string{`\patterns{`, `\hyphenation{`} {
		i := strings.Index(tex, sec)
		if i < 0 {
			continue
		}
		body := tex[i+len(sec):]
		if j := strings.IndexByte(body, '}'); j >= 0 {
			body = body[:j]
		}
		for _, line := range strings.Split(body, "\n") {
			if k := strings.IndexByte(line, '%'); k >= 0 {
				line = line[:k]
			}
			for _, tok := range strings.Fields(line) {
				if sec == `\patterns{` {
					h.addPattern(tok)
				} else {
					h.addException(tok)
				}
			}
		}
	}
	return h
}

func (h *Hyphenator) addPattern(p string) {
	var letters []byte
	vals := []uint8{0}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c >= '0' && c <= '9' {
			vals[len(vals)-1] = c - '0'
			continue
		}
		letters = append(letters, c)
		vals = append(vals, 0)
	}
	h.patterns[string(letters)] = vals
	h.maxLen = max(h.maxLen, len(letters))
}

func (h *Hyphenator) addException(w string) {
	var word []byte
	var at []int
	for i := 0; i < len(w); i++ {
		if w[i] == '-' {
			at = append(at, len(word))
			continue
		}
		word = append(word, w[i])
	}
	h.exceptions[string(word)] = at
}

// Points returns the byte offsets in word where a hyphen may be inserted
// (a hyphen at offset i goes between word[i-1] and word[i]), in increasing
// order. Only words of ASCII letters are hyphenated; anything else (digits,
// hyphens, accents, dots) returns nil, so references, dates and code are
// never broken.
func (h *Hyphenator) Points(word string) []int {
	n := len(word)
	if n < h.left+h.right {
		return nil
	}
	var low [64]byte
	if n > len(low)-2 {
		return nil
	}
	for i := 0; i < n; i++ {
		c := word[i]
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		default:
			return nil
		}
		low[i+1] = c
	}
	if at, ok := h.exceptions[string(low[1:n+1])]; ok {
		return h.trim(append([]int(nil), at...), n)
	}
	low[0], low[n+1] = '.', '.'
	w := low[:n+2]
	var vals [66]uint8
	for i := range w {
		for j := i + 1; j <= len(w) && j-i <= h.maxLen; j++ {
			p, ok := h.patterns[string(w[i:j])]
			if !ok {
				continue
			}
			for k, v := range p {
				if v > vals[i+k] {
					vals[i+k] = v
				}
			}
		}
	}
	// vals[i] is the value before w[i]; in the word, a hyphen before
	// word[j] is vals[j+1] (w has the leading dot).
	var out []int
	for j := 1; j < n; j++ {
		if vals[j+1]%2 == 1 {
			out = append(out, j)
		}
	}
	return h.trim(out, n)
}

// trim drops points closer to the word's edges than the minimums.
func (h *Hyphenator) trim(at []int, n int) []int {
	out := at[:0]
	for _, p := range at {
		if p >= h.left && n-p >= h.right {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Hyphenate returns word with hyphens at every point, for tests and
// diagnostics: "hy-phen-ation".
func (h *Hyphenator) Hyphenate(word string) string {
	pts := h.Points(word)
	var b strings.Builder
	last := 0
	for _, p := range pts {
		b.WriteString(word[last:p])
		b.WriteByte('-')
		last = p
	}
	b.WriteString(word[last:])
	return b.String()
}
