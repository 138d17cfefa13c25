package document

import (
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// Watch mode reuses what a format made of a document while the document's
// Key, and the pack's, stay the same. A field that an output shows but the
// key misses leaves that output stale after an edit of the field alone.
// These tests change every field of Document and Pack, one at a time: each
// must change the key, or be listed with the reason it need not.

// fieldPaths lists the exported fields of t, with embedded and nested
// structs of this package flattened into dotted paths (Control.Owner.Name).
func fieldPaths(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if ft := f.Type; ft.Kind() == reflect.Struct && ft.PkgPath() == t.PkgPath() {
			inner := prefix + f.Name + "."
			if f.Anonymous {
				inner = prefix
			}
			out = append(out, fieldPaths(ft, inner)...)
			continue
		}
		out = append(out, prefix+f.Name)
	}
	return out
}

func checkCovered(t *testing.T, typ reflect.Type, edits map[string]func(), notShown map[string]string) {
	t.Helper()
	for _, p := range fieldPaths(typ, "") {
		_, edited := edits[p]
		_, skipped := notShown[p]
		if !edited && !skipped {
			t.Errorf("%s.%s: no edit in the test and not listed as not shown; add it to the key, or say why no output shows it", typ.Name(), p)
		}
	}
}

// checkEdits makes each edit on a fresh value (reset) and fails when key
// is what it was before the edit.
func checkEdits(t *testing.T, what string, edits map[string]func(), reset func(), key func() string) {
	t.Helper()
	reset()
	base := key()
	for _, name := range slices.Sorted(maps.Keys(edits)) {
		reset()
		edits[name]()
		if key() == base {
			t.Errorf("editing %s leaves %s unchanged", name, what)
		}
	}
}

func testDoc() *Document {
	md := markdown.NewParser(markdown.Options{}).Parse([]byte("# Purpose\n\nKeys are managed.\n"))
	day := facts.NewDate(2026, time.November, 2)
	return &Document{
		Identity: Identity{ID: "cryptography", Ref: "ACME-POL-40", Title: "Cryptography Policy", Kind: "policy",
			Summary: "How keys are managed.", Requirements: NewRequirements([]string{"7.5"}, []string{"A.8.24"}, nil)},
		Control: ControlBlock{Version: "1.0", Status: StatusDraft, Owner: Party{Name: "Dana Ruiz", Title: "CISO", Email: "dana@example.com"},
			Approver: Party{Name: "Lee Chan", Title: "CEO", Email: "lee@example.com"}, Classification: "Internal",
			Effective: day, NextReview: day.AddMonths(12), ReviewMonths: 12,
			Approval: &Approval{Version: "1.0", Date: day, Approver: Party{Name: "Lee Chan", Title: "CEO"}, Summary: "First release"}},
		History: []Revision{{Version: "1.0", Date: day, Summary: "First release", Approver: "Lee Chan"}},
		MD:      md,
	}
}

func TestDocumentKeyCoversWhatItsOutputsShow(t *testing.T) {
	var d *Document
	edits := map[string]func(){
		"ID":                     func() { d.ID += "-x" },
		"Ref":                    func() { d.Ref += "X" },
		"Title":                  func() { d.Title += " X" },
		"Kind":                   func() { d.Kind = "procedure" },
		"Summary":                func() { d.Summary += " X" },
		"Requirements":           func() { d.Requirements = NewRequirements([]string{"7.5"}, []string{"A.8.24", "A.5.33"}, nil) },
		"Control.Version":        func() { d.Control.Version = "1.1" },
		"Control.Status":         func() { d.Control.Status = "approved" },
		"Control.Owner.Name":     func() { d.Control.Owner.Name += " X" },
		"Control.Owner.Title":    func() { d.Control.Owner.Title += " X" },
		"Control.Owner.Email":    func() { d.Control.Owner.Email = "x" + d.Control.Owner.Email },
		"Control.Approver.Name":  func() { d.Control.Approver.Name += " X" },
		"Control.Approver.Title": func() { d.Control.Approver.Title += " X" },
		"Control.Approver.Email": func() { d.Control.Approver.Email = "x" + d.Control.Approver.Email },
		"Control.Classification": func() { d.Control.Classification = "Confidential" },
		"Control.Effective":      func() { d.Control.Effective = d.Control.Effective.AddDays(1) },
		"Control.NextReview":     func() { d.Control.NextReview = d.Control.NextReview.AddDays(1) },
		"Control.ReviewMonths":   func() { d.Control.ReviewMonths = 6 },
		"Control.Approval":       func() { d.Control.Approval.Date = d.Control.Approval.Date.AddDays(1) },
		"History":                func() { d.History = append(d.History, Revision{Version: "1.1"}) },
		"MD": func() {
			d.MD = markdown.NewParser(markdown.Options{}).Parse([]byte("# Purpose\n\nKeys are rotated.\n"))
		},
		"Control.Approval.nil": func() { d.Control.Approval = nil },
		"Requirements.framework": func() {
			d.Requirements = NewRequirements([]string{"7.5"}, []string{"A.8.24"}, map[string][]string{"soc2": {"CC6.1"}})
		},
		"Control.Approval.author": func() { d.Control.Approval.Approver.Name += " X" },
	}
	notShown := map[string]string{
		"Body":      "where each byte of the Markdown was written, for the checks' messages",
		"Source":    "the template's path, for messages",
		"Origins":   "where the identity was written, for messages",
		"Generated": "decided by the ID: only ismsforge's own pages are generated",
	}
	checkCovered(t, reflect.TypeFor[Document](), edits, notShown)
	checkEdits(t, "Document.Key", edits, func() { d = testDoc() }, func() string { return d.Key() })
}

func TestPackKeyCoversWhatEveryPageShows(t *testing.T) {
	var p *Pack
	edits := map[string]func(){
		"Org":            func() { p.Org += " Ltd" },
		"Version":        func() { p.Version = "1.1" },
		"Date":           func() { p.Date = p.Date.AddDays(1) },
		"Classification": func() { p.Classification = "Confidential" },
		"Scope":          func() { p.Scope += " X" },
		"Logo":           func() { p.Logo = append(p.Logo, 1) },
		"LogoFile":       func() { p.LogoFile = "logo.jpg" },
		"Draft":          func() { p.Draft = !p.Draft },
		"Docs":           func() { p.Docs[0].Title += " X" },
		"Release":        func() { p.Release = &Approval{Version: "1.0", Date: p.Date, Approver: Party{Name: "Lee Chan"}} },
		"Lang":           func() { p.Lang = "en-GB" },
		"DateLayout":     func() { p.DateLayout = "January 2, 2006" },
		"Docs.add":       func() { p.Docs = append(p.Docs, &Document{Identity: Identity{ID: "new", Title: "New"}}) },
		"Docs.ID":        func() { p.Docs[0].ID += "-x" },
	}
	notShown := map[string]string{
		"Mappings": "pages of their own, each made with its own Document.Key; no page lists them",
		"Reports":  "pages of their own, each made with its own Document.Key; no page lists them",
		"Origins":  "where the pack's strings were written, for messages",
	}
	checkCovered(t, reflect.TypeFor[Pack](), edits, notShown)
	fresh := func() *Pack {
		return &Pack{Org: "Acme Cloud", Version: "1.0", Date: facts.NewDate(2026, time.November, 2), Classification: "Internal",
			Scope: "The platform.", Logo: []byte{0x89}, LogoFile: "logo.png", Docs: []*Document{testDoc()}, Lang: "en-US"}
	}
	checkEdits(t, "Pack.Key", edits, func() { p = fresh() }, func() string { return p.Key() })
}
