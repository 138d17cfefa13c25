package docx

import (
	"bytes"
	"strconv"
	"strings"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// nsMain declares the namespaces of the document, header and footer parts.
const nsMain = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"`

// escape escapes text for an XML element or attribute.
func escape(s string) string {
	s = clean(s)
	if !strings.ContainsAny(s, `<>&"'`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clean drops what XML 1.0 cannot hold (control characters other than
// tab, invalid UTF-8) and turns tabs and newlines into spaces.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if r < 0x20 || r == 0xFFFD || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

func (w *writer) contentTypes() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>`)
	exts := map[string]bool{}
	for _, m := range w.media {
		ext := m.name[strings.LastIndexByte(m.name, '.')+1:]
		if !exts[ext] {
			exts[ext] = true
			b.WriteString(`<Default Extension="` + ext + `" ContentType="image/` + ext + `"/>`)
		}
	}
	b.WriteString(`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
		`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
		`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`</Types>`)
	return []byte(b.String())
}

// core writes the document properties: title, author (the owner), version,
// status, reference; both dates are the pack's, never the clock's.
func (w *writer) core() []byte {
	d := w.d
	date := xmlDate(w.p.Date)
	author := d.Control.Owner.Name
	if author == "" {
		author = w.p.Org
	}
	keywords := strings.Join(append(append([]string{}, d.Clauses()...), d.Controls()...), ", ")
	var b strings.Builder
	b.WriteString(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	el := func(name, v string) {
		if v != "" {
			b.WriteString(`<` + name + `>` + escape(v) + `</` + name + `>`)
		}
	}
	el("dc:title", d.Title)
	el("dc:subject", d.Summary)
	el("dc:creator", author)
	el("cp:keywords", keywords)
	el("dc:identifier", d.Ref)
	el("cp:lastModifiedBy", author)
	el("cp:version", d.Control.Version)
	el("cp:contentStatus", d.Control.Status)
	el("cp:category", d.Kind)
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	return []byte(b.String())
}

func (w *writer) app() []byte {
	gen := w.o.Generator
	if gen == "" {
		gen = "ismsforge"
	}
	return []byte(xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
		`<Application>` + escape(gen) + `</Application><Company>` + escape(w.p.Org) + `</Company></Properties>`)
}

func (w *writer) rels() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
		`<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
		`<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
		`<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>`)
	for _, m := range w.media {
		if m == w.logo && !w.bodyUses(m) {
			continue
		}
		b.WriteString(`<Relationship Id="` + m.rel + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/` + m.name + `"/>`)
	}
	for _, t := range w.linkList {
		b.WriteString(`<Relationship Id="` + w.links[t] + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="` +
			escape(t) + `" TargetMode="External"/>`)
	}
	b.WriteString(`</Relationships>`)
	return []byte(b.String())
}

// bodyUses reports whether document.xml shows the image, besides the
// header.
func (w *writer) bodyUses(m *media) bool {
	return bytes.Contains(w.b.Bytes(), []byte(`r:embed="`+m.rel+`"`))
}

func (w *writer) headerRels() []byte {
	return []byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="` + w.logo.rel + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/` + w.logo.name + `"/>` +
		`</Relationships>`)
}

// header is the running head: logo and organization on the left, the
// title in the middle, the classification (and DRAFT) on the right.
func (w *writer) header() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:hdr ` + nsMain + `><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>`)
	save := w.b
	w.b = new(bytes.Buffer)
	if w.logo != nil {
		h := int64(9 * 12700) // 9 pt tall
		cx := int64(w.logo.w) * h / int64(w.logo.h)
		w.b.WriteString(`<w:r>`)
		w.drawing(w.logo, cx, h, w.p.Org)
		w.b.WriteString(`</w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>`)
	}
	w.text(w.p.Org, run{bold: true}, false)
	w.b.WriteString(`<w:r><w:tab/></w:r>`)
	w.text(w.d.Title, run{}, false)
	w.b.WriteString(`<w:r><w:tab/></w:r>`)
	class := w.d.Control.Classification
	if class == "" {
		class = w.p.Classification
	}
	if w.d.IsDraft() {
		class = strings.TrimSpace("DRAFT " + class)
	}
	w.text(class, run{bold: true}, false)
	b.Write(w.b.Bytes())
	w.b = save
	b.WriteString(`</w:p></w:hdr>`)
	return []byte(b.String())
}

// footer carries the reference, the version and "Page X of Y" as fields,
// which Word and LibreOffice fill in as they paginate.
func (w *writer) footer() []byte {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:ftr ` + nsMain + `><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>`)
	save := w.b
	w.b = new(bytes.Buffer)
	w.text(w.d.Ref, run{}, false)
	w.b.WriteString(`<w:r><w:tab/></w:r>`)
	if v := w.d.Control.Version; v != "" {
		w.text("Version "+v, run{}, false)
	}
	w.b.WriteString(`<w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">Page </w:t></w:r>` +
		`<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>` +
		`<w:r><w:t xml:space="preserve"> of </w:t></w:r>` +
		`<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>`)
	b.Write(w.b.Bytes())
	w.b = save
	b.WriteString(`</w:p></w:ftr>`)
	return []byte(b.String())
}

// numbering writes the two list definitions (bullets, and numbers) and an
// instance per ordered list, so that each starts at its own number.
func (w *writer) numbering() []byte {
	var b strings.Builder
	b.WriteString(numberingDefs)
	for i, n := range w.nums {
		b.WriteString(`<w:num w:numId="` + strconv.Itoa(3+i) + `"><w:abstractNumId w:val="` + strconv.Itoa(n.abstract) + `"/>` +
			`<w:lvlOverride w:ilvl="` + strconv.Itoa(n.level) + `"><w:startOverride w:val="` + strconv.Itoa(n.start) + `"/></w:lvlOverride></w:num>`)
	}
	b.WriteString(`</w:numbering>`)
	return []byte(b.String())
}

// numberingDefs is numbering.xml up to the documents' own list instances:
// the same in every document.
var numberingDefs = func() string {
	var b strings.Builder
	b.WriteString(xmlHeader + `<w:numbering ` + nsMain + `>`)
	bullets := []string{"•", "◦", "▪"}
	b.WriteString(`<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>`)
	for l := range 9 {
		ind := strconv.Itoa(360 * (l + 1))
		b.WriteString(`<w:lvl w:ilvl="` + strconv.Itoa(l) + `"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="` + bullets[l%3] +
			`"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="` + ind + `" w:hanging="360"/></w:pPr></w:lvl>`)
	}
	b.WriteString(`</w:abstractNum><w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>`)
	for l := range 9 {
		ind := strconv.Itoa(360 * (l + 1))
		b.WriteString(`<w:lvl w:ilvl="` + strconv.Itoa(l) + `"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%` + strconv.Itoa(l+1) +
			`."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="` + ind + `" w:hanging="360"/></w:pPr></w:lvl>`)
	}
	b.WriteString(`</w:abstractNum>`)
	b.WriteString(`<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>`)
	return b.String()
}()

const settingsXML = xmlHeader + `<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`
