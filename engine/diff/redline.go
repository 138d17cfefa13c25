package diff

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/docx"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/html"
	"github.com/ismsforge/ismsforge/engine/internal/par"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/pdf"
	"github.com/ismsforge/ismsforge/engine/redline"
	"github.com/ismsforge/ismsforge/engine/theme"
)

// Env is what the redlines of a diff are made with: the project's theme
// and options, and who made the changes.
type Env struct {
	Theme     *theme.Theme
	MD        markdown.Options
	PageSize  string
	RawHTML   bool
	Generator string
	// Pack gives the running heads (organization, classification, date)
	// of the redline PDFs and DOCX files; it holds no documents.
	Pack document.Pack
	// Images are the images the changed documents show, read while the
	// project was open.
	Images map[string][]byte
	// Author and Date sign the tracked changes of the DOCX redlines. For a
	// release they are its approver and date. For the working draft,
	// which nobody has approved yet, the author is each document's owner
	// and the date the pack's date (release.date or SOURCE_DATE_EPOCH):
	// never the clock.
	Author string
	Date   facts.Date
}

// ReadImages reads the images the changed documents show, and the logo,
// with read, which reads a file of the project.
func (env *Env) ReadImages(res *Result, logo string, read func(name string) ([]byte, error)) {
	if env.Images == nil {
		env.Images = map[string][]byte{}
	}
	if logo != "" {
		if b, err := read(logo); err == nil {
			env.Images[logo] = b
			env.Pack.Logo = b
		}
	}
	parser := markdown.NewParser(env.MD)
	for _, d := range res.Documents {
		for _, body := range [][]byte{d.Old, d.New} {
			_ = ast.Walk(parser.Parse(body).Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if img, ok := n.(*ast.Image); ok && entering {
					dest := string(img.Destination)
					if _, done := env.Images[dest]; !done && !markdown.IsExternal(dest) {
						if b, err := read(dest); err == nil {
							env.Images[dest] = b
						}
					}
				}
				return ast.WalkContinue, nil
			})
		}
	}
}

// Outputs says which forms of the redlines to write besides HTML.
type Outputs struct {
	PDF, DOCX bool
}

// Write replaces OUT/diff/ with the redlines of res (see Files), through a
// temporary directory. Like a build, it only writes into an output
// directory ismsforge owns.
func Write(ctx context.Context, projectDir, out string, res *Result, env *Env, o Outputs) (string, error) {
	if err := pack.CheckOutput(projectDir, out); err != nil {
		return "", err
	}
	files, err := res.Files(ctx, env, o)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	if err := pack.EnsureMarker(out); err != nil {
		return "", err
	}
	dir := filepath.Join(out, "diff")
	if _, err := pack.ReplaceDir(ctx, dir, files); err != nil {
		return "", err
	}
	return dir, nil
}

