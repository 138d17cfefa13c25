package pack

import (
	"bytes"
	"io"
	"os"
	"sync"
)

// Most files of a build are the previous build's, byte for byte. A new
// output directory takes those as hard links to the previous output's
// files rather than as new files: the swap then removes only names, and
// no inode is created or freed. On ext4 without a journal, allocating an
// inode scans past every inode freed in the last minutes, so a build that
// replaced its 220 files every few seconds spent more time creating them
// than writing them (12% of a fresh build's CPU in a perf profile). A file
// is linked only when it is a regular file with the mode ismsforge gives
// its files and exactly the bytes the build made; whatever fails falls
// back to writing the file, so the output is the same either way. A file
// with another name besides its own (a user's link to it, say) is never
// linked: a later writer of that name must not find ismsforge's output
// sharing its file.

// place writes data to the new file p, or links p to old, the previous
// output's file at the same path, when old holds exactly data. old is ""
// when there is no previous output.
func place(p, old string, data []byte) error {
	if old != "" {
		if fi, ok := holding(old, data); ok && os.Link(old, p) == nil {
			// old may have been replaced (by a symbolic link, say) since it
			// was read: the new name must be the file that was compared.
			if nfi, err := os.Lstat(p); err == nil && os.SameFile(fi, nfi) {
				return nil
			}
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	return os.WriteFile(p, data, 0o644)
}

// chunks are the buffers reads compares through.
var chunks = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// holding reports whether p is a regular file, of mode 0644 and with no
// other name, holding exactly data, and returns the file it read.
func holding(p string, data []byte) (os.FileInfo, bool) {
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o644 || fi.Size() != int64(len(data)) || !alone(fi) {
		return nil, false
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	// What was opened must be what Lstat saw, not a link put there since.
	if ofi, err := f.Stat(); err != nil || !os.SameFile(fi, ofi) {
		return nil, false
	}
	if !reads(f, data) {
		return nil, false
	}
	return fi, true
}

// reads reports whether reading r to its end gives exactly data.
func reads(r io.Reader, data []byte) bool {
	bp := chunks.Get().(*[]byte)
	defer chunks.Put(bp)
	buf := *bp
	for rest := data; len(rest) > 0; {
		n, err := io.ReadFull(r, buf[:min(len(buf), len(rest))])
		if err != nil || !bytes.Equal(buf[:n], rest[:n]) {
			return false
		}
		rest = rest[n:]
	}
	// r must end where data does.
	n, _ := r.Read(buf[:1])
	return n == 0
}
