package version

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/pack"
)

// twoReleases is a lock as release writes it after 1.0 and 1.1.
func twoReleases(t testing.TB) (*Lock, []byte) {
	t.Helper()
	empty := &Lock{Documents: map[string]DocState{}}
	l1, _, _, err := empty.Plan(map[string]string{"access-control": Hash([]byte("a")), "scope": Hash([]byte("s"))}, Spec{Date: d1, Summary: "Initial release", ApprovedBy: "Dana"}, twelve)
	if err != nil {
		t.Fatal(err)
	}
	l2, _, _, err := l1.Plan(map[string]string{"access-control": Hash([]byte("a2")), "scope": Hash([]byte("s"))}, Spec{Date: d2, Summary: "Reviews", ApprovedBy: "Dana"}, twelve)
	if err != nil {
		t.Fatal(err)
	}
	b, err := l2.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return l2, b
}

// TestLockIsVerifiedNotTrusted edits a lock the way the adversarial pass
// did: each edit is a finding at its line and column in isms.lock.
func TestLockIsVerifiedNotTrusted(t *testing.T) {
	_, good := twoReleases(t)
	if _, err := Parse("isms.lock", good); err != nil {
		t.Fatalf("a lock release wrote fails: %v", err)
	}
	src := string(good)
	line := func(s string) int { return strings.Count(src[:strings.Index(src, s)], "\n") + 1 }
	ac := strings.Index(src, "  access-control:")
	sub := func(from, old, new string) string {
		i := strings.Index(src, from)
		return src[:i] + strings.Replace(src[i:], old, new, 1)
	}
	cases := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"version without its history", src[:ac] + strings.Replace(src[ac:], `version: "1.1"`, `version: "9.7"`, 1), line("  access-control:") + 1, `document access-control is at version 9.7, but its last revision is 1.1`},
		{"malformed hash", sub("  scope:", "hash: sha256:", "hash: sha256:zz"), line("  scope:") + 2, `is not a hash`},
		{"truncated hash", sub("  scope:", "hash: sha256:"+Hash([]byte("s"))[7:20], "hash: sha256:"+Hash([]byte("s"))[7:20]+"\n    x"), line("  scope:") + 3, `invalid YAML`},
		{"empty", "", 1, "isms.lock is empty"},
		{"only comments", "# isms.lock\n\n", 1, "isms.lock is empty"},
		{"cut after the pack", src[:strings.Index(src, "documents:")], 12, "release 1.0 says it changed access-control, which the lock does not record and no later release withdrew"},
		{"cut inside a document", src[:strings.Index(src, "  scope:")+40], line("  scope:") + 1, "document scope has no revision history"},
		{"pack version ahead of its history", strings.Replace(src, "pack:\n  version: \"1.1\"", "pack:\n  version: \"1.2\"", 1), line("pack:") + 1, "pack version 1.2 is not the last release in its history, 1.1"},
		{"revision of no release", sub("  scope:", "date: 2026-11-02", "date: 2026-11-03"), line("  scope:") + 6, "which is the date of no release"},
		{"unknown key", strings.Replace(src, "documents:", "note: hi\ndocuments:", 1), line("documents:"), "field note not found"},
		{"effective date edited", sub("  scope:", "effective: 2026-11-02", "effective: 2026-12-02"), line("  scope:") + 3, "took effect on 2026-12-02, but its last revision is dated 2026-11-02"},
		{"version going back", strings.Replace(src, "    - version: \"1.1\"\n      date: 2027-01-15", "    - version: \"0.9\"\n      date: 2027-01-15", 1), 0, "versions must rise"},
		{"not a version", sub("  scope:", `version: "1.0"`, `version: "one"`), line("  scope:") + 1, `version "one" is not a version`},
		{"not text", "\xff\xfe", 1, "not UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("isms.lock", []byte(c.src))
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("want a finding, got %v", err)
			}
			var list diag.List
			if !errors.As(err, &list) {
				list = diag.List{d}
			}
			for _, d := range list {
				if strings.Contains(d.Message, c.msg) && (c.line == 0 || d.Pos.Line == c.line) && d.Pos.Col > 0 && d.Hint != "" {
					return
				}
			}
			t.Errorf("want %q at line %d; got:\n%v", c.msg, c.line, err)
		})
	}
}

// TestLockAgreesWithTheStoredRelease compares the lock with the manifest
// of the release it says is the last.
func TestLockAgreesWithTheStoredRelease(t *testing.T) {
	l, src := twoReleases(t)
	dir := t.TempDir()
	m := pack.Manifest{Pack: pack.PackInfo{Version: "1.1"}}
	for _, id := range []string{"access-control", "scope"} {
		m.Documents = append(m.Documents, pack.DocEntry{ID: id, Version: l.Documents[id].Version, Hash: l.Documents[id].Hash})
	}
	write := func(m pack.Manifest) {
		b, _ := json.Marshal(m)
		os.MkdirAll(filepath.Join(dir, "releases", "1.1"), 0o755)
		if err := os.WriteFile(filepath.Join(dir, "releases", "1.1", pack.ManifestName), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(m)
	if errs := l.CheckReleases(dir, "isms.lock", src); len(errs) > 0 {
		t.Fatalf("a consistent release: %v", errs)
	}
	m.Documents[1].Hash = Hash([]byte("other"))
	write(m)
	errs := l.CheckReleases(dir, "isms.lock", src)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "document scope: this hash is not the one release 1.1 records for it") || errs[0].Pos.Line == 0 {
		t.Errorf("a hash that differs from the manifest: %v", errs)
	}
	m.Documents = m.Documents[:1]
	write(m)
	errs = l.CheckReleases(dir, "isms.lock", src)
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "document scope is not part of release 1.1") {
		t.Errorf("a document the release lacks: %v", errs)
	}
}
