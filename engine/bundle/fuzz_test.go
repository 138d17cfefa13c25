package bundle

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/ismsforge/ismsforge/engine/pack"
)

// fuzzSeeds are small bundles, good and bad, for FuzzVerify to mutate.
func fuzzSeeds(t testing.TB) map[string][]byte {
	priv, _ := testKey(t)
	small := []Entry{{Name: "README.txt", Data: []byte("hello, auditor\n")}, {Name: "pdf/a.pdf", Data: []byte("%PDF-1.7\n%%EOF\n")}}
	signed, err := Zip(small, pack.Manifest{Generator: "fuzz"}, releaseDay, priv)
	if err != nil {
		t.Fatal(err)
	}
	unsigned, err := Zip(small, pack.Manifest{Generator: "fuzz"}, releaseDay, nil)
	if err != nil {
		t.Fatal(err)
	}
	empty, err := Zip(nil, pack.Manifest{}, releaseDay, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A zip as archive/zip writes it by default: data descriptors,
	// extended timestamps, no manifest.
	var plain bytes.Buffer
	zw := zip.NewWriter(&plain)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "README.txt", Method: zip.Deflate, Modified: releaseDay})
	w.Write([]byte("hello, auditor\n"))
	zw.Close()
	return map[string][]byte{
		"signed":    signed,
		"unsigned":  unsigned,
		"empty":     empty,
		"comment":   withComment(t, unsigned),
		"truncated": signed[:len(signed)/2],
		"plain":     plain.Bytes(),
	}
}

// TestFuzzSeeds keeps testdata/fuzz/FuzzVerify in step with Zip; run with
// -update to rewrite it.
func TestFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzVerify")
	for name, data := range fuzzSeeds(t) {
		path := filepath.Join(dir, name)
		want := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := os.ReadFile(path); err != nil || string(got) != want {
			t.Errorf("%s is stale or missing; run go test -run TestFuzzSeeds -update", path)
		}
	}
}

// FuzzVerify checks that Verify survives any input, and that whatever it
// accepts is a zip whose entries are all accounted for.
func FuzzVerify(f *testing.F) {
	_, pub := testKey(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := Verify(data, nil)
		if rep == nil {
			t.Fatal("nil report")
		}
		repKey, errKey := Verify(data, pub)
		if err != nil {
			if errKey == nil {
				t.Fatal("accepted with a key what fails without one")
			}
			return
		}
		zr, zerr := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if zerr != nil {
			t.Fatalf("Verify accepted a zip archive/zip cannot read: %v", zerr)
		}
		n := rep.Files + 1
		if rep.Signed {
			n++
		}
		if n != len(zr.File) {
			t.Fatalf("report accounts for %d of %d entries", n, len(zr.File))
		}
		if errKey == nil && !repKey.SignatureValid {
			t.Fatal("accepted with a key but the signature is not marked valid")
		}
	})
}

// FuzzCheckDeflate checks checkDeflate against compress/flate both ways:
// it accepts all that flate writes, and flate reads all that it accepts.
func FuzzCheckDeflate(f *testing.F) {
	for _, data := range deflateInputs() {
		if len(data) < 5000 {
			f.Add(data, byte(flate.BestCompression))
		}
	}
	f.Add(deflate(f, []byte("hello, auditor"), flate.BestCompression, 0), byte(0))
	f.Add([]byte{0x03, 0x02, 0x00}, byte(1))
	f.Fuzz(func(t *testing.T, data []byte, lvl byte) {
		level := int(lvl)%12 - 2 // HuffmanOnly to BestCompression
		if err := checkDeflate(deflate(t, data, level, 0)); err != nil {
			t.Fatalf("rejects what compress/flate wrote at level %d: %v", level, err)
		}
		if checkDeflate(data) == nil {
			if _, err := inflate(data); err != nil {
				t.Fatalf("accepts a stream compress/flate cannot read: %v", err)
			}
		}
	})
}
