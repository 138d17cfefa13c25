package version

import (
	"strings"
	"testing"
)

// FuzzLock parses arbitrary isms.lock files. Parsing never panics; a lock
// that passes verification survives a round trip through Marshal unchanged.
func FuzzLock(f *testing.F) {
	_, good := twoReleases(f)
	f.Add(string(good))
	f.Add("")
	f.Add("pack: {version: \"1.0\"}\n")
	f.Add(strings.Replace(string(good), `"1.1"`, `"9.7"`, 1))
	f.Add(string(good[:len(good)/2]))
	f.Add("pack:\n  version: \"1.0\"\n  history:\n    - {version: \"1.0\", date: 2026-01-01}\ndocuments: {}\n")
	f.Fuzz(func(t *testing.T, src string) {
		l, err := Parse("isms.lock", []byte(src))
		if err != nil {
			return
		}
		b, err := l.Marshal()
		if err != nil {
			t.Fatalf("marshal a verified lock: %v", err)
		}
		back, err := Parse("isms.lock", b)
		if err != nil {
			t.Fatalf("a verified lock does not read back:\n%s\n%v", b, err)
		}
		b2, err := back.Marshal()
		if err != nil || string(b2) != string(b) {
			t.Fatalf("round trip changed the lock:\n%s\n---\n%s", b, b2)
		}
	})
}
