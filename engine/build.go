package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ismsforge/ismsforge/engine/check"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/gaps"
	"github.com/ismsforge/ismsforge/engine/mapping"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/pdf"
	"github.com/ismsforge/ismsforge/engine/tmpl"
	"github.com/ismsforge/ismsforge/engine/version"
)

// BuildOptions configure Project.Build.
type BuildOptions struct {
	NoPDF bool
	// Report receives each stage; it may be nil.
	Report func(name string, start time.Time, detail string)
	// Limits bound each template execution; zero means tmpl.DefaultLimits.
	Limits tmpl.Limits
	// Strict turns the check's warnings into errors.
	Strict bool
	// CheckOnly stops after the check, emitting nothing.
	CheckOnly bool
	// Cache, when set, reuses parsed documents and emitted outputs from
	// the previous build whose inputs did not change (watch mode).
	Cache *Cache
	// Emitters are output formats besides the built-in ones.
	Emitters []document.Emitter
	// DocsReady, when set, receives every document's own files as soon as
	// all formats have made them, before the pack-level files (the
	// combined PDF, the registers, the manifest) are made. Watch mode
	// writes them there, so that the document being edited appears
	// without waiting for the combined pack. An error fails the build.
	DocsReady func([]document.File) error
	// Release, when set, renders the pack as that release: changed
	// documents get their new version, status Approved and a revision
	// history row, and Rendered.Lock holds the lock to write.
	Release *version.Spec
	// releaseTemplates drops the parsed templates once the documents are
	// rendered. Build and Release set it: each owns its project and
	// renders it once.
	releaseTemplates bool
	// dropMade drops each document's syntax tree as soon as it is parsed
	// (the checks and the images read what markdown.Doc took from it), and
	// the body maps once the checks and the images are done: each tree is
	// grown again just before the formats make its document and dropped
	// once they have. Build sets it when no format of the caller's runs,
	// since such a format may read them in its Pack.
	dropMade bool
	// stage, set by Build, receives each document's files as soon as
	// every format has made them; Files then keeps them by hash only.
	// It needs a build without a cache, whose files nothing else holds.
	stage *pack.Staging
}

// Built is a pack built in memory.
type Built struct {
	Pack  *document.Pack
	Model *tmpl.Model
	// Hashes are the version-neutral hashes of the documents, by ID.
	Hashes   map[string]string
	Versions *version.Working
	Files    *pack.Files
	// Findings are the check's results; a render with errors among them
	// stops before emitting anything.
	Findings diag.List
	// Lock and Changed are set when rendering a release: the lock to write
	// and the documents that got a new version.
	Lock    *version.Lock
	Changed []string
	// fresh are the documents whose Markdown was parsed anew rather than
	// taken from the cache: in watch mode, the ones a save changed.
	fresh map[*document.Document]bool
	// Rerendered lists the documents one of whose outputs was made anew
	// rather than taken from the cache (all of them without a cache).
	Rerendered []string
	// Mappings are the frameworks besides Annex A that documents map to;
	// Pack.Mappings holds their pages.
	Mappings []*mapping.Mapping
	// Gaps is the open work at the pack's date; Pack.Reports holds its page.
	Gaps gaps.Report
	// logo is the organization's logo file, read and checked once.
	logo []byte
	// docFiles are the files the formats made of each document, in
	// format order; formats name the format of every file.
	docFiles map[string][]string
	formats  map[string]string
}

