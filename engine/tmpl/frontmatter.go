package tmpl

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/document"
)

// Meta is a document's front matter.
type Meta struct {
	ID       string   `yaml:"id"`
	Title    string   `yaml:"title"`
	Kind     string   `yaml:"kind"`
	Summary  string   `yaml:"summary"`
	Clauses  []string `yaml:"clauses"`
	Controls []string `yaml:"controls"`
	// Owner, Approver and Classification override the facts'
	// document_control defaults; owner and approver are person or role IDs.
	Owner          string `yaml:"owner"`
	Approver       string `yaml:"approver"`
	Classification string `yaml:"classification"`
	ReviewMonths   int    `yaml:"review_months"`
	// Order places the document in the register; ties sort by ID.
	Order int `yaml:"order"`
	// When is a template condition, such as ".Tech.SoftwareDevelopment";
	// the document is left out of the pack when it is false.
	When string `yaml:"when"`
	// Ref overrides the reference printed on the document.
	Ref string `yaml:"ref"`
	// WhenPos is where the when condition is written, for messages;
	// whenQuote is 1 when the condition is quoted, so that a column inside
	// it lands on the character.
	WhenPos   diag.Pos `yaml:"-"`
	whenQuote int
}

var (
	kebab     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	metaKeys  = []string{"id", "title", "kind", "summary", "clauses", "controls", "owner", "approver", "classification", "review_months", "order", "when", "ref"}
	fmDivider = []byte("---")
	fmLine    = regexp.MustCompile(`^line (\d+): (.*)$`)
)

// splitFrontMatter separates "---\n...\n---\n" from the body. bodyLine is the
// 1-based line on which the body starts. ok is false when there is no front
// matter at all.
func splitFrontMatter(src []byte) (fm, body []byte, bodyLine int, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || !bytes.Equal(bytes.TrimRight(first, " \r"), fmDivider) {
		return nil, src, 1, false
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if bytes.Equal(bytes.TrimRight(l, " \r"), fmDivider) {
			if end < 0 {
				return rest[:off], nil, line + 1, true
			}
			return rest[:off], rest[off+end+1:], line + 1, true
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, nil, 0, true // opened but never closed
}

// parseFrontMatter reads and checks a template's front matter. Every problem
// is reported at its line in the template file.
func parseFrontMatter(file string, src []byte, cat *catalog.Catalog) (Meta, []byte, int, error) {
	fm, body, bodyLine, ok := splitFrontMatter(src)
	at := func(line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }
	if !ok {
		return Meta{}, nil, 0, diag.Errorf(at(1, 1), "start the file with a line \"---\", the keys id, title and kind, and another \"---\"", "template has no front matter").WithSource(src)
	}
	if body == nil && bodyLine == 0 {
		return Meta{}, nil, 0, diag.Errorf(at(1, 1), "close the front matter with a line \"---\"", "front matter is not closed").WithSource(src)
	}
	var node yaml.Node
	if err := yaml.Unmarshal(fm, &node); err != nil {
		// The front matter starts on line 2 of the file.
		d := diag.YAMLSyntax(file, src, fm, 1, err)
		d.Message = "invalid front matter: " + strings.TrimPrefix(d.Message, "invalid YAML: ")
		if d.Hint == "" || strings.HasPrefix(d.Hint, "check the indentation") {
			d.Hint = "front matter is YAML: key: value on each line"
		}
		return Meta{}, nil, 0, d
	}
	var errs diag.List
	fail := func(n *yaml.Node, hint, format string, args ...any) {
		errs.Add(diag.Errorf(at(n.Line+1, n.Column), hint, format, args...).WithSource(src))
	}
	root := &node
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return Meta{}, nil, 0, diag.Errorf(at(2, 1), "write key: value pairs between the --- lines", "front matter must be a mapping").WithSource(src)
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if !slices.Contains(metaKeys, k.Value) {
			fail(k, diag.DidYouMean(k.Value, metaKeys, "allowed keys: "+strings.Join(metaKeys, ", ")), "unknown front matter key %q", k.Value)
			continue
		}
		if _, dup := seen[k.Value]; dup {
			fail(k, "remove one of them", "duplicate front matter key %q", k.Value)
		}
		seen[k.Value] = root.Content[i+1]
	}
	var m Meta
	if err := root.Decode(&m); err != nil {
		// Type errors: find the first offending key.
		if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
			for _, e := range te.Errors {
				if strings.Contains(e, "already defined") {
					continue // reported above as a duplicate key
				}
				// "line N: ..." counts from the front matter's first line.
				line := 1
				if m := fmLine.FindStringSubmatch(e); m != nil {
					fmt.Sscan(m[1], &line)
					e = m[2]
				}
				errs.Add(diag.Errorf(at(line+1, 1), "clauses and controls are lists, such as [A.5.15, A.5.18]; review_months and order are numbers", "front matter: %s", e).WithSource(src))
				break
			}
		} else {
			errs.Add(diag.Errorf(at(2, 1), "", "front matter: %v", err).WithSource(src))
		}
		return m, nil, 0, errs
	}
	for _, key := range []string{"id", "title", "kind"} {
		if n, ok := seen[key]; !ok || strings.TrimSpace(n.Value) == "" {
			errs.Add(diag.Errorf(at(2, 1), fmt.Sprintf("add \"%s: ...\" to the front matter", key), "front matter lacks %q", key).WithSource(src))
		}
	}
	if n := seen["id"]; n != nil && m.ID != "" && !kebab.MatchString(m.ID) {
		fail(n, "use lower-case words joined by hyphens, such as access-control-policy", "document id %q is not kebab-case", m.ID)
	}
	if n := seen["kind"]; n != nil && m.Kind != "" && !slices.Contains(document.Kinds, m.Kind) {
		fail(n, diag.DidYouMean(m.Kind, document.Kinds, "use one of: "+strings.Join(document.Kinds, ", ")), "unknown document kind %q", m.Kind)
	}
	if n := seen["clauses"]; n != nil {
		for i, c := range m.Clauses {
			if !cat.KnownClauseRef(c) {
				fail(item(n, i), diag.DidYouMean(c, cat.ClauseRefs(), "clauses run from 4.1 to 10.2; `ismsforge catalog` lists them"), "unknown clause %q", c)
				continue
			}
			m.Clauses[i] = catalog.NormalizeClauseID(c)
		}
	}
	if n := seen["controls"]; n != nil {
		for i, c := range m.Controls {
			ct, ok := cat.Control(c)
			if !ok {
				fail(item(n, i), diag.DidYouMean(c, cat.ControlIDs(), "Annex A controls run from A.5.1 to A.8.34; `ismsforge catalog` lists them"), "unknown Annex A control %q", c)
				continue
			}
			m.Controls[i] = ct.ID
		}
	}
	if n := seen["when"]; n != nil {
		m.WhenPos = at(n.Line+1, n.Column)
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			m.whenQuote = 1
		}
	}
	if err := errs.Err(); err != nil {
		return m, nil, 0, err
	}
	return m, body, bodyLine, nil
}

// item returns the i-th element of a sequence node, or the node itself.
func item(n *yaml.Node, i int) *yaml.Node {
	if n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return n
}
