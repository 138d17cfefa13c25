package engine

import (
	"context"
	"fmt"
	"path"
	"slices"
	"time"

	"github.com/yuin/goldmark/ast"
	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/html"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/pdf"
)

// emit writes every output of the rendered pack into r.Files.
func (p *Project) emit(ctx context.Context, r *Rendered, o RenderOptions, report func(string, time.Time, string)) error {
	pk, files := r.Pack, r.Files

	start := time.Now()
	images, err := p.images(pk, r.sources, r.logo, !o.NoPDF)
	if err != nil {
		return err
	}
	// The Markdown and HTML files and the PDFs depend only on the rendered
	// pack, so they are made at the same time: the HTML fills the cores
	// while the combined PDF is assembled on one. Each returns a commit
	// that records its files and cache entries once both are done.
	var (
		htmlCommit func()
		htmlErr    error
		htmlTime   time.Duration
		htmlDone   = make(chan struct{})
	)
	go func() {
		defer close(htmlDone)
		htmlCommit, htmlErr = p.emitHTML(ctx, pk, r, images, o.Cache, o.NoPDF)
		htmlTime = time.Since(start)
	}()
	// The Word files and the registers' spreadsheets are made beside the
	// PDFs, on the cores the PDFs leave idle.
	var (
		officeCommit func()
		officeErr    error
		officeTime   time.Duration
		officeDone   = make(chan struct{})
	)
	go func() {
		defer close(officeDone)
		t := time.Now()
		officeCommit, officeErr = p.emitOffice(ctx, r, images, o.Cache)
		officeTime = time.Since(t)
	}()
	pdfStart := time.Now()
	var pdfCommit func()
	var pdfErr error
	if !o.NoPDF {
		pdfCommit, pdfErr = p.emitPDF(ctx, r, images, o.Cache)
	}
	pdfTime := time.Since(pdfStart)
	<-htmlDone
	<-officeDone
	if err := ctx.Err(); err != nil {
		return err
	}
	if htmlErr != nil {
		return fmt.Errorf("html: %w", htmlErr)
	}
	if officeErr != nil {
		return officeErr
	}
	if pdfErr != nil {
		return fmt.Errorf("pdf: %w", pdfErr)
	}
	htmlCommit()
	report("html", time.Now().Add(-htmlTime), fmt.Sprintf("%d pages", len(pk.Docs)+1))
	if pdfCommit != nil {
		pdfCommit()
		report("pdf", time.Now().Add(-pdfTime), fmt.Sprintf("%d documents and the pack", len(pk.Docs)))
	}
	officeCommit()
	report("office", time.Now().Add(-officeTime), fmt.Sprintf("%d Word files, %d registers", len(pk.Docs), len(registers)))

	start = time.Now()
	for _, m := range r.Mappings {
		files.Add("frameworks/"+m.Framework.ID+".csv", m.CSV())
	}
	rows := soaRows(r)
	files.Add("soa.csv", pack.SoACSV(rows))
	b, err := pack.SoAJSON(rows)
	if err != nil {
		return fmt.Errorf("soa: %w", err)
	}
	files.Add("soa.json", b)
	if err := pack.AddManifest(files, p.manifest(r)); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	report("pack", start, fmt.Sprintf("%d files", files.Len()))
	return nil
}

// mdHeader is the front matter of OUT/md/<id>.md, for people who feed the
// Markdown to another converter.
type mdHeader struct {
	ID             string   `yaml:"id"`
	Ref            string   `yaml:"ref"`
	Title          string   `yaml:"title"`
	Kind           string   `yaml:"kind"`
	Version        string   `yaml:"version"`
	Status         string   `yaml:"status"`
	Owner          string   `yaml:"owner"`
	Approver       string   `yaml:"approver"`
	Classification string   `yaml:"classification"`
	Effective      string   `yaml:"effective,omitempty"`
	NextReview     string   `yaml:"next_review,omitempty"`
	Clauses        []string `yaml:"clauses,flow,omitempty"`
	Controls       []string `yaml:"controls,flow,omitempty"`
	// Frameworks is written as in a template's front matter.
	Frameworks map[string][]string `yaml:"frameworks,flow,omitempty"`
}

