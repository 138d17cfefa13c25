package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
)

var (
	tagRe       = regexp.MustCompile(`<(/?)([a-zA-Z0-9]+)[^>]*>|<!--.*?-->`)
	footnoteRef = regexp.MustCompile(`\x{21a9}\x{fe0e}?`)
	// Block elements separate words; inline ones (a, em, code...) do not.
	blockTags = map[string]bool{"p": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true,
		"h4": true, "h5": true, "h6": true, "table": true, "thead": true, "tbody": true, "tr": true, "td": true,
		"th": true, "blockquote": true, "pre": true, "hr": true, "br": true, "div": true, "section": true, "input": true, "img": true}
)

// VisibleWords returns the words a reader of the rendered document sees, in
// reading order: Markdown syntax, tags and footnote back-references removed,
// escapes and entities resolved. Tests compare it with the words of each
// output format, so that no emitter drops or reorders text.
func VisibleWords(src []byte) []string {
	var buf bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(Extensions()...))
	if err := md.Convert(src, &buf); err != nil {
		return nil
	}
	text := tagRe.ReplaceAllStringFunc(buf.String(), func(tag string) string {
		m := tagRe.FindStringSubmatch(tag)
		if m[2] != "" && !blockTags[strings.ToLower(m[2])] {
			return ""
		}
		return " "
	})
	text = footnoteRef.ReplaceAllString(html.UnescapeString(text), " ")
	return strings.Fields(text)
}

// ContainsInOrder reports whether want appears in got as a subsequence:
// every word of want, in order, possibly with other words (headings'
// numbers, running heads, list markers) in between. A word of want may be
// spread over consecutive words of got, as a word broken at the margin is.
// It returns the index in want of the first word not found, or -1.
func ContainsInOrder(got, want []string) int {
	g := 0
	for i, w := range want {
		found := false
		for g < len(got) {
			if got[g] == w {
				g++
				found = true
				break
			}
			// A word broken over lines: join the following pieces.
			if strings.HasPrefix(w, got[g]) && got[g] != "" {
				joined, k := got[g], g+1
				for k < len(got) && len(joined) < len(w) && strings.HasPrefix(w, joined+got[k]) {
					joined += got[k]
					k++
				}
				if joined == w {
					g = k
					found = true
					break
				}
			}
			g++
		}
		if !found {
			return i
		}
	}
	return -1
}
