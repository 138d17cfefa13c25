package bundle

import (
	"errors"
	"fmt"
)

// checkDeflate reports whether data is exactly one raw deflate stream (RFC
// 1951) with every unused bit zero and nothing after it.
//
// It exists because a deflate stream has bits no decoder reads: those that
// pad a stored block's header to a byte boundary (compress/flate ends every
// stream with an empty stored block) and those after the final block. A
// flipped padding bit leaves the decompressed bytes, their CRC-32 and their
// SHA-256 unchanged, so without this check such a zip would verify while its
// own hash had changed. compress/flate writes zeros there.
//
// It walks the stream without producing output; Verify still decompresses
// with compress/flate.
func checkDeflate(data []byte) error {
	r := bitReader{data: data}
	var out int64 // bytes the stream decodes to so far
	for {
		hdr, err := r.bits(3)
		if err != nil {
			return err
		}
		switch hdr >> 1 {
		case 0:
			n, err := r.stored()
			if err != nil {
				return err
			}
			out += int64(n)
		case 1:
			if out, err = r.codes(&fixedLit, &fixedDist, out); err != nil {
				return err
			}
		case 2:
			var lit, dist huffman
			if err := r.dynamicTables(&lit, &dist); err != nil {
				return err
			}
			if out, err = r.codes(&lit, &dist, out); err != nil {
				return err
			}
		default:
			return r.errorf("reserved block type 3")
		}
		if hdr&1 == 1 {
			break
		}
	}
	if err := r.padding("after the final block"); err != nil {
		return err
	}
	if extra := len(data) - r.pos; extra > 0 {
		return fmt.Errorf("deflate stream: %d bytes after the final block", extra)
	}
	return nil
}

var errTruncated = errors.New("deflate stream: ends before its final block")

// bitReader reads deflate's least-significant-bit-first bit stream. It loads
// a byte only when it needs a bit of it, so the bits it holds are always the
// unread rest of data[pos-1].
type bitReader struct {
	data []byte
	pos  int
	hold uint32
	n    uint
}

func (r *bitReader) bits(n uint) (uint32, error) {
	for r.n < n {
		if r.pos == len(r.data) {
			return 0, errTruncated
		}
		r.hold |= uint32(r.data[r.pos]) << r.n
		r.pos++
		r.n += 8
	}
	v := r.hold & (1<<n - 1)
	r.hold >>= n
	r.n -= n
	return v, nil
}

// padding consumes the rest of the current byte, which must be zero.
func (r *bitReader) padding(where string) error {
	if r.hold != 0 {
		return r.errorf("padding bits %s are not zero", where)
	}
	r.n = 0
	return nil
}

func (r *bitReader) errorf(format string, args ...any) error {
	return fmt.Errorf("deflate stream: byte %d: %s", max(r.pos-1, 0), fmt.Sprintf(format, args...))
}

// stored skips a stored block and returns its length.
func (r *bitReader) stored() (int, error) {
	if err := r.padding("of a stored block header"); err != nil {
		return 0, err
	}
	if len(r.data)-r.pos < 4 {
		return 0, errTruncated
	}
	n := int(r.data[r.pos]) | int(r.data[r.pos+1])<<8
	nn := int(r.data[r.pos+2]) | int(r.data[r.pos+3])<<8
	if n != ^nn&0xffff {
		return 0, r.errorf("stored block length %d does not match its complement", n)
	}
	r.pos += 4
	if len(r.data)-r.pos < n {
		return 0, errTruncated
	}
	r.pos += n
	return n, nil
}

// codes walks the symbols of a Huffman-coded block up to its end-of-block
// code. out is the output length so far; it bounds match distances.
func (r *bitReader) codes(lit, dist *huffman, out int64) (int64, error) {
	for {
		sym, err := lit.decode(r)
		if err != nil {
			return 0, err
		}
		switch {
		case sym < 256:
			out++
			continue
		case sym == 256:
			return out, nil
		case sym > 285:
			return 0, r.errorf("invalid length symbol %d", sym)
		}
		sym -= 257
		extra, err := r.bits(lengthExtra[sym])
		if err != nil {
			return 0, err
		}
		length := int64(lengthBase[sym]) + int64(extra)
		dsym, err := dist.decode(r)
		if err != nil {
			return 0, err
		}
		if dsym >= 30 {
			return 0, r.errorf("invalid distance symbol %d", dsym)
		}
		if extra, err = r.bits(distExtra[dsym]); err != nil {
			return 0, err
		}
		if d := int64(distBase[dsym]) + int64(extra); d > out {
			return 0, r.errorf("match distance %d reaches before the start of the data", d)
		}
		out += length
	}
}

