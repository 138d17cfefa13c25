// Package diag holds diagnostics about user input: a message tied to a file,
// line and column, the offending source line with a caret, and a hint that
// says how to fix it. Every stage that reads user files reports through it, so
// a YAML typo, a template error and a failed check all look the same.
package diag

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Severity ranks a diagnostic.
type Severity string

// Severities, from most to least serious.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Pos is a position in a user file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one finding about user input. It implements error.
type Diagnostic struct {
	Pos      Pos      `json:"pos"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
	// Code is a stable identifier of the kind of finding, for tooling.
	Code string `json:"code,omitempty"`
	// Excerpt holds up to two lines before and after the offending one.
	Excerpt *Excerpt `json:"excerpt,omitempty"`
}

// Excerpt is the source around a diagnostic.
type Excerpt struct {
	FirstLine int      `json:"first_line"`
	Lines     []string `json:"lines"`
}

// Errorf builds an error diagnostic at pos.
func Errorf(pos Pos, hint, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...), Hint: hint}
}

// Warnf builds a warning diagnostic at pos.
func Warnf(pos Pos, hint, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...), Hint: hint}
}

// WithSource attaches the lines around the diagnostic's position, taken from
// src, the full content of the file it points into. It returns d.
func (d *Diagnostic) WithSource(src []byte) *Diagnostic {
	if d.Pos.Line <= 0 || src == nil {
		return d
	}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	if d.Pos.Line > len(lines) {
		return d
	}
	first := max(d.Pos.Line-2, 1)
	last := min(d.Pos.Line+2, len(lines))
	d.Excerpt = &Excerpt{FirstLine: first, Lines: append([]string(nil), lines[first-1:last]...)}
	return d
}

// WithCode sets the diagnostic's code and returns d.
func (d *Diagnostic) WithCode(code string) *Diagnostic {
	d.Code = code
	return d
}

// Error renders the diagnostic in the form every ismsforge command prints:
//
//	isms.yaml:12:3: error: unknown key "employes" in organization
//	   11 |   industry: SaaS
//	   12 |   employes: 120
//	      |   ^
//	   13 |   country: US
//	  hint: did you mean "employees"?
func (d *Diagnostic) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s: %s", d.Pos, d.Severity, d.Message)
	if ex := d.Excerpt; ex != nil {
		width := len(fmt.Sprint(ex.FirstLine + len(ex.Lines) - 1))
		for i, line := range ex.Lines {
			n := ex.FirstLine + i
			fmt.Fprintf(&b, "\n  %*d | %s", width, n, ExpandTabs(line))
			if n == d.Pos.Line && d.Pos.Col > 0 {
				fmt.Fprintf(&b, "\n  %*s | %s^", width, "", CaretPad(line, d.Pos.Col))
			}
		}
	}
	if d.Hint != "" {
		fmt.Fprintf(&b, "\n  hint: %s", d.Hint)
	}
	return b.String()
}

// ExpandTabs replaces tabs by four blanks, the width CaretPad counts them
// as, so that a caret lands under the right character.
func ExpandTabs(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

// CaretPad returns the blanks that put a caret under column col (1-based,
// counted in runes) of line, once tabs are expanded with ExpandTabs.
func CaretPad(line string, col int) string {
	var b strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		if r == '\t' {
			b.WriteString("    ")
		} else {
			b.WriteByte(' ')
		}
		i++
	}
	for ; i < col; i++ {
		b.WriteByte(' ')
	}
	return b.String()
}

// List is an ordered set of diagnostics. A List with at least one error is
// itself an error; see Err.
type List []*Diagnostic

// Add appends diagnostics, skipping nil.
func (l *List) Add(ds ...*Diagnostic) {
	for _, d := range ds {
		if d != nil {
			*l = append(*l, d)
		}
	}
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the error diagnostics.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders diagnostics by file, line and column, keeping the order of
// diagnostics at the same position.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Compact drops repeats: a mistake in a partial that every document uses is
// reported once, not once per document. It keeps the first of each
// position, severity and message, in order.
func (l List) Compact() List {
	type key struct {
		pos Pos
		sev Severity
		msg string
	}
	seen := map[key]bool{}
	out := l[:0:0]
	for _, d := range l {
		k := key{d.Pos, d.Severity, d.Message}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

// Err returns the list as an error when it holds at least one error, or nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

func (l List) Error() string {
	parts := make([]string, len(l))
	for i, d := range l {
		parts[i] = d.Error()
	}
	return strings.Join(parts, "\n")
}

// Unwrap exposes the individual diagnostics to errors.Is and errors.As.
func (l List) Unwrap() []error {
	out := make([]error, len(l))
	for i, d := range l {
		out[i] = d
	}
	return out
}

// IsUserError reports whether err was caused by user input, that is, whether
// it is or wraps a Diagnostic. Commands use it to pick exit code 1 over 2.
func IsUserError(err error) bool {
	var d *Diagnostic
	return errors.As(err, &d)
}

// Suggest returns the candidate closest to word when it is close enough to be
// a likely typo, or "".
func Suggest(word string, candidates []string) string {
	best, bestDist := "", -1
	lw := strings.ToLower(word)
	for _, c := range candidates {
		d := levenshtein(lw, strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := max(2, len(word)/3)
	if bestDist < 0 || bestDist > limit {
		return ""
	}
	return best
}

// DidYouMean formats a hint from Suggest, or returns fallback when nothing is
// close.
func DidYouMean(word string, candidates []string, fallback string) string {
	if s := Suggest(word, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return fallback
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Collect adds err to the list when it is a diagnostic or a list of them and
// returns nil; any other error is returned unchanged for the caller to treat
// as an internal failure.
func (l *List) Collect(err error) error {
	var d *Diagnostic
	var dl List
	switch {
	case err == nil:
		return nil
	case errors.As(err, &dl):
		l.Add(dl...)
		return nil
	case errors.As(err, &d):
		l.Add(d)
		return nil
	}
	return err
}

// Short renders the diagnostic as one line plus its hint, without the
// source excerpt: the form `ismsforge check` prints.
func (d *Diagnostic) Short() string {
	s := fmt.Sprintf("%s: %s: %s", d.Pos, d.Severity, d.Message)
	if d.Hint != "" {
		s += "\n  hint: " + d.Hint
	}
	return s
}

// YAMLLine splits a yaml.v3 error into the 1-based line it is about (0
// when it names none) and the message without "yaml: line N:", so that a
// diagnostic states one line number, its own.
func YAMLLine(err error) (line int, msg string) {
	s := err.Error()
	m := yamlLine.FindStringSubmatch(s)
	if m == nil {
		return 0, strings.TrimPrefix(s, "yaml: ")
	}
	line, _ = strconv.Atoi(m[1])
	msg = m[2]
	if line > 0 && slices.Contains(parserProblems, msg) {
		line++
	}
	return line, msg
}
