package check

import (
	"fmt"
	"regexp"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// nonFIPS matches algorithms that FIPS 140-validated modules do not offer
// as approved security functions (FIPS 140-3 with SP 800-140C and D). Where
// a regime or the facts require FIPS-validated cryptography, an approved
// list may not name them.
var nonFIPS = regexp.MustCompile(`(?i)\b(x?chacha20(-poly1305)?|poly1305|salsa20|argon2(id|i|d)?|bcrypt|scrypt|blowfish|twofish|serpent|camellia|cast5|idea|rc4|arc4|md5|des|single des|sm4|gost|x25519|curve25519)\b`)

// crypto checks that the approved algorithms are ones a regime that
// applies allows: no non-FIPS algorithm where FIPS 140-validated
// cryptography is required.
func crypto(in Input) diag.List {
	var l diag.List
	f := in.Facts
	need, why := f.RequiresFIPS(in.Cat)
	if !need {
		return l
	}
	for i, a := range f.Cryptography.Algorithms {
		if m := nonFIPS.FindString(a); m != "" {
			l.Add(f.Errorf(fmt.Sprintf("cryptography.algorithms[%d]", i), "remove it, or use a FIPS-approved alternative such as AES-256-GCM, SHA-256 or PBKDF2",
				"%s requires FIPS 140-validated cryptography, but the approved algorithms include %s, which no validated module offers as an approved function", why, m).WithCode("crypto-fips"))
		}
	}
	return l
}
