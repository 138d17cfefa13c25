package pdf

import (
	"encoding/xml"
	"strings"
)

// xmp is the document's XMP metadata packet (ISO 16684-1), which PDF/UA
// requires and which says what the information dictionary says: title,
// author, subject, keywords, creator tool, producer and dates, plus the
// language and the PDF/UA identification.
func (u *update) xmp() string {
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"" +
		" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
	b.WriteString(" <dc:format>application/pdf</dc:format>\n")
	in := u.info
	if in.Title != "" {
		b.WriteString(" <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(in.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if in.Author != "" {
		b.WriteString(" <dc:creator><rdf:Seq><rdf:li>" + esc(in.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if in.Subject != "" {
		b.WriteString(" <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(in.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if u.lang != "" {
		b.WriteString(" <dc:language><rdf:Bag><rdf:li>" + esc(u.lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	if in.Keywords != "" {
		b.WriteString(" <pdf:Keywords>" + esc(in.Keywords) + "</pdf:Keywords>\n")
	}
	if in.Producer != "" {
		b.WriteString(" <pdf:Producer>" + esc(in.Producer) + "</pdf:Producer>\n")
	}
	if in.Creator != "" {
		b.WriteString(" <xmp:CreatorTool>" + esc(in.Creator) + "</xmp:CreatorTool>\n")
	}
	if !in.Date.IsZero() {
		d := in.Date.UTC().Format("2006-01-02T15:04:05Z")
		b.WriteString(" <xmp:CreateDate>" + d + "</xmp:CreateDate>\n <xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n <xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n")
	}
	if u.tree != nil {
		b.WriteString(" <pdfuaid:part>1</pdfuaid:part>\n")
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.String()
}
