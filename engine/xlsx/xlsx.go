// Package xlsx writes registers as Excel workbooks (SpreadsheetML,
// ECMA-376): one sheet per table, the header row frozen and filtered,
// columns sized, long text wrapped. Cells hold text as inline strings, or
// numbers, and never formulas; the caller neutralizes text that a
// spreadsheet would read as one (see pack.CSVCell), as it does for CSV.
//
// The XML is written here rather than with github.com/xuri/excelize/v2:
// excelize brings about 60,000 lines and five modules for what is a few
// hundred lines of XML, and writes its streamed sheets in map order. The
// zip is engine/bundle's canonical one, so the same rows give the same
// bytes.
package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ismsforge/ismsforge/engine/bundle"
)

// Sheet is one table of a workbook.
type Sheet struct {
	// Name is the tab's name: at most 31 characters, none of []:*?/\.
	Name    string
	Columns []Column
	Rows    [][]Cell
}

// Column is a column's heading and look.
type Column struct {
	Title string
	// Width is in characters; 0 fits the title.
	Width float64
	// Wrap wraps long text in the column's cells.
	Wrap bool
}

// Cell is one cell: text, or a number when Number is set.
type Cell struct {
	Text   string
	Number bool
}

// Text returns a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// Int returns a number cell.
func Int(n int) Cell { return Cell{Text: strconv.Itoa(n), Number: true} }

// Options are the workbook's properties.
type Options struct {
	Title, Creator, Generator string
	// Date dates the properties and the zip entries; never the clock.
	Date time.Time
}

// Workbook writes sheets as an .xlsx file.
func Workbook(sheets []Sheet, o Options) ([]byte, error) {
	if len(sheets) == 0 {
		return nil, fmt.Errorf("xlsx: a workbook needs a sheet")
	}
	for _, s := range sheets {
		if s.Name == "" || len(s.Name) > 31 || strings.ContainsAny(s.Name, `[]:*?/\`) {
			return nil, fmt.Errorf("xlsx: %q is not a sheet name Excel accepts", s.Name)
		}
		if len(s.Columns) == 0 || len(s.Columns) > 16384 {
			return nil, fmt.Errorf("xlsx: sheet %q has %d columns", s.Name, len(s.Columns))
		}
	}
	date := o.Date
	if date.IsZero() || date.Year() < 1980 {
		date = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	entries := []bundle.Entry{
		{Name: "[Content_Types].xml", Data: contentTypes(len(sheets))},
		{Name: "_rels/.rels", Data: []byte(packageRels)},
		{Name: "docProps/core.xml", Data: core(o, date)},
		{Name: "docProps/app.xml", Data: app(o)},
		{Name: "xl/workbook.xml", Data: workbook(sheets)},
		{Name: "xl/_rels/workbook.xml.rels", Data: workbookRels(len(sheets))},
		{Name: "xl/styles.xml", Data: []byte(stylesXML)},
	}
	for i, s := range sheets {
		entries = append(entries, bundle.Entry{Name: "xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml", Data: sheet(s)})
	}
	return bundle.Archive(entries, date)
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

func contentTypes(n int) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`)
	for i := range n {
		b.WriteString(`<Override PartName="/xl/worksheets/sheet` + strconv.Itoa(i+1) + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
	}
	b.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`)
	return []byte(b.String())
}

func core(o Options, date time.Time) []byte {
	d := date.UTC().Format("2006-01-02") + "T00:00:00Z"
	return []byte(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + escape(o.Title) + `</dc:title><dc:creator>` + escape(o.Creator) + `</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + d + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + d + `</dcterms:modified>` +
		`</cp:coreProperties>`)
}

func app(o Options) []byte {
	gen := o.Generator
	if gen == "" {
		gen = "ismsforge"
	}
	return []byte(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
		`<Application>` + escape(gen) + `</Application><Company>` + escape(o.Creator) + `</Company></Properties>`)
}

func workbook(sheets []Sheet) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<bookViews><workbookView/></bookViews><sheets>`)
	for i, s := range sheets {
		n := strconv.Itoa(i + 1)
		b.WriteString(`<sheet name="` + escape(s.Name) + `" sheetId="` + n + `" r:id="rId` + n + `"/>`)
	}
	b.WriteString(`</sheets><definedNames>`)
	// The filter's range, as Excel records it.
	for i, s := range sheets {
		b.WriteString(`<definedName name="_xlnm._FilterDatabase" localSheetId="` + strconv.Itoa(i) + `" hidden="1">'` +
			escape(strings.ReplaceAll(s.Name, "'", "''")) + `'!$A$1:$` + colName(len(s.Columns)-1) + `$` + strconv.Itoa(len(s.Rows)+1) + `</definedName>`)
	}
	b.WriteString(`</definedNames></workbook>`)
	return []byte(b.String())
}

func workbookRels(n int) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range n {
		k := strconv.Itoa(i + 1)
		b.WriteString(`<Relationship Id="rId` + k + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + k + `.xml"/>`)
	}
	b.WriteString(`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)
	return []byte(b.String())
}

// Cell styles (cellXfs indexes): 0 default, 1 header, 2 wrapped text,
// 3 top-aligned text, 4 number.
const stylesXML = xmlHeader + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<fonts count="2"><font><sz val="10"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="10"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FF0B3D62"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
	`<border><left/><right/><top/><bottom style="thin"><color rgb="FFB8C0CC"/></bottom><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>` +
	`<xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="top"/></xf></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// sheet writes one worksheet: the header row frozen and filtered.
func sheet(s Sheet) []byte {
	var b strings.Builder
	last := colName(len(s.Columns)-1) + strconv.Itoa(len(s.Rows)+1)
	b.WriteString(xmlHeader + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<dimension ref="A1:` + last + `"/>` +
		`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
		`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
		`<sheetFormatPr defaultRowHeight="15"/><cols>`)
	for i, c := range s.Columns {
		w := c.Width
		if w <= 0 {
			w = float64(len(c.Title)) + 4
		}
		n := strconv.Itoa(i + 1)
		b.WriteString(`<col min="` + n + `" max="` + n + `" width="` + strconv.FormatFloat(w, 'f', 2, 64) + `" customWidth="1"/>`)
	}
	b.WriteString(`</cols><sheetData><row r="1">`)
	for i, c := range s.Columns {
		b.WriteString(`<c r="` + colName(i) + `1" s="1" t="inlineStr"><is><t>` + escape(c.Title) + `</t></is></c>`)
	}
	b.WriteString(`</row>`)
	for ri, row := range s.Rows {
		rn := strconv.Itoa(ri + 2)
		b.WriteString(`<row r="` + rn + `">`)
		for ci, c := range row {
			if ci >= len(s.Columns) {
				break
			}
			ref := colName(ci) + rn
			switch {
			case c.Number:
				b.WriteString(`<c r="` + ref + `" s="4"><v>` + escape(c.Text) + `</v></c>`)
			case c.Text == "":
			default:
				st := "3"
				if s.Columns[ci].Wrap {
					st = "2"
				}
				b.WriteString(`<c r="` + ref + `" s="` + st + `" t="inlineStr"><is><t xml:space="preserve">` + escape(c.Text) + `</t></is></c>`)
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData><autoFilter ref="A1:` + last + `"/>` +
		`<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
		`<pageSetup orientation="landscape" fitToHeight="0"/></worksheet>`)
	return []byte(b.String())
}

// colName is the letter name of a 0-based column: A, B, ... Z, AA, ...
func colName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// escape escapes text for XML and drops what XML cannot hold.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
