package tmpl

import (
	"slices"
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
