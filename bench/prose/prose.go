// Package prose measures how much of the example packs' prose is the same
// sentence, word for word, in every pack (issue 12): a pack whose sentences
// are the same for a hospital, a defense contractor and a SaaS company says
// little that is true of any of them.
//
// A pack's prose is the text of its rendered Markdown documents, front
// matter removed: paragraphs and list items, split into sentences. Headings,
// table rows and code are left out; they are labels and data rather than
// claims. Before comparing, each organization's names and its people's names
// are replaced by placeholders, so that a sentence that differs only by a
// name counts as shared: the measure is of claims, not of names.
package prose

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Pack is one example's rendered Markdown and the names to neutralise.
type Pack struct {
	Name string
	// Docs are the rendered Markdown files' contents.
	Docs [][]byte
	// Names are the organization's and its people's names, longest first.
	Names []string
}

// Result is the measure for one pack.
type Result struct {
	Pack      string
	Sentences int
	Shared    int
}

// Share is the fraction of the pack's sentences shared with every pack.
func (r Result) Share() float64 {
	if r.Sentences == 0 {
		return 0
	}
	return float64(r.Shared) / float64(r.Sentences)
}

// Measure counts, for each pack, its sentences and those that appear
// verbatim in every pack. Each occurrence counts.
func Measure(packs []Pack) ([]Result, []string) {
	sets := make([]map[string]bool, len(packs))
	all := make([][]string, len(packs))
	for i, p := range packs {
		sets[i] = map[string]bool{}
		for _, d := range p.Docs {
			for _, s := range Sentences(d, p.Names) {
				all[i] = append(all[i], s)
				sets[i][s] = true
			}
		}
	}
	var out []Result
	common := map[string]bool{}
	for i, p := range packs {
		r := Result{Pack: p.Name, Sentences: len(all[i])}
		for _, s := range all[i] {
			in := true
			for j := range packs {
				if !sets[j][s] {
					in = false
					break
				}
			}
			if in {
				r.Shared++
				common[s] = true
			}
		}
		out = append(out, r)
	}
	var shared []string
	for s := range common {
		shared = append(shared, s)
	}
	sort.Strings(shared)
	return out, shared
}

var (
	link     = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	emphasis = regexp.MustCompile(`\*\*|__|\*|\x60`)
	bullet   = regexp.MustCompile(`^\s*(?:[-*+]|\d+\.)\s+`)
	boundary = regexp.MustCompile(`([.!?])\s+([A-Z"(])`)
	space    = regexp.MustCompile(`\s+`)
)

// Sentences returns the prose sentences of one rendered document, with the
// given names replaced by a placeholder.
func Sentences(md []byte, names []string) []string {
	s := string(md)
	if strings.HasPrefix(s, "---\n") {
		if i := strings.Index(s[4:], "\n---\n"); i >= 0 {
			s = s[4+i+5:]
		}
	}
	var blocks []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, " "))
			cur = nil
		}
	}
	inCode := false
	for _, line := range strings.Split(s, "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "```"):
			inCode = !inCode
			flush()
			continue
		case inCode:
			continue
		case t == "", strings.HasPrefix(t, "#"), strings.HasPrefix(t, "|"), strings.HasPrefix(t, "<"):
			flush()
			continue
		case bullet.MatchString(line):
			flush()
			t = bullet.ReplaceAllString(line, "")
		}
		t = strings.TrimPrefix(t, "> ")
		cur = append(cur, t)
	}
	flush()
	var out []string
	for _, b := range blocks {
		b = link.ReplaceAllString(b, "$1")
		b = emphasis.ReplaceAllString(b, "")
		for _, n := range names {
			if n != "" {
				b = strings.ReplaceAll(b, n, "NAME")
			}
		}
		b = boundary.ReplaceAllString(b, "$1\n$2")
		for _, sen := range strings.Split(b, "\n") {
			sen = strings.TrimSpace(space.ReplaceAllString(sen, " "))
			if len(strings.Fields(sen)) >= 3 {
				out = append(out, sen)
			}
		}
	}
	return out
}

// ReadMarkdown reads OUT/md/*.md of a built pack.
func ReadMarkdown(out string) ([][]byte, error) {
	files, err := filepath.Glob(filepath.Join(out, "md", "*.md"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var docs [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		docs = append(docs, b)
	}
	return docs, nil
}

// SortNames orders names longest first, so that "Acme Cloud" is replaced
// before "Acme".
func SortNames(names []string) []string {
	out := slices.Clone(names)
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return slices.Compact(out)
}
