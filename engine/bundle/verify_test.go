package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/pack"
)

func TestVerifyFreshZip(t *testing.T) {
	priv, pub := testKey(t)
	for _, key := range []ed25519.PrivateKey{nil, priv} {
		z := mustZip(t, sampleEntries(), key)
		for _, pk := range []ed25519.PublicKey{nil, pub} {
			if key == nil && pk != nil {
				continue
			}
			rep, err := Verify(z, pk)
			if err != nil {
				t.Fatalf("signed=%v key=%v: %v", key != nil, pk != nil, err)
			}
			if rep.Files != len(sampleEntries()) || !rep.Date.Equal(releaseDay) || rep.Signed != (key != nil) || rep.SignatureValid != (pk != nil) {
				t.Errorf("signed=%v key=%v: report %+v", key != nil, pk != nil, rep)
			}
			if len(rep.Checks) != 5 {
				t.Errorf("checks:\n%s", strings.Join(rep.Checks, "\n"))
			}
		}
	}
	rep, err := Verify(readTestdata(t, "golden.zip"), pub)
	if err != nil {
		t.Fatalf("testdata/golden.zip no longer verifies; old bundles must always verify: %v", err)
	}
	t.Logf("report:\n  %s", strings.Join(rep.Checks, "\n  "))
}

// TestVerifyEveryByte changes each byte of a signed bundle in two ways: all
// bits at once and a single bit (which reaches padding bits a whole-byte
// flip would not isolate). Each change must fail, with or without a key.
func TestVerifyEveryByte(t *testing.T) {
	priv, pub := testKey(t)
	z := mustZip(t, sampleEntries(), priv)
	regions := map[string]int{}
	for i := range z {
		for _, mask := range []byte{0xff, 1 << (i % 8)} {
			z[i] ^= mask
			_, err := Verify(z, nil)
			if err == nil {
				t.Errorf("byte %d ^ %#x (%s) goes unnoticed without a key", i, mask, describeZipOffset(t, z, int64(i)))
			} else if mask == 0xff {
				regions[describeZipOffset(t, z, int64(i))]++
			}
			z[i] ^= mask
		}
	}
	if _, err := Verify(z, pub); err != nil {
		t.Fatalf("the zip was not restored: %v", err)
	}
	t.Logf("%d bytes, each caught; %d distinct regions", len(z), len(regions))
}

// TestVerifyEveryBitOfSmallZip flips every bit of a small bundle.
func TestVerifyEveryBitOfSmallZip(t *testing.T) {
	priv, _ := testKey(t)
	z, err := Zip([]Entry{{Name: "README.txt", Data: []byte("hello, auditor\n")}, {Name: "e"}}, pack.Manifest{}, releaseDay, priv)
	if err != nil {
		t.Fatal(err)
	}
	for i := range len(z) * 8 {
		z[i/8] ^= 1 << (i % 8)
		if _, err := Verify(z, nil); err == nil {
			t.Errorf("bit %d of byte %d (%s) goes unnoticed", i%8, i/8, describeZipOffset(t, z, int64(i/8)))
		}
		z[i/8] ^= 1 << (i % 8)
	}
}

func describeZipOffset(t testing.TB, z []byte, off int64) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		return "unreadable"
	}
	var raws []rawEntry
	for _, f := range zr.File {
		o, err := f.DataOffset()
		if err != nil || o+int64(f.CompressedSize64) > int64(len(z)) {
			return "unreadable"
		}
		raws = append(raws, rawEntry{name: f.Name, deflated: z[o : o+int64(f.CompressedSize64)]})
	}
	return describeOffset(raws, off)
}

