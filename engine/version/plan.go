package version

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/tmpl"
)

// Spec describes a release.
type Spec struct {
	Date       facts.Date
	Summary    string
	ApprovedBy string
	// Major gives every changed document, and the pack, the next major
	// version instead of the next minor one.
	Major bool
}

// ErrNothingToRelease refuses a release in which no document changed.
var ErrNothingToRelease = errors.New("nothing to release")

// DateError refuses a release dated before the previous one: revision
// histories must read forward.
type DateError struct {
	Date facts.Date
	Last PackRelease
}

func (e *DateError) Error() string {
	return fmt.Sprintf("release date %s is before the last release, %s of %s", e.Date, e.Last.Version, e.Last.Date)
}

// Plan computes the release of the working draft whose documents have the
// given version-neutral hashes. It returns the lock to write, the versions
// to render the release with, and the documents that changed.
func (l *Lock) Plan(hashes map[string]string, spec Spec, reviewMonths func(id string) int) (*Lock, *Working, []string, error) {
	if spec.Date.IsZero() {
		return nil, nil, nil, errors.New("release: no date")
	}
	if n := len(l.Pack.History); n > 0 && spec.Date.Before(l.Pack.History[n-1].Date) {
		last := l.Pack.History[n-1]
		return nil, nil, nil, &DateError{Date: spec.Date, Last: last}
	}
	var changed, removed []string
	for _, id := range slices.Sorted(maps.Keys(hashes)) {
		if st, ok := l.Documents[id]; !ok || st.Hash != hashes[id] {
			changed = append(changed, id)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(l.Documents)) {
		if _, ok := hashes[id]; !ok {
			removed = append(removed, id)
		}
	}
	if len(changed) == 0 && len(removed) == 0 {
		return nil, nil, nil, ErrNothingToRelease
	}
	next := NextMinor
	if spec.Major {
		next = NextMajor
	}
	nl := &Lock{Documents: map[string]DocState{}}
	nl.Pack.Version = next(l.Pack.Version)
	nl.Pack.History = append(slices.Clone(l.Pack.History), PackRelease{
		Version: nl.Pack.Version, Date: spec.Date, Summary: spec.Summary, ApprovedBy: spec.ApprovedBy,
		Changed: changed, Removed: removed,
	})
	w := &Working{docs: map[string]tmpl.VersionInfo{}, hist: map[string][]document.Revision{}, pack: nl.Pack.Version}
	for id, h := range hashes {
		st := l.Documents[id]
		if slices.Contains(changed, id) {
			v := "1.0"
			if st.Version != "" {
				v = next(st.Version)
			}
			st = DocState{
				Version: v, Hash: h, Effective: spec.Date,
				History: append(slices.Clone(st.History), document.Revision{Version: v, Date: spec.Date, Summary: spec.Summary, Approver: spec.ApprovedBy}),
			}
		}
		nl.Documents[id] = st
		w.docs[id] = tmpl.VersionInfo{
			Version: st.Version, Status: document.StatusApproved,
			Effective: st.Effective, NextReview: st.Effective.AddMonths(reviewMonths(id)),
		}
		w.hist[id] = st.History
	}
	return nl, w, changed, nil
}
