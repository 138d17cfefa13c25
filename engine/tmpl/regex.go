package tmpl

import (
	"fmt"
	"regexp"
	"sync"
)

// regexCache compiles each pattern once per library. Sprig's regex
// functions compile their pattern on every call, which made regexp
// compilation a sixth of a build's time once templates matched tool names
// against patterns. The cache is shared by the library's concurrent
// executions, hence the lock; it holds only compiled patterns, so it cannot
// make one document's output depend on another's. Watch mode keeps a
// library's cache while the partials stay the same, and patterns may be
// built from the facts, so it holds at most maxRegexes: when full, it
// starts again.
type regexCache struct {
	mu sync.Mutex
	re map[string]*regexp.Regexp
}

func newRegexCache() *regexCache { return &regexCache{re: map[string]*regexp.Regexp{}} }

func (c *regexCache) get(pattern string) (*regexp.Regexp, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if re, ok := c.re[pattern]; ok {
		return re, nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("invalid regular expression %q: %v", pattern, err)
	}
	if len(c.re) >= maxRegexes {
		clear(c.re)
	}
	c.re[pattern] = re
	return re, nil
}

// maxRegexes bounds a regexCache: far more patterns than a pack's
// templates use, far less memory than a long watch session could pile up.
const maxRegexes = 4096

// funcs returns sprig's regex functions over the cache. Both the plain and
// the must variants report an invalid pattern as an error naming it, where
// sprig's plain variants would silently return false or panic.
func (c *regexCache) funcs() map[string]any {
	match := func(pattern, s string) (bool, error) {
		re, err := c.get(pattern)
		if err != nil {
			return false, err
		}
		return re.MatchString(s), nil
	}
	findAll := func(pattern, s string, n int) ([]string, error) {
		re, err := c.get(pattern)
		if err != nil {
			return nil, err
		}
		return re.FindAllString(s, n), nil
	}
	find := func(pattern, s string) (string, error) {
		re, err := c.get(pattern)
		if err != nil {
			return "", err
		}
		return re.FindString(s), nil
	}
	replace := func(pattern, s, repl string) (string, error) {
		re, err := c.get(pattern)
		if err != nil {
			return "", err
		}
		return re.ReplaceAllString(s, repl), nil
	}
	replaceLiteral := func(pattern, s, repl string) (string, error) {
		re, err := c.get(pattern)
		if err != nil {
			return "", err
		}
		return re.ReplaceAllLiteralString(s, repl), nil
	}
	split := func(pattern, s string, n int) ([]string, error) {
		re, err := c.get(pattern)
		if err != nil {
			return nil, err
		}
		return re.Split(s, n), nil
	}
	return map[string]any{
		"regexMatch": match, "mustRegexMatch": match,
		"regexFindAll": findAll, "mustRegexFindAll": findAll,
		"regexFind": find, "mustRegexFind": find,
		"regexReplaceAll": replace, "mustRegexReplaceAll": replace,
		"regexReplaceAllLiteral": replaceLiteral, "mustRegexReplaceAllLiteral": replaceLiteral,
		"regexSplit": split, "mustRegexSplit": split,
	}
}
