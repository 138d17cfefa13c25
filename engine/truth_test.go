package engine_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The tests in this file read the example packs the way issue 12's stage 1
// auditor did, and fail on each class of finding that review made: a fact
// pasted into the middle of a sentence, a sector's phrases leaking into
// another sector's pack, counts that do not add up, documents that disagree
// with each other about the same fact.

// marker replaces a free-text fact in TestFreeTextFactsStandAlone: two
// sentences, so that pasting it into the middle of a sentence shows.
const marker = "Zqx tool text. It ends here."

// TestFreeTextFactsStandAlone replaces every free-text technology fact of
// each example with a two-sentence marker and checks that wherever a
// document prints one, it stands as its own sentence, list item or table
// cell: never inside parentheses or in the middle of a sentence, where a
// fact written as a sentence breaks the grammar.
func TestFreeTextFactsStandAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every example")
	}
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, "isms.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			var doc yaml.Node
			if err := yaml.Unmarshal(src, &doc); err != nil {
				t.Fatal(err)
			}
			replaced := 0
			walkKey(&doc, "technology", func(tech *yaml.Node) {
				for i := 0; i+1 < len(tech.Content); i += 2 {
					k, v := tech.Content[i], tech.Content[i+1]
					if v.Kind == yaml.ScalarNode && v.Tag == "!!str" && k.Value != "screen_lock" {
						v.Value, v.Style = marker, 0
						replaced++
					}
				}
			})
			if replaced < 5 {
				t.Fatalf("only %d technology facts replaced", replaced)
			}
			out, err := yaml.Marshal(&doc)
			if err != nil {
				t.Fatal(err)
			}
			work := t.TempDir()
			writeFile(t, filepath.Join(work, "isms.yaml"), out)
			built := build(t, work, true)
			mds, _ := filepath.Glob(filepath.Join(built, "md", "*.md"))
			seen := 0
			for _, md := range mds {
				b, _ := os.ReadFile(md)
				for _, line := range strings.Split(string(b), "\n") {
					for _, loc := range regexp.MustCompile(regexp.QuoteMeta(marker)).FindAllStringIndex(line, -1) {
						seen++
						before, after := strings.TrimRight(line[:loc[0]], " "), line[loc[1]:]
						okBefore := before == "" || standAloneBefore.MatchString(before)
						okAfter := after == "" || strings.HasPrefix(after, " |") || regexp.MustCompile(`^ [A-Z*]`).MatchString(after)
						if !okBefore || !okAfter {
							t.Errorf("%s: a free-text fact is pasted into a sentence: %q", filepath.Base(md), line)
						}
					}
				}
			}
			if seen == 0 {
				t.Fatal("no document prints a technology fact; the test checks nothing")
			}
		})
	}
}

// standAloneBefore matches what may precede a fact that stands alone: the
// start of a list item or a quote, a table cell, a label, or the end of a
// sentence.
var standAloneBefore = regexp.MustCompile(`(^\s*(?:[-*+]|\d+\.|>)$|\|$|[.:]\**$)`)

// walkKey calls fn with the value of every mapping key named key.
func walkKey(n *yaml.Node, key string, fn func(*yaml.Node)) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.MappingNode {
				fn(n.Content[i+1])
			}
		}
	}
	for _, c := range n.Content {
		walkKey(c, key, fn)
	}
}
