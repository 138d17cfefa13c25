// Package comply imports a comply repository (github.com/strongdm/comply):
// its policies, procedures and narratives become ismsforge templates, its
// comply.yml the start of an isms.yaml, and the standards its documents
// satisfy (SOC 2's Trust Services Criteria) framework mappings.
package comply

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/internal/words"

	"go.yaml.in/yaml/v3"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/importer"
)

// folders are comply's document folders, with the kind and the first
// register position of their documents.
var folders = []struct {
	dir, kind string
	order     int
}{{"policies", "policy", 1000}, {"narratives", "record", 2000}, {"procedures", "procedure", 3000}}

// docMeta is the front matter of a comply document.
type docMeta struct {
	Name      string              `yaml:"name"`
	Acronym   string              `yaml:"acronym"`
	ID        string              `yaml:"id"`
	Cron      string              `yaml:"cron"`
	Live      *bool               `yaml:"live"`
	Satisfies map[string][]string `yaml:"satisfies"`
	Revisions []struct {
		Date    string `yaml:"date"`
		Comment string `yaml:"comment"`
	} `yaml:"majorRevisions"`
}

var knownDocKeys = []string{"name", "acronym", "id", "cron", "live", "satisfies", "majorRevisions"}

// Import reads the comply repository in src. Documents whose IDs are in
// reserved (the built-in library's) get another.
func Import(src string, reserved map[string]bool) (*importer.Project, error) {
	if st, err := os.Stat(src); err != nil || !st.IsDir() {
		return nil, &importer.SourceError{Path: src, Msg: "not a directory; name the comply repository, the directory that holds comply.yml and policies/"}
	}
	cat := catalog.Default()
	r := &importer.Report{Tool: "comply", Source: src}
	facts := &importer.Facts{Header: []string{
		"Imported from the comply repository " + src + " by `ismsforge import comply`.",
		importer.ReportName + " lists the facts to fill in before `ismsforge check --strict` passes.",
	}}
	if err := readConfig(src, facts, r); err != nil {
		return nil, err
	}
	standards := readStandards(src, r)
	p := &importer.Project{Templates: map[string][]byte{}, Report: r}
	taken := map[string]bool{}
	satisfied := map[string]map[string][]string{} // framework -> requirement -> documents
	found := 0
	for _, fo := range folders {
		files, _ := filepath.Glob(filepath.Join(src, fo.dir, "*.md"))
		slices.Sort(files)
		for i, path := range files {
			if strings.EqualFold(filepath.Base(path), "README.md") {
				continue
			}
			found++
			rel := fo.dir + "/" + filepath.Base(path)
			if err := importDoc(cat, r, p, path, rel, fo.kind, fo.order+10*i, reserved, taken, standards, satisfied); err != nil {
				return nil, err
			}
		}
	}
	if found == 0 {
		return nil, &importer.SourceError{Path: src, Msg: "holds no policies/, narratives/ or procedures/ with Markdown files; is it a comply repository?"}
	}
	if _, err := os.Stat(filepath.Join(src, "templates")); err == nil {
		r.Skip("templates/", "comply's LaTeX and HTML output templates: ismsforge makes its HTML and PDF with its theme (see the README's Themes)")
	}
	for _, fw := range importer.FrameworkOrder(cat, satisfied) {
		docs := map[string]bool{}
		for _, ds := range satisfied[fw] {
			for _, d := range ds {
				docs[d] = true
			}
		}
		name := fw
		if f, ok := cat.Framework(fw); ok {
			name = f.Short + " (" + fw + ")"
		}
		r.Mappings = append(r.Mappings, importer.MappingSummary(name, len(satisfied[fw]), len(docs)))
	}
	if _, ok := satisfied["soc2"]; ok {
		r.Mappings = append(r.Mappings, "soc2 is not added to regimes: add it there if the organization reports under SOC 2, so that the built-in documents name it")
		importer.Suggest(r, cat, satisfied["soc2"])
	}
	r.Common(facts.Org.Name != "", nil)
	p.Facts = facts.YAML()
	return p, nil
}

