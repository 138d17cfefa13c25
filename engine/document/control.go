package document

import (
	"strconv"

	"github.com/ismsforge/ismsforge/engine/facts"
)

// Field is one labelled value of the control block. Key names it for
// themes and provenance ("status", "owner"); Label and Value are printed.
type Field struct{ Key, Label, Value string }

// Front is what precedes a document's body, as every format prints it:
// the control block, two fields to a row in reading order, then the
// revision history. The HTML theme, the PDF and the Word file take labels,
// values and date formats from here, so that they never disagree.
type Front struct {
	Fields []Field
	// History is the revision history; it has no rows before the first
	// release.
	History Table
}

// Table is a titled table of plain text.
type Table struct {
	Title   string
	Columns []string
	Rows    [][]string
}

// Labels of the revision history.
var historyColumns = []string{"Version", "Date", "Changes", "Approved by"}

// Front returns the document's front block as printed in pack p. An empty
// value is "—"; a draft takes effect on approval.
func (d *Document) Front(p *Pack) Front {
	f := Front{Fields: d.controlFields(p), History: Table{Title: "Revision history", Columns: historyColumns}}
	for _, r := range d.History {
		f.History.Rows = append(f.History.Rows, []string{r.Version, p.LongDate(r.Date), r.Summary, r.Approver})
	}
	return f
}

func (d *Document) controlFields(p *Pack) []Field {
	c := d.Control
	val := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	date := func(x facts.Date, unset string) string {
		if x.IsZero() {
			return unset
		}
		return p.LongDate(x)
	}
	review := ""
	if c.ReviewMonths > 0 {
		review = strconv.Itoa(c.ReviewMonths) + " months"
	}
	// A draft takes effect when it is approved; say so rather than leave
	// a dash an auditor would read as a gap.
	effective, next := "—", "—"
	if d.IsDraft() {
		effective = "On approval"
		if c.ReviewMonths > 0 {
			next = review + " after approval"
		}
	}
	approval, approvedBy := Field{"approval", "Approval", "Not approved"}, Field{"approved-by", "Approved by", "—"}
	if a := c.Approval; a != nil {
		when := "Version " + a.Version
		if !a.Date.IsZero() {
			when += ", " + p.LongDate(a.Date)
		}
		approval.Value, approvedBy.Value = "Approved: "+when, val(a.Approver.String())
	}
	return []Field{
		{"reference", "Reference", val(d.Ref)}, {"version", "Version", val(c.Version)},
		{"id", "Document ID", val(d.ID)}, {"status", "Status", val(c.Status)},
		{"owner", "Owner", val(c.Owner.String())}, {"approver", "Approver", val(c.Approver.String())},
		{"classification", "Classification", val(c.Classification)}, {"effective", "Effective date", date(c.Effective, effective)},
		{"next-review", "Next review", date(c.NextReview, next)}, {"review-cycle", "Review cycle", val(review)},
		// The record of approval: which version, when and by whom, as the
		// lock records the release; a draft is not approved.
		approval, approvedBy,
	}
}
