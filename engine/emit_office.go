package engine

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/ismsforge/ismsforge/engine/docx"
	"github.com/ismsforge/ismsforge/engine/html"
)

// emitDOCX writes OUT/docx/<id>.docx for every document. With a cache, a
// document is written again only when it or what its running heads show
// (organization, classification, date, logo) changed: links to other
// documents name their files and headings, so they need no look-up.
func (p *Project) emitDOCX(ctx context.Context, r *Rendered, images map[string][]byte, cache *Cache) (commit func(), err error) {
	pk := r.Pack
	opts := docx.Options{
		Generator: Generator, PageSize: p.Facts.Output.PageSize,
		Image: func(dest string) ([]byte, error) {
			if b, ok := images[dest]; ok {
				return b, nil
			}
			return nil, fmt.Errorf("not found in the project")
		},
	}
	env := newHasher().add("docx-env", Generator, p.Facts.Output.PageSize, pk.Org, pk.Classification, pk.Date, pk.DateLayout, pk.Logo)
	// In a fixed order: a key that changed with map iteration would miss
	// the cache on every rebuild.
	for _, dest := range slices.Sorted(maps.Keys(images)) {
		env.add("image", dest, images[dest])
	}
	envKey := env.sum()
	n := len(pk.Docs)
	files := make([][]byte, n)
	keys := make([]string, n)
	for i, d := range pk.Docs {
		keys[i] = newHasher().add("docx", docKey(d), envKey).sum()
		if c := cacheEntry(cache, d.ID); c != nil && c.docxKey == keys[i] {
			files[i] = c.docx
		}
	}
	if err := parallel(ctx, n, docsBySize(pk), func(i int) error {
		if files[i] != nil {
			return nil
		}
		b, err := docx.Document(pk.Docs[i], pk, opts)
		files[i] = b
		return err
	}); err != nil {
		return nil, err
	}
	// The generated pages (mappings, open actions) are small and made on
	// every build, like their HTML and PDF.
	gen := pk.Generated()
	genFiles := make([][]byte, len(gen))
	for i, d := range gen {
		if genFiles[i], err = docx.Document(d, pk, opts); err != nil {
			return nil, err
		}
	}
	return func() {
		for i, d := range gen {
			r.Files.Add("docx/"+d.ID+".docx", genFiles[i])
		}
		for i, d := range pk.Docs {
			r.Files.Add("docx/"+d.ID+".docx", files[i])
			if cache != nil {
				c := cache.entry(d.ID)
				c.docxKey, c.docx = keys[i], files[i]
			}
		}
	}, nil
}

// emitOffice makes the Word files and the registers' spreadsheets; its
// commit adds both.
func (p *Project) emitOffice(ctx context.Context, r *Rendered, images map[string][]byte, cache *Cache) (func(), error) {
	docxCommit, err := p.emitDOCX(ctx, r, images, cache)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	books, err := p.emitXLSX(r)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return func() {
		docxCommit()
		for name, b := range books {
			r.Files.Add(name, b)
		}
	}, nil
}

// registerLinks are the spreadsheets the home page links to.
func registerLinks() []html.Link {
	var out []html.Link
	for _, r := range registers {
		out = append(out, html.Link{Label: r.title, Href: "../xlsx/" + r.file})
	}
	return out
}
