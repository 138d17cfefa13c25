// Package diff compares two versions of the pack, a stored release or the
// working draft, and writes the redlines that people who approve documents
// read: the rendered page with the changes marked, the line-by-line source
// view, the PDF and the Word file with tracked changes.
package diff

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/md"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/releases"
)

// Working names the unreleased working draft.
const Working = "working"

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
	// Doc is the new version's identity and control block (the old one's
	// for a removed document).
	Doc *document.Document `json:"-"`
}

// SoAChange is a field of an SoA row that changed.
type SoAChange struct {
	ID    string `json:"id"`
	Title string `json:"-"`
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Result is the difference between two versions of the pack.
type Result struct {
	From      string      `json:"-"`
	To        string      `json:"-"`
	Org       string      `json:"-"`
	Documents []DocChange `json:"documents"`
	SoA       []SoAChange `json:"soa"`
}

// Side is one version of the pack as diff sees it.
type Side struct {
	version string
	org     string
	docs    map[string]sideDoc
	soa     []pack.SoARow
}

// SoA returns the side's Statement of Applicability.
func (s *Side) SoA() []pack.SoARow { return s.soa }

type sideDoc struct {
	version, hash string
	body          []byte
	// doc is the document's identity and control block as that version
	// printed it, for the redline's PDF and DOCX.
	doc *document.Document
}

// Compare lists what differs between two versions of the pack. A document
// is modified when its version-neutral content differs, so a new version
// number in a register does not count as a change.
func Compare(a, b *Side) *Result {
	res := &Result{From: a.version, To: b.version, Org: b.org}
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
			res.Documents = append(res.Documents, DocChange{ID: id, Title: y.doc.Title, Change: "added", To: y.version, New: y.body, Doc: y.doc})
		case !inB:
			res.Documents = append(res.Documents, DocChange{ID: id, Title: x.doc.Title, Change: "removed", From: x.version, Old: x.body, Doc: x.doc})
		case x.hash != y.hash:
			res.Documents = append(res.Documents, DocChange{ID: id, Title: y.doc.Title, Change: "modified", From: x.version, To: y.version, Old: x.body, New: y.body, Doc: y.doc})
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

// Built is a built pack as diff sees it: the working draft (version
// Working), or a release being made. hashes are the documents'
// version-neutral hashes.
func Built(version string, pk *document.Pack, hashes map[string]string, soa []pack.SoARow) *Side {
	s := &Side{version: version, org: pk.Org, docs: map[string]sideDoc{}, soa: soa}
	for _, d := range pk.Docs {
		s.docs[d.ID] = sideDoc{version: d.Control.Version, hash: hashes[d.ID], body: d.MD.Source, doc: d}
	}
	return s
}

// Released reads a release stored under the project's releases/.
func Released(projectDir, v string) (*Side, error) {
	dir := filepath.Join(projectDir, pack.ReleasesDir, v)
	raw, err := os.ReadFile(filepath.Join(dir, pack.ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &releases.Error{Msg: fmt.Sprintf("release %s is not stored under %s", v, filepath.Join(projectDir, pack.ReleasesDir)), Hint: "list the releases with `ls releases/`, or use --to working"}
	}
	if err != nil {
		return nil, err
	}
	var m pack.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("release %s: manifest: %w", v, err)
	}
	s := &Side{version: v, org: m.Pack.Organization, docs: map[string]sideDoc{}}
	for _, d := range m.Documents {
		file, err := os.ReadFile(filepath.Join(dir, "md", d.ID+".md"))
		if err != nil {
			return nil, fmt.Errorf("release %s: %w", v, err)
		}
		// The control block is read back from the Markdown's front matter;
		// a field it cannot read stays empty, and the redline still shows
		// the text.
		h, body := md.Split(file)
		doc := h.Document()
		doc.ID, doc.Ref, doc.Title, doc.Kind = d.ID, d.Ref, d.Title, d.Kind
		doc.Control.Version, doc.Control.Status = d.Version, d.Status
		s.docs[d.ID] = sideDoc{version: d.Version, hash: d.Hash, body: body, doc: doc}
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