func TestVerifyFindsProblems(t *testing.T) {
	priv, pub := testKey(t)
	other, err := ParsePrivateKey(readTestdata(t, "keys/test-only-other.key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	signed := mustZip(t, sampleEntries(), priv)
	unsigned := mustZip(t, sampleEntries(), nil)
	entries := sampleEntries()
	entries[0].Data = []byte("Changed README\n")
	changedReadme := mustZip(t, entries, nil)

	tests := []struct {
		name string
		zip  []byte
		pub  ed25519.PublicKey
		want []string
	}{
		{"empty file", nil, nil, []string{"zip: error: not a readable zip file"}},
		{"comment", withComment(t, unsigned), nil, []string{`zip: error: the zip has a comment ("looks harmless"); bundles have none`}},
		{"appended", append(bytes.Clone(unsigned), "junk"...), nil, []string{"zip: error: 4 bytes follow the end of central directory record"}},
		{"prepended", append([]byte("MZ"), unsigned...), nil, []string{"byte 0 differs from what ismsforge writes: local header of README.txt (signature)"}},
		{"unsigned with key", unsigned, pub, []string{"manifest.json.sig: error: missing: the bundle is not signed, but a public key was given"}},
		{"wrong key", mustZipKey(t, other), pub, []string{"manifest.json.sig: error: not a valid signature of manifest.json by key " + KeyID(pub)}},
		// A consistent forgery: the README is changed and the manifest lists
		// its new hash, so only the signature can tell.
		{"forged manifest", replaceEntry(t, signed, pack.ManifestName, manifestOf(t, changedReadme), "README.txt", entries[0].Data), pub, []string{"manifest.json.sig: error: not a valid signature"}},
		{"changed content", replaceEntry(t, unsigned, "README.txt", entries[0].Data), nil, []string{"README.txt: error: size mismatch: manifest says 81 bytes, file has 15", "README.txt: error: sha256 mismatch: manifest says " + pack.Sum(sampleEntries()[0].Data) + ", file has " + pack.Sum(entries[0].Data)}},
		{"unlisted", addEntry(t, unsigned, "extra.txt", "x"), nil, []string{"extra.txt: error: not listed in manifest.json"}},
		{"missing", dropEntry(t, unsigned, "soa.csv"), nil, []string{"soa.csv: error: listed in manifest.json but not in the zip"}},
		{"no manifest", dropEntry(t, unsigned, pack.ManifestName), nil, []string{"manifest.json: error: missing"}},
		{"unsafe name", addEntry(t, unsigned, "../evil.sh", "x"), nil, []string{`zip entry "../evil.sh": error: unsafe name: contains a ".." segment`}},
		{"duplicate", addEntry(t, unsigned, "soa.csv", "control\n"), nil, []string{"soa.csv: error: appears twice"}},
		{"case", addEntry(t, unsigned, "SOA.csv", "control\n"), nil, []string{`soa.csv: error: differs from "SOA.csv" only in case`}},
		{"directory", rewrite(t, unsigned, func(w *zip.Writer) { w.Create("site/") }), nil, []string{`zip entry "site/": error: unsafe name: ends in "/"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Verify(tt.zip, tt.pub)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
			t.Logf("%v", err)
			if !diag.IsUserError(err) {
				t.Error("a bad bundle should be a user error")
			}
			var l diag.List
			if !errors.As(err, &l) || len(l) == 0 || l[0].Hint == "" && l[0].Code != codeSignature {
				t.Errorf("want a diag.List whose first problem has a hint: %#v", err)
			}
		})
	}
}

func mustZipKey(t testing.TB, key ed25519.PrivateKey) []byte {
	t.Helper()
	return mustZip(t, sampleEntries(), key)
}

func withComment(t testing.TB, z []byte) []byte {
	t.Helper()
	return rewrite(t, z, func(w *zip.Writer) { w.SetComment("looks harmless") })
}

func manifestOf(t testing.TB, z []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == pack.ManifestName {
			return string(readZipFile(t, f))
		}
	}
	t.Fatal("no manifest")
	return ""
}

// rewrite copies z entry by entry with archive/zip, raw, and lets edit add
// to the copy, as a tool that repacks a zip would.
func rewrite(t testing.TB, z []byte, edit func(*zip.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if err := w.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	edit(w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The helpers below rewrite a bundle in canonical form, as a careful forger
// would, so that only the change they make is wrong.

func addEntry(t testing.TB, z []byte, name, data string) []byte {
	t.Helper()
	return canonical(t, append(rawEntries(t, z), deflateEntry(t, name, []byte(data))))
}

func dropEntry(t testing.TB, z []byte, name string) []byte {
	t.Helper()
	return canonical(t, slices.DeleteFunc(rawEntries(t, z), func(r rawEntry) bool { return r.name == name }))
}

// replaceEntry sets the content of entries, given as name, data pairs.
func replaceEntry(t testing.TB, z []byte, nameData ...any) []byte {
	t.Helper()
	raws := rawEntries(t, z)
	for i := 0; i < len(nameData); i += 2 {
		name := nameData[i].(string)
		var data []byte
		switch d := nameData[i+1].(type) {
		case string:
			data = []byte(d)
		case []byte:
			data = d
		}
		j := slices.IndexFunc(raws, func(r rawEntry) bool { return r.name == name })
		if j < 0 {
			t.Fatalf("no entry %s", name)
		}
		raws[j] = deflateEntry(t, name, data)
	}
	return canonical(t, raws)
}

func deflateEntry(t testing.TB, name string, data []byte) rawEntry {
	t.Helper()
	raws, err := deflateAll(context.Background(), []Entry{{Name: name, Data: data}}, level)
	if err != nil {
		t.Fatal(err)
	}
	raws[0].crc = crc32.ChecksumIEEE(data)
	return raws[0]
}

func rawEntries(t testing.TB, z []byte) []rawEntry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	var raws []rawEntry
	for _, f := range zr.File {
		o, err := f.DataOffset()
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, rawEntry{name: f.Name, deflated: z[o : o+int64(f.CompressedSize64)], crc: f.CRC32, size: f.UncompressedSize64})
	}
	return raws
}

func canonical(t testing.TB, raws []rawEntry) []byte {
	t.Helper()
	slices.SortStableFunc(raws, func(a, b rawEntry) int { return strings.Compare(a.name, b.name) })
	st, _ := stampFor(releaseDay)
	var buf bytes.Buffer
	if err := writeArchive(&buf, raws, st); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestOpenSSLVerifiesSignature runs the commands the package documentation
// gives auditors.
func TestOpenSSLVerifiesSignature(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed")
	}
	priv, _ := testKey(t)
	z := mustZip(t, sampleEntries(), priv)
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range zr.File {
		if f.Name == pack.ManifestName || f.Name == SignatureName {
			if err := os.WriteFile(filepath.Join(dir, f.Name), readZipFile(t, f), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	pubPath, err := filepath.Abs(filepath.Join("testdata", "keys", "test-only-signing.pub.pem"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pubPath, "-rawin", "-in", "manifest.json", "-sigfile", "manifest.json.sig")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "Signature Verified Successfully") {
		t.Fatalf("openssl: %v\n%s", err, out)
	}
	// And the manifest is what it says: a pack.Manifest.
	var m pack.Manifest
	b, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err := json.Unmarshal(b, &m); err != nil || len(m.Files) != len(sampleEntries()) {
		t.Fatalf("manifest: %v, %d files", err, len(m.Files))
	}
}
