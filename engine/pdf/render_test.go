package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/signintech/gopdf"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// TestByteIdentical renders the same inputs repeatedly, sequentially and
// concurrently, standalone and as a set: the bytes must not change.
func TestByteIdentical(t *testing.T) {
	p := testPack(t)
	o := testOptions()
	first, err := All(p, o)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	sets := make([]*Set, 4)
	errs := make([]error, 4)
	for i := range sets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sets[i], errs[i] = All(testPack(t), o)
		}()
	}
	wg.Wait()
	for i, s := range sets {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(s.Pack, first.Pack) {
			t.Fatalf("pack differs between renders")
		}
		for j := range s.Docs {
			if !bytes.Equal(s.Docs[j], first.Docs[j]) {
				t.Fatalf("document %s differs between renders", p.Docs[j].ID)
			}
		}
	}
	one, err := Document(p.Docs[0], p, o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one, first.Docs[0]) {
		t.Fatal("Document and All disagree")
	}
	pack, err := Pack(p, o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pack, first.Pack) {
		t.Fatal("Pack and All disagree")
	}
	// The creation date is the pack's date, never the clock.
	if !bytes.Contains(pack, []byte("/CreationDate (D:20260301000000Z)")) {
		t.Fatal("creation date is not the pack date")
	}
}

func TestMissingGlyphIsDiagnostic(t *testing.T) {
	p := testPack(t)
	d := smallDoc("glyphs", "G-2", "Glyphs", "# Title\n\nFine text.\n\nThis line has 漢字 in it.\n")
	_, err := Document(d, p, testOptions())
	var dg *diag.Diagnostic
	if !errors.As(err, &dg) {
		t.Fatalf("err = %v, want a diagnostic", err)
	}
	if dg.Pos.File != "glyphs.md" || dg.Pos.Line != 5 {
		t.Fatalf("diagnostic at %v, want glyphs.md:5", dg.Pos)
	}
	if !strings.Contains(dg.Error(), "U+6F22") {
		t.Fatalf("message does not name the character: %s", dg.Error())
	}
	// In a code block too.
	d = smallDoc("glyphs", "G-2", "Glyphs", "Text\n\n```\nok\nbad 🔒\n```\n")
	_, err = Document(d, p, testOptions())
	if !errors.As(err, &dg) || dg.Pos.Line != 5 {
		t.Fatalf("code block: err = %v, want a diagnostic at line 5", err)
	}
}

func TestImageErrorIsDiagnostic(t *testing.T) {
	p := testPack(t)
	d := smallDoc("img", "I-1", "Images", "Intro\n\n![chart](missing.png)\n")
	_, err := Document(d, p, testOptions())
	var dg *diag.Diagnostic
	if !errors.As(err, &dg) || dg.Pos.Line != 3 {
		t.Fatalf("err = %v, want a diagnostic at img.md:3", err)
	}
}

// TestMeasureMatchesGopdf checks that our widths are the widths gopdf
// places glyphs with.
func TestMeasureMatchesGopdf(t *testing.T) {
	fs, err := parseFonts(DefaultFonts())
	if err != nil {
		t.Fatal(err)
	}
	m := newMeasurer(fs)
	samples := []string{"Hello, World", "AVAWAY To.", "ACME-ISMS-POL-01 — “quoted” ½ €100", "Żółć Ελληνικά Кириллица", "ffi fl WWW iiii", "   "}
	for f := range numFaces {
		gp := &gopdf.GoPdf{}
		gp.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
		if err := gp.AddTTFFontData("f", fs.raw[f]); err != nil {
			t.Fatal(err)
		}
		for _, size := range []float64{7.5, 10, 17} {
			if err := gp.SetFont("f", "", size); err != nil {
				t.Fatal(err)
			}
			for _, s := range samples {
				want, err := gp.MeasureTextWidth(s)
				if err != nil {
					t.Fatal(err)
				}
				got := m.width(f, size, s)
				if d := got - want; d > 1e-9 || d < -1e-9 {
					t.Errorf("%s %v %q: we measure %v, gopdf %v", f, size, s, got, want)
				}
			}
		}
	}
}

func TestOptionsRejectBadInput(t *testing.T) {
	p := testPack(t)
	o := testOptions()
	o.PageSize = "a5"
	if _, err := Document(p.Docs[1], p, o); err == nil {
		t.Error("page size a5 accepted")
	}
	o = testOptions()
	o.Style.LinkColor = "blue"
	if _, err := Document(p.Docs[1], p, o); err == nil || !strings.Contains(err.Error(), "link_color") {
		t.Errorf("bad color: err = %v", err)
	}
}

// TestLinks checks the link actions: a cross-document link is a GoToR to
// the sibling PDF's named destination in a document PDF and an internal
// GoTo in the pack; an external link is a URI.
func TestLinks(t *testing.T) {
	p := testPack(t)
	set, err := All(p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	pol := set.Docs[0]
	for _, want := range []string{
		"/S /GoToR /F << /Type /Filespec /F (risk-procedure.pdf)",
		"/D (method)",
		"/S /URI /URI (https://intranet.acme.example/security)",
		"/S /URI /URI (mailto:security@acme.example)",
		"/S /GoTo /D (roles-and-responsibilities)",
		"/S /GoTo /D (fn-1)",
	} {
		if !bytes.Contains(pol, []byte(want)) {
			t.Errorf("policy PDF lacks %q", want)
		}
	}
	for _, want := range []string{
		"/S /GoTo /D (risk-procedure#method)",
		"/S /GoTo /D (soa)",
		"/S /GoTo /D (infosec-policy#roles-and-responsibilities)",
	} {
		if !bytes.Contains(set.Pack, []byte(want)) {
			t.Errorf("pack lacks %q", want)
		}
	}
	if bytes.Contains(set.Pack, []byte("/GoToR")) {
		t.Error("the pack links to a file although every document is inside it")
	}
}

// TestHeadingKeptWithNext fills pages with paragraphs and headings at
// every offset: no heading may end a page.
func TestHeadingKeptWithNext(t *testing.T) {
	p := testPack(t)
	o := testOptions()
	for n := range 12 {
		var b strings.Builder
		for i := range 30 {
			fmt.Fprintf(&b, "## Heading %d\n\n", i)
			for range (i + n) % 4 {
				b.WriteString("Some body text that fills a line or two of the page so that headings land at many offsets. More words follow here.\n\n")
			}
		}
		d := smallDoc("keep", "K-1", "Keep", b.String())
		l, err := LayoutDocument(d, p, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range l.Anchors {
			// The last heading may have nothing after it at all.
			if !strings.HasPrefix(a.Name, "heading-") || a.Name == "heading-29" {
				continue
			}
			below := false
			for _, bx := range l.Pages[a.Page].Boxes {
				if bx.Kind == KindText && bx.Y > a.Y+25 && bx.Y < l.Height-o.Style.Margins.Bottom && strings.HasPrefix(bx.Text, "Some") {
					below = true
				}
				if bx.Kind == KindText && bx.Y > a.Y+25 && strings.HasPrefix(bx.Text, "Heading") {
					below = true // the next heading follows, kept with its own text
				}
			}
			if !below {
				t.Errorf("n=%d: %s is alone at the bottom of page %d", n, a.Name, a.Page+1)
			}
		}
	}
}

// TestNoPack renders a document without a pack and without an image
// resolver: the organization is simply absent and images fall back to
// their alternative text.
func TestNoPack(t *testing.T) {
	o := testOptions()
	o.Image = nil
	out, err := Document(policyDoc(t), nil, o)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
}
