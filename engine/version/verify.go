package version

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/pack"
)

// The lock is verified, not trusted. A document's version set by hand to
// 9.7 with only a 1.0 revision, a hash that is not a hash, an empty or cut
// file: each would otherwise be taken at face value and carried into the
// next release. Every inconsistency is a finding at its line in isms.lock.

// restoreHint is how to fix any lock the release command did not write.
const restoreHint = "isms.lock is written by `ismsforge release`; restore it from git (git checkout isms.lock) rather than editing it"

var (
	versionForm = regexp.MustCompile(`^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$`)
	hashForm    = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
)

// Parse reads and verifies the content of a lock file; path names it in
// findings.
func Parse(path string, src []byte) (*Lock, error) {
	if d := diag.CheckUTF8(path, src); d != nil {
		d.Hint = restoreHint
		return nil, d
	}
	if isBlank(src) {
		return nil, diag.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "restore it from git (git checkout isms.lock); if this project was never released, delete the file", "%s is empty: it records no release, not even that there was none", FileName).WithSource(src).WithCode("lock")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		d := diag.YAMLSyntax(path, src, src, 0, err)
		d.Hint = restoreHint
		return nil, d.WithCode("lock")
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, diag.Errorf(diag.Pos{File: path, Line: root.Line, Col: root.Column}, restoreHint, "%s must be a mapping with pack and documents", FileName).WithSource(src).WithCode("lock")
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	var l Lock
	if err := dec.Decode(&l); err != nil {
		line := 1
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			msg = te.Errors[0]
			fmt.Sscanf(msg, "line %d:", &line)
			if _, rest, ok := strings.Cut(msg, ": "); ok {
				msg = rest
			}
		}
		return nil, diag.Errorf(diag.Pos{File: path, Line: line, Col: 1}, restoreHint, "cannot read %s: %s", FileName, msg).WithSource(src).WithCode("lock")
	}
	if l.Documents == nil {
		l.Documents = map[string]DocState{}
	}
	v := &verifier{file: path, src: src, root: root}
	v.verify(&l)
	if err := v.errs.Err(); err != nil {
		v.errs.Sort()
		return nil, v.errs
	}
	return &l, nil
}

// isBlank reports whether src holds nothing but blanks and comments.
func isBlank(src []byte) bool {
	for _, l := range bytes.Split(src, []byte("\n")) {
		t := bytes.TrimSpace(l)
		if len(t) > 0 && t[0] != '#' {
			return false
		}
	}
	return true
}

type verifier struct {
	file string
	src  []byte
	root *yaml.Node
	errs diag.List
}

// at returns the position of the value at a path of mapping keys and
// sequence indexes ("documents", "x", "history", 0), or of its closest
// written parent.
func (v *verifier) at(path ...any) diag.Pos {
	n := v.root
	for _, p := range path {
		next := (*yaml.Node)(nil)
		switch k := p.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == k {
						next = n.Content[i+1]
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && k < len(n.Content) {
				next = n.Content[k]
			}
		}
		if next == nil {
			break
		}
		n = next
	}
	return diag.Pos{File: v.file, Line: n.Line, Col: n.Column}
}

func (v *verifier) fail(pos diag.Pos, format string, args ...any) {
	v.errs.Add(diag.Errorf(pos, restoreHint, format, args...).WithSource(v.src).WithCode("lock"))
}

func (v *verifier) verify(l *Lock) {
	p := l.Pack
	if p.Version == "" {
		if len(l.Documents) > 0 || len(p.History) > 0 {
			v.fail(v.at("pack"), "the pack has no version, yet the lock records releases: the file is incomplete")
		}
		return
	}
	if !versionForm.MatchString(p.Version) {
		v.fail(v.at("pack", "version"), "pack version %q is not a version such as 1.0 or 2.3", p.Version)
	}
	if len(p.History) == 0 {
		v.fail(v.at("pack", "version"), "pack version %s has no release in pack.history", p.Version)
	} else if last := p.History[len(p.History)-1]; last.Version != p.Version {
		v.fail(v.at("pack", "version"), "pack version %s is not the last release in its history, %s", p.Version, last.Version)
	}
	dates := map[facts.Date]bool{}
	for i, r := range p.History {
		if !versionForm.MatchString(r.Version) {
			v.fail(v.at("pack", "history", i, "version"), "release %q is not a version such as 1.0 or 2.3", r.Version)
		} else if i > 0 && !later(r.Version, p.History[i-1].Version) {
			v.fail(v.at("pack", "history", i, "version"), "release %s follows %s: versions must rise", r.Version, p.History[i-1].Version)
		}
		if r.Date.IsZero() {
			v.fail(v.at("pack", "history", i), "release %s has no date", r.Version)
		} else if i > 0 && r.Date.Before(p.History[i-1].Date) {
			v.fail(v.at("pack", "history", i, "date"), "release %s of %s is dated before release %s of %s", r.Version, r.Date, p.History[i-1].Version, p.History[i-1].Date)
		}
		dates[r.Date] = true
	}
	for _, id := range slices.Sorted(mapsKeys(l.Documents)) {
		v.document(id, l.Documents[id], dates)
	}
	// Every document a release says it changed has a revision of that date.
	for i, r := range p.History {
		for j, id := range r.Changed {
			d, ok := l.Documents[id]
			if !ok {
				if !slices.ContainsFunc(p.History[i+1:], func(later PackRelease) bool { return slices.Contains(later.Removed, id) }) {
					v.fail(v.at("pack", "history", i, "changed", j), "release %s says it changed %s, which the lock does not record and no later release withdrew: the file is incomplete", r.Version, id)
				}
				continue
			}
			if !slices.ContainsFunc(d.History, func(rev document.Revision) bool { return rev.Date == r.Date }) {
				v.fail(v.at("pack", "history", i, "changed", j), "release %s says it changed %s, but %s has no revision of %s", r.Version, id, id, r.Date)
			}
		}
	}
}

