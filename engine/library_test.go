package engine_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine"
	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// requiredItems is the documented information ISO/IEC 27001:2022 requires,
// written out here rather than taken from the catalog, so that a gap in
// either the catalog or the library fails the test.
var requiredItems = []string{
	"4.3", "5.2", "6.1.2", "6.1.3", "6.1.3 d", "6.1.3 e", "6.2", "7.2", "7.5",
	"8.1", "8.2", "8.3", "9.1", "9.2", "9.3", "10.2",
}

// TestLibraryCoversEveryControlAndItem reads the built-in library's front
// matter: every Annex A control must be implemented by a document, and
// every required item of documented information produced by one.
func TestLibraryCoversEveryControlAndItem(t *testing.T) {
	p, err := engine.Load("../examples/acme-saas", engine.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	controls := map[string][]string{}
	var refs []string
	for _, d := range p.Lib.Docs {
		if d.File.Layer != "builtin" {
			t.Fatalf("%s is not a built-in template; the example must not override the library", d.File.Display)
		}
		for _, c := range d.Meta.Controls {
			controls[c] = append(controls[c], d.Meta.ID)
		}
		refs = append(refs, d.Meta.Clauses...)
	}
	all := p.Cat.Controls()
	if len(all) != 93 {
		t.Fatalf("the catalog has %d controls, want 93", len(all))
	}
	for _, c := range all {
		if len(controls[c.ID]) == 0 {
			t.Errorf("no built-in document implements %s %s", c.ID, c.Title)
		}
	}
	for _, it := range requiredItems {
		if !slices.ContainsFunc(refs, func(r string) bool { return r == it || strings.HasPrefix(r, it+".") }) {
			t.Errorf("no built-in document names %s in its clauses", it)
		}
	}
	// The policies, procedures, plans and registers of a real ISMS number
	// about 35 to 45; the records that evidence them (audit reports, review
	// minutes, the business impact analysis) come on top, one for each
	// clause or control family that asks for one.
	rules, records := 0, 0
	for _, d := range p.Lib.Docs {
		if d.Meta.Kind == "record" {
			records++
		} else {
			rules++
		}
	}
	if rules < 35 || rules > 45 {
		t.Errorf("the library has %d policies, procedures, plans and registers; a real ISMS has about 35 to 45", rules)
	}
	if records > 15 {
		t.Errorf("the library has %d records; more than 15 forms would bury the rules they evidence", records)
	}
}

// TestExamplesPassStrictCheck runs the check on every example with
// warnings as errors: each example's pack is complete for its own SoA.
func TestExamplesPassStrictCheck(t *testing.T) {
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			findings, err := engine.Check(context.Background(), dir, engine.LoadOptions{}, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) != 0 {
				t.Errorf("findings:\n%v", findings)
			}
		})
	}
}

// blanks are what a template leaves behind when a fact is missing or a
// document was never finished.
var blanks = regexp.MustCompile(`<no value>|<nil>|\bTBD\b|\bTODO\b|\bFIXME\b|\bXXX\b|(?i:lorem)|\{\{|\}\}|\[(?:Company|Organi[sz]ation|Insert|Name|Date|Owner)\b|%!|map\[|(?i:\binsert [a-z ]{1,30} here\b)|(?i:to be (?:determined|confirmed|defined))`)

// tableRule is the delimiter row of a Markdown table.
var tableRule = regexp.MustCompile(`(?m)^\|[ :|-]+\|$`)

// emptyList is a Go list printed into text; JSON files may hold [] legitimately.
var emptyList = regexp.MustCompile(`\[\]`)

// TestExamplesReadAsRealDocuments builds every example and reads it as an
// auditor would skim it: no blanks anywhere in the output, a pack of more
// than 25,000 words, no policy under 400 words, and registers that are
// tables.
func TestExamplesReadAsRealDocuments(t *testing.T) {
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := build(t, dir, true)
			n := 0
			err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				ext := filepath.Ext(p)
				if ext != ".md" && ext != ".html" && ext != ".csv" && ext != ".json" {
					return nil
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				n++
				rel, _ := filepath.Rel(out, p)
				for _, loc := range blanks.FindAllIndex(b, -1) {
					t.Errorf("%s: blank %q in %q", rel, b[loc[0]:loc[1]], around(b, loc))
				}
				if ext != ".json" {
					for _, loc := range emptyList.FindAllIndex(b, -1) {
						t.Errorf("%s: an empty list printed as text in %q", rel, around(b, loc))
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if n < 90 {
				t.Fatalf("only %d files scanned", n)
			}

			mds, _ := filepath.Glob(filepath.Join(out, "md", "*.md"))
			total := 0
			for _, md := range mds {
				b, _ := os.ReadFile(md)
				kind, body := mdKindAndBody(b)
				words := len(strings.Fields(body))
				total += words
				id := strings.TrimSuffix(filepath.Base(md), ".md")
				if kind == "policy" && words < 400 {
					t.Errorf("policy %s has %d words; a real policy has at least about 400", id, words)
				}
				if kind == "register" && !tableRule.MatchString(body) {
					t.Errorf("register %s has no table", id)
				}
			}
			if total < 25000 {
				t.Errorf("the pack has %d words; want over 25,000", total)
			}
		})
	}
}

// mdKindAndBody splits OUT/md/<id>.md into its kind and its text.
func mdKindAndBody(b []byte) (kind, body string) {
	s := string(b)
	parts := strings.SplitN(s, "---\n", 3)
	if len(parts) < 3 {
		return "", s
	}
	for _, l := range strings.Split(parts[1], "\n") {
		if v, ok := strings.CutPrefix(l, "kind: "); ok {
			kind = strings.TrimSpace(v)
		}
	}
	return kind, parts[2]
}

func around(b []byte, loc []int) string {
	from, to := max(0, loc[0]-40), min(len(b), loc[1]+40)
	return string(b[from:to])
}

// TestRenamedOrganizationReachesEveryDocument renames the organization of
// every example wherever its facts say it, builds, and looks for the new
// name in every document and the old one nowhere: no template may spell the
// organization itself.
func TestRenamedOrganizationReachesEveryDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every example")
	}
	const newName = "Zephyrine"
	for _, dir := range examples(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			f, err := facts.Load(dir, catalog.Default())
			if err != nil {
				t.Fatal(err)
			}
			old := f.Organization.ShortName
			if old == "" || !strings.Contains(f.Organization.Name, old) {
				t.Fatalf("example without a short name that its name contains: %q, %q", f.Organization.Name, old)
			}
			src, _ := os.ReadFile(filepath.Join(dir, facts.FileName))
			renamed := strings.NewReplacer(old, newName, strings.ToLower(old), strings.ToLower(newName), strings.ToUpper(old), strings.ToUpper(newName)).Replace(string(src))
			work := t.TempDir()
			writeFile(t, filepath.Join(work, facts.FileName), []byte(renamed))
			out := build(t, work, true)

			mds, _ := filepath.Glob(filepath.Join(out, "md", "*.md"))
			if len(mds) < 30 {
				t.Fatalf("only %d documents", len(mds))
			}
			oldRe := regexp.MustCompile(`(?i)` + regexp.QuoteMeta(old))
			err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || filepath.Ext(p) == ".pdf" {
					return err
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(out, p)
				if loc := oldRe.FindIndex(b); loc != nil {
					t.Errorf("%s still names %s: %q", rel, old, around(b, loc))
				}
				if filepath.Ext(p) == ".md" && !bytes.Contains(b, []byte(newName)) {
					t.Errorf("%s does not name %s", rel, newName)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
