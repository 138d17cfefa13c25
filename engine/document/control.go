package document

import (
	"strconv"

	"github.com/ismsforge/ismsforge/engine/facts"
)

// Field is one labelled value of the control block.
type Field struct{ Label, Value string }

// ControlFields lists a document's control block as the PDF and DOCX
// emitters print it, in reading order (two to a row in both): one list, so
// that the formats never disagree on a label or a value. An empty value is
// "—"; a draft takes effect on approval.
//
// The HTML theme still builds its own block in document.html (a template a
// theme may override); issue 16's format-neutral front block is to take it
// from here too.
func (d *Document) ControlFields(p *Pack) []Field {
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
	approval, approvedBy := Field{"Approval", "Not approved"}, Field{"Approved by", "—"}
	if a := c.Approval; a != nil {
		when := "Version " + a.Version
		if !a.Date.IsZero() {
			when += ", " + p.LongDate(a.Date)
		}
		approval.Value, approvedBy.Value = "Approved: "+when, val(a.Approver.String())
	}
	return []Field{
		{"Reference", val(d.Ref)}, {"Version", val(c.Version)},
		{"Document ID", val(d.ID)}, {"Status", val(c.Status)},
		{"Owner", val(c.Owner.String())}, {"Approver", val(c.Approver.String())},
		{"Classification", val(c.Classification)}, {"Effective date", date(c.Effective, effective)},
		{"Next review", date(c.NextReview, next)}, {"Review cycle", val(review)},
		// The record of approval: which version, when and by whom, as the
		// lock records the release; a draft is not approved.
		approval, approvedBy,
	}
}
