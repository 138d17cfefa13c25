package html

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/markdown"
)

var update = flag.Bool("update", false, "rewrite the HTML golden files")

// TestDialectGolden renders the Markdown extensions of ismsforge's own
// (lists numbered with letters or roman numerals, grid tables, page
// breaks) and compares the HTML with golden copies.
func TestDialectGolden(t *testing.T) {
	inputs, _ := filepath.Glob("../markdown/testdata/dialect/*.md")
	if len(inputs) == 0 {
		t.Fatal("no dialect fixtures")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := renderBody(markdown.NewParser(markdown.Options{}).Parse(src), false, "")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name+".html")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./engine/html -run TestDialectGolden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s differs from %s (run with -update if the change is intended):\n%s", name, golden, got)
			}
		})
	}
}

// TestDialectHTML states what the golden files are meant to protect.
func TestDialectHTML(t *testing.T) {
	for _, c := range []struct{ md, want string }{
		{"a. one\na. two\n", `<ol type="a">`},
		{"d. four\ne. five\n", `<ol type="a" start="4">`},
		{"(iv) four\n(v) five\n", `<ol type="i" start="4" class="paren">`},
		{"A)  one\n", `<ol type="A" class="rparen">`},
		{"x\n\n\\pagebreak\n\ny\n", `<div class="page-break"></div>`},
		{"+---+---+\n| a | b |\n+---+---+\n", "<table>\n<tbody>\n<tr>\n<td>a</td>"},
		{"+---+---+\n| a | b |\n+===+===+\n| c | d |\n+---+---+\n", "<thead>\n<tr>\n<th>a</th>"},
		{"Write to <insert email address here>.\n", "Write to &lt;insert email address here&gt;."},
		{"<insert name here>\n", "<p>&lt;insert name here&gt;</p>"},
	} {
		got, err := renderBody(markdown.NewParser(markdown.Options{}).Parse([]byte(c.md)), false, "")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(got, []byte(c.want)) {
			t.Errorf("%q renders as\n%s\nwant it to contain %s", c.md, got, c.want)
		}
	}
}
