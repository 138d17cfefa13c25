package bundle

import (
	"bytes"
	"compress/flate"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	kflate "github.com/klauspost/compress/flate"

	"github.com/ismsforge/ismsforge/engine/pack"
)

// SignatureName is the entry that holds the Ed25519 signature of
// manifest.json.
const SignatureName = pack.ManifestName + ".sig"

// level is the compress/flate level of every entry. Any fixed level gives
// reproducible bytes; 9 costs little on a bundle that is made once per
// release and mostly holds PDFs that no level shrinks further.
const level = flate.BestCompression

// Entry is one file of the bundle.
type Entry struct {
	// Name is the file's path inside the zip: relative, with forward
	// slashes, no "." or ".." segment and nothing Windows cannot extract.
	Name string
	Data []byte
}

// Zip returns the bundle of entries: a deterministic zip that also holds
// manifest.json and, when key is not nil, manifest.json.sig.
//
// m is the manifest to include, with its pack and documents filled in by the
// caller. Zip fills m.Files from entries, replacing whatever the caller put
// there, because the manifest must describe the zip and not, say, the output
// directory it was taken from. m.Pack.Date may be empty, in which case Zip
// sets it from date; otherwise it must name the same day. Every path that a
// document lists must be an entry.
//
// Every entry's modification time is date's calendar date at 00:00:00. The
// same entries, manifest, date and key give the same bytes, in whatever
// order the entries come.
func Zip(entries []Entry, m pack.Manifest, date time.Time, key ed25519.PrivateKey) ([]byte, error) {
	return ZipContext(context.Background(), entries, m, date, key)
}

// ZipContext is Zip that stops, with ctx's error, soon after ctx is done:
// compressing a pack at the best level takes long enough for a user to
// press Ctrl-C.
func ZipContext(ctx context.Context, entries []Entry, m pack.Manifest, date time.Time, key ed25519.PrivateKey) ([]byte, error) {
	st, err := stampFor(date)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	if key != nil && len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("bundle: signing key is %d bytes, want an Ed25519 private key of %d", len(key), ed25519.PrivateKeySize)
	}
	files, err := sortedEntries(entries, key != nil)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	manifest, err := manifestFor(files, m, st.day())
	if err != nil {
		return nil, fmt.Errorf("bundle: manifest: %w", err)
	}
	files = append(files, Entry{Name: pack.ManifestName, Data: manifest})
	if key != nil {
		files = append(files, Entry{Name: SignatureName, Data: ed25519.Sign(key, manifest)})
	}
	slices.SortFunc(files, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })

	raws, err := deflateAll(ctx, files, level)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	size := archiveSize(raws)
	if size > maxArchive {
		return nil, fmt.Errorf("bundle: the zip would be %d bytes; the limit is %d", size, int64(maxArchive))
	}
	var out bytes.Buffer
	out.Grow(int(size))
	if err := writeArchive(&out, raws, st); err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	// Verify rebuilds the archive from the same layout; a Go release whose
	// archive/zip wrote more (an extra field, a data descriptor) would make
	// every new bundle fail verification, so fail here instead.
	if int64(out.Len()) != size {
		return nil, fmt.Errorf("bundle: archive/zip wrote %d bytes where the canonical layout has %d", out.Len(), size)
	}
	return out.Bytes(), nil
}

// Archive returns the canonical zip of entries, in the bundle's form (see
// the package documentation) but without a manifest: entries sorted by
// name, each deflated and dated date at 00:00:00. DOCX and XLSX files are
// zips of XML parts; written this way, the same parts give the same bytes.
// They are deflated at the fastest level, by klauspost/compress rather than
// compress/flate (see newFlateWriter): a build writes dozens of them, and
// XML shrinks nearly as well at the fastest level as at level 9.
func Archive(entries []Entry, date time.Time) ([]byte, error) {
	st, err := stampFor(date)
	if err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	files := slices.Clone(entries)
	slices.SortFunc(files, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	for i, e := range files {
		if err := checkName(e.Name); err != nil {
			return nil, fmt.Errorf("zip: entry %q: %w", e.Name, err)
		}
		if i > 0 && files[i-1].Name == e.Name {
			return nil, fmt.Errorf("zip: entry %q appears twice", e.Name)
		}
	}
	scratch := scratches.Get().(*bytes.Buffer)
	defer scratches.Put(scratch)
	raws, err := deflateInto(context.Background(), files, flate.BestSpeed, scratch)
	if err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	var out bytes.Buffer
	out.Grow(int(archiveSize(raws)))
	if err := writeArchive(&out, raws, st); err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	return out.Bytes(), nil
}

// scratches keeps the buffers Archive deflates into before it copies the
// archive out: a build writes dozens of office files, and each buffer is
// sized for its files' XML before compression.
var scratches = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// sortedEntries checks the caller's entries and returns them sorted by name,
// in a new slice with room for the manifest and its signature.
func sortedEntries(entries []Entry, signed bool) ([]Entry, error) {
	if len(entries)+2 > maxEntries {
		return nil, fmt.Errorf("%d entries; the limit is %d", len(entries), maxEntries-2)
	}
	files := make([]Entry, 0, len(entries)+2)
	files = append(files, entries...)
	slices.SortFunc(files, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })

	seen := map[string]string{foldKey(pack.ManifestName): pack.ManifestName, foldKey(SignatureName): SignatureName}
	var total int64
	for _, e := range files {
		if err := checkName(e.Name); err != nil {
			return nil, fmt.Errorf("entry %q: %w", e.Name, err)
		}
		if prev, ok := seen[foldKey(e.Name)]; ok {
			switch {
			case prev == pack.ManifestName || prev == SignatureName:
				return nil, fmt.Errorf("entry %q: the name is reserved for the file Zip generates", e.Name)
			case prev == e.Name:
				return nil, fmt.Errorf("entry %q appears twice", e.Name)
			}
			return nil, fmt.Errorf("entries %q and %q differ only in case and would overwrite each other on Windows and macOS", prev, e.Name)
		}
		seen[foldKey(e.Name)] = e.Name
		total += int64(len(e.Data))
	}
	if total > maxTotalSize {
		return nil, fmt.Errorf("entries hold %d bytes; the limit is %d", total, int64(maxTotalSize))
	}
	return files, nil
}

