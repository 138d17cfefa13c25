// Package tmpl turns templates into Markdown. A template is a Markdown file
// with YAML front matter whose body is a Go text/template; it runs with
// sprig's hermetic functions (minus anything clock, random, network or
// unbounded), the domain functions of this package, missingkey=error, and an
// automatic Markdown escaper on every printed value.
package tmpl

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/internal/par"
	"github.com/ismsforge/ismsforge/engine/source"
	"github.com/ismsforge/ismsforge/engine/when"
)

// Template is one parsed document template.
type Template struct {
	Meta Meta
	File source.File
	// src is the whole file, for error excerpts; bodyLine is where the
	// template body starts in it.
	src      []byte
	bodyLine int
	when     *when.Expr
	// set holds the partials and this document's body, and only the
	// functions they call. Each document has its own set, so that
	// rendering one clones only what it can call.
	set *template.Template
	// called names the functions the set calls, its partials included.
	called []string
	// info is the file as diagnostics name it; sites are the places of
	// its body that write Markdown.
	info  *fileInfo
	sites *siteTable
	// key is the library's Key of the template, set when it is parsed: a
	// template is only reused by a library with the same partials.
	key string
}

// Library is the parsed set of templates of one build: documents and the
// partials they may include.
type Library struct {
	Docs []*Template
	// partials holds every partial and the functions they call; each
	// document's set starts with its trees.
	partials *template.Template
	// funcs are the functions a template may call besides text/template's
	// own: base and the domain functions' placeholders.
	funcs template.FuncMap
	files map[string]*fileInfo // by template name
	// partialsKey identifies the partials' names and contents.
	partialsKey string
	// base are the functions every execution gets, before they are bound
	// to its budget; partialsCalled are those the partials call.
	base           template.FuncMap
	partialsCalled []string
	// sites are the places of the partials that write Markdown.
	sites *siteTable
	// rc compiles the regular expressions of the functions in base.
	rc *regexCache
	// released is set by Release.
	released bool
}

// Release drops the parsed templates, the largest thing a build holds
// that only rendering needs. A build that owns its project, and will not
// render again, calls it once its documents are rendered: the formats then
// run with less for the collector to mark, and in less memory. Render
// refuses a released library, and PartialsOf finds no partials in it;
// selecting, keys and sources keep working.
func (l *Library) Release() {
	for _, t := range l.Docs {
		t.set = nil
		t.sites.release()
	}
	l.partials = nil
	l.sites.release()
	l.released = true
}

// Key identifies everything of the library a document's output can depend
// on: its own template and every partial. Watch mode keys cached outputs
// by it.
func (l *Library) Key(t *Template) string {
	if t.key != "" {
		return t.key
	}
	return templateKey(l.partialsKey, t)
}

// templateKey is Key of t in a library whose partials' key is partialsKey.
func templateKey(partialsKey string, t *Template) string {
	h := sha256.New()
	h.Write([]byte(partialsKey))
	fmt.Fprintf(h, "%s\x00%d\x00", t.File.Display, len(t.src))
	h.Write(t.src)
	return hex.EncodeToString(h.Sum(nil))
}

type fileInfo struct {
	display  string
	src      []byte
	bodyLine int
	// bodyOff is the byte offset in src of the body, which the template
	// parser counts positions from.
	bodyOff int
}

// Parse parses every template and partial. Errors are collected across files
// so that one run reports them all.
func Parse(files []source.File, cat *catalog.Catalog) (*Library, error) {
	return ParseWith(files, cat, nil)
}

