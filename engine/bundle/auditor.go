package bundle

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/csv"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/version"
)

// The stage 1 bundle is what an auditor receives: the pack's files as
// released plus a cover letter, the document register, the traceability
// matrix and the release notes, all hashed in manifest.json and optionally
// signed.

// Name is the auditor bundle's file name: <org-slug>-isms-<version>.zip.
func Name(org, ver string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(org) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "org"
	}
	return slug + "-isms-" + ver + ".zip"
}

// Release is a release as the auditor's bundle presents it.
type Release struct {
	Pack  *document.Pack
	Files *pack.Files
	// Manifest describes the pack; the bundle's own lists its files.
	Manifest pack.Manifest
	// Lock is the lock that records the release, for its history.
	Lock *version.Lock
	// Trace maps the clauses to the documents.
	Trace []document.TraceRow
	// Generator names ismsforge and its version.
	Generator string
}

// Auditor builds the zip an auditor receives for the stage 1 audit: the
// pack's files as released plus a cover letter, the document register, the
// traceability matrix and the release notes, all hashed in manifest.json
// and, with key, signed.
func Auditor(ctx context.Context, r *Release, key ed25519.PrivateKey) ([]byte, error) {
	var entries []Entry
	for _, f := range r.Files.All() {
		if f.Path == pack.ManifestName || f.Path == pack.MarkerName {
			continue
		}
		entries = append(entries, Entry{Name: f.Path, Data: f.Data})
	}
	extra := map[string][]byte{
		"register.csv":     registerCSV(r.Pack),
		"traceability.csv": traceCSV(r.Trace),
		"RELEASE-NOTES.md": releaseNotes(r),
	}
	for _, name := range slices.Sorted(maps.Keys(extra)) {
		entries = append(entries, Entry{Name: name, Data: extra[name]})
	}
	entries = append(entries, Entry{Name: "README.txt", Data: coverLetter(r, key != nil)})
	entries = append(entries, Entry{Name: "SHA256SUMS", Data: sha256sums(entries)})
	return ZipContext(ctx, entries, r.Manifest, r.Pack.Date.Time(), key)
}

