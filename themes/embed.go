// Package themes embeds the built-in themes. Each theme is a directory with a
// theme.yaml, HTML layouts, a stylesheet and optionally fonts and templates.
package themes

import "embed"

// FS holds the built-in themes.
//
//go:embed default
var FS embed.FS
