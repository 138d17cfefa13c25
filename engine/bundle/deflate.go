package bundle

import (
	"errors"
	"fmt"
	"math/bits"
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
// What it cannot see: a change that turns one valid Huffman table into
// another that decodes the same symbols. Complete codes leave no room for
// that, but a one-symbol code (compress/flate writes one for the distances
// of a block whose matches share a distance code) does, in principle: a
// header bit that gives an unused higher symbol length 1 as well. Ruling that
// out would mean either re-compressing, which ties verification to one Go
// release, or refusing tables with unused symbols, which other encoders (and
// perhaps a future compress/flate) write. The tests flip every bit of
// sample bundles and find no such case.
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

// bitReader reads deflate's least-significant-bit-first bit stream. It reads
// ahead up to eight bytes; padding gives back the whole bytes it did not
// use, so that stored blocks and the end of the stream are found exactly.
type bitReader struct {
	data []byte
	pos  int    // next byte to load
	hold uint64 // loaded bits not yet consumed, next bit lowest
	n    uint   // number of bits in hold
}

func (r *bitReader) refill() {
	for r.n <= 56 && r.pos < len(r.data) {
		r.hold |= uint64(r.data[r.pos]) << r.n
		r.pos++
		r.n += 8
	}
}

func (r *bitReader) bits(n uint) (uint32, error) {
	if r.n < n {
		r.refill()
		if r.n < n {
			return 0, errTruncated
		}
	}
	v := uint32(r.hold & (1<<n - 1))
	r.hold >>= n
	r.n -= n
	return v, nil
}

// padding consumes the rest of the current byte, which must be zero, and
// gives back the bytes read ahead.
func (r *bitReader) padding(where string) error {
	rest := r.n % 8
	if r.hold&(1<<rest-1) != 0 {
		return r.errorf("padding bits %s are not zero", where)
	}
	r.pos -= int(r.n / 8)
	r.hold, r.n = 0, 0
	return nil
}

func (r *bitReader) errorf(format string, args ...any) error {
	at := (8*r.pos - int(r.n)) / 8 // the byte the next bit is in
	return fmt.Errorf("deflate stream: byte %d: %s", at, fmt.Sprintf(format, args...))
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

// fastBits is the width of the table that decodes short codes in one step.
const fastBits = 9

// huffman is a canonical Huffman code. Codes up to fastBits long are looked
// up in a table; longer ones are decoded one bit at a time as in zlib's
// puff.c.
type huffman struct {
	count  [16]uint16  // number of codes of each length
	symbol [288]uint16 // symbols in code order
	// fast maps the next fastBits bits of the stream to symbol<<4 | length,
	// or to 0 when they start a longer code or none.
	fast [1 << fastBits]uint16
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
	// Codes are assigned in symbol order within each length; the stream
	// holds them first bit first, so the table is indexed bit-reversed.
	code, i := 0, 0
	for l := 1; l <= fastBits; l++ {
		for range h.count[l] {
			rev := bits.Reverse16(uint16(code)) >> (16 - l)
			for f := int(rev); f < len(h.fast); f += 1 << l {
				h.fast[f] = h.symbol[i]<<4 | uint16(l)
			}
			code++
			i++
		}
		code <<= 1
	}
	return nil
}

func (h *huffman) decode(r *bitReader) (int, error) {
	if r.n < fastBits {
		r.refill()
	}
	if r.n >= fastBits {
		if e := h.fast[r.hold&(1<<fastBits-1)]; e != 0 {
			l := uint(e & 15)
			r.hold >>= l
			r.n -= l
			return int(e >> 4), nil
		}
	}
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
