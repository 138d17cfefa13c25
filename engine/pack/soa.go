package pack

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
)

// SoARow is one control in the SoA exports.
type SoARow struct {
	ID            string   `json:"id"`
	Theme         string   `json:"theme"`
	Title         string   `json:"title"`
	Applicable    bool     `json:"applicable"`
	Decided       bool     `json:"decided"`
	Justification string   `json:"justification"`
	Status        string   `json:"status"`
	Owner         string   `json:"owner"`
	Evidence      []string `json:"evidence"`
	Documents     []string `json:"documents"`
	Risks         []string `json:"risks"`
}

// SoACSV writes the SoA as CSV. Cells that a spreadsheet would take for a
// formula are neutralised: facts are data, never formulas.
func SoACSV(rows []SoARow) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"id", "theme", "title", "applicable", "justification", "status", "owner", "evidence", "documents", "risks"})
	for _, r := range rows {
		applicable := "no"
		if r.Applicable {
			applicable = "yes"
		}
		_ = w.Write([]string{
			cell(r.ID), cell(r.Theme), cell(r.Title), applicable, cell(r.Justification), cell(r.Status),
			cell(r.Owner), cell(strings.Join(r.Evidence, "; ")), cell(strings.Join(r.Documents, " ")), cell(strings.Join(r.Risks, " ")),
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
	}
	b, err := json.MarshalIndent(rows, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
