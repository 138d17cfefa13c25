package version

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/tmpl"
)

// Working is the version state of a working build: every document's version
// and status against the lock.
type Working struct {
	docs  map[string]tmpl.VersionInfo
	hist  map[string][]document.Revision
	pack  string
	draft bool
}

// Doc implements tmpl.Versions.
func (w *Working) Doc(id string) tmpl.VersionInfo { return w.docs[id] }

// Pack implements tmpl.Versions.
func (w *Working) Pack() string { return w.pack }

// Draft reports whether any document differs from the last release.
func (w *Working) Draft() bool { return w.draft }

// History returns a document's revision history from the lock.
func (w *Working) History(id string) []document.Revision { return w.hist[id] }

// Resolve decides each document's version. A document whose hash matches its
// last release is Approved at that version; any other is a Draft of the next
// minor version (1.0 when it was never released). reviewMonths gives each
// document's review cycle.
func (l *Lock) Resolve(hashes map[string]string, reviewMonths func(id string) int) *Working {
	w := &Working{docs: map[string]tmpl.VersionInfo{}, hist: map[string][]document.Revision{}}
	for id, h := range hashes {
		st, released := l.Documents[id]
		w.hist[id] = st.History
		if released && st.Hash == h {
			w.docs[id] = tmpl.VersionInfo{
				Version: st.Version, Status: document.StatusApproved,
				Effective: st.Effective, NextReview: st.Effective.AddMonths(reviewMonths(id)),
			}
			continue
		}
		w.draft = true
		w.docs[id] = tmpl.VersionInfo{Version: NextMinor(st.Version), Status: document.StatusDraft}
	}
	// A document removed since the last release also makes the pack a draft.
	for id := range l.Documents {
		if _, ok := hashes[id]; !ok {
			w.draft = true
		}
	}
	w.pack = l.Pack.Version
	if w.draft || w.pack == "" {
		w.draft = true
		w.pack = NextMinor(l.Pack.Version)
	}
	return w
}

// NextMinor returns the next minor version: "" gives 1.0, 1.4 gives 1.5.
func NextMinor(v string) string {
	major, minor, ok := parse(v)
	if !ok {
		return "1.0"
	}
	return fmt.Sprintf("%d.%d", major, minor+1)
}

// NextMajor returns the next major version: "" gives 1.0, 1.4 gives 2.0.
func NextMajor(v string) string {
	major, _, ok := parse(v)
	if !ok {
		return "1.0"
	}
	return fmt.Sprintf("%d.0", major+1)
}

func parse(v string) (major, minor int, ok bool) {
	a, b, found := strings.Cut(v, ".")
	if !found {
		return 0, 0, false
	}
	ma, err1 := strconv.Atoi(a)
	mi, err2 := strconv.Atoi(b)
	return ma, mi, err1 == nil && err2 == nil
}

var _ tmpl.Versions = (*Working)(nil)
