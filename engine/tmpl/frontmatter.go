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
}

var (
	kebab     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	metaKeys  = []string{"id", "title", "kind", "summary", "clauses", "controls", "owner", "approver", "classification", "review_months", "order", "when", "ref"}
	fmDivider = []byte("---")
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
			line := 1
			fmt.Sscanf(te.Errors[0], "line %d:", &line)
			msg := typeErrLine.ReplaceAllString(te.Errors[0], "")
			errs.Add(diag.Errorf(at(line+1, 1), "clauses and controls are lists, such as [A.5.15, A.5.18]; review_months and order are numbers", "front matter: %s", msg).WithSource(src))
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
	if err := errs.Err(); err != nil {
		return m, nil, 0, err
	}
	return m, body, bodyLine, nil
}

var typeErrLine = regexp.MustCompile(`^line \d+: `)

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
