package bundle

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine/pack"
)

func TestZipIsDeterministic(t *testing.T) {
	priv, _ := testKey(t)
	for _, key := range [][]byte{nil, priv} {
		first := mustZip(t, sampleEntries(), key)
		if again := mustZip(t, sampleEntries(), key); !bytes.Equal(first, again) {
			t.Fatalf("signed=%v: two runs gave different zips", key != nil)
		}
		reversed := sampleEntries()
		slices.Reverse(reversed)
		if z := mustZip(t, reversed, key); !bytes.Equal(first, z) {
			t.Errorf("signed=%v: reversed input order gave a different zip", key != nil)
		}
		// A date in another zone names the same day.
		local := time.Date(2025, time.March, 14, 23, 30, 0, 0, time.FixedZone("UTC+14", 14*3600))
		z, err := Zip(sampleEntries(), sampleManifest(), local, key)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, z) {
			t.Errorf("signed=%v: the same calendar day in another zone gave a different zip", key != nil)
		}
	}
}

// TestZipReadsBack checks what a standard reader sees: every entry with its
// content, the fixed time and mode, no extra fields, and the manifest.
func TestZipReadsBack(t *testing.T) {
	priv, _ := testKey(t)
	z := mustZip(t, sampleEntries(), priv)
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, e := range sampleEntries() {
		want[e.Name] = e.Data
	}
	var names []string
	var manifest []byte
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(releaseDay) || f.Modified.Location() != time.UTC {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, releaseDay)
		}
		if f.Mode() != 0o644 {
			t.Errorf("%s: mode %v, want -rw-r--r--", f.Name, f.Mode())
		}
		if len(f.Extra) != 0 || f.Comment != "" {
			t.Errorf("%s: extra %x, comment %q; want neither", f.Name, f.Extra, f.Comment)
		}
		if f.Method != zip.Deflate || f.Flags&0x8 != 0 {
			t.Errorf("%s: method %d, flags %#x; want deflate and no data descriptor", f.Name, f.Method, f.Flags)
		}
		if utf8Flag := f.Flags&flagUTF8 != 0; utf8Flag == isASCII(f.Name) {
			t.Errorf("%s: UTF-8 flag %v", f.Name, utf8Flag)
		}
		data := readZipFile(t, f)
		switch f.Name {
		case pack.ManifestName:
			manifest = data
		case SignatureName:
			if len(data) != 64 {
				t.Errorf("signature is %d bytes", len(data))
			}
		default:
			if !bytes.Equal(data, want[f.Name]) {
				t.Errorf("%s: content differs", f.Name)
			}
			delete(want, f.Name)
		}
	}
	if len(want) != 0 {
		t.Errorf("entries missing from the zip: %v", want)
	}
	if !slices.IsSorted(names) {
		t.Errorf("entries not sorted: %q", names)
	}

	var m pack.Manifest
	if err := json.Unmarshal(manifest, &m); err != nil {
		t.Fatal(err)
	}
	if m.Pack.Date != "2025-03-14" || m.Generator != "ismsforge test" || len(m.Documents) != 1 {
		t.Errorf("manifest lost the caller's fields: %+v", m)
	}
	if len(m.Files) != len(sampleEntries()) {
		t.Errorf("manifest lists %d files, want %d", len(m.Files), len(sampleEntries()))
	}
	for _, f := range m.Files {
		if f.Path == "README.txt" && (f.Bytes != len(sampleEntries()[0].Data) || f.SHA256 != pack.Sum(sampleEntries()[0].Data)) {
			t.Errorf("README.txt listed as %+v", f)
		}
	}
	if !bytes.Contains(manifest, []byte(`"controls": []`)) {
		t.Errorf("nil lists should be written as []:\n%s", manifest)
	}
}

func readZipFile(t testing.TB, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	return b
}

func TestZipKeepsCallerManifest(t *testing.T) {
	m := sampleManifest()
	m.Files = []pack.FileEntry{{Path: "html/stale.html", SHA256: "00", Bytes: 1}}
	before, _ := json.Marshal(m)
	z, err := Zip(sampleEntries(), m, releaseDay, nil)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := json.Marshal(m); !bytes.Equal(before, after) {
		t.Errorf("Zip changed the caller's manifest:\n%s\n%s", before, after)
	}
	if bytes.Contains(z, []byte("stale.html")) {
		t.Error("the caller's Files should be replaced by the zip's")
	}
}

