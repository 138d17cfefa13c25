// Package examples embeds the example projects' facts, so that `ismsforge
// init --example` can copy one without the source tree, and `check` can
// recognize facts left over from an example.
package examples

import (
	"embed"
	"io/fs"
	"path"
	"slices"
)

//go:embed */isms.yaml
var files embed.FS

// Facts returns every example's isms.yaml, by example name (the directory,
// such as "acme-saas"), in name order.
func Facts() (names []string, srcs [][]byte) {
	matches, _ := fs.Glob(files, "*/isms.yaml")
	slices.Sort(matches)
	for _, m := range matches {
		b, err := files.ReadFile(m)
		if err != nil {
			continue
		}
		names = append(names, path.Dir(m))
		srcs = append(srcs, b)
	}
	return names, srcs
}
