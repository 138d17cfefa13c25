package bundle

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

func deflate(t testing.TB, data []byte, level int, flushEvery int) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, level)
	if err != nil {
		t.Fatal(err)
	}
	for len(data) > 0 {
		n := len(data)
		if flushEvery > 0 {
			n = min(n, flushEvery)
		}
		fw.Write(data[:n])
		data = data[n:]
		if flushEvery > 0 {
			fw.Flush()
		}
	}
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func inflate(data []byte) ([]byte, error) {
	return io.ReadAll(flate.NewReader(bytes.NewReader(data)))
}

func deflateInputs() map[string][]byte {
	r := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 200_000)
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	text := []byte(strings.Repeat("<tr><td>A.5.1</td><td>Policies for information security</td></tr>\n", 3000))
	var mixed []byte
	for i := range 50 {
		if i%2 == 0 {
			mixed = append(mixed, random[i*1000:i*1000+3000]...)
		} else {
			mixed = append(mixed, text[:i*97]...)
		}
	}
	return map[string][]byte{
		"empty":  nil,
		"byte":   {'x'},
		"run":    bytes.Repeat([]byte{0}, 100_000),
		"text":   text,
		"random": random,
		"mixed":  mixed,
		"all": func() []byte {
			b := make([]byte, 256)
			for i := range b {
				b[i] = byte(i)
			}
			return b
		}(),
	}
}

// TestCheckDeflateAcceptsFlate: every stream compress/flate writes, at any
// level and with sync flushes, must pass; otherwise Zip's own output would
// fail Verify.
func TestCheckDeflateAcceptsFlate(t *testing.T) {
	for name, data := range deflateInputs() {
		for level := flate.HuffmanOnly; level <= flate.BestCompression; level++ {
			for _, flush := range []int{0, 1000} {
				if err := checkDeflate(deflate(t, data, level, flush)); err != nil {
					t.Errorf("%s, level %d, flush %d: %v", name, level, flush, err)
				}
			}
		}
	}
}

// TestCheckDeflateCatchesEveryBit flips each bit of some streams. Every flip
// that compress/flate does not notice (it decodes to the same bytes) must be
// caught by checkDeflate; the test also shows that such flips exist.
func TestCheckDeflateCatchesEveryBit(t *testing.T) {
	inputs := deflateInputs()
	invisible := 0
	for _, name := range []string{"empty", "byte", "text", "all"} {
		data := inputs[name]
		for _, level := range []int{flate.NoCompression, flate.BestSpeed, flate.BestCompression} {
			z := deflate(t, data, level, 0)
			if len(z) > 4000 {
				z = deflate(t, data[:2000], level, 0)
				data = data[:2000]
			}
			for i := range len(z) * 8 {
				z[i/8] ^= 1 << (i % 8)
				got, err := inflate(z)
				if err == nil && bytes.Equal(got, data) {
					invisible++
					if checkDeflate(z) == nil {
						t.Errorf("%s, level %d: flipping bit %d of byte %d goes unnoticed", name, level, i%8, i/8)
					}
				}
				z[i/8] ^= 1 << (i % 8)
			}
		}
		inputs[name] = data
	}
	if invisible == 0 {
		t.Error("expected compress/flate to ignore some flipped padding bits")
	}
	t.Logf("%d flipped bits decode to the same bytes; checkDeflate caught all", invisible)
}

func TestCheckDeflateRejects(t *testing.T) {
	z := deflate(t, []byte("hello, auditor"), flate.BestCompression, 0)
	tests := map[string][]byte{
		"nothing":        nil,
		"truncated":      z[:len(z)-1],
		"trailing":       append(bytes.Clone(z), 0),
		"reserved":       {0x07},
		"bad complement": {0x01, 0x01, 0x00, 0xff, 0xff, 'x'},
		"far distance":   {0x03, 0x02, 0x00}, // fixed block: a match before any literal
	}
	for name, data := range tests {
		if err := checkDeflate(data); err == nil {
			t.Errorf("%s: accepted %x", name, data)
		}
	}
}
