package jupiterone

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/importer"
)

// standard is one of JupiterOne's standards files: a framework's
// requirements, each with the procedures that address it. Older files list
// sections of requirements, newer ones domains of controls.
type standard struct {
	Standard string `json:"standard"`
	Version  string `json:"version"`
	Domains  []struct {
		Controls []requirement `json:"controls"`
	} `json:"domains"`
	Sections []struct {
		Requirements []requirement `json:"requirements"`
	} `json:"sections"`
}

type requirement struct {
	Ref            string   `json:"ref"`
	MappedControls []string `json:"mappedControls"`
}

// frameworkOf names the ismsforge framework of a JupiterOne standard.
func frameworkOf(name, version string) string {
	n := strings.ToLower(name + " " + version)
	switch {
	case strings.Contains(n, "soc 2") || strings.Contains(n, "soc2"):
		return "soc2"
	case strings.Contains(n, "nist csf") && strings.Contains(n, "2.0"):
		return "nist-csf-2"
	case strings.Contains(n, "hipaa"):
		return "hipaa"
	case strings.Contains(n, "800-171") && (strings.Contains(n, "rev 3") || strings.Contains(n, "r3")):
		return "nist-800-171r3"
	case strings.Contains(n, "800-171"):
		return "nist-800-171r2"
	}
	return importer.Slug(name)
}

// readStandards reads the standards config.json selects and returns, for
// each procedure ID, the requirements mapped to it by framework. A
// standard is selected by its file name without .json or by its name.
func readStandards(cat *catalog.Catalog, root string, selected []any, r *importer.Report) map[string]map[string][]string {
	want := map[string]bool{}
	for _, s := range selected {
		if name, ok := s.(string); ok {
			want[strings.ToLower(name)] = true
		}
	}
	out := map[string]map[string][]string{}
	dir := filepath.Join(root, "standards")
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			files = append(files, p)
		}
		return nil
	})
	slices.Sort(files)
	if len(want) == 0 && len(files) > 0 {
		r.Skip("standards/", "config.json selects no standard under standards, so no framework mapping was imported; list the standards to import, as in \"standards\": [\"soc2-security\"]")
		return out
	}
	for _, path := range files {
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(path)
		var std standard
		if err != nil || json.Unmarshal(b, &std) != nil || std.Standard == "" {
			r.Skip(rel, "not a standard (no \"standard\" name)")
			continue
		}
		key := strings.TrimSuffix(filepath.Base(path), ".json")
		if !want[strings.ToLower(key)] && !want[strings.ToLower(std.Standard)] {
			r.Skip(rel, "%s is not selected under standards in config.json", std.Standard)
			continue
		}
		fw := frameworkOf(std.Standard, std.Version)
		if _, ok := cat.Framework(fw); !ok {
			r.Skip(rel, "%s has no catalog in ismsforge: its mappings are kept as the free-form framework %s, unchecked", std.Standard, fw)
		}
		var reqs []requirement
		for _, d := range std.Domains {
			reqs = append(reqs, d.Controls...)
		}
		for _, s := range std.Sections {
			reqs = append(reqs, s.Requirements...)
		}
		for _, req := range reqs {
			for _, proc := range req.MappedControls {
				if out[proc] == nil {
					out[proc] = map[string][]string{}
				}
				out[proc][fw] = append(out[proc][fw], req.Ref)
			}
		}
	}
	return out
}
