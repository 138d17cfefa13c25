// Package templates embeds the built-in document library: one Markdown
// template per document, plus partials under partials/. A project overrides
// any of them by putting a file at the same path under its own templates/.
package templates

import "embed"

// FS holds the built-in templates.
//
//go:embed *.md partials
var FS embed.FS
