package bundle

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// TestOpenSSLKeysRoundTrip reads the keys openssl made and writes them back
// in the same bytes, so keys from GenerateKey and from openssl are one format.
func TestOpenSSLKeysRoundTrip(t *testing.T) {
	priv, pub := testKey(t)
	if !priv.Public().(ed25519.PublicKey).Equal(pub) {
		t.Fatal("the public key file does not belong to the private key file")
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	if got := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}); !bytes.Equal(got, readTestdata(t, "keys/test-only-signing.key.pem")) {
		t.Errorf("private key does not round-trip:\n%s", got)
	}
	der, err = x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	if got := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}); !bytes.Equal(got, readTestdata(t, "keys/test-only-signing.pub.pem")) {
		t.Errorf("public key does not round-trip:\n%s", got)
	}
	msg := []byte("manifest")
	if !ed25519.Verify(pub, msg, ed25519.Sign(priv, msg)) {
		t.Error("sign and verify with the openssl keys failed")
	}
}

func TestGenerateKey(t *testing.T) {
	privPEM, pubPEM, err := GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := ParsePrivateKey(privPEM)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublicKey(pubPEM)
	if err != nil {
		t.Fatal(err)
	}
	if !priv.Public().(ed25519.PublicKey).Equal(pub) {
		t.Fatal("generated keys do not match")
	}
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed")
	}
	path := filepath.Join(t.TempDir(), "isms-signing.pem")
	if err := os.WriteFile(path, privPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("openssl", "pkey", "-in", path, "-pubout").Output()
	if err != nil {
		t.Fatalf("openssl cannot read the generated key: %v", err)
	}
	if !bytes.Equal(out, pubPEM) {
		t.Errorf("openssl derives public key\n%s\nGenerateKey wrote\n%s", out, pubPEM)
	}
}

func TestKeyID(t *testing.T) {
	_, pub := testKey(t)
	id := KeyID(pub)
	if len(id) != 64 {
		t.Fatalf("KeyID = %q", id)
	}
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not installed")
	}
	out, err := exec.Command("sh", "-c", "openssl pkey -pubin -in testdata/keys/test-only-signing.pub.pem -outform DER | sha256sum").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(out))[0]; got != id {
		t.Errorf("KeyID = %s, the documented openssl command gives %s", id, got)
	}
}

func TestKeyErrors(t *testing.T) {
	tests := []struct {
		file    string
		public  bool
		want    string
		hintHas string
	}{
		{"keys/test-only-signing.pub.pem", false, "this is a public key", "openssl genpkey -algorithm ed25519"},
		{"keys/test-only-signing.key.pem", true, "this is a private key", "openssl pkey"},
		{"keys/test-only-encrypted.key.pem", false, "encrypted", "openssl pkey -in"},
		{"keys/test-only-p256.key.pem", false, "not Ed25519", "openssl genpkey -algorithm ed25519"},
		{"keys/test-only-p256.pub.pem", true, "not Ed25519", "-pubout"},
		{"keys/README.md", false, "no PEM block", "openssl genpkey -algorithm ed25519"},
		{"keys/README.md", true, "no PEM block", "-pubout"},
		{"keys/missing.pem", false, "cannot read signing key", "openssl genpkey"},
	}
	for _, tt := range tests {
		path := filepath.Join("testdata", tt.file)
		var err error
		if tt.public {
			_, err = LoadPublicKey(path)
		} else {
			_, err = LoadPrivateKey(path)
		}
		if err == nil {
			t.Errorf("%s (public=%v): no error", tt.file, tt.public)
			continue
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, path+": error: ") || !strings.Contains(msg, tt.want) || !strings.Contains(msg, "hint: ") || !strings.Contains(msg, tt.hintHas) {
			t.Errorf("%s (public=%v):\n%s\nwant the file name, %q and a hint with %q", tt.file, tt.public, msg, tt.want, tt.hintHas)
		}
		if !diag.IsUserError(err) {
			t.Errorf("%s: a bad key file should be a user error", tt.file)
		}
	}
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func testKey(t testing.TB) (ed25519.PrivateKey, ed25519.PublicKey) {
	t.Helper()
	priv, err := ParsePrivateKey(readTestdata(t, "keys/test-only-signing.key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublicKey(readTestdata(t, "keys/test-only-signing.pub.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return priv, pub
}
