package pdf

import (
	"bytes"
	"strings"
	"testing"
)

// TestPackFromReducedLayoutsIsTheSame holds the combined pack assembled
// from layouts reduced by ForPack byte-identical to one assembled from the
// whole layouts: the pack's links, destinations, outline and structure
// tree (marked content, check boxes, hyphens) all come from what ForPack
// keeps. The reduced layouts must keep no drawing box, which is the point
// of reducing them, and must not be painted.
func TestPackFromReducedLayoutsIsTheSame(t *testing.T) {
	p := testPack(t)
	p.Docs = append(p.Docs, smallDoc("audit-checklist", "ACME-ISMS-REC-06", "Internal Audit Checklist",
		"# Checklist\n\n- [x] Scope confirmed with the "+strings.Repeat("Informationssicherheitsmanagementsystem ", 12)+"\n- [ ] Findings recorded\n\nSee the [policy](infosec-policy.md#objectives) and <https://www.iso.org/standard/27001>.\n"))
	e, err := newEnv(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	whole := make([]*Layout, len(p.Docs))
	reduced := make([]*Layout, len(p.Docs))
	pdfs := make([][]byte, len(p.Docs))
	var checks, hyphens, links int
	for i, d := range p.Docs {
		if whole[i], err = e.layoutDocument(d, p); err != nil {
			t.Fatal(err)
		}
		if pdfs[i], err = e.paintDocument(whole[i], d, p); err != nil {
			t.Fatal(err)
		}
		reduced[i] = whole[i].ForPack()
		for _, pg := range whole[i].Pages {
			for _, b := range pg.Boxes {
				switch {
				case b.Kind == KindCheck:
					checks++
				case b.Hyphen:
					hyphens++
				case b.Kind == KindLink:
					links++
				}
			}
		}
		for _, pg := range reduced[i].Pages {
			if len(pg.Under) > 0 {
				t.Errorf("%s: a reduced page keeps %d boxes under the text", d.ID, len(pg.Under))
			}
			for _, b := range pg.Boxes {
				if b.Kind != KindLink {
					t.Errorf("%s: a reduced page keeps a %v box", d.ID, b.Kind)
				}
			}
		}
		if _, err := e.paintDocument(reduced[i], d, p); err == nil {
			t.Errorf("%s: a reduced layout was painted", d.ID)
		}
	}
	if checks == 0 || hyphens == 0 || links == 0 {
		t.Fatalf("the fixture must have check boxes (%d), hyphens (%d) and links (%d)", checks, hyphens, links)
	}
	want, err := e.renderPack(p, whole, pdfs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.renderPack(p, reduced, pdfs)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the pack from reduced layouts differs (%d bytes against %d)", len(got), len(want))
	}
}