func (v *verifier) document(id string, d DocState, releaseDates map[facts.Date]bool) {
	at := func(path ...any) diag.Pos { return v.at(append([]any{"documents", id}, path...)...) }
	if !versionForm.MatchString(d.Version) {
		v.fail(at("version"), "document %s: version %q is not a version such as 1.0 or 2.3", id, d.Version)
	}
	if !hashForm.MatchString(d.Hash) {
		v.fail(at("hash"), "document %s: %q is not a hash; ismsforge writes sha256: and 64 hexadecimal digits", id, d.Hash)
	}
	if len(d.History) == 0 {
		v.fail(at(), "document %s has no revision history", id)
		return
	}
	last := d.History[len(d.History)-1]
	if last.Version != d.Version {
		v.fail(at("version"), "document %s is at version %s, but its last revision is %s", id, d.Version, last.Version)
	}
	if d.Effective != last.Date {
		v.fail(at("effective"), "document %s took effect on %s, but its last revision is dated %s", id, d.Effective, last.Date)
	}
	for i, r := range d.History {
		if !versionForm.MatchString(r.Version) {
			v.fail(at("history", i, "version"), "document %s: revision %q is not a version such as 1.0 or 2.3", id, r.Version)
		} else if i > 0 && !later(r.Version, d.History[i-1].Version) {
			v.fail(at("history", i, "version"), "document %s: revision %s follows %s: versions must rise", id, r.Version, d.History[i-1].Version)
		}
		if !releaseDates[r.Date] {
			v.fail(at("history", i, "date"), "document %s: revision %s is dated %s, which is the date of no release in pack.history", id, r.Version, r.Date)
		}
	}
}

// later reports whether version a is after b; both are well formed.
func later(a, b string) bool {
	am, an, _ := parse(a)
	bm, bn, _ := parse(b)
	return am > bm || am == bm && an > bn
}

// CheckReleases compares the lock with the last release stored under
// dir/releases, where it exists: every document's version and hash must be
// those its manifest records.
func (l *Lock) CheckReleases(dir string, path string, src []byte) diag.List {
	if !l.Released() {
		return nil
	}
	rel := filepath.Join(pack.ReleasesDir, l.Pack.Version)
	raw, err := os.ReadFile(filepath.Join(dir, rel, pack.ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil // releases/ need not be kept
	}
	v := &verifier{file: path, src: src}
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) == nil && len(doc.Content) > 0 {
		v.root = doc.Content[0]
	} else {
		v.root = &yaml.Node{Line: 1, Column: 1}
	}
	hint := fmt.Sprintf("isms.lock was edited, or %s was replaced; restore isms.lock from git (git checkout isms.lock)", rel)
	fail := func(pos diag.Pos, format string, args ...any) {
		v.errs.Add(diag.Errorf(pos, hint, format, args...).WithSource(src).WithCode("lock-release"))
	}
	var m pack.Manifest
	if err != nil || json.Unmarshal(raw, &m) != nil {
		fail(v.at("pack", "version"), "the manifest of release %s, %s, cannot be read", l.Pack.Version, filepath.Join(rel, pack.ManifestName))
		return v.errs
	}
	if m.Pack.Version != l.Pack.Version {
		fail(v.at("pack", "version"), "%s holds release %s, not %s", rel, m.Pack.Version, l.Pack.Version)
		return v.errs
	}
	inManifest := map[string]bool{}
	for _, d := range m.Documents {
		inManifest[d.ID] = true
		st, ok := l.Documents[d.ID]
		switch {
		case !ok:
			fail(v.at("documents"), "release %s holds document %s, which the lock does not record", l.Pack.Version, d.ID)
		case st.Version != d.Version:
			fail(v.at("documents", d.ID, "version"), "document %s is version %s here, but %s in release %s", d.ID, st.Version, d.Version, l.Pack.Version)
		case st.Hash != d.Hash:
			fail(v.at("documents", d.ID, "hash"), "document %s: this hash is not the one release %s records for it", d.ID, l.Pack.Version)
		}
	}
	for _, id := range slices.Sorted(mapsKeys(l.Documents)) {
		if !inManifest[id] {
			fail(v.at("documents", id), "document %s is not part of release %s", id, l.Pack.Version)
		}
	}
	v.errs.Sort()
	return v.errs
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