func markdownFile(d *document.Document) ([]byte, error) {
	c := d.Control
	h, err := yaml.Marshal(mdHeader{
		ID: d.ID, Ref: d.Ref, Title: d.Title, Kind: d.Kind, Version: c.Version, Status: c.Status,
		Owner: c.Owner.String(), Approver: c.Approver.String(), Classification: c.Classification,
		Effective: c.Effective.String(), NextReview: c.NextReview.String(), Clauses: d.Clauses, Controls: d.Controls,
		Frameworks: d.Frameworks,
	})
	if err != nil {
		return nil, err
	}
	out := append([]byte("---\n"), h...)
	out = append(out, "---\n\n"...)
	return append(out, d.MD.Source...), nil
}

// images resolves every image the documents show, inside the project only.
// With forPDF, an image the PDF cannot embed is an error here, at the
// template line that shows it, rather than at a line of the rendered
// Markdown. logo is the organization's logo, read and checked by check.
func (p *Project) images(pk *document.Pack, sources [][]byte, logo []byte, forPDF bool) (map[string][]byte, error) {
	out := map[string][]byte{}
	var errs diag.List
	for i, d := range pk.Docs {
		src := sources[i]
		_ = ast.Walk(d.MD.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			img, ok := n.(*ast.Image)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			dest := string(img.Destination)
			if _, done := out[dest]; done || markdown.IsExternal(dest) {
				return ast.WalkContinue, nil
			}
			b, _, err := p.Set.ReadFile(dest)
			if err != nil {
				errs.Add(diag.Errorf(diag.Locate(d.Source, src, "("+dest, `"`+dest+`"`), "images must be files inside the project, such as assets/logo.png", "image %q in %s: %v", dest, d.ID, err).WithSource(src).WithCode("image"))
				return ast.WalkContinue, nil
			}
			if why := pdf.ImageProblem(b); forPDF && why != "" {
				errs.Add(diag.Errorf(diag.Locate(d.Source, src, "("+dest, `"`+dest+`"`), "convert the image to PNG or JPEG", "image %q in %s: %s", dest, d.ID, why).WithSource(src).WithCode("pdf-image"))
				return ast.WalkContinue, nil
			}
			out[dest] = b
			return ast.WalkContinue, nil
		})
	}
	// The check has read the logo and refused one that cannot be used.
	if name := p.Facts.Organization.Logo; name != "" && logo != nil {
		out[name] = logo
		pk.Logo, pk.LogoFile = logo, path.Clean(name)
	}
	return out, errs.Err()
}

// emitHTML makes the site and the rendered Markdown. It only reads r and
// the cache; the commit it returns adds the files and updates the cache.
func (p *Project) emitHTML(ctx context.Context, pk *document.Pack, r *Rendered, images map[string][]byte, cache *Cache, noPDF bool) (commit func(), err error) {
	formats := []string{"docx", "md"}
	if !noPDF {
		formats = []string{"pdf", "docx", "md"}
	}
	e, err := html.New(p.Theme.Layouts, html.Options{Generator: Generator, RawHTML: p.Facts.Output.RawHTML, Formats: formats, Registers: registerLinks()})
	if err != nil {
		return nil, err
	}
	mds := make([][]byte, len(pk.Docs))
	for i, d := range pk.Docs {
		if mds[i], err = markdownFile(d); err != nil {
			return nil, fmt.Errorf("markdown: %w", err)
		}
	}
	pk0 := packKey(pk, p.Theme.Hash)
	pages := make([][]byte, len(pk.Docs))
	keys := make([]string, len(pk.Docs))
	for i, d := range pk.Docs {
		keys[i] = newHasher().add("html", docKey(d), pk0, p.Facts.Output.RawHTML, formats).sum()
		if cache != nil {
			if c := cache.docs[d.ID]; c != nil && c.htmlKey == keys[i] {
				pages[i] = c.html
			}
		}
	}
	if err := parallel(ctx, len(pk.Docs), docsBySize(pk), func(i int) error {
		if pages[i] != nil {
			return nil
		}
		b, err := e.Document(pk, pk.Docs[i])
		pages[i] = b
		return err
	}); err != nil {
		return nil, err
	}
	index, err := e.Index(pk, soaSummary(r), r.Gaps, p.trace(pk))
	if err != nil {
		return nil, err
	}
	// The generated pages (mappings, open actions) are small and made from
	// the whole pack, so they are made on every build.
	gen := pk.Generated()
	mapPages := make([][]byte, len(gen))
	mapMDs := make([][]byte, len(gen))
	for i, d := range gen {
		if mapPages[i], err = e.Document(pk, d); err != nil {
			return nil, err
		}
		if mapMDs[i], err = markdownFile(d); err != nil {
			return nil, fmt.Errorf("markdown: %w", err)
		}
	}
	return func() {
		for i, d := range pk.Docs {
			r.Files.Add("md/"+d.ID+".md", mds[i])
			r.Files.Add("html/"+d.ID+".html", pages[i])
			if cache == nil || cache.docs[d.ID] == nil || cache.docs[d.ID].htmlKey != keys[i] {
				r.markRerendered(d.ID)
			}
			if cache != nil {
				c := cache.entry(d.ID)
				c.htmlKey, c.html = keys[i], pages[i]
			}
		}
		for i, d := range gen {
			r.Files.Add("md/"+d.ID+".md", mapMDs[i])
			r.Files.Add("html/"+d.ID+".html", mapPages[i])
		}
		r.Files.Add("html/index.html", index)
		r.Files.Add("html/style.css", p.Theme.CSS)
		for dest, b := range images {
			r.Files.Add("html/"+path.Clean(dest), b)
		}
	}, nil
}

