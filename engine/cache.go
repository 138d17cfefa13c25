package engine

import (
	"github.com/ismsforge/ismsforge/engine/check"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/internal/key"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/tmpl"
)

// Cache carries work from one build to the next, for watch mode: the facts
// and templates of unchanged files, template outputs, parsed documents, and
// what each output format kept of each document (document.Memo), keyed by
// format and document. A Cache belongs to one project and is used by one
// build at a time.
type Cache struct {
	// The facts, parsed from factsSrc, and the template library of the
	// previous load, whose unchanged templates need no parsing.
	factsSrc []byte
	facts    *facts.Facts
	lib      *tmpl.Library
	// outputs are template outputs by the key of everything they were
	// made from (see outputKeys).
	outputs map[string]*tmpl.Output
	// used collects the outputs the current build uses.
	used map[string]*tmpl.Output
	// parsed are the documents' Markdown trees by document ID.
	parsed map[string]parsedDoc
	// formats are the formats' memos: by format, then by document ID; the
	// pack-level memo of a format is under the ID "".
	formats map[string]map[string]*document.Memo
	// checks are the findings of the checks that read one document at a
	// time, by the key of everything they read: a pure function of its
	// key, so every copy of the cache shares it.
	checks *check.Memo
}

// parsedDoc is a parsed body with the key of the body and options it was
// parsed from.
type parsedDoc struct {
	key string
	md  *markdown.Doc
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{outputs: map[string]*tmpl.Output{}, parsed: map[string]parsedDoc{}, formats: map[string]map[string]*document.Memo{}, checks: &check.Memo{}}
}

// memo returns what format kept of a document; nil when nothing.
func (c *Cache) memo(format, id string) *document.Memo {
	if c == nil {
		return nil
	}
	return c.formats[format][id]
}

// keep records what format keeps of a document.
func (c *Cache) keep(format, id string, m *document.Memo) {
	if c.formats[format] == nil {
		c.formats[format] = map[string]*document.Memo{}
	}
	c.formats[format][id] = m
}

// packMemo returns the format's pack-level memo, to update in place.
func (c *Cache) packMemo(format string) *document.Memo {
	m := c.memo(format, "")
	if m == nil {
		m = &document.Memo{}
		c.keep(format, "", m)
	}
	return m
}

// clone copies the cache, so that a build that fails can be thrown away
// with everything it cached.
func (c *Cache) clone() *Cache {
	n := NewCache()
	n.factsSrc, n.facts, n.lib, n.checks = c.factsSrc, c.facts, c.lib, c.checks
	for k, o := range c.outputs {
		n.outputs[k] = o
	}
	for id, p := range c.parsed {
		n.parsed[id] = p
	}
	for f, memos := range c.formats {
		for id, m := range memos {
			cp := *m
			n.keep(f, id, &cp)
		}
	}
	return n
}

// pruneParsed forgets the parsed bodies of documents that are no longer in
// the pack.
func (c *Cache) pruneParsed(ids map[string]bool) {
	for id := range c.parsed {
		if !ids[id] {
			delete(c.parsed, id)
		}
	}
}

// pruneFormats forgets what the formats kept of documents and generated
// pages that are no longer in the pack.
func (c *Cache) pruneFormats(ids map[string]bool) {
	for _, memos := range c.formats {
		for id := range memos {
			if id != "" && !ids[id] {
				delete(memos, id)
			}
		}
	}
}

// newHasher starts a cache key.
func newHasher() *key.Hasher { return key.New() }