// ParseWith is Parse reusing what prev, the library of the previous build,
// parsed: when the partials are the same files, the partials and every
// document whose source is unchanged. Watch mode re-parses only what was
// edited. A released prev is not reused.
func ParseWith(files []source.File, cat *catalog.Catalog, prev *Library) (*Library, error) {
	lib := &Library{files: map[string]*fileInfo{}}
	var errs diag.List
	// Partials first: every document's set starts as a copy of them.
	type partial struct {
		name string
		src  []byte
	}
	var docs []source.File
	var partials []partial
	ph := sha256.New()
	for _, f := range files {
		if !source.IsPartial(f.Path) {
			docs = append(docs, f)
			continue
		}
		src, err := readTemplate(f)
		if err != nil {
			errs.Add(err)
			continue
		}
		name := strings.TrimPrefix(f.Path, "templates/")
		lib.files[name] = &fileInfo{display: f.Display, src: src, bodyLine: 1}
		partials = append(partials, partial{name, src})
		fmt.Fprintf(ph, "%s\x00%d\x00", f.Display, len(src))
		ph.Write(src)
	}
	lib.partialsKey = hex.EncodeToString(ph.Sum(nil))
	// The previous build's partials, when they are the same files, are
	// taken as parsed: they are most of what a library parses. Their set
	// is only ever cloned, never changed. It calls the functions it was
	// parsed with (Render rebinds only the builders), so those come along,
	// with the cache of the regular expressions they compile.
	same := prev != nil && !prev.released && len(errs) == 0 && prev.partialsKey == lib.partialsKey
	if same {
		lib.rc, lib.base, lib.funcs, lib.partials, lib.sites, lib.partialsCalled = prev.rc, prev.base, prev.funcs, prev.partials, prev.sites, prev.partialsCalled
		for _, pt := range partials {
			lib.files[pt.name] = prev.files[pt.name]
		}
	} else {
		lib.rc = newRegexCache()
		lib.base = baseFuncs(lib.rc)
		lib.funcs = callable(lib.base)
		lib.partials = newSet()
		lib.sites = &siteTable{partials: true}
		for _, pt := range partials {
			lib.sites.file = lib.files[pt.name]
			if err := errs.Collect(asDiag(parseInto(lib.partials, lib.funcs, pt.name, pt.src, lib.sites), lib.files)); err != nil {
				return nil, err
			}
		}
		partialsCalled := map[string]bool{}
		for _, tt := range lib.partials.Templates() {
			calledFuncs(tt.Tree, partialsCalled)
		}
		lib.partialsCalled = sortedNames(partialsCalled)
		lib.partials.Funcs(lib.bind(lib.partialsCalled))
	}
	reusable := map[string]*Template{}
	if same {
		for _, t := range prev.Docs {
			reusable[t.File.Display] = t
		}
	}
	// Documents parse independently, on every core; then, in file order,
	// each claims its id and reports its errors, so that the result never
	// depends on scheduling.
	results := make([]parsedDoc, len(docs))
	par.For(par.Cores(), len(docs), nil, func(i int) {
		results[i] = lib.parseDoc(docs[i], cat, reusable)
	})
	seen := map[string]*Template{}
	for i, f := range docs {
		r := results[i]
		if r.err != nil {
			if err := errs.Collect(r.err); err != nil {
				return nil, err
			}
			continue
		}
		t := r.t
		if prev, dup := seen[t.Meta.ID]; dup {
			errs.Add(diag.Errorf(diag.Pos{File: f.Display, Line: 2, Col: 1}, "give each document its own id", "duplicate document id %q, also used by %s", t.Meta.ID, prev.File.Display).WithSource(t.src).WithCode("duplicate-id"))
			continue
		}
		seen[t.Meta.ID] = t
		if t.key == "" {
			t.key = templateKey(lib.partialsKey, t)
		}
		lib.files[docName(t.Meta.ID)] = t.info
		if r.bodyErr != nil {
			if err := errs.Collect(asDiag(r.bodyErr, lib.files)); err != nil {
				return nil, err
			}
			continue
		}
		lib.Docs = append(lib.Docs, t)
	}
	if err := errs.Err(); err != nil {
		errs.Sort()
		return nil, errs
	}
	// Register order: by order, then ID.
	slices.SortStableFunc(lib.Docs, func(a, b *Template) int {
		return cmp.Or(cmp.Compare(a.Meta.Order, b.Meta.Order), strings.Compare(a.Meta.ID, b.Meta.ID))
	})
	return lib, nil
}

// parsedDoc is one document template as parsed, with its errors.
type parsedDoc struct {
	t       *Template
	err     error // reading the file or its front matter: the document has no id yet
	bodyErr error // the body or the when condition, reported once the document has its id
}

