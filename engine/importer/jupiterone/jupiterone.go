// Package jupiterone imports a JupiterOne security policy template set
// (github.com/JupiterOne/security-policy-templates): its policy and
// procedure templates, written in Mustache, become ismsforge templates;
// its config.json the start of an isms.yaml; the standards it maps
// procedures to, framework mappings.
package jupiterone

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/importer"
)

// config is JupiterOne's config.json.
type config struct {
	Organization map[string]any `json:"organization"`
	Standards    []any          `json:"standards"`
	Domains      []any          `json:"domains"`
	Policies     []struct {
		ID           string   `json:"id"`
		File         string   `json:"file"`
		Name         string   `json:"name"`
		Instructions []string `json:"instructions"`
		Adopted      *bool    `json:"adopted"`
		Procedures   []string `json:"procedures"`
	} `json:"policies"`
	Procedures []struct {
		ID           string   `json:"id"`
		File         string   `json:"file"`
		Name         string   `json:"name"`
		Summary      string   `json:"summary"`
		Instructions []string `json:"instructions"`
		Applicable   *bool    `json:"applicable"`
		Adopted      *bool    `json:"adopted"`
	} `json:"procedures"`
}

// people are the officers config.json names, with the person ID, title and
// role they get.
var people = []struct{ key, id, title, role string }{
	{"ceo", "ceo", "Chief Executive Officer", "top-management"},
	{"coo", "coo", "Chief Operating Officer", "coo"},
	{"cto", "cto", "Chief Technology Officer", "cto"},
	{"securityOfficer", "security-officer", "Security Officer", "security-officer"},
	{"privacyOfficer", "privacy-officer", "Privacy Officer", "privacy-officer"},
}

// customRoles are the roles people get that ismsforge does not build in.
var customRoles = map[string]string{"coo": "Chief Operating Officer", "cto": "Chief Technology Officer"}

// regimes are the needStandard flags that name a regime ismsforge knows.
var regimes = map[string]string{"needStandardHIPAA": "hipaa", "needStandardHITRUST": "hitrust", "needStandardGDPR": "gdpr", "needStandardPCI": "pci-dss"}

// siteKeys configure JupiterOne's documentation site, which ismsforge
// replaces with its own.
var siteKeys = []string{"wantCustomMkdocsTemplate", "mkdocsLogoURL", "mkdocsThemeColorPrimary", "mkdocsThemeColorAccent"}

// Import reads the template set in src (the directory holding
// config.json, or the repository whose templates/ holds it). Documents
// whose IDs are in reserved (the built-in library's) get another.
func Import(src string, reserved map[string]bool) (*importer.Project, error) {
	root := src
	if _, err := os.Stat(filepath.Join(src, "templates", "config.json")); err == nil {
		root = filepath.Join(src, "templates")
	}
	raw, err := os.ReadFile(filepath.Join(root, "config.json"))
	if err != nil {
		return nil, &importer.SourceError{Path: src, Msg: "no config.json here or under templates/; name the JupiterOne template set"}
	}
	var cfg config
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return nil, &importer.SourceError{Path: filepath.Join(root, "config.json"), Msg: "invalid JSON: " + err.Error()}
	}
	cat := catalog.Default()
	r := &importer.Report{Tool: "jupiterone", Source: src}
	p := &importer.Project{Templates: map[string][]byte{}, Report: r}
	facts := &importer.Facts{Header: []string{
		"Imported from the JupiterOne template set " + src + " by `ismsforge import jupiterone`.",
		importer.ReportName + " lists the facts to fill in before `ismsforge check --strict` passes.",
	}}
	held := organization(cfg.Organization, facts, r)

	mapped := readStandards(cat, root, cfg.Standards, r)
	used := map[string]bool{}
	taken := map[string]bool{}
	imported := map[string]string{} // procedure ID -> document ID
	satisfied := map[string]map[string][]string{}
	// Procedures first, so that policies can link to them.
	for i, pr := range cfg.Procedures {
		where := "config.json procedures " + pr.ID
		if pr.Adopted != nil && !*pr.Adopted || pr.Applicable != nil && !*pr.Applicable {
			r.Skip(where, "not adopted or not applicable in config.json")
			continue
		}
		id, err := importDoc(cat, r, p, root, pr.File, pr.ID, pr.Name, "procedure", pr.Summary, 3000+10*i, reserved, taken, used, mapped[pr.ID], satisfied, "")
		if err != nil {
			return nil, err
		}
		if id != "" {
			imported[pr.ID] = id
			for _, q := range pr.Instructions {
				r.Ask(id, q)
			}
		}
	}
	for i, po := range cfg.Policies {
		where := "config.json policies " + po.ID
		if po.Adopted != nil && !*po.Adopted {
			r.Skip(where, "not adopted in config.json")
			continue
		}
		var links []string
		for _, pr := range po.Procedures {
			if id, ok := imported[pr]; ok {
				links = append(links, id)
			}
		}
		appendix := ""
		if len(links) > 0 {
			appendix = "\n## Procedures\n\n"
			for _, id := range links {
				appendix += fmt.Sprintf("- {{ link %q }}\n", id)
			}
		}
		id, err := importDoc(cat, r, p, root, po.File, po.ID, po.Name, "policy", "", 1000+10*i, reserved, taken, used, nil, satisfied, appendix)
		if err != nil {
			return nil, err
		}
		if id != "" {
			if appendix != "" {
				r.Change(id, "a section \"Procedures\" links the policy's procedures, which JupiterOne prints after the policy and ismsforge keeps as documents of their own")
			}
			for _, q := range po.Instructions {
				r.Ask(id, q)
			}
		}
	}
	for proc := range mapped {
		if _, ok := imported[proc]; !ok {
			r.Skip("standards", "requirements are mapped to the procedure %s, which was not imported", proc)
		}
	}
	slices.SortFunc(r.NotImported, func(a, b importer.Item) int { return strings.Compare(a.Where+a.What, b.Where+b.What) })
	skipOthers(root, r)
	fillFacts(cfg.Organization, used, facts, r)
	summarize(cat, satisfied, r)
	r.Common(facts.Org.Name != "", held)
	p.Facts = facts.YAML()
	return p, nil
}

