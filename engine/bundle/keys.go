package bundle

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io"
	"os"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// Hints name the commands that make a key in the form this package reads.
const (
	hintNewKey = "create a signing key with: openssl genpkey -algorithm ed25519 -out isms-signing.pem"
	hintPubKey = "derive the public key with: openssl pkey -in isms-signing.pem -pubout -out isms-signing.pub.pem"
)

// keyError is a problem with a key file: what is wrong and how to fix it.
type keyError struct{ msg, hint string }

func (e *keyError) Error() string { return e.msg + " (" + e.hint + ")" }

// ParsePrivateKey reads an Ed25519 private key from PEM, as written by
// `openssl genpkey -algorithm ed25519`: an unencrypted PKCS #8 "PRIVATE KEY".
func ParsePrivateKey(pemBytes []byte) (ed25519.PrivateKey, error) {
	der, err := pemBlock(pemBytes, "PRIVATE KEY", hintNewKey)
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, &keyError{"not a PKCS #8 private key: " + err.Error(), hintNewKey}
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, &keyError{fmt.Sprintf("the key is %s, not Ed25519", keyKind(k)), hintNewKey}
	}
	return priv, nil
}

// ParsePublicKey reads an Ed25519 public key from PEM, as written by
// `openssl pkey -pubout`: a PKIX "PUBLIC KEY".
func ParsePublicKey(pemBytes []byte) (ed25519.PublicKey, error) {
	der, err := pemBlock(pemBytes, "PUBLIC KEY", hintPubKey)
	if err != nil {
		return nil, err
	}
	k, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, &keyError{"not a PKIX public key: " + err.Error(), hintPubKey}
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, &keyError{fmt.Sprintf("the key is %s, not Ed25519", keyKind(k)), hintPubKey}
	}
	return pub, nil
}

// pemBlock returns the DER of the first PEM block, which must be of type
// want, and explains the usual mix-ups: a public key where a private one
// belongs, an encrypted key, or a file that is not PEM at all.
func pemBlock(pemBytes []byte, want, hint string) ([]byte, error) {
	b, _ := pem.Decode(pemBytes)
	switch {
	case b == nil:
		return nil, &keyError{"no PEM block found; want a \"" + want + "\" block", hint}
	case b.Type == want:
		return b.Bytes, nil
	case b.Type == "ENCRYPTED PRIVATE KEY":
		return nil, &keyError{"the private key is encrypted, which ismsforge cannot read",
			"decrypt it to a file only you can read with: openssl pkey -in KEY.pem -out isms-signing.pem"}
	case b.Type == "PUBLIC KEY":
		return nil, &keyError{"this is a public key; signing needs the private key", hint}
	case want == "PUBLIC KEY" && (b.Type == "PRIVATE KEY" || b.Type == "OPENSSH PRIVATE KEY"):
		return nil, &keyError{"this is a private key; verifying needs the public key, which is safe to share", hint}
	}
	return nil, &keyError{fmt.Sprintf("PEM block is %q; want %q", b.Type, want), hint}
}

func keyKind(k any) string {
	switch k.(type) {
	case ed25519.PrivateKey, ed25519.PublicKey:
		return "Ed25519"
	}
	return fmt.Sprintf("a %T", k)
}

// LoadPrivateKey reads the signing key in file path. Its errors name the file
// and say how to make a key.
func LoadPrivateKey(path string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, hintNewKey, "cannot read signing key: %v", err)
	}
	k, err := ParsePrivateKey(b)
	return k, fileError(path, err)
}

// LoadPublicKey reads the verifying key in file path. Its errors name the
// file and say how to make the key.
func LoadPublicKey(path string) (ed25519.PublicKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: path}, hintPubKey, "cannot read public key: %v", err)
	}
	k, err := ParsePublicKey(b)
	return k, fileError(path, err)
}

func fileError(path string, err error) error {
	if ke, ok := err.(*keyError); ok {
		return diag.Errorf(diag.Pos{File: path}, ke.hint, "%s", ke.msg).WithCode("bundle-key")
	}
	return err
}

// GenerateKey makes a new key pair and returns it as PEM in the same form as
// openssl writes: PKCS #8 for the private key, PKIX for the public one.
func GenerateKey(rand io.Reader) (privPEM, pubPEM []byte, err error) {
	pub, priv, err := ed25519.GenerateKey(rand)
	if err != nil {
		return nil, nil, err
	}
	privDER, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, nil, err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: privDER}),
		pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), nil
}

// KeyID identifies a public key: the hex SHA-256 of its PKIX encoding, which
// an auditor can compute without ismsforge with
//
//	openssl pkey -pubin -in isms-signing.pub.pem -outform DER | sha256sum
func KeyID(pub ed25519.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	s := sha256.Sum256(der)
	return hex.EncodeToString(s[:])
}
