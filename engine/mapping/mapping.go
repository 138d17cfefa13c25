// Package mapping builds, for each framework besides Annex A that the
// documents of a pack map to, the table of its requirements and the
// documents mapped to each, with a coverage figure. The engine renders each
// as a page of the HTML site, a PDF at the end of the combined pack and a
// CSV file. The Statement of Applicability stays Annex A only.
//
// A mapping says which documents address a requirement, as their front
// matter claims. It does not say that the requirement is met, and it never
// infers one framework's requirements from another's.
package mapping

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/internal/words"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// Doc is a document as a mapping names it: its identity, whose
// requirements map framework IDs to requirement IDs as normalized by the
// front matter parser.
type Doc = *document.Identity

// Row is one requirement and the documents mapped to it, in register
// order.
type Row struct {
	Requirement catalog.Requirement
	Docs        []Doc
}

// Mapping is one framework's requirements and their documents.
type Mapping struct {
	Framework *catalog.Framework
	Rows      []Row
	// Mapped counts the rows with at least one document; Total counts the
	// rows: every requirement of a cataloged framework, the IDs the
	// documents name for a free-form one.
	Mapped, Total int
}

// Build returns a mapping for every framework the documents name: the
// cataloged ones in catalog order, then the free-form ones by ID. docs are
// in register order.
func Build(cat *catalog.Catalog, docs []Doc) []*Mapping {
	used := map[string]bool{}
	for _, d := range docs {
		for fw := range d.Frameworks() {
			used[fw] = true
		}
	}
	var out []*Mapping
	for _, f := range cat.Frameworks() {
		if used[f.ID] {
			out = append(out, build(f, docs))
			delete(used, f.ID)
		}
	}
	var free []string
	for id := range used {
		free = append(free, id)
	}
	slices.Sort(free)
	for _, id := range free {
		out = append(out, build(cat.FreeForm(id), docs))
	}
	return out
}

func build(f *catalog.Framework, docs []Doc) *Mapping {
	m := &Mapping{Framework: f}
	byID := map[string]int{}
	for _, r := range f.Requirements {
		byID[r.ID] = len(m.Rows)
		m.Rows = append(m.Rows, Row{Requirement: r})
	}
	if !f.Cataloged() {
		// A free-form framework has the rows its documents name, sorted.
		var ids []string
		for _, d := range docs {
			ids = append(ids, d.Requirements[f.ID]...)
		}
		slices.SortFunc(ids, naturalCompare)
		for _, id := range slices.Compact(ids) {
			byID[id] = len(m.Rows)
			m.Rows = append(m.Rows, Row{Requirement: catalog.Requirement{ID: id}})
		}
	}
	for _, d := range docs {
		for _, id := range d.Requirements[f.ID] {
			i, ok := byID[f.Normalize(id)]
			if !ok {
				continue // the front matter parser has reported it
			}
			if !slices.ContainsFunc(m.Rows[i].Docs, func(x Doc) bool { return x.ID == d.ID }) {
				m.Rows[i].Docs = append(m.Rows[i].Docs, d)
			}
		}
	}
	m.Total = len(m.Rows)
	for _, r := range m.Rows {
		if len(r.Docs) > 0 {
			m.Mapped++
		}
	}
	return m
}

// naturalCompare orders IDs with their numbers as numbers: "3.2" before
// "3.10".
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// DocID is the ID of the mapping's page: it names its output files.
func (m *Mapping) DocID() string { return "mapping-" + m.Framework.ID }

// Title is the page's title.
func (m *Mapping) Title() string { return m.Framework.Short + " mapping" }

// Coverage states the coverage figure in words: "14 of 61 SOC 2 criteria
// (23%) are mapped to at least one document".
func (m *Mapping) Coverage() string {
	f := m.Framework
	if !f.Cataloged() {
		return fmt.Sprintf("%d %s named by the documents", m.Total, words.Plural(m.Total, f.Short+" requirement", f.Short+" requirements"))
	}
	return fmt.Sprintf("%d of %d %s %s (%d%%) %s mapped to at least one document", m.Mapped, m.Total, f.Short, words.Plural(m.Total, f.Noun, nouns(f.Noun)), percent(m.Mapped, m.Total), words.Plural(m.Mapped, "is", "are"))
}