// organization turns config.json's organization into facts and returns
// the roles its people hold.
func organization(org map[string]any, f *importer.Facts, r *importer.Report) []string {
	str := func(k string) string { s, _ := org[k].(string); return strings.TrimSpace(s) }
	f.Org = importer.Org{Name: str("companyFullName"), ShortName: str("companyShortName"), Website: str("companyWebsiteURL"), Description: str("companyOverview")}
	var held []string
	for _, pp := range people {
		name := str(pp.key + "Name")
		if name == "" {
			continue
		}
		f.People = append(f.People, importer.Person{ID: pp.id, Name: name, Title: pp.title, Email: str(pp.key + "Email"), Roles: []string{pp.role}})
		held = append(held, pp.role)
		if t, ok := customRoles[pp.role]; ok {
			f.Roles = append(f.Roles, importer.Role{ID: pp.role, Title: t})
		}
	}
	for _, k := range sortedKeys(facts) {
		fc := facts[k]
		if !strings.HasPrefix(fc.key, "technology.") {
			continue
		}
		if v := str(k); v != "" {
			f.Tech = append(f.Tech, importer.KV{Key: strings.TrimPrefix(fc.key, "technology."), Value: v})
		}
	}
	slices.SortFunc(f.Tech, func(a, b importer.KV) int { return strings.Compare(a.Key, b.Key) })
	for _, k := range sortedKeys(regimes) {
		if v, _ := org[k].(bool); v {
			f.Regimes = append(f.Regimes, regimes[k])
		}
	}
	for _, k := range sortedKeys(org) {
		if _, isFact := facts[k]; isFact || slices.Contains(siteKeys, k) || strings.HasSuffix(k, "Name") && isPerson(k) || strings.HasSuffix(k, "Email") && isPerson(k) {
			continue
		}
		switch v := org[k].(type) {
		case string:
			if strings.TrimSpace(v) != "" {
				f.Custom = append(f.Custom, importer.KV{Key: k, Value: strings.TrimSpace(v)})
			}
		case bool, float64:
			f.Custom = append(f.Custom, importer.KV{Key: k, Value: v})
		default:
			r.Skip("config.json organization "+k, "a value that is neither text, a number nor yes/no")
		}
	}
	for _, k := range siteKeys {
		if _, ok := org[k]; ok {
			r.Skip("config.json organization "+k, "JupiterOne's documentation site settings; ismsforge makes its own site (see Themes)")
		}
	}
	if v, ok := org["needStandardNIST"]; ok {
		r.Skip("config.json organization needStandardNIST", "kept as custom.needStandardNIST (%v): it does not say which NIST publication; add nist-800-171 to regimes if that is the one", v)
	}
	return held
}

func isPerson(k string) bool {
	for _, pp := range people {
		if k == pp.key+"Name" || k == pp.key+"Email" {
			return true
		}
	}
	return false
}

