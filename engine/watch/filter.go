package watch

import (
	"path/filepath"
	"strings"

	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/version"
)

// Trees are the project directories watched with everything under them.
var Trees = []string{"templates", "themes", "assets"}

// rootFiles are the files at the project's root that a build reads.
var rootFiles = []string{facts.FileName, version.FileName}

// Filter decides which paths under a project can change its build. Paths
// are absolute, as fsnotify reports them for the absolute directories it
// is given.
type Filter struct {
	dir string
	// never are directories whose content is never an input: the output
	// (a build writing it must not trigger the next one), releases and
	// version control.
	never []string
}

// NewFilter returns the filter for the project in dir, whose output goes
// to out. Both are made absolute.
func NewFilter(dir, out string) (*Filter, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	return &Filter{dir: abs, never: []string{absOut, filepath.Join(abs, "releases"), filepath.Join(abs, ".git")}}, nil
}

// Dir returns the project directory, absolute.
func (f *Filter) Dir() string { return f.dir }

// rel returns path relative to the project, with forward slashes, or false
// when path is outside it or inside a directory that is never watched.
func (f *Filter) rel(path string) (string, bool) {
	path = filepath.Clean(path)
	for _, n := range f.never {
		if within(path, n) {
			return "", false
		}
	}
	r, err := filepath.Rel(f.dir, path)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// within reports whether path is dir or lies under it.
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// WatchDir reports whether the directory at path needs a watch: the
// project directory itself (for isms.yaml and for the trees appearing) and
// every directory inside the trees.
func (f *Filter) WatchDir(path string) bool {
	r, ok := f.rel(path)
	if !ok {
		return false
	}
	if r == "." {
		return true
	}
	return inTree(r) && !hasTempPart(r)
}

// Relevant reports whether a change to path can change the build, and
// returns the path relative to the project, with forward slashes, for the
// report.
func (f *Filter) Relevant(path string) (string, bool) {
	r, ok := f.rel(path)
	if !ok || r == "." || hasTempPart(r) {
		return "", false
	}
	for _, name := range rootFiles {
		if r == name {
			return r, true
		}
	}
	return r, inTree(r)
}

// inTree reports whether rel is one of the trees or lies under one.
func inTree(rel string) bool {
	top, _, _ := strings.Cut(rel, "/")
	for _, t := range Trees {
		if top == t {
			return true
		}
	}
	return false
}

func hasTempPart(rel string) bool {
	for part := range strings.SplitSeq(rel, "/") {
		if IsTemp(part) {
			return true
		}
	}
	return false
}

// IsTemp reports whether a file name is an editor's or a tool's temporary
// file, which never holds a project's content:
//
//	*.swp *.swx *.swo …   vim swap files (.sw plus one letter)
//	4913                  vim's probe for whether it may write a directory
//	*~                    backups (vim, emacs, gedit)
//	#*#, .#*              emacs auto-save files and lock links
//	*.tmp                 generic temporary files
//	*___jb_tmp___ …       JetBrains' safe write
//	.goutputstream-*      GNOME's safe write
//	.DS_Store             macOS Finder
//	.ismsforge-*          ismsforge's own temporary files and directories
//
// VS Code saves in place, so it needs no rule.
func IsTemp(name string) bool {
	ext := filepath.Ext(name)
	switch {
	case name == "4913", name == ".DS_Store":
		return true
	case strings.HasSuffix(name, "~"):
		return true
	case strings.HasPrefix(name, ".#"), strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	case strings.HasPrefix(name, ".ismsforge-"), strings.HasPrefix(name, ".goutputstream-"):
		return true
	case strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), strings.HasSuffix(name, "___jb_bak___"):
		return true
	case strings.EqualFold(ext, ".tmp"):
		return true
	case len(ext) == 4 && strings.HasPrefix(ext, ".sw") && ext[3] >= 'a' && ext[3] <= 'z':
		return true
	}
	return false
}
