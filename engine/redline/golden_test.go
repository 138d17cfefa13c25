package redline

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden pages in testdata/golden")

const generator = "ismsforge test"

// hostile is text a user could put in their facts, to prove it is printed,
// never run.
const hostile = `<script>alert("x")</script> & 'q'`

func TestPageGolden(t *testing.T) {
	tests := []struct {
		name string
		doc  Document
	}{
		{"page-soa", Document{
			ID: "statement-of-applicability", Title: "Statement of Applicability",
			FromVersion: "1.0", ToVersion: "1.1",
			Old: input(t, "soa-old.md"), New: input(t, "soa-new.md"), Change: "modified",
		}},
		{"page-scope", Document{
			ID: "isms-scope", Title: "ISMS Scope Statement",
			FromVersion: "1.0", ToVersion: "1.1",
			Old: input(t, "scope-old.md"), New: input(t, "scope-new.md"),
		}},
		{"page-added", Document{
			ID: "supplier-policy", Title: "Supplier Security Policy", FromVersion: "1.0", ToVersion: "1.1",
			New: []byte("---\nid: supplier-policy\n---\n\n## Purpose\n\nSuppliers are assessed before onboarding.\n"),
		}},
		{"page-removed", Document{
			ID: "legacy", Title: "Legacy Hosting Procedure", FromVersion: "1.0", ToVersion: "1.1",
			Old: []byte("## Purpose\r\n\r\nThe on-premises racks are decommissioned.\r\n"), Change: "removed",
		}},
		{"page-unchanged", Document{
			ID: "policy", Title: "Policy", FromVersion: "1.0", ToVersion: "1.1",
			Old: []byte("same\r\n"), New: []byte("same"),
		}},
		{"page-whole", Document{
			ID: "short", Title: "", FromVersion: "", ToVersion: "",
			Old: []byte("a\nb\nc\nd\ne\nf\ng\nh\n"), New: []byte("a\nb\nc\nd\ne\nF\ng\nh\n"), Context: -1,
		}},
		{"page-hostile", Document{
			ID: hostile, Title: hostile, FromVersion: hostile, ToVersion: "<b>2</b>",
			Old: []byte("owner: <i>Jordan</i>\nCR at the end\r\r\n" + hostile + "\n"),
			New: []byte("owner: <img src=x onerror=alert(1)>\nCR at the end\n" + hostile + "!\n"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			org, gen := "Acme Cloud, Inc.", generator
			if strings.HasSuffix(tt.name, "hostile") {
				org, gen = org+" "+hostile, gen+" "+hostile
			}
			golden(t, tt.name, Page(tt.doc, org, gen))
		})
	}
}

func TestIndexGolden(t *testing.T) {
	docs := []IndexEntry{
		{ID: "isms-scope", Title: "ISMS Scope Statement", Change: "modified", From: "1.0", To: "1.1", Inserted: 5, Deleted: 4},
		{ID: "supplier-policy", Title: "Supplier Security Policy", Change: "added", To: "1.0", Inserted: 12},
		{ID: "legacy", Title: "Legacy Hosting Procedure", Change: "removed", From: "2.3", Deleted: 40},
		{ID: hostile, Title: hostile, Change: hostile, From: hostile, To: hostile},
	}
	soa := []SoAChange{
		{ID: "A.7.4", Title: "Physical security monitoring", Field: "status", From: "Partially implemented", To: "Implemented"},
		{ID: "A.7.4", Title: "Physical security monitoring", Field: "justification",
			From: "The Raleigh suite relies on the landlord's lobby CCTV and a keyed door.",
			To:   "The Raleigh suite relies on the landlord's lobby CCTV and a Kisi reader."},
		{ID: "A.7.6", Title: "Working in secure areas", Field: "applicable", From: "No", To: "Yes"},
		{ID: "A.8.99", Title: hostile, Field: hostile, From: "", To: hostile},
	}
	golden(t, "index", Index("Acme Cloud, Inc.", "1.0", "1.1", docs, soa, generator, "en-GB"))
	golden(t, "index-empty", Index("", "", "", nil, nil, generator, ""))
}

// TestPagesEscape checks the property the golden pages show by example:
// no markup from the input survives, whatever field it is in.
func TestPagesEscape(t *testing.T) {
	d := Document{ID: hostile, Title: hostile, FromVersion: hostile, ToVersion: hostile,
		Old: []byte(hostile + "\n"), New: []byte(hostile + hostile + "\n")}
	pages := map[string][]byte{
		"page":  Page(d, hostile, hostile),
		"index": Index(hostile, hostile, hostile, []IndexEntry{{ID: hostile, Title: hostile, Change: hostile, From: hostile, To: hostile}}, []SoAChange{{ID: hostile, Title: hostile, Field: hostile, From: hostile, To: hostile + "x"}}, hostile, hostile),
	}
	for name, page := range pages {
		if bytes.Contains(bytes.ToLower(page), []byte("<script")) {
			t.Errorf("%s: a <script> tag got through:\n%s", name, page)
		}
		if !bytes.Contains(page, []byte("&lt;script&gt;")) {
			t.Errorf("%s: the escaped text is missing", name)
		}
	}
}

func input(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "input", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// golden compares a page with testdata/golden/<name>.html, or rewrites the
// file under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".html")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./engine/redline -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden copy (run go test ./engine/redline -update to accept):\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first line that differs, with its number.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want " + wl + "\n  got  " + gl
		}
	}
	return "(only the line endings differ)"
}
