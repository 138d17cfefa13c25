package docx

import (
	"strconv"
	"strings"
)

// stylesXML defines every style the emitter uses. Each has a name, so that
// an organization can attach its own template and restyle the pack: Word
// replaces styles by name. Headings are the built-in "heading 1" to
// "heading 6", with outline levels, so that the navigation pane and a
// table of contents find them.
var stylesXML = buildStyles()

// langMark stands for the language in stylesXML.
const langMark = "\x00lang\x00"

// styles is stylesXML in the documents' language, which Word spell-checks
// and hyphenates in.
func styles(lang string) string {
	return strings.Replace(stylesXML, langMark, escape(lang), 1)
}

func buildStyles() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>` +
		`<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="` + langMark + `"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	para := func(id, name, based, next string, pPr, rPr string, extra string) {
		b.WriteString(`<w:style w:type="paragraph"`)
		if id == "Normal" {
			b.WriteString(` w:default="1"`)
		}
		b.WriteString(` w:styleId="` + id + `"><w:name w:val="` + name + `"/>`)
		if based != "" {
			b.WriteString(`<w:basedOn w:val="` + based + `"/>`)
		}
		if next != "" {
			b.WriteString(`<w:next w:val="` + next + `"/>`)
		}
		b.WriteString(extra + `<w:qFormat/>`)
		if pPr != "" {
			b.WriteString(`<w:pPr>` + pPr + `</w:pPr>`)
		}
		if rPr != "" {
			b.WriteString(`<w:rPr>` + rPr + `</w:rPr>`)
		}
		b.WriteString(`</w:style>`)
	}
	const accent = `<w:color w:val="0B3D62"/>`
	para("Normal", "Normal", "", "", "", "", "")
	para("BodyText", "Body Text", "Normal", "", `<w:spacing w:after="120"/><w:jc w:val="both"/>`, "", "")
	para("Title", "Title", "Normal", "Subtitle", `<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="0B3D62"/></w:pBdr><w:spacing w:after="120"/>`,
		`<w:b/>`+accent+`<w:kern w:val="28"/><w:sz w:val="44"/><w:szCs w:val="44"/>`, "")
	para("Subtitle", "Subtitle", "Normal", "BodyText", `<w:spacing w:after="240"/>`, `<w:i/><w:color w:val="5A6270"/>`, "")
	sizes := []int{34, 28, 24, 22, 21, 21}
	for l := 1; l <= 6; l++ {
		n := strconv.Itoa(l)
		para("Heading"+n, "heading "+n, "Normal", "BodyText",
			`<w:keepNext/><w:keepLines/><w:spacing w:before="`+strconv.Itoa(320-30*l)+`" w:after="80"/><w:outlineLvl w:val="`+strconv.Itoa(l-1)+`"/>`,
			`<w:b/>`+accent+`<w:sz w:val="`+strconv.Itoa(sizes[l-1])+`"/><w:szCs w:val="`+strconv.Itoa(sizes[l-1])+`"/>`, "")
	}
	para("ListParagraph", "List Paragraph", "Normal", "", `<w:spacing w:after="40"/><w:ind w:left="720"/><w:contextualSpacing/>`, "", "")
	para("Quote", "Quote", "Normal", "BodyText", `<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="9FB3C8"/></w:pBdr><w:ind w:left="284"/>`, `<w:color w:val="3D4650"/>`, "")
	para("SourceCode", "Source Code", "Normal", "", `<w:shd w:val="clear" w:color="auto" w:fill="F3F4F6"/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>`,
		`<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/><w:sz w:val="17"/><w:szCs w:val="17"/>`, "")
	para("TableText", "Table Text", "Normal", "", `<w:spacing w:before="20" w:after="20"/>`, `<w:sz w:val="17"/><w:szCs w:val="17"/>`, "")
	para("TableHeading", "Table Heading", "TableText", "", `<w:keepNext/>`, `<w:b/><w:color w:val="FFFFFF"/>`, "")
	para("ControlLabel", "Control Block Label", "TableText", "", "", `<w:b/>`, "")
	para("ControlValue", "Control Block Value", "TableText", "", "", "", "")
	para("SectionLabel", "Section Label", "Normal", "", `<w:keepNext/><w:spacing w:before="240" w:after="80"/>`, `<w:b/>`+accent, "")
	para("FootnoteText", "Note Text", "Normal", "", `<w:spacing w:after="60"/>`, `<w:sz w:val="17"/><w:szCs w:val="17"/>`, "")
	para("HorizontalRule", "Horizontal Rule", "Normal", "", `<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="B8C0CC"/></w:pBdr><w:spacing w:after="120"/>`,
		`<w:sz w:val="8"/>`, "")
	para("AfterTable", "After Table", "Normal", "", `<w:spacing w:after="60" w:line="120" w:lineRule="auto"/>`, `<w:sz w:val="8"/>`, "")
	para("Header", "header", "Normal", "", `<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="B8C0CC"/></w:pBdr><w:tabs><w:tab w:val="center" w:pos="4819"/><w:tab w:val="right" w:pos="9638"/></w:tabs><w:spacing w:after="0"/>`,
		`<w:color w:val="5A6270"/><w:sz w:val="15"/><w:szCs w:val="15"/>`, "")
	para("Footer", "footer", "Normal", "", `<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="B8C0CC"/></w:pBdr><w:tabs><w:tab w:val="center" w:pos="4819"/><w:tab w:val="right" w:pos="9638"/></w:tabs><w:spacing w:after="0"/>`,
		`<w:color w:val="5A6270"/><w:sz w:val="15"/><w:szCs w:val="15"/>`, "")
	char := func(id, name, rPr string) {
		b.WriteString(`<w:style w:type="character" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:rPr>` + rPr + `</w:rPr></w:style>`)
	}
	char("Hyperlink", "Hyperlink", `<w:color w:val="0B5CAD"/><w:u w:val="single"/>`)
	char("VerbatimChar", "Verbatim Char", `<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/><w:sz w:val="19"/><w:szCs w:val="19"/><w:shd w:val="clear" w:color="auto" w:fill="F3F4F6"/>`)
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	borders := `<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="B8C0CC"/><w:left w:val="single" w:sz="4" w:space="0" w:color="B8C0CC"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="B8C0CC"/><w:right w:val="single" w:sz="4" w:space="0" w:color="B8C0CC"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="B8C0CC"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="B8C0CC"/></w:tblBorders>`
	b.WriteString(`<w:style w:type="table" w:styleId="ISMSTable"><w:name w:val="ISMS Table"/><w:basedOn w:val="TableNormal"/><w:qFormat/>` +
		`<w:tblPr>` + borders + `<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
		`<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="0B3D62"/></w:tcPr></w:tblStylePr>` +
		`<w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EEF2F7"/></w:tcPr></w:tblStylePr></w:style>`)
	b.WriteString(`<w:style w:type="table" w:styleId="ControlBlock"><w:name w:val="Control Block"/><w:basedOn w:val="TableNormal"/><w:qFormat/>` +
		`<w:tblPr>` + borders + `<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.String()
}
