package bundle

import (
	"crypto/ed25519"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine/pack"
)

var update = flag.Bool("update", false, "rewrite golden files and the fuzz seed corpus")

// releaseDay is the pack date of every test bundle.
var releaseDay = time.Date(2025, time.March, 14, 0, 0, 0, 0, time.UTC)

// sampleEntries is a small bundle shaped like a real one.
func sampleEntries() []Entry {
	r := rand.New(rand.NewPCG(1, 2))
	pdf := func(title string, n int) []byte {
		b := []byte("%PDF-1.7\n% " + title + "\n1 0 obj << /Length " + fmt.Sprint(n) + " /Filter /FlateDecode >>\nstream\n")
		for range n {
			b = append(b, byte(r.Uint32()))
		}
		return append(b, "\nendstream\nendobj\n%%EOF\n"...)
	}
	return []Entry{
		{Name: "README.txt", Data: []byte("Acme Corp ISMS, pack 2025.1\n\nThis zip holds the documents for the stage 1 audit.\n")},
		{Name: "pdf/ISMS-POL-01.pdf", Data: pdf("Information security policy", 3000)},
		{Name: "pdf/ISMS-PRO-04.pdf", Data: pdf("Access control procedure", 900)},
		{Name: "site/index.html", Data: []byte(strings.Repeat("<p>Information security policy of Acme Corp.</p>\n", 40))},
		{Name: "site/policies/ISMS-POL-01.html", Data: []byte("<!doctype html><h1>Policy</h1>\n")},
		{Name: "soa.csv", Data: []byte("control,title,applicable\nA.5.1,Policies for information security,yes\n")},
		{Name: "soa.pdf", Data: pdf("Statement of Applicability", 500)},
		{Name: "register.csv", Data: []byte("id,title,version\nISMS-POL-01,Information security policy,1.0\n")},
		{Name: "empty.txt", Data: nil},
		{Name: "notes/Übersicht – Änderungen.md", Data: []byte("# Änderungen\n")},
	}
}

func sampleManifest() pack.Manifest {
	return pack.Manifest{
		Generator: "ismsforge test",
		Pack:      pack.PackInfo{Organization: "Acme Corp", Version: "2025.1"},
		Documents: []pack.DocEntry{{
			ID: "ISMS-POL-01", Ref: "POL-01", Title: "Information security policy", Kind: "policy",
			Version: "1.0", Status: "approved", Hash: "abc", Clauses: []string{"5.2"},
			Files: []string{"pdf/ISMS-POL-01.pdf", "site/policies/ISMS-POL-01.html"},
		}},
	}
}

func mustZip(t testing.TB, entries []Entry, key ed25519.PrivateKey) []byte {
	t.Helper()
	z, err := Zip(entries, sampleManifest(), releaseDay, key)
	if err != nil {
		t.Fatal(err)
	}
	return z
}
