package redline

import (
	"fmt"
	"strings"
)

// checkDiff verifies that a diff is a faithful edit script: applying it
// gives back both texts, line numbers count up from 1 on each side, and the
// word spans of a changed line spell out that line. It returns the first
// problem found.
func checkDiff(oldText, newText []byte, lines []Line) error {
	var oldLines, newLines []string
	for n, l := range lines {
		switch l.Kind {
		case Equal:
			oldLines, newLines = append(oldLines, l.Text), append(newLines, l.Text)
			if l.Old != len(oldLines) || l.New != len(newLines) {
				return fmt.Errorf("line %d: numbered %d,%d; want %d,%d", n, l.Old, l.New, len(oldLines), len(newLines))
			}
			if l.Words != nil {
				return fmt.Errorf("line %d: equal line has word spans", n)
			}
		case Delete:
			oldLines = append(oldLines, l.Text)
			if l.Old != len(oldLines) || l.New != 0 {
				return fmt.Errorf("line %d: deleted line numbered %d,%d; want %d,0", n, l.Old, l.New, len(oldLines))
			}
		case Insert:
			newLines = append(newLines, l.Text)
			if l.New != len(newLines) || l.Old != 0 {
				return fmt.Errorf("line %d: inserted line numbered %d,%d; want 0,%d", n, l.Old, l.New, len(newLines))
			}
		default:
			return fmt.Errorf("line %d: unknown kind %d", n, l.Kind)
		}
		if err := checkWords(l); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	if got, want := join(oldLines), canonical(oldText); got != want {
		return fmt.Errorf("old side rebuilt as %q; want %q", got, want)
	}
	if got, want := join(newLines), canonical(newText); got != want {
		return fmt.Errorf("new side rebuilt as %q; want %q", got, want)
	}
	return nil
}

func checkWords(l Line) error {
	if l.Words == nil {
		return nil
	}
	var text strings.Builder
	for i, s := range l.Words {
		if s.Kind != Equal && s.Kind != l.Kind {
			return fmt.Errorf("span %d is %v in a %v line", i, s.Kind, l.Kind)
		}
		if s.Text == "" {
			return fmt.Errorf("span %d is empty", i)
		}
		if i > 0 && s.Kind == l.Words[i-1].Kind {
			return fmt.Errorf("spans %d and %d have the same kind and should be one", i-1, i)
		}
		text.WriteString(s.Text)
	}
	if text.String() != l.Text {
		return fmt.Errorf("spans spell %q; the line is %q", text.String(), l.Text)
	}
	return nil
}

// canonical is the text as the diff promises to rebuild it: "\r\n" as
// "\n", and a newline after the last line.
func canonical(text []byte) string {
	s := strings.ReplaceAll(string(text), "\r\n", "\n")
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

func join(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// lcsLen is the textbook dynamic program, to check that the diff is a
// shortest one.
func lcsLen(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// compact writes a diff one line per line: " " equal, "-" deleted, "+"
// inserted, with changed words as [-old-] and {+new+}.
func compact(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(map[Op]string{Equal: " ", Delete: "-", Insert: "+"}[l.Kind])
		if l.Words == nil {
			b.WriteString(l.Text)
		}
		for _, s := range l.Words {
			switch s.Kind {
			case Delete:
				b.WriteString("[-" + s.Text + "-]")
			case Insert:
				b.WriteString("{+" + s.Text + "+}")
			default:
				b.WriteString(s.Text)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
