package bundle

import (
	"archive/zip"
	"fmt"
	"io"
	"time"
)

// The fixed parts of every entry. Zip writes them and Verify rebuilds the
// archive from them, so changing one changes the bundle format.
const (
	fileMode = 0o644
	// zipVersion20 is "version 2.0": deflate, no zip64. CreateRaw leaves
	// both version fields to the caller.
	zipVersion20 = 20
	// flagUTF8 is general purpose bit 11: the name is UTF-8. CreateRaw does
	// not set it the way CreateHeader does.
	flagUTF8 = 0x800

	localHeaderLen   = 30
	centralHeaderLen = 46
	endRecordLen     = 22
)

// Limits keep every bundle inside plain zip (no zip64) and bound the work
// Verify does on a hostile file.
const (
	maxEntries   = 65000
	maxTotalSize = 2 << 30 // uncompressed bytes, all entries together
	maxArchive   = 1<<32 - 1
)

// rawEntry is one entry as the archive stores it.
type rawEntry struct {
	name     string
	deflated []byte
	crc      uint32
	size     uint64 // uncompressed
}

// stamp is the DOS date and time every entry carries.
type stamp struct{ date, time uint16 }

// stampFor returns the DOS form of day's calendar date at 00:00:00. The
// calendar date is taken in day's own location, so a date made with
// time.Local means the same day as one made with time.UTC.
func stampFor(day time.Time) (stamp, error) {
	y, m, d := day.Date()
	if y < 1980 || y > 2107 {
		return stamp{}, fmt.Errorf("date %s is outside the range a zip can store (1980 to 2107)", day.Format(time.DateOnly))
	}
	return stamp{date: uint16((y-1980)<<9 | int(m)<<5 | d)}, nil
}

// day returns the calendar date the stamp holds, at 00:00:00 UTC.
func (s stamp) day() time.Time {
	return time.Date(int(s.date>>9)+1980, time.Month(s.date>>5&0xf), int(s.date&0x1f), 0, 0, 0, 0, time.UTC)
}

// writeArchive writes the canonical archive of entries, which must already
// be sorted, named safely and within the limits. It fills the header with
// DOS time fields, not FileHeader.Modified: Modified would make archive/zip
// add an extended-timestamp extra field holding a Unix time.
func writeArchive(w io.Writer, entries []rawEntry, st stamp) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		fh := &zip.FileHeader{
			Name:               e.name,
			Method:             zip.Deflate,
			ModifiedDate:       st.date,
			ModifiedTime:       st.time,
			CRC32:              e.crc,
			CompressedSize64:   uint64(len(e.deflated)),
			UncompressedSize64: e.size,
			CreatorVersion:     zipVersion20,
			ReaderVersion:      zipVersion20,
		}
		fh.SetMode(fileMode) // also marks the entry as made on Unix
		if !isASCII(e.name) {
			fh.Flags |= flagUTF8
		}
		fw, err := zw.CreateRaw(fh)
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.deflated); err != nil {
			return err
		}
	}
	return zw.Close()
}

// archiveSize is the length of the canonical archive of entries.
func archiveSize(entries []rawEntry) int64 {
	n := int64(endRecordLen)
	for _, e := range entries {
		n += localHeaderLen + centralHeaderLen + 2*int64(len(e.name)) + int64(len(e.deflated))
	}
	return n
}

// describeOffset names the part of the canonical archive of entries that
// holds byte off, so that a mismatch points at a header field or an entry's
// data rather than at a bare number.
func describeOffset(entries []rawEntry, off int64) string {
	var p int64
	for _, e := range entries {
		hdr := int64(localHeaderLen + len(e.name))
		switch {
		case off < p+localHeaderLen:
			return fmt.Sprintf("local header of %s (%s)", e.name, localFields.at(off-p))
		case off < p+hdr:
			return fmt.Sprintf("local header of %s (name)", e.name)
		case off < p+hdr+int64(len(e.deflated)):
			return fmt.Sprintf("compressed data of %s", e.name)
		}
		p += hdr + int64(len(e.deflated))
	}
	for _, e := range entries {
		switch {
		case off < p+centralHeaderLen:
			return fmt.Sprintf("central directory entry of %s (%s)", e.name, centralFields.at(off-p))
		case off < p+centralHeaderLen+int64(len(e.name)):
			return fmt.Sprintf("central directory entry of %s (name)", e.name)
		}
		p += centralHeaderLen + int64(len(e.name))
	}
	if off < p+endRecordLen {
		return fmt.Sprintf("end of central directory record (%s)", endFields.at(off-p))
	}
	return "after the end of central directory record"
}

// fields names the fields of a fixed-size zip record by their start offset.
type fields []struct {
	off  int64
	name string
}

func (fs fields) at(off int64) string {
	name := ""
	for _, f := range fs {
		if f.off <= off {
			name = f.name
		}
	}
	return name
}

var localFields = fields{
	{0, "signature"}, {4, "version needed"}, {6, "flags"}, {8, "method"},
	{10, "modification time"}, {12, "modification date"}, {14, "CRC-32"},
	{18, "compressed size"}, {22, "uncompressed size"}, {26, "name length"},
	{28, "extra field length"},
}

var centralFields = fields{
	{0, "signature"}, {4, "version made by"}, {6, "version needed"}, {8, "flags"},
	{10, "method"}, {12, "modification time"}, {14, "modification date"},
	{16, "CRC-32"}, {20, "compressed size"}, {24, "uncompressed size"},
	{28, "name length"}, {30, "extra field length"}, {32, "comment length"},
	{34, "disk number"}, {36, "internal attributes"},
	{38, "external attributes (permissions)"}, {42, "local header offset"},
}

var endFields = fields{
	{0, "signature"}, {4, "disk number"}, {6, "central directory disk"},
	{8, "entries on this disk"}, {10, "entries"}, {12, "central directory size"},
	{16, "central directory offset"}, {20, "comment length"},
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
