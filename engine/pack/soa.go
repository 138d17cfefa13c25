package pack

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
)

// SoARow is one control in the SoA exports. Justification is never empty:
// it is the reason for including the control, composed from its drivers, or
// the reason for excluding it. Drivers, Risks, Requirements and Baseline
// are the drivers themselves, as separate columns.
type SoARow struct {
	ID            string `json:"id"`
	Theme         string `json:"theme"`
	Title         string `json:"title"`
	Applicable    bool   `json:"applicable"`
	Decided       bool   `json:"decided"`
	Justification string `json:"justification"`
	// Drivers are the kinds of reason: risk, legal, regulatory,
	// contractual, framework or baseline; none for an excluded control.
	Drivers      []string         `json:"drivers"`
	Risks        []string         `json:"risks"`
	Requirements []SoARequirement `json:"requirements"`
	// Baseline is the control-specific reason used when no risk or
	// requirement calls for the control.
	Baseline  string   `json:"baseline"`
	Status    string   `json:"status"`
	Owner     string   `json:"owner"`
	Evidence  []string `json:"evidence"`
	Documents []string `json:"documents"`
}

// SoARequirement is a legal, regulatory or contractual requirement that
// calls for a control: the regime's ID and name and the section.
type SoARequirement struct {
	Regime   string `json:"regime"`
	Name     string `json:"name"`
	Citation string `json:"citation"`
}

func (q SoARequirement) String() string {
	if q.Name == "" {
		return q.Citation
	}
	return q.Name + " " + q.Citation
}

// SoACSV writes the SoA as CSV. Cells that a spreadsheet would take for a
// formula are neutralised: facts are data, never formulas.
func SoACSV(rows []SoARow) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"id", "theme", "title", "applicable", "justification", "drivers", "risks", "requirements", "baseline", "status", "owner", "evidence", "documents"})
	for _, r := range rows {
		applicable := "no"
		if r.Applicable {
			applicable = "yes"
		}
		reqs := make([]string, len(r.Requirements))
		for i, q := range r.Requirements {
			reqs[i] = q.String()
		}
		_ = w.Write([]string{
			cell(r.ID), cell(r.Theme), cell(r.Title), applicable, cell(r.Justification), cell(strings.Join(r.Drivers, " ")),
			cell(strings.Join(r.Risks, " ")), cell(strings.Join(reqs, "; ")), cell(r.Baseline), cell(r.Status),
			cell(r.Owner), cell(strings.Join(r.Evidence, "; ")), cell(strings.Join(r.Documents, " ")),
		})
	}
	w.Flush()
	return buf.Bytes()
}

// CSVCell neutralises spreadsheet formula injection (OWASP: =, +, -, @,
// tab and carriage return at the start of a cell) with a leading apostrophe.
func CSVCell(s string) string { return cell(s) }

func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// SoAJSON writes the SoA as a JSON array.
func SoAJSON(rows []SoARow) ([]byte, error) {
	for i := range rows {
		if rows[i].Evidence == nil {
			rows[i].Evidence = []string{}
		}
		if rows[i].Documents == nil {
			rows[i].Documents = []string{}
		}
		if rows[i].Risks == nil {
			rows[i].Risks = []string{}
		}
		if rows[i].Drivers == nil {
			rows[i].Drivers = []string{}
		}
		if rows[i].Requirements == nil {
			rows[i].Requirements = []SoARequirement{}
		}
	}
	b, err := json.MarshalIndent(rows, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
