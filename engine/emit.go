package engine

import (
	"context"
	"fmt"
	"path"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/docx"
	"github.com/ismsforge/ismsforge/engine/html"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/md"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/pdf"
	"github.com/ismsforge/ismsforge/engine/registers"
)

// emitters are the output formats of a build: the built-in ones, then the
// caller's. Their order is the order of each document's files in the
// manifest.
func (p *Project) emitters(r *Built, o BuildOptions) []document.Emitter {
	in := registers.Input{Facts: p.Facts, Model: r.Model, Pack: r.Pack}
	var links []html.Link
	for _, reg := range registers.All {
		links = append(links, html.Link{Label: reg.Title, Href: "../xlsx/" + reg.File})
	}
	out := []document.Emitter{
		&html.Emitter{
			Layouts: p.Theme.Layouts, CSS: p.Theme.CSS, Theme: p.Theme.Hash, RawHTML: p.Facts.Output.RawHTML,
			Registers: links, SoA: registers.Summary(r.Model), Gaps: r.Gaps, Trace: registers.Trace(p.Cat, r.Pack.Docs),
		},
		md.Emitter{},
	}
	if !o.NoPDF {
		out = append(out, &pdf.Emitter{Options: pdf.Options{
			Style: p.Theme.PDF, Fonts: p.Theme.PDFFonts(), PageSize: p.Facts.Output.PageSize, Lang: p.Facts.Output.Language,
		}})
	}
	out = append(out, &docx.Emitter{PageSize: p.Facts.Output.PageSize}, &registers.Workbooks{In: in},
		&registers.Exports{In: in, Mappings: r.Mappings})
	return append(out, o.Emitters...)
}

// emitted is what one format made, and the time it took, summed over the
// workers.
type emitted struct {
	docs  [][]document.File
	pack  []document.File
	memos []*document.Memo
	took  time.Duration
}

// emit runs every output format over the built pack (see runEmitters) and
// adds their files, and the manifest, to r.Files. Nothing is added, and the
// cache is not touched, unless every format succeeds.
func (p *Project) emit(ctx context.Context, r *Built, o BuildOptions, report func(string, time.Time, string)) error {
	pk := r.Pack
	images, err := p.images(pk, r.logo, !o.NoPDF)
	if err != nil {
		return err
	}
	ems := p.emitters(r, o)
	var downloads []document.Download
	for _, e := range ems {
		if d, ok := e.(document.Downloadable); ok {
			downloads = append(downloads, document.Download{Format: e.Name(), Label: d.Label(), Path: d.Path})
		}
	}
	all := pk.All()
	if o.Cache != nil {
		ids := map[string]bool{}
		for _, d := range all {
			ids[d.ID] = true
		}
		o.Cache.pruneFormats(ids)
	}
	// What is done with a document before and after every format has
	// made it.
	var hooks docHooks
	if o.dropMade {
		// The documents' trees were dropped as they were parsed, and the
		// body maps served the checks and the images above. A large pack's
		// trees are most of its memory: each is grown again for its
		// formats, one document per worker at a time.
		parser := p.mdParser()
		for _, d := range all {
			if d.MD != nil && !d.Generated {
				d.MD.DropTree()
			}
			d.Body = nil
		}
		hooks.before = func(d *document.Document) error {
			if d.MD == nil {
				return nil
			}
			return parser.Regrow(d.MD)
		}
	}
	var mu sync.Mutex
	written := map[string]pack.Written{}
	if o.dropMade || o.stage != nil {
		hooks.made = func(d *document.Document, files [][]document.File) error {
			if o.dropMade && d.MD != nil {
				d.MD.DropTree()
			}
			if o.stage == nil {
				return nil
			}
			for _, fs := range files {
				if err := o.stage.Write(ctx, fs); err != nil {
					return err
				}
				for k := range fs {
					w := pack.Written{SHA256: pack.Sum(fs[k].Data), Bytes: len(fs[k].Data)}
					mu.Lock()
					written[fs[k].Path] = w
					mu.Unlock()
					fs[k].Data = nil
				}
			}
			return nil
		}
	}
	var fresh map[*document.Document]bool
	if o.Cache != nil {
		fresh = r.fresh
	}
	out, err := runEmitters(ctx, ems, all, emitOrder(all, fresh), func(e document.Emitter) *document.Build {
		b := &document.Build{Pack: pk, Images: images, Generator: Generator, Downloads: downloads}
		if o.Cache != nil {
			b.Memo = o.Cache.packMemo(e.Name())
		}
		return b
	}, o.Cache, o.DocsReady, hooks)
	if err != nil {
		return err
	}
	formats := map[string]string{}
	for i, e := range ems {
		name := e.Name()
		for j, d := range all {
			for _, f := range out[i].docs[j] {
				if w, ok := written[f.Path]; ok {
					r.Files.AddWritten(f.Path, w)
				} else {
					r.Files.Add(f.Path, f.Data)
				}
				formats[f.Path] = name
				r.docFiles[d.ID] = append(r.docFiles[d.ID], f.Path)
			}
			if m := out[i].memos[j]; m != nil {
				if prev := o.Cache.memo(name, d.ID); (prev == nil || prev.Key != m.Key) && !d.Generated {
					r.markRerendered(d.ID)
				}
				o.Cache.keep(name, d.ID, m)
			}
		}
		for _, f := range out[i].pack {
			r.Files.Add(f.Path, f.Data)
			formats[f.Path] = name
		}
		report(name, time.Now().Add(-out[i].took), fmt.Sprintf("%d files", countFiles(out[i])))
	}
	r.formats = formats
	start := time.Now()
	if err := pack.AddManifest(r.Files, p.manifest(r, formats)); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	report("pack", start, fmt.Sprintf("%d files", r.Files.Len()))
	return nil
}

