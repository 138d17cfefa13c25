package check

import (
	"bytes"
	"image"
	_ "image/jpeg" // logos may be JPEG
	_ "image/png"  // or PNG, of any bit depth and color type
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// logo checks the organization's logo before anything is drawn: the file
// must exist in the project and be a PNG or JPEG image, so that a logo the
// PDF cannot use fails `check`, at organization.logo, not the build.
func logo(in Input) diag.List {
	path := in.Facts.Organization.Logo
	if path == "" {
		return nil
	}
	const where = "organization.logo"
	if in.LogoErr != nil {
		return diag.List{in.Facts.Errorf(where, "put the logo inside the project, such as assets/logo.png", "logo %q: %v", path, in.LogoErr)}
	}
	_, format, err := image.DecodeConfig(bytes.NewReader(in.Logo))
	switch {
	case err == nil && (format == "png" || format == "jpeg"):
		return nil
	case isSVG(in.Logo):
		return diag.List{in.Facts.Errorf(where, "save the logo as a PNG (at least 600 pixels wide) or JPEG; ismsforge runs no external converter and does not rasterize SVG", "logo %q is an SVG image; the PDFs need a PNG or JPEG", path)}
	case err == nil:
		return diag.List{in.Facts.Errorf(where, "save the logo as a PNG or JPEG", "logo %q is a %s image; ismsforge takes PNG or JPEG", path, strings.ToUpper(format))}
	}
	return diag.List{in.Facts.Errorf(where, "save the logo as a PNG or JPEG", "logo %q is not a PNG or JPEG image that can be read: %v", path, err)}
}

// isSVG recognizes SVG text, with or without an XML declaration.
func isSVG(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 1024)])
	return bytes.Contains(head, []byte("<svg"))
}
