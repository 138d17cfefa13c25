package diag

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner). For these the library reports a 0-based line, the line where the
// unfinished construct began.
var parserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// YAMLSyntax turns a syntax error of yaml.v3 into a diagnostic at the right
// line. text is the YAML that was parsed; it starts on line offset+1 of src,
// the whole file (front matter starts on line 2 of a template). The parser
// gives a line but no column, and for some problems the line of the
// construct they interrupt: a tab is found on its own line, and a quote that
// is never closed where it was opened.
func YAMLSyntax(file string, src, text []byte, offset int, err error) *Diagnostic {
	pos := Pos{File: file}
	hint := "check the indentation (spaces only, no tabs) and that every \"key: value\" has a space after the colon"
	line, msg := YAMLLine(err)
	pos.Line = line
	if strings.Contains(msg, "tab") {
		if l, c, ok := tabPos(text, pos.Line); ok {
			return Errorf(Pos{File: file, Line: l + offset, Col: c}, "YAML does not allow tabs for indentation; use spaces", "invalid YAML: a tab indents this line").WithSource(src).WithCode("yaml-syntax")
		}
	}
	if pos.Line > 0 {
		if l, c, q, ok := openQuote(text, pos.Line); ok {
			return Errorf(Pos{File: file, Line: l + offset, Col: c}, fmt.Sprintf("close the text with a matching %c on this line; to write a %c inside it, double it or use the other quote", q, q), "invalid YAML: the quote opened here is never closed (the parser stopped at line %d: %s)", pos.Line+offset, msg).WithSource(src).WithCode("yaml-syntax")
		}
	}
	switch {
	case strings.Contains(msg, "',' or ']'"):
		hint = "a list opened with [ on this line is not closed with ]"
	case strings.Contains(msg, "',' or '}'"):
		hint = "a mapping opened with { on this line is not closed with }"
	case strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token"):
		hint = "YAML does not allow tabs for indentation; use spaces"
	}
	if pos.Line > 0 {
		lines := strings.Split(string(text), "\n")
		if pos.Line <= len(lines) {
			l := lines[pos.Line-1]
			pos.Col = len(l) - len(strings.TrimLeft(l, " \t")) + 1
		}
	}
	if pos.Line > 0 {
		pos.Line += offset
	}
	return Errorf(pos, hint, "invalid YAML: %s", msg).WithSource(src).WithCode("yaml-syntax")
}

// tabPos finds the tab that a "found a tab character" error is about. The
// parser reports the line of the construct the tab interrupts, which may be
// lines above the tab itself.
func tabPos(src []byte, from int) (line, col int, ok bool) {
	lines := strings.Split(string(src), "\n")
	for i := max(from-1, 0); i < len(lines) && i < from+20; i++ {
		l := lines[i]
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if j := strings.IndexByte(indent, '\t'); j >= 0 {
			return i + 1, utf8.RuneCountInString(l[:j]) + 1, true
		}
	}
	return 0, 0, false
}

// openQuote finds a quoted scalar that is still open at the end of line
// upTo (1-based): the usual cause of a syntax error reported far below the
// quote, at the end of the file or at the next quote. It returns the
// position of the opening quote.
func openQuote(src []byte, upTo int) (line, col int, quote byte, ok bool) {
	var open byte
	var openLine, openCol int
	block := -1 // the indentation of the key that opened a block scalar
	for i, l := range strings.Split(string(src), "\n") {
		if i+1 > upTo {
			break
		}
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if block >= 0 && open == 0 {
			if strings.TrimSpace(l) == "" || indent > block {
				continue // inside a | or > block, quotes are text
			}
			block = -1
		}
		if open == 0 && blockScalar.MatchString(l) {
			block = indent
		}
		prev := byte(0) // last non-blank character outside quotes on this line
		for j := 0; j < len(l); j++ {
			c := l[j]
			if open == '"' {
				if c == '\\' {
					j++
				} else if c == '"' {
					open = 0
					prev = '"'
				}
				continue
			}
			if open == '\'' {
				if c == '\'' {
					if j+1 < len(l) && l[j+1] == '\'' {
						j++
					} else {
						open = 0
						prev = '\''
					}
				}
				continue
			}
			switch {
			case c == '#' && (j == 0 || l[j-1] == ' ' || l[j-1] == '\t'):
				j = len(l) // a comment runs to the end of the line
			case (c == '"' || c == '\'') && (prev == 0 || strings.IndexByte(":-[{,?", prev) >= 0):
				open, openLine, openCol = c, i+1, utf8.RuneCountInString(l[:j])+1
			case c != ' ' && c != '\t':
				prev = c
			}
		}
	}
	if open == 0 {
		return 0, 0, 0, false
	}
	return openLine, openCol, open, true
}

// blockScalar matches a line that opens a literal or folded block scalar.
var blockScalar = regexp.MustCompile(`(^|[:\-]\s)\s*[|>][-+0-9]*\s*(#.*)?$`)
