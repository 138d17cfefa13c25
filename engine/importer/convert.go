package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

var (
	atxHeading = regexp.MustCompile(`^( {0,3})(#{1,6})([ \t]+|$)(.*)$`)
	headAttrs  = regexp.MustCompile(`\s*\{\s*[#.][^}]*\}\s*$`)
	fence      = regexp.MustCompile("^ {0,3}(```|~~~)")
	action     = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
)

// ConvertMarkdown rewrites a pandoc Markdown body into ismsforge's dialect,
// recording each change in the report under where: the first heading is
// dropped when it repeats the title (the layout prints the title); when the
// body uses level-1 headings, every heading moves down one level, since
// the title is the document's only level-1 heading; heading attributes
// ("{#id}") are removed; \clearpage becomes \pagebreak. Letter and roman
// lists, grid tables and \pagebreak need no change.
func ConvertMarkdown(r *Report, where, title, body string) string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	lines := strings.Split(body, "\n")
	code := codeLines(lines)

	// The title, as the first heading.
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if m := atxHeading.FindStringSubmatch(l); m != nil && !code[i] && strings.EqualFold(strings.TrimSpace(headAttrs.ReplaceAllString(m[4], "")), strings.TrimSpace(title)) {
			lines = slices.Delete(lines, i, i+1)
			code = slices.Delete(code, i, i+1)
			for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
				lines = slices.Delete(lines, i, i+1)
				code = slices.Delete(code, i, i+1)
			}
			r.Change(where, "the first heading repeated the title and was removed: the title is printed from the front matter")
		}
		break
	}
	shift := false
	for i, l := range lines {
		if m := atxHeading.FindStringSubmatch(l); m != nil && !code[i] && m[2] == "#" {
			shift = true
			break
		}
	}
	if shift {
		r.Change(where, "every heading moved down one level (# became ##): the title is the document's only level-1 heading")
	}
	for i, l := range lines {
		if code[i] {
			continue
		}
		if m := atxHeading.FindStringSubmatch(l); m != nil {
			level := len(m[2])
			if shift && level < 6 {
				level++
			}
			text := m[4]
			if a := headAttrs.FindString(text); a != "" {
				text = strings.TrimSuffix(text, a)
				r.Change(where, "the heading attribute %q of %q was removed: ismsforge derives a heading's anchor from its text", strings.TrimSpace(a), strings.TrimSpace(text))
			}
			sep := m[3]
			if sep == "" && text != "" {
				sep = " "
			}
			lines[i] = m[1] + strings.Repeat("#", level) + sep + text
			continue
		}
		if strings.TrimSpace(l) == `\clearpage` {
			lines[i] = `\pagebreak`
			r.Change(where, `\clearpage became \pagebreak`)
		}
	}
	return strings.Join(lines, "\n")
}

// codeLines marks the lines inside fenced code blocks.
func codeLines(lines []string) []bool {
	code := make([]bool, len(lines))
	open := ""
	for i, l := range lines {
		if m := fence.FindStringSubmatch(l); m != nil {
			if open == "" {
				open = m[1]
				code[i] = true
				continue
			}
			if m[1] == open {
				open = ""
				code[i] = true
				continue
			}
		}
		code[i] = open != ""
	}
	return code
}

// Analyse parses a converted template body the way the build will and adds
// to the report, at its line, everything `ismsforge check` would warn
// about: placeholders such as "<insert email address here>", raw HTML,
// LaTeX commands and tables that are not tables. bodyLine is the line of
// the template file on which the body starts.
func Analyse(r *Report, where string, bodyLine int, body string) {
	// Template actions become letters of the same length, so that their
	// braces are not read as markup and offsets stay where they were.
	masked := action.ReplaceAllStringFunc(body, func(a string) string {
		return strings.Map(func(c rune) rune {
			if c == '\n' {
				return c
			}
			return 'x'
		}, a)
	})
	d := markdown.NewParser(markdown.Options{}).Parse([]byte(masked))
	for _, n := range d.Notes {
		at := fmt.Sprintf("%s:%d", where, bodyLine+strings.Count(body[:n.Offset], "\n"))
		switch n.Kind {
		case markdown.NoteLiteralTag:
			r.Fills(at, "the placeholder %q: replace it with the fact or the text it stands for", n.Text)
		case markdown.NoteRawHTML:
			r.Fills(at, "raw HTML %q, which the PDF drops: write it in Markdown", n.Text)
		case markdown.NoteHeading1:
			r.Fills(at, "the level-1 heading %q: start sections at ##", strings.TrimSpace(n.Text))
		case markdown.NoteGridTable:
			r.Fills(at, "a grid table that is printed as text (%s): fix its lines", n.Detail)
		default:
			r.Fills(at, "%q is printed as text: remove or rewrite it", n.Text)
		}
	}
}

// FrontMatter is the front matter an import writes for a document.
type FrontMatter struct {
	ID, Title, Kind, Ref string
	Order                int
	Frameworks           map[string][]string
}

// String writes the front matter between its "---" lines. Frameworks come
// in catalog order, then free-form ones by ID.
func (f FrontMatter) String(cat *catalog.Catalog) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "id: %s\ntitle: %s\nkind: %s\n", f.ID, Scalar(f.Title), f.Kind)
	if f.Ref != "" {
		fmt.Fprintf(&b, "ref: %s\n", Scalar(f.Ref))
	}
	fmt.Fprintf(&b, "order: %d\n", f.Order)
	if len(f.Frameworks) > 0 {
		b.WriteString("frameworks:\n")
		for _, fw := range FrameworkOrder(cat, f.Frameworks) {
			ids := make([]string, len(f.Frameworks[fw]))
			for i, id := range f.Frameworks[fw] {
				ids[i] = Scalar(id)
			}
			fmt.Fprintf(&b, "  %s: [%s]\n", fw, strings.Join(ids, ", "))
		}
	}
	b.WriteString("---\n")
	return b.String()
}

// FrameworkOrder returns the framework IDs of m, cataloged ones in catalog
// order, then the others sorted.
func FrameworkOrder[V any](cat *catalog.Catalog, m map[string]V) []string {
	var out, free []string
	for _, id := range cat.FrameworkIDs() {
		if _, ok := m[id]; ok {
			out = append(out, id)
		}
	}
	for id := range m {
		if _, ok := cat.Framework(id); !ok {
			free = append(free, id)
		}
	}
	slices.Sort(free)
	return append(out, free...)
}

// Scalar writes s as a YAML scalar, quoted when YAML needs it.
func Scalar(s string) string {
	b, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(b), "\n")
}
