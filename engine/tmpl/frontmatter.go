package tmpl

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
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
	// Frameworks maps the document to requirements of frameworks other
	// than Annex A, by framework ID: {soc2: [CC6.1], hipaa: ["164.312(b)"]}.
	Frameworks map[string][]string `yaml:"frameworks"`
	// WhenPos is where the when condition is written, for messages;
	// whenQuote is 1 when the condition is quoted, so that a column inside
	// it lands on the character.
	WhenPos   diag.Pos `yaml:"-"`
	whenQuote int
	// Where is where each key's value is written, by key.
	Where map[string]diag.Pos `yaml:"-"`
}

var (
	kebab     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	metaKeys  = []string{"id", "title", "kind", "summary", "clauses", "controls", "owner", "approver", "classification", "review_months", "order", "when", "ref", "frameworks"}
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
		if n := unopenedFrontMatter(src); n > 0 {
			return Meta{}, nil, 0, diag.Errorf(at(1, 1), "add a line \"---\" above the first line, so that the keys up to the \"---\" on line "+strconv.Itoa(n)+" are read as front matter (comply and other tools leave it out)",
				"the front matter has no opening \"---\" line").WithSource(src).WithCode("front-matter")
		}
		return Meta{}, nil, 0, diag.Errorf(at(1, 1), "start the file with a line \"---\", the keys id, title and kind, and another \"---\"", "template has no front matter").WithSource(src)
	}
	if body == nil && bodyLine == 0 {
		return Meta{}, nil, 0, diag.Errorf(at(1, 1), "close the front matter with a line \"---\"", "front matter is not closed").WithSource(src)
	}
	var node yaml.Node
	if err := yaml.Unmarshal(fm, &node); err != nil {
		return Meta{}, nil, 0, frontMatterSyntax(file, src, fm, err)
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
				fail(item(n, i), controlHint(cat, c), "unknown Annex A control %q", c)
				continue
			}
			m.Controls[i] = ct.ID
		}
	}
	if n := seen["frameworks"]; n != nil {
		checkFrameworks(n, m.Frameworks, cat, fail)
	}
	m.Where = make(map[string]diag.Pos, len(seen))
	for k, n := range seen {
		m.Where[k] = at(n.Line+1, n.Column)
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

// annexALike is the shape of an Annex A control ID: "A.5.1", "a5.1", "5.1".
var annexALike = regexp.MustCompile(`^(?i:a\.?\s*)?\d+\.\d+$`)

// controlHint says how to fix an unknown Annex A control. It suggests only
// Annex A IDs, and only for an ID shaped like one: "CC6.1" is a SOC 2
// criterion, and the nearest control, A.6.1, has nothing to do with it.
func controlHint(cat *catalog.Catalog, id string) string {
	if fws := cat.FrameworksWith(id); len(fws) > 0 {
		f := fws[0]
		r, _ := f.Lookup(id)
		return fmt.Sprintf("%s is a %s %s, not an Annex A control: map it under frameworks, as in frameworks: {%s: [%s]}", r.ID, f.Short, f.Noun, f.ID, r.ID)
	}
	fallback := "Annex A controls run from A.5.1 to A.8.34; `ismsforge catalog` lists them. Requirements of other frameworks go under frameworks, as in frameworks: {soc2: [CC6.1]}"
	if !annexALike.MatchString(strings.TrimSpace(id)) {
		return fallback
	}
	return diag.DidYouMean(id, cat.ControlIDs(), fallback)
}

// checkFrameworks checks the frameworks a document maps to. The IDs of a
// cataloged framework must be in its catalog, and a suggestion comes only
// from the same framework; any other framework is free-form. IDs are
// normalized in place.
func checkFrameworks(n *yaml.Node, fws map[string][]string, cat *catalog.Catalog, fail func(n *yaml.Node, hint, format string, args ...any)) {
	if n.Kind != yaml.MappingNode {
		fail(n, "write frameworks as a mapping of framework IDs to lists, as in frameworks: {soc2: [CC6.1], nist-csf-2: [PR.AA-01]}", "frameworks must be a mapping")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		ids := fws[key]
		switch {
		case key == "annex-a" || key == "iso27001" || key == "iso-27001" || strings.HasPrefix(key, "iso27001-"):
			fail(k, "list Annex A controls under controls, as in controls: [A.5.15]", "Annex A is not mapped under frameworks")
			continue
		case !catalog.ValidFrameworkID(key):
			fail(k, diag.DidYouMean(strings.ToLower(key), cat.FrameworkIDs(), "use lower-case words joined by hyphens, such as soc2, nist-csf-2 or pci-dss"), "framework ID %q is not lower-case words joined by hyphens", key)
			continue
		}
		if v.Kind != yaml.SequenceNode {
			fail(v, fmt.Sprintf("list the requirements, as in %s: [ID, ID]", key), "the requirements of %s must be a list", key)
			continue
		}
		f, ok := cat.Framework(key)
		if !ok {
			if s := diag.Suggest(key, cat.FrameworkIDs()); s != "" {
				fail(k, fmt.Sprintf("did you mean %q? The frameworks ismsforge checks are %s; any other ID is a framework of your own, whose requirement IDs are not checked", s, strings.Join(cat.FrameworkIDs(), ", ")), "unknown framework %q", key)
			}
			for j, id := range ids {
				if strings.TrimSpace(id) == "" {
					fail(item(v, j), "remove the empty item", "empty requirement ID under %s", key)
				}
				ids[j] = strings.TrimSpace(id)
			}
			continue
		}
		for j, id := range ids {
			r, ok := f.Lookup(id)
			if !ok {
				first, last := f.Requirements[0].ID, f.Requirements[len(f.Requirements)-1].ID
				fallback := fmt.Sprintf("the %s IDs run from %s to %s; `ismsforge catalog --framework %s` lists them", f.Short, first, last, f.ID)
				hint := diag.DidYouMean(f.Normalize(id), f.IDs(), fallback)
				if under := f.Under(id); len(under) > 0 {
					hint = fmt.Sprintf("%s is not a %s of its own: name the ones under it, %s", f.Normalize(id), f.Noun, strings.Join(under, ", "))
				} else if others := cat.FrameworksWith(id); len(others) > 0 {
					o := others[0]
					r, _ := o.Lookup(id)
					hint = fmt.Sprintf("%s is a %s %s: list it under %s", r.ID, o.Short, o.Noun, o.ID)
				}
				fail(item(v, j), hint, "unknown %s %s %q", f.Short, f.Noun, id)
				continue
			}
			ids[j] = r.ID
		}
	}
}

// unopenedFrontMatter returns the line of the "---" that closes a front
// matter whose opening "---" is missing, or 0: the file starts with a
// "key: value" line and a "---" line follows the keys.
func unopenedFrontMatter(src []byte) int {
	lines := strings.Split(string(bytes.TrimPrefix(src, []byte("\ufeff"))), "\n")
	if len(lines) == 0 || !fmKeyLine.MatchString(lines[0]) {
		return 0
	}
	for i, l := range lines[1:] {
		if strings.TrimRight(l, " \r") == "---" {
			return i + 2
		}
	}
	return 0
}

var fmKeyLine = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*:(\s|$)`)

// frontMatterSyntax reports a YAML syntax error in the front matter at its
// line of the template file, with one line number, and says to quote a
// value when that is the fix: a colon and a blank inside the value, or a
// first character that YAML reserves.
func frontMatterSyntax(file string, src, fm []byte, err error) error {
	// A tab or a quote left open is found where it is written, not where
	// the parser gave up.
	if d := diag.YAMLSyntax(file, src, fm, 1, err); strings.Contains(d.Message, "a tab indents") || strings.Contains(d.Message, "never closed") {
		d.Message = "invalid front matter: " + strings.TrimPrefix(d.Message, "invalid YAML: ")
		return d.WithCode("front-matter")
	}
	line, msg := diag.YAMLLine(err)
	if line == 0 {
		line = 1
	}
	hint := "front matter is YAML: one \"key: value\" on each line, indented with spaces"
	fmLines := strings.Split(string(fm), "\n")
	text := ""
	if line <= len(fmLines) {
		text = strings.TrimRight(fmLines[line-1], "\r")
	}
	key, value, isPair := strings.Cut(strings.TrimSpace(text), ": ")
	value = strings.TrimSpace(value)
	switch {
	case strings.Contains(msg, "',' or ']'"):
		hint = "a list opened with [ on this line is not closed with ]"
	case strings.Contains(msg, "',' or '}'"):
		hint = "a mapping opened with { on this line is not closed with }"
	case strings.Contains(msg, "tab"):
		hint = "YAML does not allow tabs for indentation; use spaces"
	case isPair && value != "" && (strings.Contains(value, ": ") || strings.Contains(value, " #") || strings.ContainsRune("*&!@`%|>{[\"'", rune(value[0]))):
		hint = fmt.Sprintf("quote the value: %s: %s", key, strconv.Quote(value))
	}
	col := len(text) - len(strings.TrimLeft(text, " \t")) + 1
	return diag.Errorf(diag.Pos{File: file, Line: line + 1, Col: col}, hint, "invalid front matter: %s", msg).WithSource(src).WithCode("front-matter")
}

// item returns the i-th element of a sequence node, or the node itself.
func item(n *yaml.Node, i int) *yaml.Node {
	if n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return n
}