// readConfig reads comply.yml: its name is the organization's.
func readConfig(src string, f *importer.Facts, r *importer.Report) error {
	b, err := os.ReadFile(filepath.Join(src, "comply.yml"))
	if os.IsNotExist(err) {
		r.Skip("comply.yml", "not found; the organization's name is not known")
		return nil
	}
	if err != nil {
		return err
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		return &importer.SourceError{Path: filepath.Join(src, "comply.yml"), Msg: "invalid YAML: " + err.Error()}
	}
	for _, k := range sortedKeys(cfg) {
		switch k {
		case "name":
			f.Org.Name = fmt.Sprint(cfg[k])
		case "filePrefix":
			r.Skip("comply.yml filePrefix", "the prefix of comply's output file names; ismsforge names files by document ID and prints references with document_control.prefix")
		case "tickets":
			r.Skip("comply.yml tickets", "comply's ticket system integration; ismsforge does not reach any network")
		default:
			r.Skip("comply.yml "+k, "no ismsforge equivalent")
		}
	}
	return nil
}

// readStandards maps each standard's name (the key of satisfies) to a
// framework ID: comply's TSC is SOC 2, which ismsforge catalogs itself;
// any other standard becomes a free-form framework.
func readStandards(src string, r *importer.Report) map[string]string {
	out := map[string]string{"TSC": "soc2"}
	files, _ := filepath.Glob(filepath.Join(src, "standards", "*.yml"))
	slices.Sort(files)
	for _, path := range files {
		rel := "standards/" + filepath.Base(path)
		b, err := os.ReadFile(path)
		var std struct {
			Name string `yaml:"name"`
		}
		if err != nil || yaml.Unmarshal(b, &std) != nil || std.Name == "" {
			r.Skip(rel, "not a comply standard (no name)")
			continue
		}
		if fw, ok := out[std.Name]; ok {
			r.Skip(rel, "the %s criteria; ismsforge has its own catalog of them (%s), so only the documents' mappings are kept", std.Name, fw)
			continue
		}
		out[std.Name] = importer.Slug(std.Name)
		r.Skip(rel, "the standard %s has no catalog in ismsforge: documents' mappings to it are kept as the free-form framework %s, unchecked", std.Name, out[std.Name])
	}
	return out
}

// splitDoc separates a comply document's YAML from its body. comply writes
// the YAML first and ends it with "---"; a leading "---" is allowed too.
func splitDoc(b []byte) (meta, body []byte, bodyLine int, ok bool) {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	lines := strings.SplitAfter(string(b), "\n")
	start := 0
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
		start = 1
	}
	for i := start; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \n") == "---" {
			return []byte(strings.Join(lines[start:i], "")), []byte(strings.Join(lines[i+1:], "")), i + 2, true
		}
	}
	return nil, b, 1, false
}

var (
	goField  = regexp.MustCompile(`\{\{-?\s*\.([A-Za-z_]\w*)\s*-?\}\}`)
	goAction = regexp.MustCompile(`\{\{[^}]*\}\}`)
)