func soaSummary(r *Rendered) html.SoASummary {
	var s html.SoASummary
	s.Title = "All themes"
	for _, th := range catalog.Themes() {
		tc := html.ThemeCount{Title: th.Title()}
		for _, c := range r.Model.Controls() {
			if c.Theme == th {
				tc.Add(c.Applicable, c.Status)
				s.Add(c.Applicable, c.Status)
				if !c.Decided {
					s.Undecided++
				}
			}
		}
		s.Themes = append(s.Themes, tc)
	}
	return s
}

// trace maps every clause to the documents that name it or one of its
// sub-clauses or items.
func (p *Project) trace(pk *document.Pack) []html.TraceRow {
	var rows []html.TraceRow
	for _, c := range p.Cat.Clauses() {
		row := html.TraceRow{Clause: c}
		for _, d := range pk.Docs {
			if slices.ContainsFunc(d.Clauses, func(id string) bool { return clauseCovers(c.ID, id) }) {
				row.Docs = append(row.Docs, d)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// clauseCovers reports whether a document's clause reference falls under a
// catalog clause: 9.2.2 and "6.1.3 d" fall under 9.2 and 6.1.3.
func clauseCovers(clause, ref string) bool {
	return ref == clause || (len(ref) > len(clause) && ref[:len(clause)] == clause && (ref[len(clause)] == '.' || ref[len(clause)] == ' '))
}

func soaRows(r *Rendered) []pack.SoARow {
	var rows []pack.SoARow
	for _, c := range r.Model.Controls() {
		row := pack.SoARow{
			ID: c.ID, Theme: string(c.Theme), Title: c.Title, Applicable: c.Applicable, Decided: c.Decided,
			Justification: c.Reason, Drivers: c.Drivers(), Status: c.Status, Evidence: c.Evidence, Risks: c.Risks,
		}
		if c.Applicable {
			for _, q := range c.Requirements {
				row.Requirements = append(row.Requirements, pack.SoARequirement{Regime: q.Regime, Name: q.Short, Citation: q.Citation})
			}
			if len(c.Risks) == 0 && len(c.Requirements) == 0 {
				row.Baseline = c.Baseline
			}
		}
		if !c.Applicable {
			row.Status = "excluded"
		}
		if c.HasOwner {
			row.Owner = c.Owner.Name
		}
		for _, d := range c.Documents {
			row.Documents = append(row.Documents, d.ID)
		}
		rows = append(rows, row)
	}
	return rows
}

func (p *Project) manifest(r *Rendered) pack.Manifest {
	m := pack.Manifest{
		Generator: Generator,
		Pack:      pack.PackInfo{Organization: r.Pack.Org, Version: r.Pack.Version, Date: r.Pack.Date.String(), Draft: r.Pack.Draft},
	}
	for _, d := range r.Pack.Docs {
		var files []string
		for _, f := range []string{"html/" + d.ID + ".html", "md/" + d.ID + ".md", "pdf/" + d.ID + ".pdf", "docx/" + d.ID + ".docx"} {
			if _, ok := r.Files.Get(f); ok {
				files = append(files, f)
			}
		}
		m.Documents = append(m.Documents, pack.DocEntry{
			ID: d.ID, Ref: d.Ref, Title: d.Title, Kind: d.Kind, Version: d.Control.Version, Status: d.Control.Status,
			Hash: r.Hashes[d.ID], Clauses: d.Clauses, Controls: d.Controls, Frameworks: d.Frameworks, Files: files,
		})
	}
	return m
}

// markRerendered records that a document's output was made anew.
func (r *Rendered) markRerendered(id string) {
	if !slices.Contains(r.Rerendered, id) {
		r.Rerendered = append(r.Rerendered, id)
	}
}