// fillFacts lists in the report the facts the templates use that the
// configuration left empty.
func fillFacts(org map[string]any, used map[string]bool, f *importer.Facts, r *importer.Report) {
	for _, name := range sortedKeys(used) {
		v, _ := org[name].(string)
		set := strings.TrimSpace(v) != ""
		if b, ok := org[name].(bool); ok {
			set = true
			_ = b
		}
		fc, known := facts[name]
		switch {
		case known && fc.cond != "":
			// A regime flag: its absence from regimes is the answer no.
		case known && strings.HasPrefix(fc.key, "people: ") && !set:
			id := strings.TrimSuffix(strings.TrimPrefix(fc.key, "people: "), "'s email")
			if strings.HasSuffix(fc.key, "'s email") {
				r.Fills("people", "the e-mail address of %s (the templates print {{%s}})", id, name)
			} else {
				r.Fills("people", "the person %s, with a name and e-mail address (the templates print {{%s}})", id, name)
			}
		case known && !set:
			r.Fills(fc.key, "the value of {{%s}}, which the templates print and config.json leaves empty", name)
		case !known && !set:
			if _, isBool := org[name].(bool); !isBool {
				r.Fills("custom."+name, "the value of {{%s}}, which the templates use and config.json leaves empty", name)
			}
		}
	}
}

// skipOthers reports the files of the template set that are not policies,
// procedures or standards.
func skipOthers(root string, r *importer.Report) {
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		switch n := e.Name(); {
		case n == "config.json" || n == "policies" || n == "procedures" || n == "standards":
		case e.IsDir():
			r.Skip(n+"/", "not policies, procedures or standards")
		default:
			r.Skip(n, "not a policy or procedure template")
		}
	}
}

// importDoc converts one policy or procedure template. It returns the
// document's ID, or "" when the template file is missing.
func importDoc(cat *catalog.Catalog, r *importer.Report, p *importer.Project, root, file, cfgID, name, kind, summary string, order int,
	reserved, taken, used map[string]bool, fws map[string][]string, satisfied map[string]map[string][]string, appendix string) (string, error) {
	rel := filepath.ToSlash(file) + ".tmpl"
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if os.IsNotExist(err) {
		r.Skip("config.json "+kind+" "+cfgID, "config.json lists it, but %s does not exist", rel)
		return "", nil
	}
	if err != nil {
		return "", err
	}
	id := importer.Slug(cfgID)
	if id == "" {
		id = importer.Slug(strings.TrimSuffix(filepath.Base(file), ".md"))
	}
	if reserved[id] || taken[id] {
		old := id
		id = id + "-" + kind
		r.Change(rel, "the ID %s is taken (by the built-in library or another document), so the document is %s", old, id)
	}
	taken[id] = true
	title := strings.TrimSpace(name)
	if title == "" {
		title = cfgID
		r.Fills(rel, "a title: config.json names none, so the document is titled %q", title)
	}
	folder := "policies"
	if kind == "procedure" {
		folder = "procedures"
	}
	out := "templates/" + folder + "/" + id + ".md"
	c := &converter{r: r, where: rel, used: used}
	body := c.convert(string(raw))
	body = importer.ConvertMarkdown(r, rel, title, body)
	body = strings.TrimLeft(body, "\n")
	if appendix != "" {
		body = strings.TrimRight(body, "\n") + "\n" + appendix
	}
	fwIDs := map[string][]string{}
	for _, fw := range importer.FrameworkOrder(cat, fws) {
		ids := importer.Requirements(r, cat, fw, fws[fw], "standards")
		if len(ids) == 0 {
			continue
		}
		fwIDs[fw] = ids
		if satisfied[fw] == nil {
			satisfied[fw] = map[string][]string{}
		}
		for _, req := range ids {
			satisfied[fw][req] = append(satisfied[fw][req], id)
		}
	}
	fm := importer.FrontMatter{ID: id, Title: title, Kind: kind, Order: order, Frameworks: fwIDs}.String(cat)
	if summary != "" {
		fm = strings.Replace(fm, "kind: "+kind+"\n", "kind: "+kind+"\nsummary: "+importer.Scalar(summary)+"\n", 1)
	}
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	importer.Analyse(r, out, strings.Count(fm, "\n")+2, body)
	p.Templates[out] = []byte(fm + "\n" + body)
	r.Documents = append(r.Documents, importer.Imported{ID: id, Title: title, Kind: kind, From: rel, To: out})
	return id, nil
}

func summarize(cat *catalog.Catalog, satisfied map[string]map[string][]string, r *importer.Report) {
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
	if soc2, ok := satisfied["soc2"]; ok {
		importer.Suggest(r, cat, soc2)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
