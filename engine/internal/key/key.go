// Package key builds cache keys from labelled parts: the hash of everything
// an output was made from, so that watch mode reuses an output only when
// none of it changed.
package key

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
)

// Hasher accumulates labelled parts; labels keep "ab"+"c" apart from
// "a"+"bc".
type Hasher struct{ h hash.Hash }

// New returns an empty hasher.
func New() *Hasher { return &Hasher{h: sha256.New()} }

// Add adds a label and its parts and returns h.
func (h *Hasher) Add(label string, parts ...any) *Hasher {
	fmt.Fprintf(h.h, "%s:%d\n", label, len(parts))
	for _, p := range parts {
		switch v := p.(type) {
		case []byte:
			fmt.Fprintf(h.h, "%d:", len(v))
			h.h.Write(v)
		case string:
			fmt.Fprintf(h.h, "%d:%s", len(v), v)
		default:
			s := fmt.Sprint(v)
			fmt.Fprintf(h.h, "%d:%s", len(s), s)
		}
	}
	return h
}

// Sum returns the key.
func (h *Hasher) Sum() string { return hex.EncodeToString(h.h.Sum(nil)) }
