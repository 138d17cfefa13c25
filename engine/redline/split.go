package redline

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitLines cuts a text into lines. "\r\n" counts as "\n" so that a file
// saved on Windows does not show every line as changed. A final line without
// a newline is still a line: the redline is about what the text says, and a
// missing newline at the end says nothing to an auditor.
func splitLines(text []byte) []string {
	s := strings.ReplaceAll(string(text), "\r\n", "\n")
	if s == "" {
		return nil
	}
	s = strings.TrimSuffix(s, "\n")
	return strings.Split(s, "\n")
}

// splitWords cuts a line into words: runs of letters and digits, runs of
// white space, and single other characters. Punctuation stands alone so
// that "1.0" to "1.1" highlights one digit's word, not the whole number.
func splitWords(s string) []string {
	words := make([]string, 0, len(s)/4+1)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		class := wordClass(r)
		j := i + n
		if class != classOther {
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if wordClass(r) != class {
					break
				}
				j += n
			}
		}
		words = append(words, s[i:j])
		i = j
	}
	return words
}

const (
	classOther = iota
	classWord
	classSpace
)

func wordClass(r rune) int {
	if r < utf8.RuneSelf {
		// Most text is ASCII; the unicode tables are the slow path.
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			return classWord
		case r == ' ', '\t' <= r && r <= '\r':
			return classSpace
		}
		return classOther
	}
	switch {
	case r == utf8.RuneError:
		return classOther
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r):
		// Marks keep a decomposed accent with its letter.
		return classWord
	case unicode.IsSpace(r):
		return classSpace
	}
	return classOther
}

// isWord reports whether a token carries meaning, as opposed to white space
// and punctuation that only separate the words.
func isWord(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return wordClass(r) == classWord
}

// interner numbers distinct strings in order of first appearance, so that
// the diff compares integers and its output does not depend on map order.
type interner struct {
	ids map[string]int32
}

func newInterner(hint int) *interner {
	return &interner{ids: make(map[string]int32, hint)}
}

func (in *interner) intern(toks []string) []int32 {
	out := make([]int32, len(toks))
	for i, t := range toks {
		id, ok := in.ids[t]
		if !ok {
			id = int32(len(in.ids))
			in.ids[t] = id
		}
		out[i] = id
	}
	return out
}
