package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/pack"
)

// Report says what Verify checked and what it found.
type Report struct {
	// Manifest is manifest.json as read from the zip. Trust it only when
	// Verify returned no error.
	Manifest pack.Manifest
	// Date is the modification time of every entry.
	Date time.Time
	// Files and Bytes count the entries checked against the manifest, not
	// counting manifest.json and its signature, and their size.
	Files int
	Bytes int64
	// Signed says the zip holds manifest.json.sig. SignatureValid says it
	// was checked against the given public key, whose KeyID is KeyID, and
	// matched.
	Signed         bool
	SignatureValid bool
	KeyID          string
	// Checks lists, one line each, the checks that passed, for a command to
	// print.
	Checks []string
}

// Problem codes, for tooling; see diag.Diagnostic.Code.
const (
	codeZip       = "bundle-zip"       // not a readable zip, or outside the limits
	codeName      = "bundle-name"      // unsafe, duplicate or unsorted name
	codeLayout    = "bundle-layout"    // a byte differs from the canonical form
	codeContent   = "bundle-content"   // data does not decode to what its header says
	codeManifest  = "bundle-manifest"  // manifest.json is missing or malformed
	codeListing   = "bundle-listing"   // an entry and the manifest disagree
	codeSignature = "bundle-signature" // missing or invalid signature
)

const (
	hintTampered = "the zip was changed or damaged after ismsforge made it; get a fresh copy from its sender"
	hintUnsafe   = "ismsforge never writes such a name; do not extract this zip, and get a fresh copy from its sender"
	hintKey      = "check that the public key is the organization's key for this pack; any change to manifest.json breaks the signature"

	// maxProblems bounds the report on a badly damaged zip.
	maxProblems = 20
	// maxSmallEntry bounds what Verify reads into memory: manifest.json
	// and its signature.
	maxSmallEntry = 64 << 20
)

// Verify checks a bundle made by Zip:
//
//   - the zip is readable, within the limits, and every name is safe,
//     unique (also ignoring case) and in order;
//   - every byte outside the compressed data is what Zip writes for these
//     entries: headers, the date from manifest.json, mode, central
//     directory, end record, with no comment and nothing before or after;
//   - every deflate stream decodes to exactly the size and CRC-32 its
//     headers state and has no unused bit set and nothing after it;
//   - manifest.json lists every other entry, and only those, with their
//     SHA-256 and size, and every file a document lists is in the zip;
//   - when pub is not nil, manifest.json.sig is a valid signature of
//     manifest.json by pub.
//
// Together these leave no byte of the file unchecked, so changing any bit
// makes Verify fail. Without pub a signature is not checked, and anyone who
// rewrites the whole zip can make it verify: only the signature ties the
// content to its signer.
//
// The error is a diag.List with one diagnostic per problem, each naming the
// entry or the part of the zip it concerns; past 20 problems, one more says
// how many were left out. manifest.json is decoded leniently (unknown fields
// are ignored) so that bundles from a newer ismsforge still verify; its bytes
// are covered by CRC-32 and, with a key, by the signature. The report is
// never nil; on error it says what passed before the problems were found.
func Verify(zipData []byte, pub ed25519.PublicKey) (*Report, error) {
	v := &verifier{data: zipData, pub: pub, rep: &Report{}, hints: map[string]bool{}}
	v.run()
	if n := len(v.problems) - maxProblems; n > 0 {
		v.problems = v.problems[:maxProblems]
		v.fail("zip", codeZip, "", "%d more problems not shown", n)
	}
	return v.rep, v.problems.Err()
}

type verifier struct {
	data     []byte
	pub      ed25519.PublicKey
	rep      *Report
	problems diag.List
	hints    map[string]bool

	comment string      // the zip's comment, which a bundle never has
	files   []*zip.File // in zip order
	raw     [][]byte    // compressed data of files[i], nil when unreadable
	sums    []sum       // what files[i] decompresses to
}

func (v *verifier) run() {
	if !v.open() {
		return
	}
	v.check(fmt.Sprintf("zip structure: %d entries, safe and unique names in order", len(v.files)), v.checkNames)
	manifest, sig := v.readSmall(pack.ManifestName), v.readSmall(SignatureName)
	st, m, ok := v.parseManifest(manifest)
	v.check(fmt.Sprintf("layout: every header byte as ismsforge writes it, all dated %s 00:00:00, mode 0644, no comment, nothing appended", st.day().Format(time.DateOnly)),
		func() { v.checkLayout(st) })
	v.check("data: every entry decodes to its stated CRC-32 and size; no unused deflate bit set", v.checkData)
	if ok {
		v.check("manifest: lists every entry and only those, with matching SHA-256 and size", func() { v.checkListing(m) })
	}
	v.checkSignature(manifest, sig)
}

