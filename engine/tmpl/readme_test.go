package tmpl

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestREADMEAgreesWithTheFunctionMap reads the README's rule on hermetic
// templates: every function it says fails must be blocked, and every one it
// says is allowed must be callable. The README once said hashing was
// blocked while sha256sum worked.
func TestREADMEAgreesWithTheFunctionMap(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "- **Templates are hermetic.**")
	if i < 0 {
		t.Fatal("the README has no rule on hermetic templates")
	}
	rule := s[i:]
	rule = rule[:strings.Index(rule, "\n- **")]
	blockedPart, allowedPart, ok := strings.Cut(rule, "They\n  fail even in a branch")
	if !ok {
		blockedPart, allowedPart, ok = strings.Cut(rule, "They fail even")
	}
	if !ok {
		t.Fatalf("cannot split the rule:\n%s", rule)
	}
	name := regexp.MustCompile("`([a-zA-Z0-9]+)`")
	base := baseFuncs(newRegexCache())
	for _, m := range name.FindAllStringSubmatch(blockedPart, -1) {
		if _, ok := blocked[m[1]]; !ok {
			t.Errorf("the README says %s fails, but it is not blocked", m[1])
		}
	}
	allowed := name.FindAllStringSubmatch(allowedPart, -1)
	if len(allowed) == 0 {
		t.Error("the README names no allowed function")
	}
	for _, m := range allowed {
		if _, ok := blocked[m[1]]; ok {
			t.Errorf("the README says %s is allowed, but it is blocked", m[1])
		}
		if _, ok := base[m[1]]; !ok {
			t.Errorf("the README says %s is allowed, but templates do not have it", m[1])
		}
	}
	if got, err := render(t, `{{ sha256sum "x" }}`); err != nil || len(got) != 64 {
		t.Errorf("sha256sum: %q, %v", got, err)
	}
}

// TestSafetyPromisesNameRealTests reads the README's table of safety
// promises and SECURITY.md's threat model: every test and every case they
// name must exist, so that a promise never points at a test that is gone.
func TestSafetyPromisesNameRealTests(t *testing.T) {
	var code strings.Builder
	cases := map[string]bool{}
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir() && (d.Name() == ".git" || d.Name() == "out"):
			return fs.SkipDir
		case strings.HasSuffix(p, "_test.go"):
			b, err := os.ReadFile(p)
			code.Write(b)
			return err
		case strings.HasSuffix(p, ".txtar"):
			cases[filepath.Base(p)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile("`((?:Test|Fuzz)[A-Za-z0-9]+)`")
	txtars := regexp.MustCompile("`([a-z0-9-]+\\.txtar)`")
	for _, doc := range []string{"../../README.md", "../../SECURITY.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if doc == "../../README.md" {
			i := strings.Index(s, "### Safety promises")
			if i < 0 {
				t.Fatal("the README has no table of safety promises")
			}
			s = s[i:]
		}
		found := 0
		for _, m := range names.FindAllStringSubmatch(s, -1) {
			found++
			if !strings.Contains(code.String(), "func "+m[1]+"(") {
				t.Errorf("%s names %s, which no test defines", doc, m[1])
			}
		}
		for _, m := range txtars.FindAllStringSubmatch(s, -1) {
			if !cases[m[1]] {
				t.Errorf("%s names %s, which no test case is", doc, m[1])
			}
		}
		if found < 10 {
			t.Errorf("%s names only %d tests", doc, found)
		}
	}
}
