package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
	"github.com/ismsforge/ismsforge/engine/redline"
)

const body = "## Purpose\n\nKeys are *rotated* every **year**; see [the policy](information-security-policy.md#scope),\n[below](#roles) and <https://example.org>.\n\n" +
	"## Roles\n\n1. Owner\n2. Approver\n   - nested \x01item\n\n| Control | Status |\n|---|--:|\n| A.8.24 | implemented |\n\n```\nopenssl rand 32\n```\n\n> A quote & <b>tag</b>.\n"

func testDoc(src string) *document.Document {
	return &document.Document{
		Identity: document.Identity{ID: "cryptography", Ref: "ACME-POL-09", Title: "Cryptography Policy", Kind: "policy", Summary: "How keys are kept."},
		Control: document.ControlBlock{Version: "1.1", Status: document.StatusApproved, Classification: "Internal",
			Owner: document.Party{Name: "Dana Ruiz", Title: "CISO"}, Approver: document.Party{Name: "Sam Okafor"}},
		History: []document.Revision{{Version: "1.0", Date: facts.NewDate(2026, time.January, 2), Summary: "First", Approver: "Sam Okafor"}},
		MD:      markdown.NewParser(markdown.Options{HeadingNumbers: true}).Parse([]byte(src)),
	}
}

func parts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(data)
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			d := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed: %v", f.Name, err)
				}
			}
		}
	}
	return out
}

// plain is the text of a document.xml, paragraphs on lines of their own.
func plain(doc string) string {
	d := xml.NewDecoder(strings.NewReader(doc))
	var b strings.Builder
	in := false
	for {
		tok, err := d.Token()
		if err != nil {
			return b.String()
		}
		switch x := tok.(type) {
		case xml.StartElement:
			in = x.Name.Local == "t" || x.Name.Local == "delText"
		case xml.EndElement:
			in = false
			if x.Name.Local == "p" {
				b.WriteByte('\n')
			}
		case xml.CharData:
			if in {
				b.Write(x)
			}
		}
	}
}

func TestDocumentParts(t *testing.T) {
	pk := &document.Pack{Org: "Acme & Co", Date: facts.NewDate(2026, time.March, 1), Classification: "Internal"}
	b, err := Document(testDoc(body), pk, Options{Generator: "ismsforge test"})
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Document(testDoc(body), pk, Options{Generator: "ismsforge test"})
	if !bytes.Equal(b, again) {
		t.Error("the same document gives different bytes")
	}
	p := parts(t, b)
	doc := p["word/document.xml"]
	for _, want := range []string{
		`<w:pStyle w:val="Heading2"/>`, `w:name="h_purpose"`, `w:anchor="h_roles"`, // heading bookmark and internal link
		`<w:tblHeader/>`, `<w:pStyle w:val="SourceCode"/>`, `<w:pStyle w:val="Quote"/>`, `<w:jc w:val="right"/>`,
		`<w:numId w:val="3"/>`, `<w:ilvl w:val="1"/>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	text := plain(doc)
	for _, want := range []string{"1  Purpose", "nested item", "A quote & tag."} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q: %s", want, text)
		}
	}
	rels := p["word/_rels/document.xml.rels"]
	if !strings.Contains(rels, `Target="information-security-policy.docx"`) || !strings.Contains(rels, `Target="https://example.org"`) {
		t.Errorf("links to the other document and the URL are missing: %s", rels)
	}
	if !strings.Contains(doc, `w:anchor="h_scope"`) {
		t.Error("the link to the other document does not open at its heading")
	}
	if f := p["word/footer1.xml"]; !strings.Contains(f, ` PAGE `) || !strings.Contains(f, ` NUMPAGES `) || !strings.Contains(f, "ACME-POL-09") {
		t.Errorf("footer: %s", f)
	}
	if h := p["word/header1.xml"]; !strings.Contains(h, "Acme &amp; Co") || !strings.Contains(h, "Internal") {
		t.Errorf("header: %s", h)
	}
	if !strings.Contains(p["word/numbering.xml"], `<w:startOverride w:val="1"/>`) {
		t.Error("the ordered list does not restart")
	}
	if c := p["docProps/core.xml"]; !strings.Contains(c, "<cp:version>1.1</cp:version>") || !strings.Contains(c, "2026-03-01T00:00:00Z") {
		t.Errorf("core: %s", c)
	}
	if strings.Contains(doc, "w:ins") || strings.Contains(doc, "w:del") {
		t.Error("a document without a redline has tracked changes")
	}
}

// unknownBlock stands for a block kind a later Markdown extension adds.
type unknownBlock struct{ ast.BaseBlock }

var kindUnknown = ast.NewNodeKind("Unknown")

func (*unknownBlock) Kind() ast.NodeKind           { return kindUnknown }
func (n *unknownBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func TestUnknownBlockKeepsText(t *testing.T) {
	d := testDoc("## A\n\nInside the new block.\n")
	para := d.MD.Root.FirstChild().NextSibling()
	box := &unknownBlock{}
	d.MD.Root.ReplaceChild(d.MD.Root, para, box)
	box.AppendChild(box, para)
	b, err := Document(d, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plain(parts(t, b)["word/document.xml"]), "Inside the new block.") {
		t.Error("the text of an unknown block is lost")
	}
}

func TestTrackedChanges(t *testing.T) {
	old := "## Scope\n\nSites: Denver and Raleigh.\n\n- Denver\n- Raleigh\n"
	cur := "## Scope\n\nSites: Denver, Austin and Raleigh.\n\n- Denver\n- Austin\n"
	rl := redline.Compare([]byte(old), []byte(cur), markdown.Options{})
	d := testDoc(cur)
	d.MD = rl.Doc
	b, err := Document(d, &document.Pack{Date: facts.NewDate(2026, time.March, 1)},
		Options{Track: Track{Author: "Board <of> Directors", Date: facts.NewDate(2026, time.December, 1)}})
	if err != nil {
		t.Fatal(err)
	}
	doc := parts(t, b)["word/document.xml"]
	if !strings.Contains(doc, `w:author="Board &lt;of&gt; Directors" w:date="2026-12-01T00:00:00Z"`) {
		t.Error("changes are not signed and dated by Track")
	}
	if !strings.Contains(doc, `<w:delText xml:space="preserve">Raleigh</w:delText>`) {
		t.Error("the deleted item's text is not w:delText")
	}
	// The deleted item's paragraph mark is deleted too, and the inserted
	// one's inserted, so that accepting all gives the new list.
	if strings.Count(doc, `<w:rPr><w:del `) != 1 || strings.Count(doc, `<w:rPr><w:ins `) != 1 {
		t.Errorf("paragraph marks: %d deleted, %d inserted; want 1 and 1", strings.Count(doc, `<w:rPr><w:del `), strings.Count(doc, `<w:rPr><w:ins `))
	}
}

func TestBookmarkName(t *testing.T) {
	for id, want := range map[string]string{"roles": "h_roles", "6-1-risk-assessment": "h_6_1_risk_assessment"} {
		if got := BookmarkName(id); got != want {
			t.Errorf("BookmarkName(%q) = %q, want %q", id, got, want)
		}
	}
	long := strings.Repeat("long-heading-", 8)
	a, b := BookmarkName(long+"a"), BookmarkName(long+"b")
	if len(a) > 40 || a == b {
		t.Errorf("long names %q and %q: at most 40 characters and distinct", a, b)
	}
}
