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

	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/redline"
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
	a, err := loadSide(ctx, o, from)
	if err != nil {
		return nil, err
	}
	b, err := loadSide(ctx, o, to)
	if err != nil {
		return nil, err
	}
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
			res.Documents = append(res.Documents, DocChange{ID: id, Title: y.title, Change: "added", To: y.version, New: y.body})
		case !inB:
			res.Documents = append(res.Documents, DocChange{ID: id, Title: x.title, Change: "removed", From: x.version, Old: x.body})
		case x.hash != y.hash:
			res.Documents = append(res.Documents, DocChange{ID: id, Title: y.title, Change: "modified", From: x.version, To: y.version, Old: x.body, New: y.body})
		}
	}
	res.SoA = soaChanges(a.soa, b.soa)
	return res, nil
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

// loadSide reads a stored release, or renders the working draft.
func loadSide(ctx context.Context, o DiffOptions, v string) (*side, error) {
	if v == Working {
		p, err := Load(o.Dir, LoadOptions{Date: o.Date, Library: o.Library})
		if err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
		defer p.Close()
		r, err := p.Render(ctx, RenderOptions{NoPDF: true})
		if err != nil {
			return nil, err
		}
		s := &side{version: Working, org: r.Pack.Org, docs: map[string]sideDoc{}, soa: soaRows(r)}
		for _, d := range r.Pack.Docs {
			s.docs[d.ID] = sideDoc{title: d.Title, version: d.Control.Version, hash: r.Hashes[d.ID], body: d.MD.Source}
		}
		return s, nil
	}
	dir := filepath.Join(o.Dir, ReleasesDir, v)
	raw, err := os.ReadFile(filepath.Join(dir, pack.ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &ReleaseError{Msg: fmt.Sprintf("release %s is not stored under %s", v, filepath.Join(o.Dir, ReleasesDir)), Hint: "list the releases with `ls releases/`, or use --to working"}
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
		s.docs[d.ID] = sideDoc{title: d.Title, version: d.Version, hash: d.Hash, body: stripFrontMatter(md)}
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

// WriteRedlines replaces OUT/diff/ with a redline page for each changed
// document and an index page, through a temporary directory. Like a build,
// it only writes into an output directory ismsforge owns.
func WriteRedlines(ctx context.Context, o DiffOptions, res *DiffResult) (string, error) {
	out := o.Out
	if out == "" {
		out = filepath.Join(o.Dir, "out")
	}
	if err := pack.CheckOutput(o.Dir, out); err != nil {
		return "", err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	if err := pack.EnsureMarker(out); err != nil {
		return "", err
	}
	files := &pack.Files{}
	var entries []redline.IndexEntry
	for _, d := range res.Documents {
		page := redline.Page(redline.Document{ID: d.ID, Title: d.Title, FromVersion: d.From, ToVersion: d.To, Old: d.Old, New: d.New, Change: d.Change}, res.Org, Generator)
		files.Add(d.ID+".html", page)
		ins, del := redline.Stats(redline.Diff(d.Old, d.New))
		entries = append(entries, redline.IndexEntry{ID: d.ID, Title: d.Title, Change: d.Change, From: d.From, To: d.To, Inserted: ins, Deleted: del})
	}
	var soa []redline.SoAChange
	for _, c := range res.SoA {
		soa = append(soa, redline.SoAChange{ID: c.ID, Title: c.Title, Field: c.Field, From: c.From, To: c.To})
	}
	files.Add("index.html", redline.Index(res.Org, res.From, res.To, entries, soa, Generator))
	dir := filepath.Join(out, "diff")
	if _, err := pack.ReplaceDir(ctx, dir, files); err != nil {
		return "", err
	}
	return dir, nil
}
