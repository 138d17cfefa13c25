// Package source resolves the files a build reads. A project's own file
// overrides the theme's, which overrides the built-in one, file by file. All
// project paths resolve inside the project directory: ".." escapes, absolute
// paths and symlinks that point outside are refused.
package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// Layer names where a file came from.
type Layer string

// Layers, from highest to lowest precedence.
const (
	Project      Layer = "project"
	ProjectTheme Layer = "theme"
	Builtin      Layer = "builtin"
)

// File is a resolved file.
type File struct {
	// Path is the logical path, such as "templates/isms-scope.md".
	Path  string
	Layer Layer
	// Display is how messages name the file: the path inside the project,
	// or "builtin:" plus the path for embedded files.
	Display string
	fsys    fs.FS
	name    string
}

// Read returns the file's content.
func (f File) Read() ([]byte, error) { return fs.ReadFile(f.fsys, f.name) }

// Set is the layered view of one project. Open it once per build.
type Set struct {
	Dir       string
	Theme     string
	project   fs.FS
	root      *os.Root
	templates fs.FS
	themes    fs.FS
}

// Open opens the project directory dir with the named theme. builtinTemplates
// holds templates at its root; builtinThemes holds one directory per theme.
func Open(dir, theme string, builtinTemplates, builtinThemes fs.FS) (*Set, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open project: %w", err)
	}
	s := &Set{Dir: dir, Theme: theme, project: root.FS(), root: root, templates: builtinTemplates, themes: builtinThemes}
	if !s.themeExists() {
		root.Close()
		return nil, &UnknownThemeError{Theme: theme}
	}
	return s, nil
}

// UnknownThemeError reports a theme that is neither built in nor in the
// project's themes/ directory.
type UnknownThemeError struct{ Theme string }

func (e *UnknownThemeError) Error() string {
	return fmt.Sprintf("theme %q is neither built in nor under themes/%s in the project", e.Theme, e.Theme)
}

func (s *Set) themeExists() bool {
	if st, err := fs.Stat(s.themes, s.Theme); err == nil && st.IsDir() {
		return true
	}
	st, err := fs.Stat(s.project, "themes/"+s.Theme)
	return err == nil && st.IsDir()
}

// Close releases the project directory.
func (s *Set) Close() error { return s.root.Close() }

// layers returns, for a logical path under templates/ or theme/, the
// candidate file systems in precedence order.
func (s *Set) layers(logical string) []File {
	var out []File
	switch {
	case strings.HasPrefix(logical, "templates/"):
		rel := strings.TrimPrefix(logical, "templates/")
		out = append(out,
			File{Path: logical, Layer: Project, Display: logical, fsys: s.project, name: logical},
			File{Path: logical, Layer: ProjectTheme, Display: "themes/" + s.Theme + "/" + logical, fsys: s.project, name: "themes/" + s.Theme + "/" + logical},
			File{Path: logical, Layer: Builtin, Display: "builtin:themes/" + s.Theme + "/" + logical, fsys: s.themes, name: s.Theme + "/" + logical},
			File{Path: logical, Layer: Builtin, Display: "builtin:" + logical, fsys: s.templates, name: rel},
		)
	case strings.HasPrefix(logical, "theme/"):
		rel := strings.TrimPrefix(logical, "theme/")
		out = append(out,
			File{Path: logical, Layer: Project, Display: "themes/" + s.Theme + "/" + rel, fsys: s.project, name: "themes/" + s.Theme + "/" + rel},
			File{Path: logical, Layer: Builtin, Display: "builtin:themes/" + s.Theme + "/" + rel, fsys: s.themes, name: s.Theme + "/" + rel},
		)
		if s.Theme != "default" {
			out = append(out, File{Path: logical, Layer: Builtin, Display: "builtin:themes/default/" + rel, fsys: s.themes, name: "default/" + rel})
		}
	default:
		out = append(out, File{Path: logical, Layer: Project, Display: logical, fsys: s.project, name: logical})
	}
	return out
}

// Lookup resolves a logical path: "templates/x.md", "theme/style.css" or a
// plain project path such as "assets/logo.png". It refuses paths that leave
// the project.
func (s *Set) Lookup(logical string) (File, error) {
	if err := CheckPath(logical); err != nil {
		return File{}, err
	}
	for _, f := range s.layers(logical) {
		st, err := fs.Stat(f.fsys, f.name)
		if err == nil && st.Mode().IsRegular() {
			return f, nil
		}
		if err == nil && !st.IsDir() {
			// A pipe would block the build forever, a device worse.
			return File{}, &fs.PathError{Op: "open", Path: logical, Err: errors.New("not a regular file")}
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return File{}, pathError(logical, err)
		}
	}
	return File{}, &fs.PathError{Op: "open", Path: logical, Err: fs.ErrNotExist}
}

// ReadFile resolves and reads a logical path.
func (s *Set) ReadFile(logical string) ([]byte, File, error) {
	f, err := s.Lookup(logical)
	if err != nil {
		return nil, f, err
	}
	b, err := f.Read()
	if err != nil {
		return nil, f, pathError(logical, err)
	}
	return b, f, nil
}