// sha256sums lets an auditor check the files with `sha256sum -c` alone.
func sha256sums(entries []Entry) []byte {
	sorted := slices.Clone(entries)
	slices.SortFunc(sorted, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	var b bytes.Buffer
	for _, e := range sorted {
		fmt.Fprintf(&b, "%s  %s\n", pack.Sum(e.Data), e.Name)
	}
	return b.Bytes()
}

func writeCSV(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, r := range rows {
		for i := range r {
			r[i] = pack.CSVCell(r[i])
		}
		_ = w.Write(r)
	}
	w.Flush()
	return b.Bytes()
}

func registerCSV(pk *document.Pack) []byte {
	rows := [][]string{{"ref", "id", "title", "kind", "version", "status", "owner", "approver", "classification", "effective", "next_review"}}
	for _, d := range pk.Docs {
		c := d.Control
		rows = append(rows, []string{d.Ref, d.ID, d.Title, d.Kind, c.Version, c.Status, c.Owner.String(), c.Approver.String(), c.Classification, c.Effective.String(), c.NextReview.String()})
	}
	return writeCSV(rows)
}

func traceCSV(trace []document.TraceRow) []byte {
	rows := [][]string{{"clause", "title", "documented_information", "documents"}}
	for _, t := range trace {
		var refs []string
		for _, d := range t.Docs {
			refs = append(refs, d.Ref+" "+d.Title)
		}
		doc := "no"
		if t.Clause.Documented {
			doc = "yes"
		}
		rows = append(rows, []string{t.Clause.ID, t.Clause.Title, doc, strings.Join(refs, "; ")})
	}
	return writeCSV(rows)
}

func releaseNotes(r *Release) []byte {
	var b bytes.Buffer
	hist := r.Lock.Pack.History
	cur := hist[len(hist)-1]
	fmt.Fprintf(&b, "# Release notes: %s ISMS document pack %s\n\n", r.Pack.Org, cur.Version)
	fmt.Fprintf(&b, "Released on %s, approved by %s.\n\n%s\n\n", cur.Date, cur.ApprovedBy, cur.Summary)
	titles := map[string]*document.Document{}
	for _, d := range r.Pack.Docs {
		titles[d.ID] = d
	}
	fmt.Fprintf(&b, "## Documents changed in this release (%d)\n\n", len(cur.Changed))
	for _, id := range cur.Changed {
		d := titles[id]
		fmt.Fprintf(&b, "- %s %s: version %s\n", d.Ref, d.Title, d.Control.Version)
	}
	if len(cur.Removed) > 0 {
		fmt.Fprintf(&b, "\n## Documents withdrawn in this release (%d)\n\n", len(cur.Removed))
		for _, id := range cur.Removed {
			fmt.Fprintf(&b, "- %s\n", id)
		}
	}
	fmt.Fprintf(&b, "\n## Release history\n\n| Version | Date | Approved by | Summary | Documents changed |\n|---|---|---|---|---:|\n")
	for i := len(hist) - 1; i >= 0; i-- {
		h := hist[i]
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d |\n", h.Version, h.Date, h.ApprovedBy, strings.ReplaceAll(h.Summary, "|", "/"), len(h.Changed))
	}
	return b.Bytes()
}

func coverLetter(r *Release, signed bool) []byte {
	var b bytes.Buffer
	cur := r.Lock.Pack.History[len(r.Lock.Pack.History)-1]
	zip := Name(r.Pack.Org, cur.Version)
	fmt.Fprintf(&b, "%s\nInformation security management system: ISO/IEC 27001:2022 document pack\nVersion %s, released %s, approved by %s\n\n",
		r.Pack.Org, cur.Version, r.Pack.LongDate(cur.Date), cur.ApprovedBy)
	fmt.Fprintf(&b, "To the auditor:\n\n%s\n\n", wrap(fmt.Sprintf("This archive holds the documented information of the ISMS of %s for the stage 1 audit. Every document is at the released version listed below; the hashes in manifest.json let you confirm that nothing was altered after release.", r.Pack.Org), 76, ""))
	fmt.Fprintf(&b, "SCOPE\n\n%s\n\n", wrap(r.Pack.Scope, 76, "  "))
	b.WriteString("CONTENTS\n\n")
	_, hasPack := r.Files.Get("pdf/isms-pack.pdf")
	for _, l := range []struct {
		name, what string
		present    bool
	}{
		{"pdf/isms-pack.pdf", "every document in one PDF, with a table of contents", hasPack},
		{"pdf/<document>.pdf", "each document on its own", hasPack},
		{"html/index.html", "the same documents as a browsable site (open in any browser, offline)", true},
		{"md/<document>.md", "the documents' text as Markdown", true},
		{"docx/<document>.docx", "each document as a Word file", hasFile(r, "docx/")},
		{"xlsx/", "the SoA, risk, asset and document registers as spreadsheets", hasFile(r, "xlsx/")},
		{"diff/index.html", "what changed since the previous release: a redline of each changed document (HTML, PDF, and Word with tracked changes)", hasFile(r, "diff/")},
		{"soa.csv, soa.json", "the Statement of Applicability, one row per Annex A control (93)", true},
		{"register.csv", "the document register: version, owner, approver, classification, review", true},
		{"traceability.csv", "clause 4 to 10 -> document traceability matrix", true},
		{"RELEASE-NOTES.md", "what changed in this release, and the release history", true},
		{"SHA256SUMS", "SHA-256 of every file, for sha256sum -c", true},
		{"manifest.json", "the pack, its documents and the SHA-256 of every file", true},
	} {
		if l.present {
			fmt.Fprintf(&b, "  %-20s %s\n", l.name, l.what)
		}
	}
	if signed {
		fmt.Fprintf(&b, "  %-20s %s\n", SignatureName, "Ed25519 signature of manifest.json")
	}
	fmt.Fprintf(&b, "\nDOCUMENTS (%d)\n\n", len(r.Pack.Docs))
	for _, d := range r.Pack.Docs {
		fmt.Fprintf(&b, "  %-28s %-6s %s\n", d.Ref, d.Control.Version, d.Title)
	}
	b.WriteString("\nAPPROVALS\n\n")
	for i := len(r.Lock.Pack.History) - 1; i >= 0; i-- {
		h := r.Lock.Pack.History[i]
		fmt.Fprintf(&b, "  %s  version %-5s approved by %s: %s\n", h.Date, h.Version, h.ApprovedBy, h.Summary)
	}
	fmt.Fprintf(&b, "\nHOW TO VERIFY\n\n  With ismsforge:    ismsforge verify %s", zip)
	if signed {
		b.WriteString(" --key <public key>.pem")
	}
	b.WriteString("\n  Without it:       unzip the archive, then run  sha256sum -c SHA256SUMS\n")
	if signed {
		b.WriteString("  The signature:    openssl pkeyutl -verify -pubin -inkey <public key>.pem \\\n                      -rawin -in manifest.json -sigfile manifest.json.sig\n")
	}
	fmt.Fprintf(&b, "\nGenerated by %s.\n", r.Generator)
	return b.Bytes()
}

// hasFile reports whether the release holds a file under prefix.
func hasFile(r *Release, prefix string) bool {
	for _, f := range r.Files.All() {
		if strings.HasPrefix(f.Path, prefix) {
			return true
		}
	}
	return false
}

// wrap breaks text into lines of at most width characters, each indented.
func wrap(text string, width int, indent string) string {
	var lines []string
	line := indent
	for _, w := range strings.Fields(text) {
		if len(line)+len(w)+1 > width && strings.TrimSpace(line) != "" {
			lines = append(lines, line)
			line = indent
		}
		if strings.TrimSpace(line) != "" {
			line += " "
		}
		line += w
	}
	if strings.TrimSpace(line) != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