// Files makes the redlines of a diff, relative to the diff directory:
// index.html; for each changed document <id>.html, the rendered redline,
// and <id>.source.html, the line-by-line view of its Markdown; and on
// request <id>.pdf and <id>.docx.
func (res *Result) Files(ctx context.Context, env *Env, o Outputs) (*pack.Files, error) {
	n := len(res.Documents)
	type out struct {
		page, source, pdf, docx []byte
		entry                   redline.IndexEntry
	}
	outs := make([]out, n)
	err := par.Each(ctx, n, nil, func(i int) error {
		d := res.Documents[i]
		rl := redline.Compare(d.Old, d.New, env.MD)
		body, err := html.Body(rl.Doc, html.BodyOptions{LinkBase: "../html/", RawHTML: env.RawHTML})
		if err != nil {
			return fmt.Errorf("redline %s: %w", d.ID, err)
		}
		also := []redline.Link{{Label: "Source view", Href: d.ID + ".source.html"}}
		if o.PDF {
			also = append(also, redline.Link{Label: "PDF", Href: d.ID + ".pdf"})
		}
		if o.DOCX {
			also = append(also, redline.Link{Label: "Word (tracked changes)", Href: d.ID + ".docx"})
		}
		ref := ""
		if d.Doc != nil {
			ref = d.Doc.Ref
		}
		outs[i].page = redline.Rendered(redline.RenderedPage{
			ID: d.ID, Title: d.Title, Ref: ref, FromVersion: d.From, ToVersion: d.To, Change: d.Change,
			Org: res.Org, Lang: env.Pack.Language(), Generator: env.Generator, CSS: env.Theme.CSS, Body: body, Redline: rl,
			SoA: res.soaFor(d.Doc), Also: also,
		})
		outs[i].source = redline.Page(redline.Document{ID: d.ID, Title: d.Title, FromVersion: d.From, ToVersion: d.To,
			Old: d.Old, New: d.New, Change: d.Change, Rendered: d.ID + ".html", Lang: env.Pack.Language()}, res.Org, env.Generator)
		outs[i].entry = redline.IndexEntry{ID: d.ID, Title: d.Title, Change: d.Change, From: d.From, To: d.To,
			Inserted: rl.InsertedWords, Deleted: rl.DeletedWords}
		doc := env.redlineDoc(d, rl)
		if o.PDF {
			// The PDF says under its title what changed; the Word file is
			// the new version itself, with its own summary.
			pdfDoc := *doc
			pdfDoc.Summary = changeSummary(d, rl, res.soaFor(d.Doc))
			if outs[i].pdf, err = env.redlinePDF(&pdfDoc); err != nil {
				return fmt.Errorf("redline %s: pdf: %w", d.ID, err)
			}
		}
		if o.DOCX {
			if outs[i].docx, err = env.redlineDOCX(doc); err != nil {
				return fmt.Errorf("redline %s: docx: %w", d.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	files := &pack.Files{}
	var entries []redline.IndexEntry
	for i, d := range res.Documents {
		files.Add(d.ID+".html", outs[i].page)
		files.Add(d.ID+".source.html", outs[i].source)
		if outs[i].pdf != nil {
			files.Add(d.ID+".pdf", outs[i].pdf)
		}
		if outs[i].docx != nil {
			files.Add(d.ID+".docx", outs[i].docx)
		}
		entries = append(entries, outs[i].entry)
	}
	var soa []redline.SoAChange
	for _, c := range res.SoA {
		soa = append(soa, redline.SoAChange{ID: c.ID, Title: c.Title, Field: c.Field, From: c.From, To: c.To})
	}
	files.Add("index.html", redline.Index(res.Org, res.From, res.To, entries, soa, env.Generator, env.Pack.Language()))
	return files, nil
}

// changeSummary is the summary of a redline in one paragraph, for the
// PDF's first page: versions, counts, sections touched, SoA rows changed.
func changeSummary(d DocChange, rl *redline.Redline, soa []redline.SoAChange) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Redline, version %s to %s: ", orDash(d.From), orDash(d.To))
	if rl.Blocks == 0 {
		b.WriteString("the rendered text did not change.")
		return b.String()
	}
	fmt.Fprintf(&b, "%d blocks changed", rl.Blocks)
	if rl.Rows > 0 {
		fmt.Fprintf(&b, " (%d table rows)", rl.Rows)
	}
	fmt.Fprintf(&b, ", %d words inserted, %d deleted.", rl.InsertedWords, rl.DeletedWords)
	var secs []string
	for _, s := range rl.Sections {
		if s.Text == "" {
			secs = append(secs, "the opening")
			continue
		}
		secs = append(secs, strings.TrimSpace(s.Number+" "+s.Text))
	}
	if len(secs) > 0 {
		b.WriteString(" Sections touched: " + strings.Join(secs, "; ") + ".")
	}
	if len(soa) > 0 {
		var rows []string
		for _, c := range soa {
			rows = append(rows, fmt.Sprintf("%s %s %s → %s", c.ID, c.Field, orDash(c.From), orDash(c.To)))
		}
		b.WriteString(" SoA rows changed: " + strings.Join(rows, "; ") + ".")
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// soaClause is the clause item the Statement of Applicability answers.
const soaClause = "6.1.3 d"

// soaFor lists the changed SoA rows a document's redline shows: every one
// for the Statement of Applicability, those of its controls for the rest.
func (res *Result) soaFor(d *document.Document) []redline.SoAChange {
	if d == nil {
		return nil
	}
	all := slices.Contains(d.Clauses(), soaClause)
	var out []redline.SoAChange
	for _, c := range res.SoA {
		if all || slices.Contains(d.Controls(), c.ID) {
			out = append(out, redline.SoAChange{ID: c.ID, Title: c.Title, Field: c.Field, From: c.From, To: c.To})
		}
	}
	return out
}

// redlineDoc is the document the PDF and DOCX emitters render for a
// redline: the new version's identity and control block over the
// redline's body.
func (env *Env) redlineDoc(d DocChange, rl *redline.Redline) *document.Document {
	doc := &document.Document{Identity: document.Identity{ID: d.ID, Title: d.Title}}
	if d.Doc != nil {
		cp := *d.Doc
		doc = &cp
	}
	doc.MD = rl.Doc
	doc.History = nil
	if doc.Control.Owner.Name == "" && doc.Control.Approver.Name == "" {
		doc.Control.Status = ""
	}
	return doc
}

// redlinePDF renders a redline as the PDF emitter renders any document,
// with the changes marked (see pdf's change marks).
func (env *Env) redlinePDF(d *document.Document) ([]byte, error) {
	opts := pdf.Options{
		Style: env.Theme.PDF, Fonts: env.Theme.PDFFonts(), PageSize: env.PageSize, Creator: env.Generator,
		Image: func(dest string) ([]byte, error) {
			if b, ok := env.Images[dest]; ok {
				return b, nil
			}
			return nil, fmt.Errorf("not found in the project")
		},
	}
	pk := env.Pack
	return pdf.Document(d, &pk, opts)
}

// redlineDOCX renders a redline as a Word file with the changes as tracked
// changes.
func (env *Env) redlineDOCX(d *document.Document) ([]byte, error) {
	pk := env.Pack
	return docx.Document(d, &pk, docx.Options{
		Generator: env.Generator, PageSize: env.PageSize, Track: docx.Track{Author: env.Author, Date: env.Date},
		Image: func(dest string) ([]byte, error) {
			if b, ok := env.Images[dest]; ok {
				return b, nil
			}
			return nil, fmt.Errorf("not found in the project")
		},
	})
}
