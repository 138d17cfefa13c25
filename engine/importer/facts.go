package importer

import (
	"fmt"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
)

// Facts is the isms.yaml an import writes: only what the other tool's
// configuration states, with a comment where a fact is missing.
type Facts struct {
	// Header is the comment at the top of the file.
	Header []string
	Org    Org
	People []Person
	Roles  []Role
	// Tech holds technology facts by their isms.yaml key, in order.
	Tech    []KV
	Regimes []string
	// Custom holds free-form facts, whose keys keep their case.
	Custom []KV
}

// Org is the organization section.
type Org struct {
	Name, ShortName, LegalName, Website, Description string
}

// Person is an entry of people.
type Person struct {
	ID, Name, Title, Email string
	Roles                  []string
}

// Role is a project-defined role.
type Role struct{ ID, Title, Description string }

// KV is a key and its value.
type KV struct {
	Key   string
	Value any
}

// YAML writes the facts file.
func (f *Facts) YAML() []byte {
	var b strings.Builder
	for _, h := range f.Header {
		b.WriteString("# " + h + "\n")
	}
	b.WriteString("organization:\n")
	if f.Org.Name == "" {
		b.WriteString("  name: \"\" # fill in the organization's name (see " + ReportName + ")\n")
	} else {
		fmt.Fprintf(&b, "  name: %s\n", Scalar(f.Org.Name))
	}
	for _, kv := range []KV{{"legal_name", f.Org.LegalName}, {"short_name", f.Org.ShortName}, {"website", f.Org.Website}, {"description", f.Org.Description}} {
		if s, _ := kv.Value.(string); s != "" {
			fmt.Fprintf(&b, "  %s: %s\n", kv.Key, Scalar(s))
		}
	}
	if len(f.People) == 0 {
		b.WriteString("people: [] # fill in: see " + ReportName + "\n")
	} else {
		b.WriteString("people:\n")
		for _, p := range f.People {
			fmt.Fprintf(&b, "  - id: %s\n    name: %s\n", p.ID, Scalar(p.Name))
			if p.Title != "" {
				fmt.Fprintf(&b, "    title: %s\n", Scalar(p.Title))
			}
			if p.Email != "" {
				fmt.Fprintf(&b, "    email: %s\n", Scalar(p.Email))
			}
			fmt.Fprintf(&b, "    roles: [%s]\n", strings.Join(p.Roles, ", "))
		}
	}
	if len(f.Roles) > 0 {
		b.WriteString("roles:\n")
		for _, r := range f.Roles {
			fmt.Fprintf(&b, "  - {id: %s, title: %s", r.ID, Scalar(r.Title))
			if r.Description != "" {
				fmt.Fprintf(&b, ", description: %s", Scalar(r.Description))
			}
			b.WriteString("}\n")
		}
	}
	if len(f.Tech) > 0 {
		b.WriteString("technology:\n")
		for _, kv := range f.Tech {
			fmt.Fprintf(&b, "  %s: %s\n", kv.Key, value(kv.Value))
		}
	}
	if len(f.Regimes) > 0 {
		fmt.Fprintf(&b, "regimes: [%s]\n", strings.Join(f.Regimes, ", "))
	}
	if len(f.Custom) > 0 {
		b.WriteString("custom:\n")
		for _, kv := range f.Custom {
			fmt.Fprintf(&b, "  %s: %s\n", Scalar(kv.Key), value(kv.Value))
		}
	}
	return []byte(b.String())
}

func value(v any) string {
	switch x := v.(type) {
	case string:
		return Scalar(x)
	case bool:
		return fmt.Sprint(x)
	case float64:
		return fmt.Sprint(x)
	}
	return Scalar(fmt.Sprint(v))
}

// Requirements keeps the requirement IDs a document maps to under one
// framework. For a cataloged framework each ID is written the catalog's
// way, and an ID the catalog lacks is dropped and reported: an unknown ID
// would stop the build, and guessing which one was meant is not the
// import's to do.
func Requirements(r *Report, cat *catalog.Catalog, framework string, ids []string, where string) []string {
	f, ok := cat.Framework(framework)
	var out []string
	for _, id := range ids {
		id = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(id), ":"))
		if id == "" {
			continue
		}
		if !ok {
			out = append(out, id)
			continue
		}
		req, known := f.Lookup(id)
		if !known {
			r.Skip(where, "%s is not a %s %s in ismsforge's catalog (%s); the mapping to it was dropped", id, f.Short, f.Noun, f.Version)
			continue
		}
		if !contains(out, req.ID) {
			out = append(out, req.ID)
		}
	}
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
