// Package registers derives the pack's registers from the facts and the
// rendered documents, as format-neutral tables: the Statement of
// Applicability, the risk register and treatment plan, the asset and
// document registers, the clause-to-document traceability and the SoA
// summary. Its emitters write them: Workbooks as Excel files (OUT/xlsx/),
// Exports as the SoA's CSV and JSON and the framework mappings' CSV files.
package registers

import (
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/tmpl"
	"github.com/ismsforge/ismsforge/engine/xlsx"
)

// Input is what the registers are made from.
type Input struct {
	Facts *facts.Facts
	Model *tmpl.Model
	Pack  *document.Pack
}

// Register is one spreadsheet of OUT/xlsx/.
type Register struct {
	Title, File string
	sheets      func(in Input) []xlsx.Sheet
}

// All are the registers, in the order the home page lists them.
var All = []Register{
	{"Statement of Applicability", "statement-of-applicability.xlsx", soaSheets},
	{"Risk register and treatment plan", "risk-register.xlsx", riskSheets},
	{"Asset register", "asset-register.xlsx", assetSheets},
	{"Document register", "document-register.xlsx", documentSheets},
}

// SoARows are the Statement of Applicability, one row per Annex A control.
func SoARows(m *tmpl.Model) []pack.SoARow {
	var rows []pack.SoARow
	for _, c := range m.Controls() {
		row := pack.SoARow{
			ID: c.ID, Theme: string(c.Theme), Title: c.Title, Applicable: c.Applicable, Decided: c.Decided,
			Justification: c.Reason, Drivers: c.Drivers(), Status: c.Status, Evidence: c.Evidence, Risks: c.Risks,
		}
		if c.Applicable {
			for _, q := range c.Requirements {
				row.Requirements = append(row.Requirements, pack.SoARequirement{Regime: q.Regime, Name: q.Short, Citation: q.Citation})
			}
			if len(c.Risks) == 0 && len(c.Requirements) == 0 {
				row.Baseline = c.Baseline
			}
		}
		if !c.Applicable {
			row.Status = "excluded"
		}
		if c.HasOwner {
			row.Owner = c.Owner.Name
		}
		for _, d := range c.Documents {
			row.Documents = append(row.Documents, d.ID)
		}
		rows = append(rows, row)
	}
	return rows
}

// TraceRow maps a clause to the documents that implement it.
type TraceRow = document.TraceRow

// Trace maps every clause to the documents that name it or one of its
// sub-clauses or items.
func Trace(cat *catalog.Catalog, docs []*document.Document) []TraceRow {
	var rows []TraceRow
	for _, c := range cat.Clauses() {
		row := TraceRow{Clause: c}
		for _, d := range docs {
			if slices.ContainsFunc(d.Clauses(), func(id string) bool { return clauseCovers(c.ID, id) }) {
				row.Docs = append(row.Docs, d)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// clauseCovers reports whether a document's clause reference falls under a
// catalog clause: 9.2.2 and "6.1.3 d" fall under 9.2 and 6.1.3.
func clauseCovers(clause, ref string) bool {
	return ref == clause || (len(ref) > len(clause) && ref[:len(clause)] == clause && (ref[len(clause)] == '.' || ref[len(clause)] == ' '))
}

// SoASummary counts the SoA's decisions.
type SoASummary struct {
	ThemeCount
	Themes []ThemeCount
	// Undecided counts controls without a decision in the facts.
	Undecided int
}

// ThemeCount counts the decisions of one theme (or of all).
type ThemeCount struct {
	Title                                                                      string
	Total, Applicable, Excluded, Implemented, Partial, Planned, NotImplemented int
}

// Add counts one control.
func (c *ThemeCount) Add(applicable bool, status string) {
	c.Total++
	if !applicable {
		c.Excluded++
		return
	}
	c.Applicable++
	switch status {
	case "implemented":
		c.Implemented++
	case "partial":
		c.Partial++
	case "planned":
		c.Planned++
	default:
		c.NotImplemented++
	}
}

// Summary counts the SoA's decisions by theme.
func Summary(m *tmpl.Model) SoASummary {
	var s SoASummary
	s.Title = "All themes"
	for _, th := range catalog.Themes() {
		tc := ThemeCount{Title: th.Title()}
		for _, c := range m.Controls() {
			if c.Theme == th {
				tc.Add(c.Applicable, c.Status)
				s.Add(c.Applicable, c.Status)
				if !c.Decided {
					s.Undecided++
				}
			}
		}
		s.Themes = append(s.Themes, tc)
	}
	return s
}

// fact is a text cell from the facts, neutralized as the CSV is: a cell
// that would start with =, +, - or @ gets a leading apostrophe, so that no
// spreadsheet reads a fact as a formula.
func fact(s string) xlsx.Cell { return xlsx.Text(pack.CSVCell(s)) }

func factList(ss []string) xlsx.Cell { return fact(strings.Join(ss, ", ")) }