// Percent is the share of requirements mapped, rounded down, so that 100%
// means every one.
func (m *Mapping) Percent() int { return percent(m.Mapped, m.Total) }

func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return n * 100 / of
}

func nouns(noun string) string {
	switch {
	case noun == "criterion":
		return "criteria"
	case strings.HasSuffix(noun, "y"):
		return strings.TrimSuffix(noun, "y") + "ies"
	}
	return noun + "s"
}

// Markdown writes the mapping page: the coverage figure, then one table
// per group of requirements, each row linking the documents mapped to the
// requirement.
func (m *Mapping) Markdown() []byte {
	var b bytes.Buffer
	f := m.Framework
	fmt.Fprintf(&b, "## Coverage\n\n")
	if f.Cataloged() {
		fmt.Fprintf(&b, "%s. The table lists every %s of %s (%s) and the documents of this pack whose front matter maps them to it. A mapping says where the pack addresses a requirement; it is not a statement that the requirement is met.\n\n",
			markdown.EscapeCell(m.Coverage()), f.Noun, markdown.EscapeCell(f.Name), markdown.EscapeCell(f.Version))
	} else {
		fmt.Fprintf(&b, "%s. ismsforge has no catalog of %s, so the table lists the requirement IDs as the documents' front matter writes them (under %s), and the documents mapped to each; it cannot tell which requirements no document addresses.\n\n",
			markdown.EscapeCell(m.Coverage()), markdown.EscapeCell(f.Name), markdown.EscapeCell(f.ID))
	}
	col := strings.ToUpper(f.Noun[:1]) + f.Noun[1:]
	group := "\x00"
	for _, r := range m.Rows {
		if r.Requirement.Group != group {
			group = r.Requirement.Group
			if group != "" {
				fmt.Fprintf(&b, "\n## %s %s\n\n", markdown.EscapeCell(group), markdown.EscapeCell(f.GroupTitle(group)))
			}
			if f.Cataloged() {
				fmt.Fprintf(&b, "| %s | Title | Documents |\n|---|---|---|\n", col)
			} else {
				fmt.Fprintf(&b, "| %s | Documents |\n|---|---|\n", col)
			}
		}
		var links []string
		for _, d := range r.Docs {
			links = append(links, fmt.Sprintf("[%s](%s.md)", markdown.EscapeCell(d.Title), d.ID))
		}
		docs := strings.Join(links, ", ")
		if docs == "" {
			docs = "*not mapped*"
		}
		if f.Cataloged() {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", markdown.EscapeCell(r.Requirement.ID), markdown.EscapeCell(r.Requirement.Title), docs)
		} else {
			fmt.Fprintf(&b, "| %s | %s |\n", markdown.EscapeCell(r.Requirement.ID), docs)
		}
	}
	return b.Bytes()
}

// CSV writes one row per requirement: framework, id, group, title, mapped
// (yes or no), and the documents as "REF id" separated by "; ".
func (m *Mapping) CSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"framework", "id", "group", "title", "mapped", "documents"})
	for _, r := range m.Rows {
		var docs []string
		for _, d := range r.Docs {
			docs = append(docs, d.Ref+" "+d.ID)
		}
		mapped := "no"
		if len(r.Docs) > 0 {
			mapped = "yes"
		}
		_ = w.Write([]string{cell(m.Framework.ID), cell(r.Requirement.ID), cell(r.Requirement.Group), cell(r.Requirement.Title), mapped, cell(strings.Join(docs, "; "))})
	}
	w.Flush()
	return b.Bytes()
}

// cell neutralises a spreadsheet formula at the start of a cell.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
