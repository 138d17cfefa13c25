package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/version"
)

// Working names the unreleased working draft in diff.
const Working = "working"

// DiffOptions configure Diff.
type DiffOptions struct {
	Dir string
	// Out is the output directory whose diff/ subdirectory receives the
	// redlines; it defaults to Dir/out.
	Out string
	// From and To are release versions; From defaults to the last release
	// and To to the working draft.
	From, To string
	Date     facts.Date
	Library  fs.FS
	// PDF and DOCX also write each redline as OUT/diff/<id>.pdf, with the
	// same marks, and as OUT/diff/<id>.docx, the new version with the
	// changes as Word tracked changes.
	PDF, DOCX bool
}

// DocChange is a document added, removed or modified between two versions.
type DocChange struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Change string `json:"change"`
	From   string `json:"from"`
	To     string `json:"to"`
	// Old and New are the documents' Markdown bodies, for the redline.
	Old []byte `json:"-"`
	New []byte `json:"-"`
	// doc is the new version's identity and control block (the old one's
	// for a removed document).
	doc *document.Document
}

// SoAChange is a field of an SoA row that changed.
type SoAChange struct {
	ID    string `json:"id"`
	Title string `json:"-"`
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// DiffResult is the difference between two versions of the pack.
type DiffResult struct {
	From      string      `json:"-"`
	To        string      `json:"-"`
	Org       string      `json:"-"`
	Documents []DocChange `json:"documents"`
	SoA       []SoAChange `json:"soa"`
	// env is what the redlines are rendered with.
	env *redlineEnv
}

// side is one version of the pack as diff sees it.
type side struct {
	version string
	org     string
	docs    map[string]sideDoc
	soa     []pack.SoARow
}

type sideDoc struct {
	title, version, hash string
	body                 []byte
	// doc is the document's identity and control block as that version
	// printed it, for the redline's PDF and DOCX.
	doc *document.Document
}

// Diff compares two versions of the pack: by default the last release and
// the working draft. A document is modified when its version-neutral content
// differs, so a new version number in a register does not count as a change.
func Diff(ctx context.Context, o DiffOptions) (*DiffResult, error) {
	lock, err := version.Load(o.Dir)
	if err != nil {
		return nil, err
	}
	from, to := o.From, o.To
	if from == "" {
		from = lock.Pack.Version
	}
	if to == "" {
		to = Working
	}
	if from == "" {
		return nil, &ReleaseError{Msg: "nothing has been released yet, so there is nothing to compare with", Hint: "run `ismsforge release -m \"Initial release\"` first"}
	}
	p, err := Load(o.Dir, LoadOptions{Date: o.Date, Library: o.Library})
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	defer p.Close()
	var r *Rendered
	if from == Working || to == Working {
		if r, err = p.Render(ctx, RenderOptions{NoPDF: true}); err != nil {
			return nil, err
		}
	}
	load := func(v string) (*side, error) {
		if v == Working {
			return renderedSide(r), nil
		}
		return releaseSide(o.Dir, v)
	}
	a, err := load(from)
	if err != nil {
		return nil, err
	}
	b, err := load(to)
	if err != nil {
		return nil, err
	}
	res := compareSides(a, b)
	// Who made the changes, for tracked changes: the approver and date
	// of the release compared to; for the working draft, which nobody
	// approved yet, each document's owner on the pack's date.
	res.env = p.redlineEnv(res)
	for _, h := range lock.Pack.History {
		if h.Version == to {
			res.env.author, res.env.date = h.ApprovedBy, h.Date
		}
	}
	if to == Working {
		res.env.date = p.Date
	}
	return res, nil
}

// compareSides lists what differs between two versions of the pack.
func compareSides(a, b *side) *DiffResult {
	res := &DiffResult{From: a.version, To: b.version, Org: b.org}
	ids := slices.Sorted(maps.Keys(a.docs))
	for id := range b.docs {
		if _, ok := a.docs[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		x, inA := a.docs[id]
		y, inB := b.docs[id]
		switch {
		case !inA:
			res.Documents = append(res.Documents, DocChange{ID: id, Title: y.title, Change: "added", To: y.version, New: y.body, doc: y.doc})
		case !inB:
			res.Documents = append(res.Documents, DocChange{ID: id, Title: x.title, Change: "removed", From: x.version, Old: x.body, doc: x.doc})
		case x.hash != y.hash:
			res.Documents = append(res.Documents, DocChange{ID: id, Title: y.title, Change: "modified", From: x.version, To: y.version, Old: x.body, New: y.body, doc: y.doc})
		}
	}
	res.SoA = soaChanges(a.soa, b.soa)
	return res
}

func soaChanges(a, b []pack.SoARow) []SoAChange {
	old := map[string]pack.SoARow{}
	for _, r := range a {
		old[r.ID] = r
	}
	var out []SoAChange
	for _, r := range b {
		o, ok := old[r.ID]
		if !ok {
			continue
		}
		yesNo := func(v bool) string {
			if v {
				return "yes"
			}
			return "no"
		}
		for _, f := range []struct{ name, from, to string }{
			{"applicable", yesNo(o.Applicable), yesNo(r.Applicable)},
			{"justification", o.Justification, r.Justification},
			{"status", o.Status, r.Status},
		} {
			if f.from != f.to {
				out = append(out, SoAChange{ID: r.ID, Title: r.Title, Field: f.name, From: f.from, To: f.to})
			}
		}
	}
	return out
}

// renderedSide is a rendered pack as diff sees it: the working draft, or a
// release being made.
func renderedSide(r *Rendered) *side {
	s := &side{version: Working, org: r.Pack.Org, docs: map[string]sideDoc{}, soa: soaRows(r)}
	if r.Lock != nil {
		s.version = r.Lock.Pack.Version
	}
	for _, d := range r.Pack.Docs {
		s.docs[d.ID] = sideDoc{title: d.Title, version: d.Control.Version, hash: r.Hashes[d.ID], body: d.MD.Source, doc: d}
	}
	return s
}

// releaseSide reads a stored release.
func releaseSide(projectDir, v string) (*side, error) {
	dir := filepath.Join(projectDir, ReleasesDir, v)
	raw, err := os.ReadFile(filepath.Join(dir, pack.ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &ReleaseError{Msg: fmt.Sprintf("release %s is not stored under %s", v, filepath.Join(projectDir, ReleasesDir)), Hint: "list the releases with `ls releases/`, or use --to working"}
	}
	if err != nil {
		return nil, err
	}
	var m pack.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("release %s: manifest: %w", v, err)
	}
	s := &side{version: v, org: m.Pack.Organization, docs: map[string]sideDoc{}}
	for _, d := range m.Documents {
		md, err := os.ReadFile(filepath.Join(dir, "md", d.ID+".md"))
		if err != nil {
			return nil, fmt.Errorf("release %s: %w", v, err)
		}
		doc := releasedDoc(md)
		doc.ID, doc.Ref, doc.Title, doc.Kind = d.ID, d.Ref, d.Title, d.Kind
		doc.Control.Version, doc.Control.Status = d.Version, d.Status
		s.docs[d.ID] = sideDoc{title: d.Title, version: d.Version, hash: d.Hash, body: stripFrontMatter(md), doc: doc}
	}
	soa, err := os.ReadFile(filepath.Join(dir, "soa.json"))
	if err != nil {
		return nil, fmt.Errorf("release %s: %w", v, err)
	}
	if err := json.Unmarshal(soa, &s.soa); err != nil {
		return nil, fmt.Errorf("release %s: soa.json: %w", v, err)
	}
	return s, nil
}

// releasedDoc reads a released document's control block back from the
// front matter of its Markdown (see markdownFile). A field it cannot read
// stays empty: the redline still shows the text.
func releasedDoc(md []byte) *document.Document {
	var h struct {
		Version        string     `yaml:"version"`
		Status         string     `yaml:"status"`
		Owner          string     `yaml:"owner"`
		Approver       string     `yaml:"approver"`
		Classification string     `yaml:"classification"`
		Effective      facts.Date `yaml:"effective"`
		Next           facts.Date `yaml:"next_review"`
		Clauses        []string   `yaml:"clauses"`
		Controls       []string   `yaml:"controls"`
	}
	d := &document.Document{}
	if bytes.HasPrefix(md, []byte("---\n")) {
		if i := bytes.Index(md[4:], []byte("\n---\n")); i >= 0 {
			_ = yaml.Unmarshal(md[4:4+i], &h)
		}
	}
	d.Clauses, d.Controls = h.Clauses, h.Controls
	d.Control = document.ControlBlock{
		Version: h.Version, Status: h.Status, Classification: h.Classification,
		Owner: document.Party{Name: h.Owner}, Approver: document.Party{Name: h.Approver},
		Effective: h.Effective, NextReview: h.Next,
	}
	return d
}

// stripFrontMatter drops the control block that heads OUT/md files, leaving
// the body as the templates rendered it.
func stripFrontMatter(md []byte) []byte {
	if !bytes.HasPrefix(md, []byte("---\n")) {
		return md
	}
	if i := bytes.Index(md[4:], []byte("\n---\n")); i >= 0 {
		return bytes.TrimPrefix(md[4+i+5:], []byte("\n"))
	}
	return md
}

// WriteRedlines replaces OUT/diff/ with the redlines of each changed
// document (see redlineFiles) and an index page, through a temporary
// directory. Like a build, it only writes into an output directory
// ismsforge owns.
func WriteRedlines(ctx context.Context, o DiffOptions, res *DiffResult) (string, error) {
	out := o.Out
	if out == "" {
		out = filepath.Join(o.Dir, "out")
	}
	if err := pack.CheckOutput(o.Dir, out); err != nil {
		return "", err
	}
	files, err := res.redlineFiles(ctx, redlineOutputs{PDF: o.PDF, DOCX: o.DOCX})
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