// manifestFor returns manifest.json for files, which are sorted and hold
// neither the manifest nor its signature. It copies what it changes, so the
// caller's manifest stays as it was.
func manifestFor(files []Entry, m pack.Manifest, day time.Time) ([]byte, error) {
	date := day.Format(time.DateOnly)
	switch m.Pack.Date {
	case "":
		m.Pack.Date = date
	case date:
	default:
		return nil, fmt.Errorf("pack date %q differs from the zip's date %s; pass the pack's release date", m.Pack.Date, date)
	}

	m.Files = make([]pack.FileEntry, len(files))
	have := make(map[string]bool, len(files))
	for i, f := range files {
		m.Files[i] = m.Entry(f.Name, f.Data)
		have[f.Name] = true
	}

	// Empty lists are written as [] rather than null, as pack.AddManifest
	// does, so that readers of either manifest see the same shape.
	docs := make([]pack.DocEntry, len(m.Documents))
	for i, d := range m.Documents {
		for _, p := range d.Files {
			if !have[p] {
				return nil, fmt.Errorf("document %s lists %q, which is not in the bundle", d.ID, p)
			}
		}
		d.Clauses = orEmpty(d.Clauses)
		d.Controls = orEmpty(d.Controls)
		d.Files = orEmpty(d.Files)
		docs[i] = d
	}
	m.Documents = docs

	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// deflater is a flate writer of either package that deflateAll uses.
type deflater interface {
	io.WriteCloser
	Reset(io.Writer)
}

// writers keeps flate writers for reuse, by level: a fresh one costs about a
// megabyte of allocations, and a build writes dozens of office files. A
// writer holds no state once Reset, so reuse never changes the bytes.
var writers = map[int]*sync.Pool{level: {}, flate.BestSpeed: {}}

// newFlateWriter returns a writer for lvl. Releases are deflated by
// compress/flate at level 9, the encoder the package documentation names.
// Office files (flate.BestSpeed) go through klauspost/compress's level 1
// instead: on a pack's XML it is about twice as fast as compress/flate's
// fastest level and its output is smaller. Like compress/flate it runs on
// one goroutine with fixed tables, so the same input gives the same bytes.
func newFlateWriter(w io.Writer, lvl int) (deflater, error) {
	if pool := writers[lvl]; pool != nil {
		if fw, ok := pool.Get().(deflater); ok {
			fw.Reset(w)
			return fw, nil
		}
	}
	if lvl == flate.BestSpeed {
		return kflate.NewWriter(w, kflate.BestSpeed)
	}
	return flate.NewWriter(w, lvl)
}

// deflateAll compresses every file into one shared buffer, reusing a single
// writer: a fresh one costs about a megabyte of allocations.
func deflateAll(ctx context.Context, files []Entry, level int) ([]rawEntry, error) {
	return deflateInto(ctx, files, level, new(bytes.Buffer))
}

// deflateInto is deflateAll into buf, which it resets first. The entries'
// deflated bytes are buf's until it is written again.
func deflateInto(ctx context.Context, files []Entry, level int, buf *bytes.Buffer) ([]rawEntry, error) {
	total := 0
	for _, f := range files {
		total += len(f.Data)
	}
	// Deflate grows incompressible data by 5 bytes per 64 KiB block, plus a
	// few bytes per stream; sized this way the buffer never moves.
	buf.Reset()
	buf.Grow(total + total/1024 + 16*len(files) + 64)
	fw, err := newFlateWriter(buf, level)
	if err != nil {
		return nil, err
	}
	if pool := writers[level]; pool != nil {
		defer pool.Put(fw)
	}
	raws := make([]rawEntry, len(files))
	ends := make([]int, len(files))
	for i, f := range files {
		fw.Reset(buf)
		// In pieces, to notice cancellation; deflate's output does not
		// depend on how its input is cut.
		for data := f.Data; len(data) > 0; {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			n := min(len(data), 256<<10)
			if _, err := fw.Write(data[:n]); err != nil {
				return nil, err
			}
			data = data[n:]
		}
		if err := fw.Close(); err != nil {
			return nil, err
		}
		raws[i] = rawEntry{name: f.Name, crc: crc32.ChecksumIEEE(f.Data), size: uint64(len(f.Data))}
		ends[i] = buf.Len()
	}
	// Slice only now: had the buffer grown after all, earlier slices would
	// point at its old array.
	all, start := buf.Bytes(), 0
	for i, end := range ends {
		raws[i].deflated = all[start:end:end]
		start = end
	}
	return raws, nil
}