// parseDoc reads and parses one document template, or takes it from
// reusable when its source is unchanged.
func (lib *Library) parseDoc(f source.File, cat *catalog.Catalog, reusable map[string]*Template) (r parsedDoc) {
	src, rerr := readTemplate(f)
	if rerr != nil {
		r.err = rerr
		return r
	}
	if t := reusable[f.Display]; t != nil && bytes.Equal(t.src, src) {
		r.t = t
		return r
	}
	meta, body, bodyLine, err := parseFrontMatter(f.Display, src, cat)
	if err != nil {
		r.err = err
		return r
	}
	info := &fileInfo{display: f.Display, src: src, bodyLine: bodyLine, bodyOff: len(src) - len(body)}
	t := &Template{Meta: meta, File: f, src: src, bodyLine: bodyLine, info: info, sites: &siteTable{file: info}}
	r.t = t
	t.set = newSet()
	for _, pt := range lib.partials.Templates() {
		if pt.Tree != nil {
			t.set.AddParseTree(pt.Name(), pt.Tree)
		}
	}
	if r.bodyErr = parseInto(t.set, lib.funcs, docName(meta.ID), body, t.sites); r.bodyErr != nil {
		return r
	}
	// What the partials call is known; only this file's own trees are
	// walked. (A file that redefines a partial leaves the partial's calls
	// in the list: binding a function it does not call is harmless.)
	called := map[string]bool{}
	for _, name := range lib.partialsCalled {
		called[name] = true
	}
	for _, tt := range t.set.Templates() {
		if tt.Tree != nil && tt.Tree.ParseName == docName(meta.ID) {
			calledFuncs(tt.Tree, called)
		}
	}
	t.called = sortedNames(called)
	t.set.Funcs(lib.bind(t.called))
	if meta.When != "" {
		r.bodyErr = parseWhen(t)
	}
	return r
}

// readTemplate reads a template file; a file that cannot be read or is not
// UTF-8 text is the user's to fix, at its position.
func readTemplate(f source.File) ([]byte, *diag.Diagnostic) {
	src, err := f.Read()
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: f.Display}, "check that the file is a readable regular file inside the project", "cannot read %s: %v", f.Display, err).WithCode("template-file")
	}
	if d := diag.CheckUTF8(f.Display, src); d != nil {
		return nil, d
	}
	return src, nil
}

// docName is the text/template name of a document's body.
func docName(id string) string { return "doc:" + id }

// parseInto parses text as the named template of set, checks it for blocked
// functions and rewrites it with the escapers and guards. Only the trees
// this text defined are touched: trees shared with other sets are already
// rewritten.
func parseInto(set *template.Template, funcs template.FuncMap, name string, text []byte, sites *siteTable) error {
	// Parsed as text/template's Parse does, against every function a
	// template may call; the set binds only those its trees call (see bind).
	trees, err := parse.Parse(name, string(text), "", "", funcs, builtinNames)
	if err != nil {
		return err
	}
	for n, tree := range trees {
		set.AddParseTree(n, tree)
	}
	var mine []*parse.Tree
	for _, tt := range set.Templates() {
		if tt.Tree != nil && tt.Tree.ParseName == name {
			mine = append(mine, tt.Tree)
		}
	}
	for _, tr := range mine {
		if err := checkBlocked(tr); err != nil {
			return err
		}
		if err := checkMarkdownLiterals(tr); err != nil {
			return err
		}
	}
	for _, tr := range mine {
		if !rewritten(tr) {
			rewriteTree(tr, sites)
		}
	}
	return nil
}

// rewritten reports whether a tree already carries the escapers: {{define}}
// blocks of a file share the file's parse and must be rewritten once.
func rewritten(t *parse.Tree) bool {
	found := false
	inspect(t.Root, func(n parse.Node) {
		if id, ok := n.(*parse.IdentifierNode); ok && strings.HasPrefix(id.Ident, "_") {
			found = true
		}
	})
	return found
}

// checkBlocked fails on the first call of a blocked function, at its
// position, even in a branch that would not run for these facts.
func checkBlocked(t *parse.Tree) error {
	var err error
	inspect(t.Root, func(n parse.Node) {
		id, ok := n.(*parse.IdentifierNode)
		if !ok || err != nil {
			return
		}
		if why, bad := blocked[id.Ident]; bad {
			loc, _ := t.ErrorContext(id)
			err = &blockedErr{loc: loc, msg: fmt.Sprintf("function %q is not allowed in ismsforge templates: %s", id.Ident, why)}
		}
	})
	return err
}

// blockedErr is a call of a blocked function, found at parse time.
type blockedErr struct{ loc, msg string }

func (b *blockedErr) Error() string { return "template: " + b.loc + ": " + b.msg }

// Hint says how to fix it.
func (b *blockedErr) Hint() string {
	return "remove the call; the README's template rules list what templates may use"
}

