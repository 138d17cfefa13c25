package check

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
)

var (
	approvalWord = regexp.MustCompile(`(?i)\b(approved|signed|endorsed|ratified|adopted)\b`)
	claimedDate  = regexp.MustCompile(`\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b|\b(\d{4})-(\d{2})-\d{2}\b`)
	// selfApproval is a document's body saying that it has been approved.
	selfApproval = regexp.MustCompile(`(?i)\b(?:this|the present) (?:policy|procedure|document|record|register|plan|statement|manual)\b[^.|]{0,80}?\b(?:was|has been|is) (?:formally )?(?:approved|signed|endorsed)\b[^.|]*`)
)

// approvalEvidence and selfApprovalOf check that no text claims an
// approval, or an approval date, that the pack's own version state does
// not record. ismsforge records an approval when a document is released
// (isms.lock); a draft has none. approvalEvidence reads the controls'
// evidence in the facts.
func approvalEvidence(in Input) diag.List {
	var l diag.List
	f := in.Facts
	find := func(name string) *document.Document {
		for _, d := range in.Docs {
			if names(norm(d.Title), name) {
				return d
			}
		}
		return nil
	}
	for _, id := range sortedKeys(f.Controls) {
		for j, ev := range f.Controls[id].Evidence {
			if !approvalWord.MatchString(ev) {
				continue
			}
			for _, name := range documentNames(ev) {
				d := find(name)
				if d == nil {
					continue
				}
				if msg := unrecorded(d, ev); msg != "" {
					l.Add(f.Errorf(fmt.Sprintf("%s.evidence[%d]", controlPath(id), j), fmt.Sprintf("cite the document without an approval (ismsforge records approvals when you run `ismsforge release`), or release it first; %s is %s", d.ID, state(d)),
						"evidence of %s claims that %q was %s", id, d.Title, msg).WithCode("approval-claim"))
				}
			}
		}
	}
	return l
}

// selfApprovalOf checks that document i's text claims no approval its
// version state does not record.
func selfApprovalOf(in Input, i int) diag.List {
	var l diag.List
	if d := in.Docs[i]; d.MD != nil {
		text := string(d.MD.Source)
		for _, at := range selfApprovals(text) {
			m := text[at[0]:at[1]]
			if msg := unrecorded(d, m); msg != "" {
				pos, src := bodyPos(in.Selected[i], d, at[0])
				l.Add(diag.Errorf(pos, "state the approval through the document's control block and revision history, which ismsforge fills from isms.lock, not in the text",
					"document %s says it was %s: %q", d.ID, msg, strings.TrimSpace(m)).WithSource(src).WithCode("approval-claim"))
			}
		}
	}
	return l
}

// selfApprovals returns selfApproval's matches in src. A match never spans
// '.' or '|' and always holds one of its verbs, so the expression runs
// only on the stretches that hold one (see findInStretches): over a whole
// document it was the slowest check.
func selfApprovals(src string) [][]int {
	return findInStretches(selfApproval, src, ".|", func(seg string) bool {
		return strings.Contains(seg, "approved") || strings.Contains(seg, "signed") || strings.Contains(seg, "endorsed")
	})
}

// unrecorded returns what a text claims about a document's approval that
// its version state does not record, or "".
func unrecorded(d *document.Document, text string) string {
	if d.IsDraft() && len(d.History) == 0 {
		return "approved, but it has never been released: it is a draft"
	}
	m := claimedDate.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	for _, r := range d.History {
		if (m[1] != "" && r.Date.Format("January 2006") == m[1]+" "+m[2]) || (m[3] != "" && r.Date.Format("2006-01") == m[3]+"-"+m[4]) {
			return ""
		}
	}
	return fmt.Sprintf("approved in %s, a date on which no version of it was released", m[0])
}

func state(d *document.Document) string {
	if len(d.History) == 0 {
		return "an unreleased draft"
	}
	last := d.History[len(d.History)-1]
	return fmt.Sprintf("version %s of %s (%s)", last.Version, last.Date, d.Control.Status)
}
