package gaps

import (
	"bytes"
	"fmt"

	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// ID is the open-actions page's ID: html/gaps.html, pdf/gaps.pdf.
const ID = "gaps"

// Title is the open-actions page's title.
const Title = "Open Actions"

// Links names the documents of the pack the page may link to; an empty ID
// means the pack does not hold that document.
type Links struct {
	SoA, Risks, Objectives string
}

func (l Links) of(k Kind) string {
	switch k {
	case Control:
		return l.SoA
	case Risk:
		return l.Risks
	}
	return l.Objectives
}

// Markdown writes the report as a page of the pack: what it lists, a
// summary by kind, and every item by due date. org names the organization;
// longDate writes a date in full the organization's way.
func (r Report) Markdown(org string, links Links, longDate func(facts.Date) string) []byte {
	var b bytes.Buffer
	date := longDate(r.Date)
	ref := func(id, text, fallback string) string {
		if id == "" {
			return fallback
		}
		return fmt.Sprintf("the [%s](%s.md)", text, id)
	}
	fmt.Fprintf(&b, "## What this report lists\n\n")
	fmt.Fprintf(&b, "This report lists the work still open in the information security management system of %s on %s: the applicable Annex A controls that are partially implemented, planned or not implemented in %s, the risk treatments not started or in progress in %s, and the information security objectives still open in %s. ",
		markdown.EscapeCell(org), date,
		ref(links.SoA, "Statement of Applicability", "the Statement of Applicability"),
		ref(links.Risks, "risk treatment plan", "the risk treatment plan"),
		ref(links.Objectives, "objectives plan", "the objectives plan"))
	fmt.Fprintf(&b, "It is drawn from the same facts as those documents. A control without a date of its own is due when the earliest open risk treatment that relies on it is due. An item is overdue when its due date is before %s. The report is made anew with every build of the pack.\n\n", date)

	fmt.Fprintf(&b, "## Summary\n\n| Open work | Items | Overdue | Without a due date |\n|---|---:|---:|---:|\n")
	for _, k := range []struct {
		kind  Kind
		title string
	}{{Control, "Controls not fully implemented"}, {Risk, "Risk treatments still open"}, {Objective, "Objectives still open"}} {
		sub := Report{Items: r.Of(k.kind)}
		fmt.Fprintf(&b, "| %s | %d | %d | %d |\n", k.title, len(sub.Items), sub.Overdue(), sub.NoDue())
	}
	fmt.Fprintf(&b, "| **All open work** | **%d** | **%d** | **%d** |\n\n", len(r.Items), r.Overdue(), r.NoDue())

	if len(r.Items) == 0 {
		fmt.Fprintf(&b, "Nothing is open: every applicable control is implemented, every risk treatment is complete and every objective has been evaluated.\n")
		return b.Bytes()
	}
	fmt.Fprintf(&b, "## Open work by due date\n\n| Due | Item | Status | Owner | What will be done |\n|---|---|---|---|---|\n")
	for _, it := range r.Items {
		due := "No date set"
		if it.HasDue() {
			due = it.Due.String()
			if it.Overdue {
				due = "**" + due + ", overdue**"
			}
			if it.DueFrom != "" {
				due += ", from " + markdown.EscapeCell(it.DueFrom)
			}
		}
		id := markdown.EscapeCell(it.ID)
		if doc := links.of(it.Kind); doc != "" {
			id = fmt.Sprintf("[%s](%s.md)", id, doc)
		}
		if it.Kind == Control {
			id = "Control " + id
		}
		owner := "Not assigned"
		if it.HasOwner {
			owner = markdown.EscapeCell(it.Owner.Name)
		}
		action := "—"
		if it.Action != "" {
			action = markdown.EscapeCell(it.Action)
		}
		fmt.Fprintf(&b, "| %s | %s %s | %s | %s | %s |\n", due, id, markdown.EscapeCell(it.Title), markdown.EscapeCell(it.StatusLabel), owner, action)
	}
	return b.Bytes()
}