// Build runs the pipeline from templates to output files, in memory:
//
//	render templates -> parse Markdown once -> check -> emit every format
//
// Each stage checks for cancellation before it starts, so a cancelled
// build returns ctx.Err() from between any two stages.
func (p *Project) Build(ctx context.Context, o BuildOptions) (*Built, error) {
	report := o.Report
	if report == nil {
		report = func(string, time.Time, string) {}
	}
	if o.stage != nil && o.Cache != nil {
		return nil, errors.New("build: a staged build cannot use a cache")
	}
	if o.Limits == (tmpl.Limits{}) {
		o.Limits = tmpl.DefaultLimits
	}

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := time.Now()
	selected, selWarnings, err := p.Lib.Select(p.Facts, p.Cat)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	model := tmpl.NewModel(p.Facts, p.Cat, p.Date, selected)
	bodies, needs, hashes, working, plan, err := p.execute(ctx, model, selected, o)
	if err != nil {
		return nil, err
	}
	if o.releaseTemplates {
		// Rendered: the checks read the templates' sources, not their
		// parse trees.
		p.Lib.Release()
	}
	report("templates", start, fmt.Sprintf("%d documents", len(selected)))

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start = time.Now()
	docs, fresh, err := p.documents(ctx, model, selected, bodies, working, o.Cache, o.dropMade)
	if err != nil {
		return nil, err
	}
	pk := &document.Pack{
		Org: p.Facts.Organization.Name, Version: working.Pack(), Date: p.Date,
		Classification: p.Facts.DocumentControl.Classification, Scope: p.Facts.ScopeStatement(),
		Draft: working.Draft(), Docs: docs, DateLayout: p.Facts.DateLayout(),
		Lang: p.Facts.Output.Language,
		Origins: document.Origins{
			document.OriginOrganization:   p.factOrigin("organization.name"),
			document.OriginClassification: p.factOrigin("document_control.classification"),
		},
	}
	if strings.TrimSpace(p.Facts.Scope.Statement) != "" {
		pk.Origins[document.OriginScope] = p.factOrigin("scope.statement")
	}
	if !pk.Draft {
		lock := p.Lock
		if plan != nil {
			lock = plan.lock
		}
		for _, rel := range lock.Pack.History {
			if rel.Version == pk.Version {
				pk.Release = &document.Approval{Version: rel.Version, Date: rel.Date, Approver: p.party(rel.ApprovedBy), Summary: rel.Summary}
			}
		}
	}
	mappings, err := p.mappings(pk, selected)
	if err != nil {
		return nil, err
	}
	open, err := p.openActions(pk, selected)
	if err != nil {
		return nil, err
	}
	report("markdown", start, fmt.Sprintf("%d documents", len(docs)))

	r := &Built{Pack: pk, Model: model, Hashes: hashes, Versions: working, Files: &pack.Files{}, Mappings: mappings, Gaps: open, docFiles: map[string][]string{}, fresh: fresh}
	if plan != nil {
		r.Lock, r.Changed = plan.lock, plan.changed
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start = time.Now()
	var logoErr error
	if l := p.Facts.Organization.Logo; l != "" {
		r.logo, _, logoErr = p.Set.ReadFile(l)
	}
	in := check.Input{
		Facts: p.Facts, Cat: p.Cat, Model: model, Library: p.Lib, Selected: selected, Docs: docs, Pack: pk, Date: p.Date,
		LastRelease: p.Lock.LastRelease(), Logo: r.logo, LogoErr: logoErr, Needs: needs,
	}
	if o.Cache != nil {
		in.Memo, in.DocKeys = o.Cache.checks, p.checkKeys(model, selected, docs, working)
	}
	if !o.NoPDF || o.CheckOnly {
		// The PDF's fonts decide which characters a pack may use; check
		// reports them too, since a build would fail on them.
		if in.Covers, err = pdf.Coverage(p.Theme.PDFFonts()); err != nil {
			return nil, fmt.Errorf("pdf fonts: %w", err)
		}
		// The theme's hash covers its font files; the built-in fonts are
		// the binary's.
		in.CoversKey = p.Theme.Hash
	}
	r.Findings = check.Run(in)
	r.Findings.Add(selWarnings...)
	r.Findings.Sort()
	if o.Strict {
		r.Findings = check.Strict(r.Findings)
	}
	report("check", start, fmt.Sprintf("%d errors, %d warnings", len(r.Findings.Errors()), len(r.Findings)-len(r.Findings.Errors())))
	if r.Findings.HasErrors() {
		return r, r.Findings
	}
	if o.CheckOnly {
		return r, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := p.emit(ctx, r, o, report); err != nil {
		return nil, err
	}
	return r, nil
}

// approval is the approval of version v in a document's history: the
// revision that made it.
func (p *Project) approval(hist []document.Revision, v string) *document.Approval {
	for i := len(hist) - 1; i >= 0; i-- {
		if r := hist[i]; r.Version == v {
			return &document.Approval{Version: v, Date: r.Date, Approver: p.party(r.Approver)}
		}
	}
	return nil
}

// factOrigin is where a fact is written, or where its closest written
// parent is (a default points at its section). Recording it copies
// nothing: a path, a position and a reference to the file's bytes.
func (p *Project) factOrigin(path string) document.Origin {
	return document.Origin{Path: path, Pos: p.Facts.Where(path), Src: p.Facts.Source()}
}

// personOrigin is where a person's field ("name", "title") is written.
func (p *Project) personOrigin(id, field string) document.Origin {
	for i, per := range p.Facts.People {
		if per.ID == id {
			return p.factOrigin(fmt.Sprintf("people[%d].%s", i, field))
		}
	}
	return document.Origin{}
}

// frontOrigin is where a template's front matter writes key; the zero
// Origin when it does not.
func frontOrigin(t *tmpl.Template, key string) document.Origin {
	pos, ok := t.Meta.Where[key]
	if !ok {
		return document.Origin{}
	}
	return document.Origin{Pos: pos, Src: t.Source()}
}

// party resolves an approver as the lock records it (a person's or role's
// ID, or a name) to a name and a title.
func (p *Project) party(ref string) document.Party {
	if per, ok := p.Facts.Resolve(ref); ok {
		return document.Party{Name: per.Name, Title: per.Title, Email: per.Email}
	}
	for _, per := range p.Facts.People {
		if per.Name == ref {
			return document.Party{Name: per.Name, Title: per.Title, Email: per.Email}
		}
	}
	return document.Party{Name: ref}
}

// releasePlan is the outcome of planning a release.
type releasePlan struct {
	lock    *version.Lock
	changed []string
}

// execute runs every template: once with versions hidden, to hash each
// document's content, then again for the few templates that print versions.
func (p *Project) execute(ctx context.Context, model *tmpl.Model, sel []*tmpl.Template, o BuildOptions) ([]*tmpl.Output, [][]tmpl.Need, map[string]string, *version.Working, *releasePlan, error) {
	keys := p.outputKeys(model, sel)
	if o.Cache != nil {
		// Keep only what this render uses, so the cache does not grow
		// with every edit.
		used := map[string]*tmpl.Output{}
		defer func(c *Cache) {
			for k := range c.outputs {
				if _, ok := used[k]; !ok {
					delete(c.outputs, k)
				}
			}
		}(o.Cache)
		o.Cache.used = used
	}
	outs := make([]*tmpl.Output, len(sel))
	err := p.render(ctx, model, sel, nil, o, keys, "neutral", outs)
	if err != nil {
		return nil, nil, nil, nil, nil, fmt.Errorf("templates: %w", err)
	}
	hashes := make(map[string]string, len(sel))
	for _, out := range outs {
		hashes[out.Template.Meta.ID] = version.HashOfSum(out.Sum)
	}
	reviewMonths := func(id string) int {
		d, _ := model.Doc(id)
		return d.ReviewMonths
	}
	var working *version.Working
	var plan *releasePlan
	if o.Release != nil {
		lock, w, changed, err := p.Lock.Plan(hashes, *o.Release, reviewMonths)
		if err != nil {
			return nil, nil, nil, nil, nil, err
		}
		working, plan = w, &releasePlan{lock: lock, changed: changed}
	} else {
		working = p.Lock.Resolve(hashes, reviewMonths)
	}
	// Second pass, for the templates that print versions.
	var again []*tmpl.Template
	var idx []int
	for i, out := range outs {
		if out.UsesVersions {
			again = append(again, sel[i])
			idx = append(idx, i)
		}
	}
	final := make([]*tmpl.Output, len(again))
	againKeys := make([]string, len(again))
	for j, i := range idx {
		againKeys[j] = keys[i]
	}
	if err := p.render(ctx, model, again, working, o, againKeys, versionsKey(working, sel), final); err != nil {
		return nil, nil, nil, nil, nil, fmt.Errorf("templates: %w", err)
	}
	// Each document's output is the last one made: its Markdown, its body
	// map and its needs, whose offsets the map knows, belong together.
	for j, i := range idx {
		outs[i] = final[j]
	}
	needs := make([][]tmpl.Need, len(sel))
	for i, out := range outs {
		needs[i] = out.Needs
	}
	return outs, needs, hashes, working, plan, nil
}

// render executes templates in parallel into outs, taking from the cache
// every output whose key, with mode, it already holds.
func (p *Project) render(ctx context.Context, model *tmpl.Model, sel []*tmpl.Template, versions tmpl.Versions, o BuildOptions, keys []string, mode string, outs []*tmpl.Output) error {
	full := make([]string, len(sel))
	for i := range sel {
		full[i] = keys[i] + "/" + mode
		if o.Cache != nil {
			outs[i] = o.Cache.outputs[full[i]]
		}
	}
	bySource := largestFirst(len(sel), func(i int) int { return len(sel[i].Source()) })
	err := parallel(ctx, len(sel), bySource, func(i int) error {
		if outs[i] != nil {
			return nil
		}
		out, err := p.Lib.Render(ctx, model, sel[i], versions, o.Limits)
		outs[i] = out
		return err
	})
	if err != nil || o.Cache == nil {
		return err
	}
	for i := range sel {
		o.Cache.outputs[full[i]] = outs[i]
		if o.Cache.used != nil {
			o.Cache.used[full[i]] = outs[i]
		}
	}
	return nil
}

// outputKeys identify everything a template's output depends on, besides
// versions: the template and the partials, the facts, the documents of the
// pack as templates see them, and the date.
func (p *Project) outputKeys(model *tmpl.Model, sel []*tmpl.Template) []string {
	shared := newHasher().Add("facts", p.Facts.Source()).Add("date", p.Date)
	for _, d := range model.Docs() {
		shared.Add("doc", d.ID, d.Title, d.Kind, d.Summary, d.Ref, d.Clauses(), d.Controls(), d.Frameworks(), d.Owner.ID, d.Approver.ID, d.Classification, d.ReviewMonths, d.Order)
	}
	base := shared.Sum()
	keys := make([]string, len(sel))
	for i, t := range sel {
		keys[i] = newHasher().Add("out", base, p.Lib.Key(t)).Sum()
	}
	return keys
}

// checkKeys identify, for each document, everything a check that reads
// one document at a time reads (see check.Input.DocKeys): what its
// template's output depends on (the facts file, the date, the pack's
// documents, the template and the partials), the versions, and the
// document as rendered, with its control block and history (its Key).
func (p *Project) checkKeys(model *tmpl.Model, sel []*tmpl.Template, docs []*document.Document, w *version.Working) []string {
	out := p.outputKeys(model, sel)
	vers := versionsKey(w, sel)
	for i, d := range docs {
		out[i] = newHasher().Add("check", out[i], vers, d.Key()).Sum()
	}
	return out
}

// versionsKey identifies the versions templates may print.
func versionsKey(w *version.Working, sel []*tmpl.Template) string {
	h := newHasher().Add("pack", w.Pack())
	for _, t := range sel {
		v := w.Doc(t.Meta.ID)
		h.Add("v", t.Meta.ID, v.Version, v.Status, v.Effective, v.NextReview)
	}
	return h.Sum()
}

// mdParser is the parser of the documents' Markdown.
func (p *Project) mdParser() *markdown.Parser {
	return markdown.NewParser(markdown.Options{HeadingNumbers: p.Facts.Output.HeadingNumbers})
}

// documents parses each body once and attaches its control block. With
// drop, each syntax tree is dropped as soon as it is parsed (see
// BuildOptions.dropMade).
func (p *Project) documents(ctx context.Context, model *tmpl.Model, sel []*tmpl.Template, bodies []*tmpl.Output, w *version.Working, cache *Cache, drop bool) ([]*document.Document, map[*document.Document]bool, error) {
	numbers := p.Facts.Output.HeadingNumbers
	parser := p.mdParser()
	docs := make([]*document.Document, len(sel))
	// Look up cached parses before going parallel: the cache is not shared
	// between goroutines.
	mds := make([]*markdown.Doc, len(sel))
	keys := make([]string, len(sel))
	for i, t := range sel {
		keys[i] = newHasher().Add("md", bodies[i].Sum[:], numbers).Sum()
		if cache != nil {
			if c, ok := cache.parsed[t.Meta.ID]; ok && c.key == keys[i] {
				mds[i] = c.md
			}
		}
	}
	// The documents whose Markdown the cache did not hold are new.
	fresh := map[*document.Document]bool{}
	reparsed := make([]bool, len(sel))
	for i := range sel {
		reparsed[i] = mds[i] == nil
	}
	// A cancelled render stops here: the documents it did not parse are
	// nil, and no later stage may see them.
	err := parallel(ctx, len(sel), nil, func(i int) error {
		if mds[i] == nil {
			mds[i] = parser.Parse(bodies[i].Markdown)
			if drop {
				// What the checks and the images read of the tree is
				// taken (markdown.Doc's Links, Images and Chars); the
				// formats grow it again, one document at a time, so that
				// a large pack never holds every tree at once.
				mds[i].DropTree()
			}
		}
		info, _ := model.Doc(sel[i].Meta.ID)
		v := w.Doc(info.ID)
		docs[i] = &document.Document{
			Identity: info.Identity, Source: sel[i].File.Display,
			Control: document.ControlBlock{
				Version: v.Version, Status: v.Status, Classification: info.Classification,
				Owner:     document.Party{Name: info.Owner.Name, Title: info.Owner.Title, Email: info.Owner.Email},
				Approver:  document.Party{Name: info.Approver.Name, Title: info.Approver.Title, Email: info.Approver.Email},
				Effective: v.Effective, NextReview: v.NextReview, ReviewMonths: info.ReviewMonths,
			},
			History: w.History(info.ID),
			MD:      mds[i],
			Body:    bodies[i].Map,
		}
		if v.Status == document.StatusApproved {
			docs[i].Control.Approval = p.approval(docs[i].History, v.Version)
		}
		docs[i].Origins = document.Origins{
			"owner": p.personOrigin(info.Owner.ID, "name"), "approver": p.personOrigin(info.Approver.ID, "name"),
			"owner.title": p.personOrigin(info.Owner.ID, "title"), "approver.title": p.personOrigin(info.Approver.ID, "title"),
			document.OriginTitle: frontOrigin(sel[i], "title"), document.OriginSummary: frontOrigin(sel[i], "summary"),
			"ref": frontOrigin(sel[i], "ref"),
		}
		switch c := info.Classification; {
		case p.Facts.Documents[info.ID].Classification == c:
			docs[i].Origins["classification"] = p.factOrigin("documents." + info.ID + ".classification")
		case sel[i].Meta.Classification == "" && p.Facts.DocumentControl.Classification == c:
			docs[i].Origins["classification"] = p.factOrigin("document_control.classification")
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for i, d := range docs {
		if reparsed[i] {
			fresh[d] = true
		}
	}
	if cache != nil {
		ids := map[string]bool{}
		for i, t := range sel {
			cache.parsed[t.Meta.ID] = parsedDoc{key: keys[i], md: mds[i]}
			ids[t.Meta.ID] = true
		}
		cache.pruneParsed(ids)
	}
	return docs, fresh, nil
}

// mappings builds a page for each framework besides Annex A that the
// documents map to. A page is dated and versioned with the pack, and owned
// and approved as the documents are by default.
func (p *Project) mappings(pk *document.Pack, sel []*tmpl.Template) ([]*mapping.Mapping, error) {
	docs := make([]*document.Identity, len(pk.Docs))
	for i, d := range pk.Docs {
		docs[i] = &d.Identity
	}
	ms := mapping.Build(p.Cat, docs)
	if len(ms) == 0 {
		return nil, nil
	}
	f := p.Facts
	parser := markdown.NewParser(markdown.Options{HeadingNumbers: f.Output.HeadingNumbers})
	var errs diag.List
	for _, m := range ms {
		for i, d := range pk.Docs {
			if d.ID == m.DocID() {
				errs.Add(diag.Errorf(diag.Pos{File: sel[i].File.Display, Line: 2, Col: 1}, "give the document another id",
					"document id %q is the name of the %s mapping page", d.ID, m.Framework.Short).WithSource(sel[i].Source()).WithCode("duplicate-id"))
			}
		}
		pk.Mappings = append(pk.Mappings, &document.Document{
			Identity: document.Identity{ID: m.DocID(), Ref: tmpl.RefPrefix(f) + "-" + strings.ToUpper(m.DocID()), Title: m.Title(), Kind: "record",
				Summary: m.Coverage()},
			MD: parser.Parse(m.Markdown()), Control: p.generatedControl(pk), Generated: true,
		})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return ms, nil
}

// generatedControl is the control block of a page ismsforge makes rather
// than a template: dated and versioned with the pack, and owned and approved
// as the documents are by default.
func (p *Project) generatedControl(pk *document.Pack) document.ControlBlock {
	f := p.Facts
	dc := f.DocumentControl
	party := func(ref string) document.Party {
		pp, _ := f.Resolve(ref)
		return document.Party{Name: pp.Name, Title: pp.Title, Email: pp.Email}
	}
	status := document.StatusApproved
	if pk.Draft {
		status = document.StatusDraft
	}
	return document.ControlBlock{
		Version: pk.Version, Status: status, Owner: party(dc.Owner), Approver: party(dc.Approver),
		Classification: dc.Classification, Effective: pk.Date, ReviewMonths: dc.ReviewMonths,
	}
}

// openActions lists the open work at the pack's date and adds its page to
// the pack's reports.
func (p *Project) openActions(pk *document.Pack, sel []*tmpl.Template) (gaps.Report, error) {
	for i, d := range pk.Docs {
		if d.ID == gaps.ID {
			return gaps.Report{}, diag.Errorf(diag.Pos{File: sel[i].File.Display, Line: 2, Col: 1}, "give the document another id",
				"document id %q is the name of the open actions page", d.ID).WithSource(sel[i].Source()).WithCode("duplicate-id")
		}
	}
	g := gaps.List(p.Facts, p.Cat, p.Date)
	in := func(id string) string {
		for _, d := range pk.Docs {
			if d.ID == id {
				return id
			}
		}
		return ""
	}
	links := gaps.Links{SoA: in("statement-of-applicability"), Risks: in("risk-register"), Objectives: in("objectives-plan")}
	md := g.Markdown(p.Facts.Organization.Name, links, pk.LongDate)
	parser := markdown.NewParser(markdown.Options{HeadingNumbers: p.Facts.Output.HeadingNumbers})
	pk.Reports = append(pk.Reports, &document.Document{
		Identity: document.Identity{ID: gaps.ID, Ref: tmpl.RefPrefix(p.Facts) + "-GAPS", Title: gaps.Title, Kind: "report",
			Summary: fmt.Sprintf("%d open, %d overdue", len(g.Items), g.Overdue())},
		MD: parser.Parse(md), Control: p.generatedControl(pk), Generated: true,
	})
	return g, nil
}
