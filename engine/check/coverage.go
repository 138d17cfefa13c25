package check

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
)

var (
	controlRef   = regexp.MustCompile(`\bA\.([5-8])\.(\d{1,2})(?:\s+to\s+A\.([5-8])\.(\d{1,2}))?\b`)
	controlsHead = regexp.MustCompile(`(?i)^annex a controls?$`)
)

// coverageOf checks that a generated table of document i that summarises
// the Annex A catalog covers all of it: a column headed "Annex A controls"
// names every control across its rows; a table that states applicability
// ("Applicable" column) lists every control of each theme it touches; a
// table of themes with a "Controls" count adds up to the whole catalog. A
// summary that silently drops controls misstates the SoA.
func coverageOf(in Input, i int) diag.List {
	var l diag.List
	d := in.Docs[i]
	if d.MD == nil {
		return nil
	}
	for _, t := range tables(string(d.MD.Source)) {
		missing, what := tableGap(in.Cat, t)
		if missing == "" {
			continue
		}
		pos, src := templatePos(in.Selected[i], d, t.at)
		l.Add(diag.Errorf(pos, "build the table from every control (controls, or themes), not from a subset",
			"in document %s, %s summarises Annex A but %s", d.ID, what, missing).WithSource(src).WithCode("catalog-coverage"))
	}
	return l
}

// tableGap says what a summary table of the catalog leaves out, or "".
func tableGap(cat *catalog.Catalog, t mdTable) (missing, what string) {
	col := func(re *regexp.Regexp) int {
		return slices.IndexFunc(t.head, func(h string) bool { return re.MatchString(h) })
	}
	if c := col(controlsHead); c >= 0 {
		got := map[string]bool{}
		for _, r := range t.rows {
			if c < len(r) {
				for _, id := range controlIDs(r[c]) {
					got[id] = true
				}
			}
		}
		var out []string
		for _, ct := range cat.Controls() {
			if !got[ct.ID] {
				out = append(out, ct.ID)
			}
		}
		return leaves(out), fmt.Sprintf("the column %q", t.head[c])
	}
	if c := col(countHead); c > 0 && len(t.rows) > 0 && allThemes(t.rows) {
		sum := 0
		for _, r := range t.rows {
			if c < len(r) {
				n, _ := strconv.Atoi(strings.Trim(r[c], "* "))
				sum += n
			}
		}
		if n := len(cat.Controls()); sum != n {
			return fmt.Sprintf("counts %d controls instead of %d", sum, n), "the table of themes"
		}
	}
	if col(applicableHead) > 0 {
		var first []string
		for _, r := range t.rows {
			if len(r) > 0 {
				if ids := controlIDs(strings.SplitN(strings.Trim(r[0], "* "), " ", 2)[0]); len(ids) == 1 {
					first = append(first, ids[0])
				}
			}
		}
		themes := map[catalog.Theme]bool{}
		for _, id := range first {
			if c, ok := cat.Control(id); ok {
				themes[c.Theme] = true
			}
		}
		var out []string
		for _, th := range catalog.Themes() {
			if !themes[th] {
				continue
			}
			for _, c := range cat.ControlsOf(th) {
				if !slices.Contains(first, c.ID) {
					out = append(out, c.ID)
				}
			}
		}
		return leaves(out), "the table of applicability"
	}
	return "", ""
}

var (
	applicableHead = regexp.MustCompile(`(?i)^applicable$`)
	countHead      = regexp.MustCompile(`(?i)^controls$`)
	themeRow       = regexp.MustCompile(`^\**A\.[5-8]\b`)
)

func allThemes(rows [][]string) bool {
	for _, r := range rows {
		if len(r) == 0 || !themeRow.MatchString(r[0]) {
			return false
		}
	}
	return true
}

func leaves(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return "leaves out " + firstEight(ids)
}

// controlIDs returns the control IDs a cell names, expanding "A.7.1 to
// A.7.14".
func controlIDs(s string) []string {
	var out []string
	for _, m := range controlRef.FindAllStringSubmatch(s, -1) {
		from, _ := strconv.Atoi(m[2])
		to := from
		if m[3] == m[1] && m[4] != "" {
			to, _ = strconv.Atoi(m[4])
		}
		for n := from; n <= to && n-from < 40; n++ {
			out = append(out, fmt.Sprintf("A.%s.%d", m[1], n))
		}
	}
	return out
}

type mdTable struct {
	head []string
	rows [][]string
	// at is the offset of the header row in the Markdown.
	at int
}

// tables finds the pipe tables of a Markdown text.
func tables(src string) []mdTable {
	var out []mdTable
	lines := strings.Split(src, "\n")
	// starts[i] is the offset of lines[i].
	starts := make([]int, len(lines))
	for i := 1; i < len(lines); i++ {
		starts[i] = starts[i-1] + len(lines[i-1]) + 1
	}
	for i := 0; i+1 < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "|") || !isRule(lines[i+1]) {
			continue
		}
		t := mdTable{head: cells(lines[i]), at: starts[i]}
		j := i + 2
		for ; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			t.rows = append(t.rows, cells(lines[j]))
		}
		out = append(out, t)
		i = j
	}
	return out
}

func isRule(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "|") && strings.Trim(s, "|:- ") == ""
}

// cells splits a table row; escaped pipes stay in their cell.
func cells(row string) []string {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(strings.TrimSuffix(row, "|"), "|")
	var out []string
	var b strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row):
			b.WriteByte(row[i])
			b.WriteByte(row[i+1])
			i++
		case row[i] == '|':
			out = append(out, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(row[i])
		}
	}
	return append(out, strings.TrimSpace(b.String()))
}
