package markdown

import (
	"regexp"
	"strings"
)

// Facts are data, not markup: the escaper makes any text literal in
// Markdown. The templates' escaper (package tmpl) calls it for every value
// an action prints, with the context the action is in; the pages Go code
// writes (framework mappings, open actions) call EscapeCell. There is one
// implementation, so that both escape alike.

// EscapeText escapes s for Markdown running text. It keeps paragraph breaks
// and neutralises every character that could start inline markup. Block
// markers matter only at the start of a line: on every line after the first,
// and on the first when the value itself starts the line (lineStart).
func EscapeText(s string, lineStart bool) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i > 0 || lineStart {
			// Leading blanks would turn a line into a code block.
			line = strings.TrimLeft(line, " \t")
			EscapeLineStart(&b, &line)
		}
		EscapeInline(&b, line)
	}
	return b.String()
}

// EscapeCell escapes s for a table cell, where a line break would end the
// row: whitespace runs, including newlines, become single spaces. Cells hold
// only inline content, so block markers need no escaping.
func EscapeCell(s string) string {
	var b strings.Builder
	body := strings.Join(strings.Fields(s), " ")
	// Keep one blank at either end: the value may follow or precede text
	// in the same cell, as in "channels{{ $x }}".
	if body != "" && strings.TrimLeft(s, " \t\n") != s {
		b.WriteByte(' ')
	}
	EscapeInline(&b, body)
	if body != "" && strings.TrimRight(s, " \t\n") != s {
		b.WriteByte(' ')
	}
	return b.String()
}

// EscapeLineStart escapes a block marker at the start of line (heading,
// quote, list item, setext underline, thematic break) and removes it from
// line.
func EscapeLineStart(b *strings.Builder, line *string) {
	s := *line
	if s == "" {
		return
	}
	followedByBlank := func(i int) bool { return i >= len(s) || s[i] == ' ' || s[i] == '\t' }
	// Any of these can start a heading, quote, list item, setext underline,
	// thematic break or table delimiter row; the backslash costs nothing.
	if strings.IndexByte("#>-+=:", s[0]) >= 0 {
		b.WriteByte('\\')
		b.WriteByte(s[0])
		*line = s[1:]
		return
	}
	// An ordered list marker: up to nine digits, "." or ")", then a blank.
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && followedByBlank(i+1) {
		b.WriteString(s[:i])
		b.WriteByte('\\')
		b.WriteByte(s[i])
		*line = s[i+1:]
		return
	}
	// A list marker of letters or roman numerals: "a. ", "iv) ", "(b) ".
	// Escaping any run of letters is harmless and simpler than telling
	// roman numerals apart.
	open := s[0] == '('
	j := 0
	if open {
		j = 1
	}
	k := j
	for k < len(s) && k-j < 12 && (s[k]|0x20 >= 'a' && s[k]|0x20 <= 'z') {
		k++
	}
	if k == j || k >= len(s) || !followedByBlank(k+1) {
		return
	}
	switch {
	case open && s[k] == ')':
		b.WriteString("\\(")
		*line = s[1:]
	case !open && (s[k] == '.' || s[k] == ')'):
		b.WriteString(s[:k])
		b.WriteByte('\\')
		b.WriteByte(s[k])
		*line = s[k+1:]
	}
}

// EscapeInline escapes s so that no character starts inline markup. URLs and
// e-mail addresses become CommonMark autolinks, whose content is never parsed
// as markup; escaping inside them would cut the link short.
func EscapeInline(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		if i == 0 || s[i-1] == ' ' || s[i-1] == '\n' {
			if n := linkToken(s[i:]); n > 0 {
				b.WriteByte('<')
				b.WriteString(s[i : i+n])
				b.WriteByte('>')
				i += n
				continue
			}
		}
		switch c := s[i]; c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '!':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
		i++
	}
}

// emailAddr is a conservative e-mail address: stricter than CommonMark's
// autolink rule, so that no parser reads "<...>" as raw HTML instead.
var emailAddr = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9._%+-]*@[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*\.[a-zA-Z]{2,}$`)

// linkToken returns the length of the URL or e-mail address that starts s,
// without trailing punctuation, or 0. It never spans blanks, angle brackets
// or pipes, so it cannot leave an autolink or break a table row.
func linkToken(s string) int {
	// Most words are neither URLs nor addresses: decide that cheaply.
	if len(s) < 6 {
		return 0
	}
	switch s[0] | 0x20 {
	case 'h', 'm':
	default:
		if !strings.ContainsRune(s[:min(len(s), 320)], '@') {
			return 0
		}
	}
	end := strings.IndexAny(s, " \n<>|\\`")
	if end < 0 {
		end = len(s)
	}
	tok := strings.TrimRight(s[:end], ".,;:!?'\"*_~)")
	if strings.IndexFunc(tok, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		return 0 // autolinks cannot hold control characters
	}
	lower := strings.ToLower(tok[:min(len(tok), 8)])
	switch {
	case strings.HasPrefix(lower, "https://") && len(tok) > len("https://"),
		strings.HasPrefix(lower, "http://") && len(tok) > len("http://"),
		strings.HasPrefix(lower, "mailto:") && len(tok) > len("mailto:"):
		return len(tok)
	case strings.IndexByte(tok, '@') > 0 && emailAddr.MatchString(tok):
		return len(tok)
	}
	return 0
}
