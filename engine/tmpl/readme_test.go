package tmpl

import (
	"os"
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
