package bundle

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/ismsforge/ismsforge/engine/pack"
)

// benchEntries is about 15 MB shaped like a real bundle: 40 PDFs whose
// bodies are mostly already-compressed streams, 300 HTML pages, the SoA and
// register as CSV, a README.
var benchEntries = sync.OnceValue(func() []Entry {
	r := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields("information security policy control asset risk owner access supplier incident " +
		"continuity compliance audit review management objective scope context leadership support operation")
	text := func(n int) []byte {
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		return []byte(b.String()[:n])
	}
	var entries []Entry
	for i := range 40 {
		pdf := []byte("%PDF-1.7\n")
		for len(pdf) < 250_000 {
			pdf = append(pdf, "1 0 obj << /Length 20000 /Filter /FlateDecode >>\nstream\n"...)
			for range 20_000 {
				pdf = append(pdf, byte(r.Uint32()))
			}
			pdf = append(pdf, "\nendstream\nendobj\nBT /F1 10 Tf ("...)
			pdf = append(pdf, text(2000)...)
			pdf = append(pdf, ") Tj ET\n"...)
		}
		entries = append(entries, Entry{Name: fmt.Sprintf("pdf/ISMS-DOC-%02d.pdf", i), Data: pdf})
	}
	for i := range 300 {
		page := "<!doctype html><html><head><title>Document</title><link rel=stylesheet href=../style.css></head><body><main><h1>Document</h1>\n"
		for range 40 {
			page += "<p>" + string(text(200)) + "</p>\n"
		}
		entries = append(entries, Entry{Name: fmt.Sprintf("site/docs/doc-%03d.html", i), Data: []byte(page + "</main></body></html>\n")})
	}
	var soa strings.Builder
	soa.WriteString("control,title,applicable,justification\n")
	for i := range 4000 {
		fmt.Fprintf(&soa, "A.%d.%d,%s,yes,%s\n", i/40+5, i%40+1, text(40), text(120))
	}
	entries = append(entries,
		Entry{Name: "soa.csv", Data: []byte(soa.String())},
		Entry{Name: "register.csv", Data: []byte(soa.String()[:200_000])},
		Entry{Name: "README.txt", Data: text(3000)})
	return entries
})

func benchSize(entries []Entry) int64 {
	var n int64
	for _, e := range entries {
		n += int64(len(e.Data))
	}
	return n
}

func benchZip(b *testing.B, entries []Entry, key ed25519.PrivateKey) []byte {
	z, err := Zip(entries, pack.Manifest{Generator: "bench", Pack: pack.PackInfo{Organization: "Acme", Version: "1"}}, releaseDay, key)
	if err != nil {
		b.Fatal(err)
	}
	return z
}

func BenchmarkZip(b *testing.B) {
	priv, _ := testKey(b)
	entries := benchEntries()
	b.SetBytes(benchSize(entries))
	b.ReportAllocs()
	var z []byte
	for b.Loop() {
		z = benchZip(b, entries, priv)
	}
	b.ReportMetric(float64(len(z))/float64(benchSize(entries))*100, "%size")
}

func BenchmarkVerify(b *testing.B) {
	priv, pub := testKey(b)
	entries := benchEntries()
	z := benchZip(b, entries, priv)
	b.SetBytes(benchSize(entries))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Verify(z, pub); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckDeflate isolates the bit-by-bit stream check, the one part
// of Verify written here rather than taken from the standard library.
func BenchmarkCheckDeflate(b *testing.B) {
	raws, err := deflateAll(context.Background(), benchEntries(), level)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchSize(benchEntries()))
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range raws {
			if err := checkDeflate(r.deflated); err != nil {
				b.Fatal(err)
			}
		}
	}
}
