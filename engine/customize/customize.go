// Package customize lets a user see the templates a project builds with and
// take a copy of the built-in ones, or of the theme, to change. Copies go
// into the project, where they override the built-in files one by one (see
// package source); nothing is ever overwritten.
package customize

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/source"
	"github.com/ismsforge/ismsforge/engine/tmpl"
)

// Entry describes one document template as the project sees it.
type Entry struct {
	ID       string   `json:"id"`
	Ref      string   `json:"ref"`
	Title    string   `json:"title"`
	Kind     string   `json:"kind"`
	Clauses  []string `json:"clauses"`
	Controls []string `json:"controls"`
	// File is where the template is read from: a project path, or
	// "builtin:templates/x.md".
	File string `json:"file"`
	// Source is "builtin", "project" or "theme" (the project's theme).
	Source string `json:"source"`
	// Overrides reports a project file that replaces a built-in template.
	Overrides bool `json:"overrides"`
	// InPack reports whether the document takes part in the build; a
	// document is left out by its when condition or documents.<id>.omit.
	InPack bool `json:"in_pack"`
}

// List describes every document template of lib, in register order.
// selected are the documents that take part in the build.
func List(set *source.Set, lib *tmpl.Library, selected []*tmpl.Template) []Entry {
	out := make([]Entry, 0, len(lib.Docs))
	for _, t := range lib.Docs {
		m := t.Meta
		e := Entry{
			ID: m.ID, Ref: m.Ref, Title: m.Title, Kind: m.Kind, Clauses: nonNil(m.Clauses), Controls: nonNil(m.Controls),
			File: t.File.Display, Source: string(t.File.Layer), InPack: slices.Contains(selected, t),
		}
		if t.File.Layer != source.Builtin {
			_, e.Overrides = set.Builtin(t.File.Path)
		}
		out = append(out, e)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Result says what a copy did, file by file (project paths).
type Result struct {
	// Wrote lists the files created.
	Wrote []string
	// Kept lists files that were already in the project and were left
	// exactly as they were.
	Kept []string
}

// Options configure EjectTemplates.
type Options struct {
	// NoPartials copies only the documents, not the partials they use.
	NoPartials bool
}

// EjectTemplates copies built-in templates into the project's templates/
// directory: each name is a document ID (as `ismsforge templates list`
// shows) or a template path such as partials/org-person.md. With each
// document come the partials it uses, so that the copy renders the same
// until it is edited. A file the project already has is kept, never
// overwritten; an unknown name is an error that lists the known ones.
func EjectTemplates(set *source.Set, lib *tmpl.Library, names []string, o Options) (Result, error) {
	byID := map[string]*tmpl.Template{}
	var ids []string
	for _, t := range lib.Docs {
		byID[t.Meta.ID] = t
		ids = append(ids, t.Meta.ID)
	}
	var want []string // logical paths, in order, without repeats
	add := func(p string) {
		if !slices.Contains(want, p) {
			want = append(want, p)
		}
	}
	for _, n := range names {
		if t, ok := byID[n]; ok {
			add(t.File.Path)
			if !o.NoPartials {
				for _, p := range lib.PartialsOf(t) {
					add(p)
				}
			}
			continue
		}
		logical := "templates/" + strings.TrimPrefix(n, "templates/")
		if strings.HasSuffix(n, ".md") {
			if _, ok := set.Builtin(logical); ok {
				add(logical)
				continue
			}
		}
		return Result{}, &UnknownError{Name: n, Known: ids}
	}
	return copyBuiltins(set, want)
}

// EjectTheme copies every file of the project's built-in theme into
// themes/<theme>/ in the project.
func EjectTheme(set *source.Set) (Result, error) {
	files := set.ThemeFiles()
	if len(files) == 0 {
		return Result{}, &NotBuiltinError{Theme: set.Theme}
	}
	return copyBuiltins(set, files)
}

// copyBuiltins writes the built-in file behind each logical path to its
// place in the project, creating directories as needed and keeping any file
// that exists. Files are created exclusively: a file that appears between
// the check and the write is kept too.
func copyBuiltins(set *source.Set, logical []string) (Result, error) {
	root, err := os.OpenRoot(set.Dir)
	if err != nil {
		return Result{}, err
	}
	defer root.Close()
	var res Result
	for _, l := range logical {
		dst := set.ProjectPath(l)
		f, ok := set.Builtin(l)
		if !ok {
			// The project's own file (a theme template, say): nothing to copy.
			res.Kept = append(res.Kept, dst)
			continue
		}
		b, err := f.Read()
		if err != nil {
			return res, err
		}
		if err := root.MkdirAll(path.Dir(dst), 0o755); err != nil {
			return res, fmt.Errorf("create %s: %w", path.Dir(dst), err)
		}
		w, err := root.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			res.Kept = append(res.Kept, dst)
			continue
		}
		if err != nil {
			return res, fmt.Errorf("create %s: %w", dst, err)
		}
		if _, err := w.Write(b); err != nil {
			w.Close()
			root.Remove(dst)
			return res, fmt.Errorf("write %s: %w", dst, err)
		}
		if err := w.Close(); err != nil {
			root.Remove(dst)
			return res, fmt.Errorf("write %s: %w", dst, err)
		}
		res.Wrote = append(res.Wrote, dst)
	}
	return res, nil
}

// UnknownError names a template that neither the library nor the built-in
// templates have.
type UnknownError struct {
	Name  string
	Known []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("no template %q; %s (ismsforge templates list shows them all)", e.Name, diag.DidYouMean(e.Name, e.Known, "give a document ID or a path such as partials/org-person.md"))
}

// NotBuiltinError refuses to eject a theme that is the project's own.
type NotBuiltinError struct{ Theme string }

func (e *NotBuiltinError) Error() string {
	return fmt.Sprintf("theme %q is not built in, so there is nothing to copy: its files are already in the project under themes/%s", e.Theme, e.Theme)
}