// check runs fn and records line as passed when fn found no problem.
func (v *verifier) check(line string, fn func()) {
	n := len(v.problems)
	fn()
	if len(v.problems) == n {
		v.rep.Checks = append(v.rep.Checks, line)
	}
}

// fail records a problem at where, an entry's name or a part of the zip.
// Each hint is shown once, with the first problem that has it.
func (v *verifier) fail(where, code, hint, format string, args ...any) {
	if v.hints[hint] {
		hint = ""
	}
	v.hints[hint] = true
	v.problems.Add(diag.Errorf(diag.Pos{File: where}, hint, format, args...).WithCode(code))
}

// where names an entry in a problem; names that are unsafe to print are
// quoted.
func where(name string) string {
	if checkName(name) != nil {
		return fmt.Sprintf("zip entry %q", name)
	}
	return name
}

func (v *verifier) open() bool {
	if len(v.data) > maxArchive {
		v.fail("zip", codeZip, "", "the zip is %d bytes; bundles are at most %d", len(v.data), int64(maxArchive))
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(v.data), int64(len(v.data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // names are checked below
		v.fail("zip", codeZip, hintTampered, "not a readable zip file: %v", err)
		return false
	}
	if len(zr.File) > maxEntries {
		v.fail("zip", codeZip, "", "%d entries; bundles have at most %d", len(zr.File), maxEntries)
		return false
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxTotalSize {
			v.fail("zip", codeZip, "", "entries declare more than %d bytes in total; bundles hold at most that", int64(maxTotalSize))
			return false
		}
	}
	v.files, v.comment = zr.File, zr.Comment
	return true
}

func (v *verifier) checkNames() {
	seen := map[string]string{}
	for i, f := range v.files {
		if err := checkName(f.Name); err != nil {
			v.fail(where(f.Name), codeName, hintUnsafe, "unsafe name: %v", err)
		}
		if prev, ok := seen[foldKey(f.Name)]; ok {
			if prev == f.Name {
				v.fail(where(f.Name), codeName, hintTampered, "appears twice")
			} else {
				v.fail(where(f.Name), codeName, hintTampered, "differs from %q only in case; one would overwrite the other on Windows and macOS", prev)
			}
		}
		seen[foldKey(f.Name)] = f.Name
		if i > 0 && f.Name < v.files[i-1].Name {
			v.fail(where(f.Name), codeName, hintTampered, "comes after %q; entries are sorted by name", v.files[i-1].Name)
		}
		if f.Method != zip.Deflate {
			v.fail(where(f.Name), codeLayout, hintTampered, "compression method %d; bundles deflate every entry", f.Method)
		}
	}
}

// readSmall returns the content of entry name, read through archive/zip so
// that its CRC-32 and size are checked, or nil when it is missing.
func (v *verifier) readSmall(name string) []byte {
	i := slices.IndexFunc(v.files, func(f *zip.File) bool { return f.Name == name })
	if i < 0 {
		return nil
	}
	f := v.files[i]
	if f.UncompressedSize64 > maxSmallEntry {
		v.fail(name, codeManifest, "", "%d bytes; the limit is %d", f.UncompressedSize64, maxSmallEntry)
		return nil
	}
	rc, err := f.Open()
	if err == nil {
		defer rc.Close()
		var b []byte
		if b, err = io.ReadAll(rc); err == nil {
			return b
		}
	}
	v.fail(name, codeContent, hintTampered, "%v", describeReadError(err))
	return nil
}

// hashEntry decompresses f through archive/zip, which checks its CRC-32
// and size, and returns the hex SHA-256 and length of the data. buf is the
// copy buffer, shared so that each entry does not allocate its own.
func hashEntry(f *zip.File, buf []byte) (string, int64, error) {
	rc, err := f.Open()
	if err != nil {
		return "", 0, describeReadError(err)
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, rc, buf)
	if err != nil {
		return "", 0, describeReadError(err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func describeReadError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, zip.ErrChecksum):
		return errors.New("CRC-32 mismatch: the data does not decode to what its header says")
	case errors.Is(err, zip.ErrFormat):
		return errors.New("the data does not decode to the size its header says")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the compressed data ends early")
	}
	return fmt.Errorf("cannot be read: %v", err)
}

// parseManifest decodes manifest.json and returns the stamp its pack date
// gives. When the manifest is missing or unusable, the stamp is the first
// entry's, so that the layout check still runs.
func (v *verifier) parseManifest(b []byte) (stamp, pack.Manifest, bool) {
	var m pack.Manifest
	fallback := stamp{}
	if len(v.files) > 0 {
		fallback = stamp{date: v.files[0].ModifiedDate, time: v.files[0].ModifiedTime}
	}
	if b == nil {
		if !slices.ContainsFunc(v.files, func(f *zip.File) bool { return f.Name == pack.ManifestName }) {
			v.fail(pack.ManifestName, codeManifest, hintTampered, "missing: every bundle has one")
		}
		return fallback, m, false
	}
	if err := json.Unmarshal(b, &m); err != nil {
		v.fail(pack.ManifestName, codeManifest, hintTampered, "not a valid manifest: %v", err)
		return fallback, m, false
	}
	v.rep.Manifest = m
	day, err := time.Parse(time.DateOnly, m.Pack.Date)
	if err != nil {
		v.fail(pack.ManifestName, codeManifest, hintTampered, "pack.date %q is not a date (YYYY-MM-DD)", m.Pack.Date)
		return fallback, m, true
	}
	st, err := stampFor(day)
	if err != nil {
		v.fail(pack.ManifestName, codeManifest, hintTampered, "pack.date: %v", err)
		return fallback, m, true
	}
	v.rep.Date = st.day()
	return st, m, true
}

// checkLayout rebuilds the archive that Zip would write for these entries,
// from their own compressed data, and compares it with the zip byte for
// byte. Only the compressed data is taken from the zip unchanged; it is
// checked by checkData.
func (v *verifier) checkLayout(st stamp) {
	v.raw = make([][]byte, len(v.files))
	raws := make([]rawEntry, 0, len(v.files))
	for i, f := range v.files {
		off, err := f.DataOffset()
		end := off + int64(f.CompressedSize64)
		if err != nil || off < 0 || end > int64(len(v.data)) || end < off {
			v.fail(where(f.Name), codeLayout, hintTampered, "the local header or the data it points to is not in the zip")
			continue
		}
		v.raw[i] = v.data[off:end:end]
		raws = append(raws, rawEntry{name: f.Name, deflated: v.raw[i], crc: f.CRC32, size: f.UncompressedSize64})
	}
	if len(raws) < len(v.files) {
		return // the rebuilt archive would differ everywhere after the gap
	}
	slices.SortStableFunc(raws, func(a, b rawEntry) int { return strings.Compare(a.name, b.name) })
	cw := &compareWriter{want: v.data, diff: -1}
	if err := writeArchive(cw, raws, st); err != nil {
		v.fail("zip", codeLayout, hintTampered, "cannot be rebuilt: %v", err)
		return
	}
	switch size := cw.off; {
	case v.comment != "" && strings.HasSuffix(describeOffset(raws, cw.diff), "(comment length)"):
		v.fail("zip", codeLayout, hintTampered, "the zip has a comment (%q); bundles have none", v.comment)
	case cw.diff >= 0:
		v.fail("zip", codeLayout, hintTampered, "byte %d differs from what ismsforge writes: %s", cw.diff, describeOffset(raws, cw.diff))
	case size < int64(len(v.data)):
		v.fail("zip", codeLayout, hintTampered, "%d bytes follow the end of central directory record", int64(len(v.data))-size)
	}
}

// compareWriter compares what is written to it with want and records the
// offset of the first difference, or -1.
type compareWriter struct {
	want []byte
	off  int64
	diff int64
}

func (c *compareWriter) Write(p []byte) (int, error) {
	if c.diff < 0 {
		rest := c.want[min(c.off, int64(len(c.want))):]
		n := min(len(p), len(rest))
		if !bytes.Equal(p[:n], rest[:n]) {
			for i := range n {
				if p[i] != rest[i] {
					c.diff = c.off + int64(i)
					break
				}
			}
		} else if n < len(p) {
			c.diff = c.off + int64(n) // the zip ends early
		}
	}
	c.off += int64(len(p))
	return len(p), nil
}

// checkData checks every entry's deflate stream and decompresses every
// entry other than manifest.json and its signature (read before), keeping
// its hash for checkListing.
func (v *verifier) checkData() {
	v.sums = make([]sum, len(v.files))
	buf := make([]byte, 32<<10)
	for i, f := range v.files {
		if v.raw != nil && v.raw[i] != nil && f.Method == zip.Deflate {
			if err := checkDeflate(v.raw[i]); err != nil {
				v.fail(where(f.Name), codeContent, hintTampered, "%v", err)
				continue
			}
		}
		if f.Name == pack.ManifestName || f.Name == SignatureName {
			continue
		}
		sha, n, err := hashEntry(f, buf)
		if err != nil {
			v.fail(where(f.Name), codeContent, hintTampered, "%v", err)
			continue
		}
		v.sums[i] = sum{sha256: sha, n: n, ok: true}
	}
}

// sum is the hash and size of one entry's data.
type sum struct {
	sha256 string
	n      int64
	ok     bool
}

// checkListing compares the manifest's file list with the entries.
func (v *verifier) checkListing(m pack.Manifest) {
	listed := make(map[string]pack.FileEntry, len(m.Files))
	for i, e := range m.Files {
		switch {
		case e.Path == pack.ManifestName || e.Path == SignatureName:
			v.fail(pack.ManifestName, codeListing, hintTampered, "lists %s, which cannot hold its own hash", e.Path)
		case i > 0 && e.Path <= m.Files[i-1].Path:
			v.fail(pack.ManifestName, codeListing, hintTampered, "files are not sorted and unique: %q follows %q", e.Path, m.Files[i-1].Path)
		}
		listed[e.Path] = e
	}
	found := map[string]bool{}
	for i, f := range v.files {
		if f.Name == pack.ManifestName || f.Name == SignatureName || found[f.Name] {
			continue
		}
		found[f.Name] = true
		e, ok := listed[f.Name]
		switch s := v.sums[i]; {
		case !ok:
			v.fail(where(f.Name), codeListing, hintTampered, "not listed in manifest.json")
		case !s.ok:
			// Unreadable; reported by checkData.
		default:
			if s.n != int64(e.Bytes) {
				v.fail(where(f.Name), codeListing, hintTampered, "size mismatch: manifest says %d bytes, file has %d", e.Bytes, s.n)
			}
			if s.sha256 != e.SHA256 {
				v.fail(where(f.Name), codeListing, hintTampered, "sha256 mismatch: manifest says %s, file has %s", e.SHA256, s.sha256)
			}
			v.rep.Files++
			v.rep.Bytes += s.n
		}
	}
	for _, e := range m.Files {
		if !found[e.Path] && e.Path != pack.ManifestName && e.Path != SignatureName {
			v.fail(where(e.Path), codeListing, hintTampered, "listed in manifest.json but not in the zip")
		}
	}
	for _, d := range m.Documents {
		for _, p := range d.Files {
			if !found[p] {
				v.fail(pack.ManifestName, codeListing, hintTampered, "document %s lists %q, which is not in the zip", d.ID, p)
			}
		}
	}
}

func (v *verifier) checkSignature(manifest, sig []byte) {
	hasSig := slices.ContainsFunc(v.files, func(f *zip.File) bool { return f.Name == SignatureName })
	v.rep.Signed = hasSig
	if hasSig && sig != nil && len(sig) != ed25519.SignatureSize {
		v.fail(SignatureName, codeSignature, hintTampered, "%d bytes; an Ed25519 signature has %d", len(sig), ed25519.SignatureSize)
		return
	}
	switch {
	case v.pub == nil && hasSig:
		v.rep.Checks = append(v.rep.Checks, "signature: present but not checked (no public key given)")
	case v.pub == nil:
		v.rep.Checks = append(v.rep.Checks, "signature: none (the bundle is not signed)")
	case len(v.pub) != ed25519.PublicKeySize:
		v.fail(SignatureName, codeSignature, "", "the public key is %d bytes; an Ed25519 key has %d", len(v.pub), ed25519.PublicKeySize)
	case !hasSig:
		v.fail(SignatureName, codeSignature, "ask the sender for a bundle signed with their key",
			"missing: the bundle is not signed, but a public key was given")
	case sig == nil || manifest == nil:
		// Unreadable; reported already.
	case !ed25519.Verify(v.pub, manifest, sig):
		v.fail(SignatureName, codeSignature, hintKey, "not a valid signature of manifest.json by key %s", KeyID(v.pub))
	default:
		v.rep.SignatureValid = true
		v.rep.KeyID = KeyID(v.pub)
		v.rep.Checks = append(v.rep.Checks, "signature: manifest.json is signed by key "+v.rep.KeyID)
	}
}