// inspect calls fn for every node under n.
func inspect(n parse.Node, fn func(parse.Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch x := n.(type) {
	case *parse.ListNode:
		if x == nil {
			return
		}
		for _, c := range x.Nodes {
			inspect(c, fn)
		}
	case *parse.ActionNode:
		inspect(x.Pipe, fn)
	case *parse.PipeNode:
		if x == nil {
			return
		}
		for _, c := range x.Cmds {
			inspect(c, fn)
		}
	case *parse.CommandNode:
		for _, a := range x.Args {
			inspect(a, fn)
		}
	case *parse.IfNode:
		inspectBranch(&x.BranchNode, fn)
	case *parse.RangeNode:
		inspectBranch(&x.BranchNode, fn)
	case *parse.WithNode:
		inspectBranch(&x.BranchNode, fn)
	case *parse.TemplateNode:
		if x.Pipe != nil {
			inspect(x.Pipe, fn)
		}
	case *parse.ChainNode:
		// (f x).Field: the call inside counts as much as one outside.
		inspect(x.Node, fn)
	}
}

func inspectBranch(b *parse.BranchNode, fn func(parse.Node)) {
	inspect(b.Pipe, fn)
	if b.List != nil {
		inspect(b.List, fn)
	}
	if b.ElseList != nil {
		inspect(b.ElseList, fn)
	}
}

// Select returns the documents that take part in the build: those whose
// `when` condition holds and that the facts do not omit. Conditions see the
// facts and the functions that do not depend on other documents. warnings
// are findings that do not stop the build, such as a condition that reads a
// fact the file does not have.
func (l *Library) Select(f *facts.Facts, cat *catalog.Catalog) (selected []*Template, warnings diag.List, err error) {
	m := NewModel(f, cat, f.ReleaseDate(), nil)
	var errs diag.List
	for _, t := range l.Docs {
		if m.Facts.Documents[t.Meta.ID].Omit {
			continue
		}
		if t.when != nil {
			ok, err := t.evalWhen(m, &warnings)
			if err != nil {
				if cerr := errs.Collect(err); cerr != nil {
					return nil, nil, cerr
				}
				continue
			}
			if !ok {
				continue
			}
		}
		selected = append(selected, t)
	}
	return selected, warnings, errs.Err()
}

// newSet is an empty set of templates as ismsforge executes them.
func newSet() *template.Template {
	return template.New("").Option("missingkey=error")
}

// callable is every function a template may call besides text/template's
// own: base, and the domain functions' placeholders in place of any base
// function of the same name.
func callable(base template.FuncMap) template.FuncMap {
	funcs := maps.Clone(base)
	maps.Copy(funcs, placeholderFuncs())
	return funcs
}

// builtinNames are the functions text/template defines itself, which
// its parser accepts besides a set's.
var builtinNames = map[string]any{"and": true, "call": true, "html": true, "index": true, "slice": true,
	"js": true, "len": true, "not": true, "or": true, "print": true, "printf": true, "println": true,
	"urlquery": true, "eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true}

// bind returns the functions of the library that called names. A set holds
// only these: cloning a set copies its functions, and sprig alone has some
// two hundred. Render binds the domain functions and the builders again,
// to its execution.
func (lib *Library) bind(called []string) template.FuncMap {
	out := template.FuncMap{}
	for _, name := range called {
		if fn, ok := lib.funcs[name]; ok {
			out[name] = fn
		}
	}
	return out
}

// placeholderFuncs declares the names of every function a template may call,
// so that parsing succeeds; each execution binds its own implementations.
func placeholderFuncs() template.FuncMap {
	m := template.FuncMap{}
	for name, fn := range domainFuncs(nil) {
		m[name] = fn
	}
	return m
}

// Source returns the template file's content.
func (t *Template) Source() []byte { return t.src }

// BodyLine is the line of the template file on which its body starts.
func (t *Template) BodyLine() int { return t.bodyLine }

// PartialSource is a partial's file, for checks that look for the
// template line that wrote some Markdown.
type PartialSource struct {
	Display string
	Src     []byte
}

// Partials returns the partials' files, sorted by name.
func (l *Library) Partials() []PartialSource {
	var out []PartialSource
	for name, fi := range l.files {
		if !strings.HasPrefix(name, "doc:") {
			out = append(out, PartialSource{Display: fi.display, Src: fi.src})
		}
	}
	slices.SortFunc(out, func(a, b PartialSource) int { return strings.Compare(a.Display, b.Display) })
	return out
}
