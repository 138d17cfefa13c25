package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/pdf"
	"github.com/ismsforge/ismsforge/engine/tmpl"
)

// Cache carries work from one render to the next, for watch mode. A parsed
// document, an HTML page or a PDF is reused when the hash of everything it
// was made from is unchanged. A Cache belongs to one project and is used by
// one render at a time.
type Cache struct {
	docs map[string]*cachedDoc
	// The facts, parsed from factsSrc, and the template library of the
	// previous load, whose unchanged templates need no parsing.
	factsSrc []byte
	facts    *facts.Facts
	lib      *tmpl.Library
	// outputs are template outputs by the key of everything they were
	// made from (see outputKey).
	outputs map[string]*tmpl.Output
	// used collects the outputs the current render uses.
	used map[string]*tmpl.Output
	// pdf is the PDF renderer, kept while its options, identified by
	// pdfKey, stay the same.
	pdfKey string
	pdf    *pdf.Renderer
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{docs: map[string]*cachedDoc{}, outputs: map[string]*tmpl.Output{}}
}

type cachedDoc struct {
	// mdKey identifies the body and parse options of md.
	mdKey string
	md    *markdown.Doc
	// Emitted outputs, each with the key it was made from.
	htmlKey   string
	html      []byte
	layoutKey string
	layout    *pdf.Layout
	pdfKey    string
	pdf       []byte
	docxKey   string
	docx      []byte
}

func (c *Cache) entry(id string) *cachedDoc {
	if c.docs[id] == nil {
		c.docs[id] = &cachedDoc{}
	}
	return c.docs[id]
}

// clone copies the cache, so that a render that fails can be thrown away
// with everything it cached.
func (c *Cache) clone() *Cache {
	n := NewCache()
	for id, d := range c.docs {
		cp := *d
		n.docs[id] = &cp
	}
	n.factsSrc, n.facts, n.lib = c.factsSrc, c.facts, c.lib
	n.pdfKey, n.pdf = c.pdfKey, c.pdf
	for k, o := range c.outputs {
		n.outputs[k] = o
	}
	return n
}

// prune forgets documents that are no longer in the pack.
func (c *Cache) prune(ids map[string]bool) {
	for id := range c.docs {
		if !ids[id] {
			delete(c.docs, id)
		}
	}
}

// hasher builds cache keys from labelled parts; labels keep "ab"+"c" apart
// from "a"+"bc".
type hasher struct{ h hash.Hash }

func newHasher() *hasher { return &hasher{h: sha256.New()} }

func (h *hasher) add(label string, parts ...any) *hasher {
	fmt.Fprintf(h.h, "%s:%d\n", label, len(parts))
	for _, p := range parts {
		switch v := p.(type) {
		case []byte:
			fmt.Fprintf(h.h, "%d:", len(v))
			h.h.Write(v)
		case string:
			fmt.Fprintf(h.h, "%d:%s", len(v), v)
		default:
			s := fmt.Sprint(v)
			fmt.Fprintf(h.h, "%d:%s", len(s), s)
		}
	}
	return h
}

func (h *hasher) sum() string { return hex.EncodeToString(h.h.Sum(nil)) }

// docKey identifies everything a document's own outputs show: its text and
// its control block.
func docKey(d *document.Document) string {
	h := newHasher().add("doc", d.ID, d.Ref, d.Title, d.Kind, d.MD.Source)
	c := d.Control
	h.add("control", c.Version, c.Status, c.Owner.String(), c.Owner.Email, c.Approver.String(), c.Approver.Email, c.Classification, c.Effective, c.NextReview, c.ReviewMonths)
	for _, r := range d.History {
		h.add("rev", r.Version, r.Date, r.Summary, r.Approver)
	}
	if a := c.Approval; a != nil {
		h.add("approval", a.Version, a.Date, a.Approver.String())
	}
	return h.sum()
}

// packKey identifies what every page shows of the pack: the running heads,
// the navigation and the home page's summary.
func packKey(pk *document.Pack, theme string) string {
	h := newHasher().add("pack", pk.Org, pk.Version, pk.Date, pk.Classification, pk.Scope, pk.Draft, pk.LogoFile, theme)
	if a := pk.Release; a != nil {
		h.add("release", a.Version, a.Date, a.Approver.String(), a.Summary)
	}
	for _, d := range pk.Docs {
		h.add("nav", d.ID, d.Title)
	}
	return h.sum()
}
