package importer

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/internal/words"
)

// Report is what an import could not do by itself: the facts the user must
// fill in before `ismsforge check --strict` passes, what was not imported,
// what was changed on the way, and suggestions it did not apply.
type Report struct {
	// Tool and Source name what was imported: "comply", "../policies".
	Tool, Source string
	// Documents lists the imported documents.
	Documents []Imported
	// Fill lists the facts and the text to fill in.
	Fill []Item
	// NotImported lists what has no place in an ismsforge project.
	NotImported []Item
	// Changed lists what the import rewrote, for the user to check.
	Changed []Item
	// Questions are what the other tool asked template authors to decide;
	// the import passes them on.
	Questions []Item
	// Mappings summarizes the framework mappings kept under frameworks.
	Mappings []string
	// Suggestions are Annex A controls and clauses to consider for the
	// other frameworks' requirements. None is applied.
	Suggestions []Suggestion
}

// Imported is one imported document.
type Imported struct {
	ID, Title, Kind, From, To string
}

// Item is one line of the report: where, and what to do.
type Item struct {
	// Where is a file, with a line when known ("policies/x.md:12"), or a
	// key ("people").
	Where string
	What  string
}

// Suggestion proposes Annex A controls or clauses for a requirement.
type Suggestion struct {
	Framework, Requirement string
	Documents              []string
	Consider               []string
}

func (r *Report) fill(where, format string, args ...any) {
	it := Item{Where: where, What: fmt.Sprintf(format, args...)}
	if !slices.Contains(r.Fill, it) {
		r.Fill = append(r.Fill, it)
	}
}

// Fills adds a fact or text to fill in.
func (r *Report) Fills(where, format string, args ...any) { r.fill(where, format, args...) }

// Skip adds something that was not imported.
func (r *Report) Skip(where, format string, args ...any) {
	r.NotImported = append(r.NotImported, Item{Where: where, What: fmt.Sprintf(format, args...)})
}

// Ask passes on a question the other tool asks about a document.
func (r *Report) Ask(where, question string) {
	r.Questions = append(r.Questions, Item{Where: where, What: question})
}

// Change adds something the import rewrote.
func (r *Report) Change(where, format string, args ...any) {
	r.Changed = append(r.Changed, Item{Where: where, What: fmt.Sprintf(format, args...)})
}

// Markdown writes the report as IMPORT-REPORT.md.
func (r *Report) Markdown() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Import report: %s\n\n", r.Tool)
	fmt.Fprintf(&b, "`ismsforge import %s` read %s and wrote %d %s under templates/ and isms.yaml. ", r.Tool, r.Source, len(r.Documents), words.Plural(len(r.Documents), "document", "documents"))
	b.WriteString("Nothing below was guessed: what the import could not map is listed here, for you to decide. ")
	b.WriteString("When everything under \"To fill in\" is done, `ismsforge check --strict` passes.\n\n")
	section := func(title, intro string, items []Item, box bool) {
		fmt.Fprintf(&b, "## %s (%d)\n\n", title, len(items))
		if intro != "" {
			b.WriteString(intro + "\n\n")
		}
		if len(items) == 0 {
			b.WriteString("Nothing.\n\n")
			return
		}
		for _, it := range items {
			mark := "- "
			if box {
				mark = "- [ ] "
			}
			fmt.Fprintf(&b, "%s`%s`: %s\n", mark, it.Where, it.What)
		}
		b.WriteString("\n")
	}
	section("To fill in", "Facts the documents need, and placeholders in the imported text. `ismsforge check` reports each until it is done.", r.Fill, true)
	section("Not imported", "What has no place in an ismsforge project, or no equivalent.", r.NotImported, false)
	section("Changed on import", "What the import rewrote so that ismsforge shows it as the original tool did. Read these documents once.", r.Changed, false)
	if len(r.Questions) > 0 {
		section("Questions from the template set", "The template set asks its authors these questions about each document. Answer them by editing the document; no check can do it for you.", r.Questions, true)
	}
	fmt.Fprintf(&b, "## Framework mappings\n\n")
	if len(r.Mappings) == 0 {
		b.WriteString("None.\n\n")
	} else {
		b.WriteString("Kept under `frameworks` in the documents' front matter; each framework gets a mapping page when you build.\n\n")
		for _, m := range r.Mappings {
			fmt.Fprintf(&b, "- %s\n", m)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "## Annex A controls to consider (not applied)\n\n")
	if len(r.Suggestions) == 0 {
		b.WriteString("None.\n\n")
	} else {
		b.WriteString("ISO/IEC 27001 does not follow from another framework's mapping, so the import added no Annex A control and no clause to any document. ")
		b.WriteString("These are ismsforge's own suggestions of where each requirement's subject appears in ISO/IEC 27001, not an official crosswalk: ")
		b.WriteString("add a control to a document's `controls` only after reading the document against it.\n\n")
		b.WriteString("| Framework | Requirement | Documents | Consider |\n|---|---|---|---|\n")
		for _, s := range r.Suggestions {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", s.Framework, s.Requirement, strings.Join(s.Documents, ", "), strings.Join(s.Consider, ", "))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "## Imported documents (%d)\n\n| ID | Title | Kind | From | To |\n|---|---|---|---|---|\n", len(r.Documents))
	for _, d := range r.Documents {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", d.ID, strings.ReplaceAll(d.Title, "|", "\\|"), d.Kind, d.From, d.To)
	}
	return b.Bytes()
}

// MappingSummary states how many requirements of a framework how many
// documents map to.
func MappingSummary(name string, reqs, docs int) string {
	return fmt.Sprintf("%s: %d %s mapped by %d %s", name, reqs, words.Plural(reqs, "requirement", "requirements"), docs, words.Plural(docs, "document", "documents"))
}
