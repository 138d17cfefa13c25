package tmpl

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
)

// PartialsOf returns the partial files that a document's body uses, directly
// or through other partials, as logical paths such as
// "templates/partials/org-person.md", sorted. A partial is used when the
// body calls a template it defines ({{ template "x" }}) or runs it with
// shared. Ejecting a document copies these files with it, so that the copy
// keeps working when the built-in partials change.
func (l *Library) PartialsOf(t *Template) []string {
	if t.set == nil {
		return nil
	}
	// Every tree of the set knows the file that defined it.
	file := map[string]string{}
	trees := map[string][]*parse.Tree{}
	for _, tt := range t.set.Templates() {
		if tt.Tree == nil {
			continue
		}
		file[tt.Name()] = tt.Tree.ParseName
		trees[tt.Tree.ParseName] = append(trees[tt.Tree.ParseName], tt.Tree)
	}
	self := docName(t.Meta.ID)
	seen := map[string]bool{self: true}
	queue := []string{self}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		for _, tr := range trees[f] {
			for _, name := range calls(tr) {
				if dep, ok := file[name]; ok && !seen[dep] {
					seen[dep] = true
					queue = append(queue, dep)
				}
			}
		}
	}
	var out []string
	for f := range seen {
		if f != self {
			out = append(out, "templates/"+f)
		}
	}
	slices.Sort(out)
	return out
}

// calls lists the templates a tree invokes: {{ template "name" }} and
// shared "name" with a literal name.
func calls(t *parse.Tree) []string {
	var out []string
	inspect(t.Root, func(n parse.Node) {
		switch x := n.(type) {
		case *parse.TemplateNode:
			out = append(out, x.Name)
		case *parse.CommandNode:
			if len(x.Args) == 2 {
				if id, ok := x.Args[0].(*parse.IdentifierNode); ok && id.Ident == "shared" {
					if s, ok := x.Args[1].(*parse.StringNode); ok {
						out = append(out, s.Text)
					}
				}
			}
		}
	})
	return out
}

// StaticNeeds lists the facts that the templates in fsys (a library, such
// as the built-in one) may ask for with need, or through plan "kind",
// testCycle "kind" or reviewCycle "kind", where
// the call names the fact literally. It reads the parse trees and runs
// nothing, so an importer can tell the user before the first build what
// the built-in documents will ask for; check reports the ones a given
// project actually lacks. A need whose text is computed is listed by its
// key alone.
func StaticNeeds(fsys fs.FS) ([]Need, error) {
	funcs := callable(baseFuncs(newRegexCache()))
	var out []Need
	add := func(n Need) {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		body := src
		if _, b, _, ok := splitFrontMatter(src); ok {
			body = b
		}
		set, err := template.New(p).Funcs(funcs).Parse(string(body))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		for _, tt := range set.Templates() {
			if tt.Tree == nil {
				continue
			}
			inspect(tt.Tree.Root, func(n parse.Node) {
				c, ok := n.(*parse.CommandNode)
				if !ok || len(c.Args) < 2 {
					return
				}
				id, ok := c.Args[0].(*parse.IdentifierNode)
				if !ok {
					return
				}
				key, ok := c.Args[1].(*parse.StringNode)
				if !ok {
					return
				}
				switch id.Ident {
				case "need":
					n := Need{Key: key.Text}
					if len(c.Args) > 2 {
						if what, ok := c.Args[2].(*parse.StringNode); ok {
							n.What = what.Text
						}
					}
					add(n)
				case "plan":
					add(Need{Key: "plans", What: "a plan with kind: " + key.Text})
				case "testCycle":
					if n, ok := testNeed(key.Text); ok {
						add(n)
					}
				case "reviewCycle":
					if n, ok := reviewNeed(key.Text); ok {
						add(n)
					}
				}
			})
		}
		return nil
	})
	slices.SortFunc(out, func(a, b Need) int {
		if a.Key != b.Key {
			return strings.Compare(a.Key, b.Key)
		}
		return strings.Compare(a.What, b.What)
	})
	return out, err
}