func TestZipRejects(t *testing.T) {
	priv, _ := testKey(t)
	tests := []struct {
		name    string
		entries []Entry
		edit    func(*pack.Manifest)
		date    time.Time
		key     []byte
		want    string
	}{
		{name: "duplicate", entries: []Entry{{Name: "a.txt"}, {Name: "a.txt"}}, want: `"a.txt" appears twice`},
		{name: "case", entries: []Entry{{Name: "README.txt"}, {Name: "readme.TXT"}}, want: "differ only in case"},
		{name: "manifest", entries: []Entry{{Name: "manifest.json"}}, want: "reserved"},
		{name: "signature", entries: []Entry{{Name: "Manifest.json.SIG"}}, want: "reserved"},
		{name: "pack date", edit: func(m *pack.Manifest) { m.Pack.Date = "2025-03-15" }, want: `pack date "2025-03-15" differs`},
		{name: "document file", edit: func(m *pack.Manifest) { m.Documents[0].Files = []string{"md/ISMS-POL-01.md"} }, want: `lists "md/ISMS-POL-01.md", which is not in the bundle`},
		{name: "too early", date: time.Date(1979, 12, 31, 0, 0, 0, 0, time.UTC), want: "outside the range"},
		{name: "too late", date: time.Date(2108, 1, 1, 0, 0, 0, 0, time.UTC), want: "outside the range"},
		{name: "short key", key: priv[:32], want: "signing key is 32 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries := tt.entries
			if entries == nil {
				entries = sampleEntries()
			}
			m := sampleManifest()
			if tt.edit != nil {
				tt.edit(&m)
			}
			date := tt.date
			if date.IsZero() {
				date = releaseDay
			}
			if tt.entries != nil {
				m.Documents = nil // its files are not among these entries
			}
			_, err := Zip(entries, m, date, tt.key)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// unsafeNames are names that must never reach an auditor's disk.
var unsafeNames = []string{
	"", "/etc/passwd", "../evil.txt", "a/../../evil.txt", "a/./b.txt", "./a.txt", "a//b.txt",
	"dir/", `a\b.txt`, "C:/Windows/evil.txt", "c:evil.txt", "nul", "site/CON.html", "lpt1.txt",
	"trailing.", "trailing /x", "tab\there", "nl\n", "del\x7f", "bad\xffutf8", "what?.txt",
	"a<b>.txt", `quote".txt`, "pipe|.txt", "star*.txt", strings.Repeat("a", maxNameLen+1),
}

func TestZipRejectsUnsafeNames(t *testing.T) {
	for _, name := range unsafeNames {
		_, err := Zip([]Entry{{Name: name, Data: []byte("x")}}, pack.Manifest{}, releaseDay, nil)
		if err == nil {
			t.Errorf("Zip accepted %q", name)
		}
	}
	for _, name := range []string{"a.txt", "site/policies/ISMS-POL-01.html", ".well-known/x", "a..b", "…/x", "console.txt", "com10"} {
		if err := checkName(name); err != nil {
			t.Errorf("checkName(%q) = %v, want nil", name, err)
		}
	}
}

func TestZipEmpty(t *testing.T) {
	z, err := Zip(nil, pack.Manifest{}, releaseDay, nil)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 1 || zr.File[0].Name != pack.ManifestName {
		t.Fatalf("an empty bundle should hold only the manifest, got %d entries", len(zr.File))
	}
	if m := readZipFile(t, zr.File[0]); !bytes.Contains(m, []byte(`"files": []`)) {
		t.Errorf("manifest of an empty bundle:\n%s", m)
	}
}

// TestGolden pins the bytes of a bundle. If it fails after a Go upgrade with
// no change here, compress/flate or archive/zip now write different bytes:
// zips are then reproducible only with the same Go release, and the release
// notes should say so. Run with -update to accept the new bytes.
func TestGolden(t *testing.T) {
	priv, _ := testKey(t)
	z := mustZip(t, sampleEntries(), priv)
	golden := filepath.Join("testdata", "golden.zip")
	if *update {
		if err := os.WriteFile(golden, z, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := readTestdata(t, "golden.zip"); !bytes.Equal(z, want) {
		t.Errorf("Zip no longer reproduces testdata/golden.zip (%d bytes, want %d)", len(z), len(want))
	}
}

// TestStandardTools checks the bundle with Info-ZIP, which is what many
// auditors will open it with.
func TestStandardTools(t *testing.T) {
	if _, err := exec.LookPath("zipinfo"); err != nil {
		t.Skip("zipinfo not installed (apt-get install unzip)")
	}
	priv, _ := testKey(t)
	path := filepath.Join(t.TempDir(), "acme-isms-2025.1.zip")
	if err := os.WriteFile(path, mustZip(t, sampleEntries(), priv), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("unzip", "-t", path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No errors detected") {
		t.Fatalf("unzip -t: %v\n%s", err, out)
	}
	out, err = exec.Command("zipinfo", "-l", path).CombinedOutput()
	if err != nil {
		t.Fatalf("zipinfo: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	entries := lines[2 : len(lines)-1]
	if len(entries) != len(sampleEntries())+2 {
		t.Fatalf("zipinfo lists %d entries:\n%s", len(entries), out)
	}
	for _, l := range entries {
		if !strings.HasPrefix(l, "-rw-r--r--  2.0 unx") || !strings.Contains(l, " defN ") || !strings.Contains(l, "25-Mar-14 00:00") {
			t.Errorf("zipinfo line: %s", l)
		}
	}
	if !strings.Contains(string(out), "Zip file size:") || strings.Contains(string(out), "comment") {
		t.Errorf("zipinfo header:\n%s", out)
	}
}

// TestArchive checks the manifest-free zip of office files: sorted,
// dated, reproducible and readable by archive/zip.
func TestArchive(t *testing.T) {
	entries := []Entry{{Name: "word/document.xml", Data: []byte("<w:document/>")}, {Name: "[Content_Types].xml", Data: []byte("<Types/>")}}
	day := time.Date(2026, 3, 1, 15, 4, 5, 0, time.UTC)
	a, err := Archive(entries, day)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Archive([]Entry{entries[1], entries[0]}, day)
	if !bytes.Equal(a, b) {
		t.Error("the order of the entries changes the bytes")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != 2 || zr.File[0].Name != "[Content_Types].xml" || !zr.File[0].Modified.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("entries: %v %v", zr.File[0].Name, zr.File[0].Modified)
	}
	if _, err := Archive(append(entries, entries[0]), day); err == nil {
		t.Error("a duplicate entry is accepted")
	}
}