func importDoc(cat *catalog.Catalog, r *importer.Report, p *importer.Project, path, rel, kind string, order int,
	reserved, taken map[string]bool, standards map[string]string, satisfied map[string]map[string][]string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	metaSrc, body, _, ok := splitDoc(raw)
	var meta docMeta
	if !ok {
		r.Skip(rel, "no front matter (no \"---\" line): the title is taken from the file name")
	} else {
		var keys map[string]any
		if err := yaml.Unmarshal(metaSrc, &keys); err != nil {
			return &importer.SourceError{Path: path, Msg: "invalid front matter: " + err.Error()}
		}
		if err := yaml.Unmarshal(metaSrc, &meta); err != nil {
			return &importer.SourceError{Path: path, Msg: "front matter: " + err.Error()}
		}
		for _, k := range sortedKeys(keys) {
			if !slices.Contains(knownDocKeys, k) {
				r.Skip(rel+" "+k, "a front matter key ismsforge does not know")
			}
		}
	}
	base := strings.TrimSuffix(filepath.Base(path), ".md")
	id := importer.Slug(base)
	if meta.ID != "" {
		id = importer.Slug(meta.ID)
	}
	if reserved[id] || taken[id] {
		old := id
		id = id + "-" + kind
		r.Change(rel, "the ID %s is taken (by the built-in library or another document), so the document is %s", old, id)
	}
	taken[id] = true
	title := strings.TrimSpace(meta.Name)
	if title == "" {
		title = strings.ReplaceAll(base, "-", " ")
		title = strings.ToUpper(title[:1]) + title[1:]
		r.Fills(rel, "a title: the document has no name, so it is titled %q", title)
	}
	out := "templates/" + filepath.ToSlash(filepath.Dir(rel)) + "/" + id + ".md"
	fws := map[string][]string{}
	for _, std := range sortedKeys(meta.Satisfies) {
		fw, ok := standards[std]
		if !ok {
			fw = importer.Slug(std)
			r.Skip(rel+" satisfies", "the standard %s is not under standards/: its mappings are kept as the free-form framework %s", std, fw)
		}
		ids := importer.Requirements(r, cat, fw, meta.Satisfies[std], rel)
		if len(ids) == 0 {
			continue
		}
		fws[fw] = append(fws[fw], ids...)
		if satisfied[fw] == nil {
			satisfied[fw] = map[string][]string{}
		}
		for _, req := range ids {
			satisfied[fw][req] = append(satisfied[fw][req], id)
		}
	}
	if n := len(meta.Revisions); n > 0 {
		last := meta.Revisions[n-1]
		r.Skip(rel+" majorRevisions", "%d %s (the last: %s, %s); ismsforge keeps each document's history in isms.lock from its first `ismsforge release`", n, words.Plural(n, "revision", "revisions"), last.Date, last.Comment)
	}
	if meta.Cron != "" {
		r.Skip(rel+" cron", "the schedule %q; ismsforge does not schedule procedures", meta.Cron)
	}
	if meta.Live != nil {
		r.Skip(rel+" live", "comply's publication flag; every document of an ismsforge project is in the pack")
	}
	text := convertActions(r, rel, string(body))
	text = importer.ConvertMarkdown(r, rel, title, text)
	fm := importer.FrontMatter{ID: id, Title: title, Kind: kind, Ref: meta.Acronym, Order: order, Frameworks: fws}.String(cat)
	doc := fm + "\n" + strings.TrimLeft(text, "\n")
	if !strings.HasSuffix(doc, "\n") {
		doc += "\n"
	}
	importer.Analyse(r, out, strings.Count(fm, "\n")+2, strings.TrimLeft(text, "\n"))
	p.Templates[out] = []byte(doc)
	r.Documents = append(r.Documents, importer.Imported{ID: id, Title: title, Kind: kind, From: rel, To: out})
	return nil
}

// convertActions rewrites comply's template variables: {{.Name}}, the
// organization's name, becomes {{ .Org.Name }}; any other field becomes a
// free-form fact under custom, to fill in; any other action is reported.
func convertActions(r *importer.Report, rel, body string) string {
	body = goField.ReplaceAllStringFunc(body, func(s string) string {
		f := goField.FindStringSubmatch(s)[1]
		if f == "Name" {
			return "{{ .Org.Name }}"
		}
		r.Fills("custom."+f, "the fact comply's {{.%s}} stood for, used in %s", f, rel)
		return fmt.Sprintf("{{ custom %q }}", f)
	})
	for _, a := range goAction.FindAllString(body, -1) {
		if !strings.Contains(a, ".Org.Name") && !strings.HasPrefix(a, "{{ custom ") {
			r.Fills(rel, "the template action %s reads comply's data: rewrite it with ismsforge's facts (README, Templates)", a)
		}
	}
	return body
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