// Templates returns every Markdown template visible to the project, merged
// across layers and sorted by path. Partials (under templates/partials/) are
// included; callers tell them apart with IsPartial.
func (s *Set) Templates() ([]File, error) {
	seen := map[string]bool{}
	var out []File
	var bad diag.List
	scan := func(fsys fs.FS, dir, prefixDisplay string, layer Layer) error {
		if _, err := fs.Stat(fsys, dir); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return pathError(dir, err)
		}
		return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return pathError(p, err)
			}
			rel := strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
			if dir == "." {
				rel = p
			}
			if layer != Builtin && !d.IsDir() && !d.Type().IsRegular() {
				// A link or a special file: decide, and say so, rather than
				// skip it or hang reading it.
				if d := checkSpecial(fsys, p, prefixDisplay+rel, d.Type()); d != nil {
					bad.Add(d)
					return nil
				}
			}
			if d.IsDir() || !strings.HasSuffix(p, ".md") {
				return nil
			}
			logical := "templates/" + rel
			if seen[logical] {
				return nil
			}
			seen[logical] = true
			out = append(out, File{Path: logical, Layer: layer, Display: prefixDisplay + rel, fsys: fsys, name: p})
			return nil
		})
	}
	if err := scan(s.project, "templates", "templates/", Project); err != nil {
		return nil, err
	}
	if err := scan(s.project, "themes/"+s.Theme+"/templates", "themes/"+s.Theme+"/templates/", ProjectTheme); err != nil {
		return nil, err
	}
	if err := scan(s.themes, s.Theme+"/templates", "builtin:themes/"+s.Theme+"/templates/", Builtin); err != nil {
		return nil, err
	}
	if err := scan(s.templates, ".", "builtin:templates/", Builtin); err != nil {
		return nil, err
	}
	if err := bad.Err(); err != nil {
		bad.Sort()
		return nil, bad
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// checkSpecial decides what to do with an entry under templates/ that is
// neither a directory nor a regular file. A link to a regular .md file
// inside the project is read like the file; a link to a directory is
// refused (following it could loop, or pull in a tree the project does not
// hold); a link out of the project, a pipe or a device is refused. Only
// .md files and directories matter: anything else is not a template.
func checkSpecial(fsys fs.FS, name, display string, mode fs.FileMode) *diag.Diagnostic {
	pos := diag.Pos{File: display}
	if mode&fs.ModeSymlink == 0 {
		if !strings.HasSuffix(name, ".md") {
			return nil
		}
		return diag.Errorf(pos, "replace it with a regular file", "%s is not a regular file", display).WithCode("template-file")
	}
	st, err := fs.Stat(fsys, name)
	switch {
	case err != nil && strings.Contains(err.Error(), "path escapes from parent"):
		return diag.Errorf(pos, "copy it into the project instead of linking to it; ismsforge reads only files inside the project", "%s is a link that leads outside the project", display).WithCode("template-link")
	case errors.Is(err, fs.ErrNotExist):
		if !strings.HasSuffix(name, ".md") {
			return nil
		}
		return diag.Errorf(pos, "remove the link or point it at an existing file in the project", "%s is a link to a file that does not exist", display).WithCode("template-link")
	case err != nil:
		return diag.Errorf(pos, "check the link and the permissions of what it points to", "cannot follow the link %s: %v", display, err).WithCode("template-link")
	case st.IsDir():
		return diag.Errorf(pos, "move the directory under templates/ instead of linking to it, or link its .md files one by one", "%s is a link to a directory; ismsforge does not follow directory links under templates/", display).WithCode("template-link")
	case !strings.HasSuffix(name, ".md"):
		return nil
	case !st.Mode().IsRegular():
		return diag.Errorf(pos, "replace it with a regular file", "%s leads to something that is not a regular file", display).WithCode("template-file")
	}
	return nil
}

// IsPartial reports whether a template is a partial, included by documents
// rather than rendered as one.
func IsPartial(logical string) bool {
	return strings.HasPrefix(logical, "templates/partials/") || strings.HasPrefix(path.Base(logical), "_")
}

// CheckPath refuses logical paths that could leave the project: absolute
// paths, backslashes and ".." segments. Symlinks are caught by os.Root when
// the file is opened.
func CheckPath(p string) error {
	if p == "" || path.IsAbs(p) || strings.Contains(p, `\`) || (len(p) > 1 && p[1] == ':') {
		return &PathEscapeError{Path: p}
	}
	if !fs.ValidPath(p) {
		return &PathEscapeError{Path: p}
	}
	return nil
}

// PathEscapeError reports a path that would leave the project.
type PathEscapeError struct{ Path string }

func (e *PathEscapeError) Error() string {
	return fmt.Sprintf("path %q leaves the project; use a path relative to the project directory, without \"..\"", e.Path)
}

// pathError turns os.Root's escape errors into PathEscapeError.
func pathError(p string, err error) error {
	if strings.Contains(err.Error(), "path escapes from parent") {
		return &PathEscapeError{Path: p}
	}
	return err
}

// Builtin returns the built-in file behind a logical path, whatever the
// project has at that path: the one a project file overrides, or the one
// to copy out for editing.
func (s *Set) Builtin(logical string) (File, bool) {
	if CheckPath(logical) != nil {
		return File{}, false
	}
	for _, f := range s.layers(logical) {
		if f.Layer != Builtin {
			continue
		}
		if st, err := fs.Stat(f.fsys, f.name); err == nil && !st.IsDir() {
			return f, true
		}
	}
	return File{}, false
}

// ThemeFiles returns the logical paths ("theme/html/style.css") of every
// file of the built-in theme the project uses, sorted; none when the theme
// is not built in.
func (s *Set) ThemeFiles() []string {
	var out []string
	_ = fs.WalkDir(s.themes, s.Theme, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		out = append(out, "theme/"+strings.TrimPrefix(p, s.Theme+"/"))
		return nil
	})
	slices.Sort(out)
	return out
}

// ProjectPath is where a logical path lives in the project directory:
// "templates/x.md" stays as it is, "theme/html/style.css" is under
// themes/<theme>/.
func (s *Set) ProjectPath(logical string) string {
	if rel, ok := strings.CutPrefix(logical, "theme/"); ok {
		return "themes/" + s.Theme + "/" + rel
	}
	return logical
}
