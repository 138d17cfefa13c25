package engine

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/pdf"
)

// PackPDF is the combined pack's path in the output directory.
const PackPDF = "pdf/isms-pack.pdf"

// emitPDF renders each document's PDF and the combined pack. With a cache,
// a document is laid out again only when it or the pack's running heads
// changed, and painted again only when its layout or the headings it links
// to changed; the combined pack is always painted, from the layouts.
func (p *Project) emitPDF(ctx context.Context, r *Rendered, images map[string][]byte, cache *Cache) (commit func(), err error) {
	pk := r.Pack
	if pk.Logo != nil {
		if err := pdf.CheckImage(pk.Logo); err != nil {
			return nil, p.Facts.Errorf("organization.logo", "use a PNG or JPEG logo", "logo %q: %v", p.Facts.Organization.Logo, err)
		}
	}
	opts := pdf.Options{
		Style: p.Theme.PDF, Fonts: p.Theme.pdfFonts(), PageSize: p.Facts.Output.PageSize, Creator: Generator,
		Lang: p.Facts.Output.Language,
		Image: func(dest string) ([]byte, error) {
			if b, ok := images[dest]; ok {
				return b, nil
			}
			return nil, fmt.Errorf("not found in the project")
		},
	}
	env := newHasher().add("pdf-env", fmt.Sprintf("%+v", opts.Style), p.Facts.Output.PageSize, Generator, opts.Lang)
	for _, f := range [][]byte{opts.Fonts.Regular, opts.Fonts.Bold, opts.Fonts.Italic, opts.Fonts.BoldItalic, opts.Fonts.Mono, opts.Fonts.Symbol} {
		env.add("font", f)
	}
	for _, dest := range slices.Sorted(maps.Keys(images)) {
		env.add("image", dest, images[dest])
	}
	// The renderer depends on nothing else, so watch mode keeps it, with
	// its parsed fonts and the pack's cover and contents as last painted.
	// A kept renderer reads images from an earlier build's map, which the
	// key proves to hold the same bytes.
	rndKey := env.sum()
	var rnd *pdf.Renderer
	if cache != nil && cache.pdfKey == rndKey {
		rnd = cache.pdf
	} else if rnd, err = pdf.NewRenderer(opts); err != nil {
		return nil, err
	}
	envKey := env.add("pack", pk.Org, pk.Classification).sum()

	n := len(pk.Docs)
	layouts := make([]*pdf.Layout, n)
	pdfs := make([][]byte, n)
	lkeys := make([]string, n)
	pkeys := make([]string, n)
	headings := headingSets(pk)
	// Each document is laid out and painted in one go, so that no core
	// waits for the slowest layout before painting starts.
	err = parallel(ctx, n, docsBySize(pk), func(i int) error {
		d := pk.Docs[i]
		c := cacheEntry(cache, d.ID)
		var err error
		lkeys[i] = newHasher().add("layout", docKey(d), envKey).sum()
		if c != nil && c.layoutKey == lkeys[i] {
			layouts[i] = c.layout
		} else if layouts[i], err = rnd.Layout(d, pk); err != nil {
			return err
		}
		h := newHasher().add("pdf", lkeys[i], pk.Date)
		for _, id := range layouts[i].LinkedDocs() {
			h.add("links-to", id, headings[id])
		}
		pkeys[i] = h.sum()
		if c != nil && c.pdfKey == pkeys[i] {
			pdfs[i] = c.pdf
			return nil
		}
		pdfs[i], err = rnd.Document(layouts[i], d, pk)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The generated pages (mappings, open actions) follow the documents in
	// the combined pack.
	packPk := pk
	packLayouts, packPDFs := layouts, pdfs
	gen := pk.Generated()
	mapPDFs := make([][]byte, len(gen))
	if len(gen) > 0 {
		cp := *pk
		cp.Docs = append(slices.Clone(pk.Docs), gen...)
		packPk = &cp
		packLayouts, packPDFs = slices.Clone(layouts), slices.Clone(pdfs)
		for i, d := range gen {
			l, err := rnd.Layout(d, packPk)
			if err != nil {
				return nil, err
			}
			if mapPDFs[i], err = rnd.Document(l, d, packPk); err != nil {
				return nil, err
			}
			packLayouts, packPDFs = append(packLayouts, l), append(packPDFs, mapPDFs[i])
		}
	}
	packPDF, err := rnd.Pack(packPk, packLayouts, packPDFs)
	if err != nil {
		return nil, err
	}
	return func() {
		if cache != nil {
			cache.pdfKey, cache.pdf = rndKey, rnd
		}
		for i, d := range pk.Docs {
			r.Files.Add("pdf/"+d.ID+".pdf", pdfs[i])
			if c := cacheEntry(cache, d.ID); c == nil || c.pdfKey != pkeys[i] {
				r.markRerendered(d.ID)
			}
			if cache != nil {
				c := cache.entry(d.ID)
				c.layoutKey, c.layout, c.pdfKey, c.pdf = lkeys[i], layouts[i], pkeys[i], pdfs[i]
			}
		}
		for i, d := range gen {
			r.Files.Add("pdf/"+d.ID+".pdf", mapPDFs[i])
		}
		r.Files.Add(PackPDF, packPDF)
	}, nil
}

func cacheEntry(c *Cache, id string) *cachedDoc {
	if c == nil {
		return nil
	}
	return c.docs[id]
}

// headingSets lists each document's heading IDs, which decide where links
// into it point.
func headingSets(pk *document.Pack) map[string]string {
	out := map[string]string{}
	for _, d := range pk.Docs {
		h := newHasher()
		for _, hd := range d.MD.Headings {
			h.add("h", hd.ID)
		}
		out[d.ID] = h.sum()
	}
	return out
}
