package pdf

import (
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// layoutText is the text of a layout's first page, boxes joined.
func layoutText(l *Layout) string {
	var b strings.Builder
	for _, bx := range l.Pages[0].Boxes {
		if bx.Kind == KindText {
			b.WriteString(strings.TrimSpace(bx.Text) + " ")
		}
	}
	return b.String()
}

// TestApprovalInControlBlock: a released document shows who approved which
// version and when, with the approver's role; a draft says it is not
// approved.
func TestApprovalInControlBlock(t *testing.T) {
	p := testPack(t)
	l, err := LayoutDocument(p.Docs[0], p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := layoutText(l)
	for _, want := range []string{"Approval Approved: Version 1.2, 1 March 2026", "Approved by Sam Okafor, Chief Executive Officer"} {
		if !strings.Contains(got, want) {
			t.Errorf("control block lacks %q:\n%s", want, got)
		}
	}
	l, err = LayoutDocument(soaDoc(), p, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := layoutText(l); !strings.Contains(got, "Approval Not approved") || strings.Contains(got, "Approved:") {
		t.Errorf("a draft's control block does not say it is not approved:\n%s", got)
	}
}

// TestReleaseOnCover: the pack's cover names the release, its approver and
// the release notes; a draft pack's cover says it is not approved.
func TestReleaseOnCover(t *testing.T) {
	p := testPack(t)
	p.Draft = false
	p.Release = &document.Approval{Version: "2026.1", Date: facts.NewDate(2026, time.March, 1),
		Approver: document.Party{Name: "Sam Okafor", Title: "Chief Executive Officer"}, Summary: "Annual review of the whole ISMS."}
	cover := coverText(t, p)
	for _, want := range []string{"Release 2026.1, 1 March 2026", "Approved by Sam Okafor, Chief Executive Officer", "Release notes Annual review of the whole ISMS."} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover lacks %q:\n%s", want, cover)
		}
	}
	p.Draft, p.Release = true, nil
	if cover := coverText(t, p); !strings.Contains(cover, "Release Not approved") {
		t.Errorf("a draft pack's cover does not say it is not approved:\n%s", cover)
	}
}

func coverText(t *testing.T, p *document.Pack) string {
	t.Helper()
	e, err := newEnv(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	m := newMeasurer(e.fs)
	b := newBuilder("pack", "", nil, m, e.st, nil)
	l := &Layout{Width: e.pageW, Height: e.pageH}
	lo := e.newLayouter(l, m)
	lo.blocks(b.cover(p))
	return layoutText(l)
}
