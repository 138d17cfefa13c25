package engine

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// brandingProject writes a small project with a logo and a theme.yaml.
func brandingProject(t *testing.T, logoName string, logo []byte, themeYAML string) string {
	t.Helper()
	dir := t.TempDir()
	facts := `organization:
  name: Brandco
  country: GB
  logo: ` + logoName + `
people:
  - {id: ann, name: Ann Lee, title: Director, roles: [top-management, isms-owner]}
release: {date: 2026-05-04}
`
	files := map[string][]byte{"isms.yaml": []byte(facts), logoName: logo}
	if themeYAML != "" {
		files["themes/default/theme.yaml"] = []byte(themeYAML)
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// pngOf encodes a small image; a 16-bit image gives a 16-bit PNG.
func pngOf(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestBrandingReachesTheSite checks that the logo and theme.yaml's colors
// reach the HTML, not only the PDFs, and that a 16-bit PNG passes.
func TestBrandingReachesTheSite(t *testing.T) {
	img := image.NewRGBA64(image.Rect(0, 0, 8, 4))
	img.Set(1, 1, color.RGBA64{R: 0xffff, A: 0xffff})
	logo := pngOf(t, img)
	if logo[24] != 16 {
		t.Fatalf("test logo has bit depth %d, want 16", logo[24])
	}
	dir := brandingProject(t, "assets/logo.png", logo, "pdf:\n  accent_color: \"#aa0000\"\n  link_color: \"#00aa00\"\n")
	out := filepath.Join(dir, "out")
	if _, err := Build(context.Background(), Options{Dir: dir, Out: out, NoPDF: true, Library: os.DirFS("../testdata/minilib")}); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"index.html", "mini-isms.html", "gaps.html"} {
		b, err := os.ReadFile(filepath.Join(out, "html", page))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(`<a class="brand" href="index.html"><img src="assets/logo.png" alt=""><span>Brandco</span></a>`)) {
			t.Errorf("%s does not show the logo in the masthead", page)
		}
	}
	if got, err := os.ReadFile(filepath.Join(out, "html", "assets", "logo.png")); err != nil || !bytes.Equal(got, logo) {
		t.Errorf("the logo is not copied into the site: %v", err)
	}
	css, err := os.ReadFile(filepath.Join(out, "html", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	tail := string(css[bytes.LastIndex(css, []byte("/* Colors from theme.yaml. */")):])
	if !strings.Contains(tail, "--accent: #aa0000;") || !strings.Contains(tail, "--link: #00aa00;") || strings.Contains(tail, "--ink") {
		t.Errorf("stylesheet ends with:\n%s\nwant exactly the accent and link colors", tail)
	}
}

// TestBrandingErrors checks that a logo or color the outputs cannot use is
// an input error at its line, found by check, not an internal error.
func TestBrandingErrors(t *testing.T) {
	svg := []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`)
	cases := []struct {
		name, logoName string
		logo           []byte
		theme          string
		want           string
	}{
		{"svg logo", "assets/logo.svg", svg, "", "isms.yaml:4:9: error: logo \"assets/logo.svg\" is an SVG image"},
		{"text as png", "assets/logo.png", []byte("not an image"), "", "isms.yaml:4:9: error: logo \"assets/logo.png\" is not a PNG or JPEG image"},
		{"bad color", "assets/logo.png", pngOf(t, image.NewGray(image.Rect(0, 0, 2, 2))), "pdf:\n  accent_color: \"red; } body { display: none\"\n", "themes/default/theme.yaml:2:17: error: accent_color: \"red; } body { display: none\" is not a color"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := brandingProject(t, c.logoName, c.logo, c.theme)
			findings, err := Check(context.Background(), dir, LoadOptions{Library: os.DirFS("../testdata/minilib")}, false)
			if err != nil {
				t.Fatalf("internal error: %v", err)
			}
			var got []string
			for _, d := range findings {
				got = append(got, d.Error())
			}
			if !strings.Contains(strings.Join(got, "\n"), c.want) {
				t.Errorf("findings:\n%s\nwant one containing %q", strings.Join(got, "\n"), c.want)
			}
			for _, d := range findings {
				if d.Severity == diag.Error && d.Hint == "" {
					t.Errorf("finding without a hint: %s", d.Error())
				}
			}
		})
	}
}