func countFiles(e emitted) int {
	n := len(e.pack)
	for _, fs := range e.docs {
		n += len(fs)
	}
	return n
}

// emitOrder is the order in which the workers take the documents: largest
// first, so that no core is left with a large document at the end; but
// the fresh ones, in watch mode those a save changed, before the others,
// which are mostly taken from the memos: the user waits for the changed
// ones.
func emitOrder(all []*document.Document, fresh map[*document.Document]bool) []int {
	order := largestFirst(len(all), func(i int) int { return len(all[i].MD.Source) })
	slices.SortStableFunc(order, func(a, b int) int {
		switch fa, fb := fresh[all[a]], fresh[all[b]]; {
		case fa && !fb:
			return -1
		case fb && !fa:
			return 1
		}
		return 0
	})
	return order
}

// docHooks are called for each document, by the worker that makes it:
// before, if set, before any format makes it; made, if set, once every
// format has, with each format's files (copies of what the formats
// returned, which made may change).
type docHooks struct {
	before func(*document.Document) error
	made   func(*document.Document, [][]document.File) error
}

// runEmitters runs every format over the documents and generated pages. The
// formats share one pool of workers, as many as there are cores: each
// worker takes a document, in the given order, and makes it in every
// format, so that a cancelled build has at most one document per core left
// to finish.
// Then each format makes its pack-level files, the formats side by side
// (the combined PDF on one core, the rest on the other). A document's memo
// is a copy of the cached one, kept only if the whole build succeeds.
// ready, when set, receives the documents' files between the two phases.
func runEmitters(ctx context.Context, ems []document.Emitter, all []*document.Document, order []int, build func(document.Emitter) *document.Build, c *Cache, ready func([]document.File) error, hooks docHooks) ([]emitted, error) {
	out := make([]emitted, len(ems))
	runs := make([]document.Run, len(ems))
	took := make([]atomic.Int64, len(ems))
	timed := func(i int, f func() error) error {
		start := time.Now()
		err := f()
		took[i].Add(int64(time.Since(start)))
		return err
	}
	wrap := func(i int, err error) error {
		if err != nil && diag.IsUserError(err) {
			return err
		}
		if err != nil {
			return fmt.Errorf("%s: %w", ems[i].Name(), err)
		}
		return nil
	}
	// The builds are made here, one at a time: making one may write the
	// cache's map of pack-level memos, which the formats must not do at
	// the same time.
	builds := make([]*document.Build, len(ems))
	for i, e := range ems {
		builds[i] = build(e)
	}
	if err := parallel(ctx, len(ems), nil, func(i int) error {
		return wrap(i, timed(i, func() (err error) {
			runs[i], err = ems[i].Begin(ctx, builds[i])
			return err
		}))
	}); err != nil {
		return nil, err
	}
	for i, e := range ems {
		out[i] = emitted{docs: make([][]document.File, len(all)), memos: make([]*document.Memo, len(all))}
		if c == nil {
			continue
		}
		for j, d := range all {
			m := &document.Memo{}
			if prev := c.memo(e.Name(), d.ID); prev != nil {
				*m = *prev
			}
			out[i].memos[j] = m
		}
	}
	if err := parallel(ctx, len(all), order, func(j int) error {
		if hooks.before != nil {
			if err := hooks.before(all[j]); err != nil {
				return err
			}
		}
		for i := range ems {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := timed(i, func() (err error) {
				out[i].docs[j], err = runs[i].Document(ctx, all[j], out[i].memos[j])
				return err
			}); err != nil {
				return wrap(i, err)
			}
		}
		if hooks.made != nil {
			files := make([][]document.File, len(ems))
			for i := range ems {
				out[i].docs[j] = slices.Clone(out[i].docs[j])
				files[i] = out[i].docs[j]
			}
			if err := hooks.made(all[j], files); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if ready != nil {
		var files []document.File
		for i := range out {
			for _, fs := range out[i].docs {
				files = append(files, fs...)
			}
		}
		if err := ready(files); err != nil {
			return nil, err
		}
	}
	if err := parallel(ctx, len(ems), nil, func(i int) error {
		return wrap(i, timed(i, func() (err error) {
			out[i].pack, err = runs[i].Pack(ctx)
			return err
		}))
	}); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].took = time.Duration(took[i].Load())
	}
	return out, nil
}

// images resolves every image the documents show, inside the project only.
// With forPDF, an image the PDF cannot embed is an error here, at the
// template line that shows it. logo is the organization's logo, read and
// checked by check.
func (p *Project) images(pk *document.Pack, logo []byte, forPDF bool) (map[string][]byte, error) {
	out := map[string][]byte{}
	var errs diag.List
	for _, d := range pk.Docs {
		for _, img := range d.MD.Images {
			dest := img.Dest
			if _, done := out[dest]; done || markdown.IsExternal(dest) {
				continue
			}
			// The image's place: the template text or action that wrote
			// it, or the fact it printed.
			at := func() (diag.Pos, []byte) {
				if o := d.Body.At(img.Offset); o.Known() {
					return o.Pos, o.Src
				}
				return diag.Pos{File: d.Source}, nil
			}
			b, _, err := p.Set.ReadFile(dest)
			if err != nil {
				pos, src := at()
				errs.Add(diag.Errorf(pos, "images must be files inside the project, such as assets/logo.png", "image %q in %s: %v", dest, d.ID, err).WithSource(src).WithCode("image"))
				continue
			}
			if why := pdf.ImageProblem(b); forPDF && why != "" {
				pos, src := at()
				errs.Add(diag.Errorf(pos, "convert the image to PNG or JPEG", "image %q in %s: %s", dest, d.ID, why).WithSource(src).WithCode("pdf-image"))
				continue
			}
			out[dest] = b
		}
	}
	// The check has read the logo and refused one that cannot be used.
	if name := p.Facts.Organization.Logo; name != "" && logo != nil {
		if forPDF {
			if err := pdf.CheckImage(logo); err != nil {
				errs.Add(p.Facts.Errorf("organization.logo", "use a PNG or JPEG logo", "logo %q: %v", name, err))
			}
		}
		out[name] = logo
		pk.Logo, pk.LogoFile = logo, path.Clean(name)
	}
	return out, errs.Err()
}

// manifest describes the pack: its documents, each with the files the
// formats made of it, and every file with the format that made it.
func (p *Project) manifest(r *Built, formats map[string]string) pack.Manifest {
	m := pack.Manifest{
		Generator: Generator,
		Pack:      pack.PackInfo{Organization: r.Pack.Org, Version: r.Pack.Version, Date: r.Pack.Date.String(), Draft: r.Pack.Draft},
		Formats:   formats,
	}
	for _, d := range r.Pack.Docs {
		m.Documents = append(m.Documents, pack.DocEntry{
			ID: d.ID, Ref: d.Ref, Title: d.Title, Kind: d.Kind, Version: d.Control.Version, Status: d.Control.Status,
			Hash: r.Hashes[d.ID], Clauses: d.Clauses(), Controls: d.Controls(), Frameworks: d.Frameworks(), Files: r.docFiles[d.ID],
		})
	}
	return m
}

// markRerendered records that a document's output was made anew.
func (r *Built) markRerendered(id string) {
	for _, x := range r.Rerendered {
		if x == id {
			return
		}
	}
	r.Rerendered = append(r.Rerendered, id)
}