// codeLengthOrder is the order in which a dynamic block lists the lengths of
// the code-length code.
var codeLengthOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// dynamicTables reads a dynamic block's header into lit and dist.
func (r *bitReader) dynamicTables(lit, dist *huffman) error {
	v, err := r.bits(14)
	if err != nil {
		return err
	}
	nlit, ndist, nclen := int(v&0x1f)+257, int(v>>5&0x1f)+1, int(v>>10)+4
	if nlit > 286 || ndist > 30 {
		return r.errorf("dynamic block declares %d literal/length and %d distance codes", nlit, ndist)
	}
	var lengths [286 + 30]uint8
	for i := range nclen {
		l, err := r.bits(3)
		if err != nil {
			return err
		}
		lengths[codeLengthOrder[i]] = uint8(l)
	}
	var clen huffman
	if err := clen.init(lengths[:19]); err != nil {
		return r.errorf("code length code: %v", err)
	}
	clear(lengths[:19])

	for i := 0; i < nlit+ndist; {
		sym, err := clen.decode(r)
		if err != nil {
			return err
		}
		if sym < 16 {
			lengths[i] = uint8(sym)
			i++
			continue
		}
		var fill uint8
		var rep uint32
		switch sym {
		case 16:
			if i == 0 {
				return r.errorf("repeat code with no previous length")
			}
			fill = lengths[i-1]
			rep, err = r.bits(2)
			rep += 3
		case 17:
			rep, err = r.bits(3)
			rep += 3
		default:
			rep, err = r.bits(7)
			rep += 11
		}
		if err != nil {
			return err
		}
		if i+int(rep) > nlit+ndist {
			return r.errorf("code lengths overrun the %d codes", nlit+ndist)
		}
		for range rep {
			lengths[i] = fill
			i++
		}
	}
	if lengths[256] == 0 {
		return r.errorf("no end-of-block code")
	}
	if err := lit.init(lengths[:nlit]); err != nil {
		return r.errorf("literal/length code: %v", err)
	}
	if err := dist.init(lengths[nlit : nlit+ndist]); err != nil {
		return r.errorf("distance code: %v", err)
	}
	return nil
}

// huffman is a canonical Huffman code, decoded one bit at a time as in
// zlib's puff.c: slow, but short enough to check by eye.
type huffman struct {
	count  [16]uint16  // number of codes of each length
	symbol [288]uint16 // symbols in code order
}

// init builds the code for lengths. Like zlib and compress/flate it refuses
// over-subscribed and incomplete codes, except a code with a single symbol
// of length 1 and a code with no symbols at all (used only by a block
// without matches; decoding from it fails).
func (h *huffman) init(lengths []uint8) error {
	*h = huffman{}
	for _, l := range lengths {
		h.count[l]++
	}
	codes := len(lengths) - int(h.count[0])
	left := 1
	for l := 1; l < 16; l++ {
		left = left<<1 - int(h.count[l])
		if left < 0 {
			return errors.New("over-subscribed")
		}
	}
	if left > 0 && codes > 0 && !(codes == 1 && h.count[1] == 1) {
		return errors.New("incomplete")
	}
	var offs [16]uint16
	for l := 1; l < 15; l++ {
		offs[l+1] = offs[l] + h.count[l]
	}
	for sym, l := range lengths {
		if l != 0 {
			h.symbol[offs[l]] = uint16(sym)
			offs[l]++
		}
	}
	return nil
}

func (h *huffman) decode(r *bitReader) (int, error) {
	code, first, index := 0, 0, 0
	for l := 1; l < 16; l++ {
		b, err := r.bits(1)
		if err != nil {
			return 0, err
		}
		code |= int(b)
		count := int(h.count[l])
		if code-first < count {
			return int(h.symbol[index+code-first]), nil
		}
		index += count
		first = (first + count) << 1
		code <<= 1
	}
	return 0, r.errorf("invalid Huffman code")
}

var fixedLit, fixedDist = fixedCodes()

func fixedCodes() (lit, dist huffman) {
	var l [288]uint8
	for i := range l {
		switch {
		case i < 144:
			l[i] = 8
		case i < 256:
			l[i] = 9
		case i < 280:
			l[i] = 7
		default:
			l[i] = 8
		}
	}
	var d [32]uint8
	for i := range d {
		d[i] = 5
	}
	if lit.init(l[:]) != nil || dist.init(d[:]) != nil {
		panic("bundle: fixed Huffman codes are invalid")
	}
	return lit, dist
}

var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint32{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)
