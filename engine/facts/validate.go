package facts

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/diag"
)

const unknownControlHint = "Annex A controls run from A.5.1 to A.8.34; `ismsforge catalog` lists them"

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Validate checks the facts for references that do not resolve and values
// that contradict each other. Every finding points at the offending line.
func (f *Facts) Validate(cat *catalog.Catalog) diag.List {
	var l diag.List
	v := validator{f: f, cat: cat, l: &l}
	v.ids()
	v.people()
	v.scope()
	v.regimes()
	v.riskMethod()
	v.risks()
	v.controls()
	v.refs()
	v.certification()
	v.output()
	v.typed()
	v.sector()
	v.records()
	return l
}

var langPattern = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// output checks the output settings that are free text.
func (v validator) output() {
	if lang := v.f.Output.Language; !langPattern.MatchString(lang) {
		v.err("output.language", "write a BCP 47 language tag, such as en-US or en-GB", "output.language %q is not a language tag", lang)
	}
}

type validator struct {
	f   *Facts
	cat *catalog.Catalog
	l   *diag.List
}

func (v validator) err(path, hint, format string, args ...any) {
	v.l.Add(v.f.Errorf(path, hint, format, args...))
}

// unique reports duplicate IDs in one list; kebab enforces the ID form used
// in references and file names.
func (v validator) unique(list string, ids []string, kebab bool) {
	seen := map[string]int{}
	for i, id := range ids {
		path := fmt.Sprintf("%s[%d].id", list, i)
		if kebab && !idPattern.MatchString(id) {
			v.err(path, "use lower-case letters, digits and hyphens, such as "+suggestID(id), "%s ID %q is not in kebab-case", list, id)
		}
		if j, dup := seen[id]; dup {
			v.err(path, fmt.Sprintf("the first one is %s[%d]; give each a distinct ID", list, j), "duplicate %s ID %q", list, id)
		}
		seen[id] = i
	}
}

func suggestID(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(s, "-")
	if s = strings.Trim(s, "-"); s == "" {
		return "my-id"
	}
	return s
}

func (v validator) ids() {
	f := v.f
	collect := func(n int, get func(int) string) []string {
		out := make([]string, n)
		for i := range n {
			out[i] = get(i)
		}
		return out
	}
	v.unique("people", collect(len(f.People), func(i int) string { return f.People[i].ID }), true)
	v.unique("roles", collect(len(f.Roles), func(i int) string { return f.Roles[i].ID }), true)
	v.unique("teams", collect(len(f.Teams), func(i int) string { return f.Teams[i].ID }), true)
	v.unique("organization.locations", collect(len(f.Organization.Locations), func(i int) string { return f.Organization.Locations[i].ID }), true)
	v.unique("objectives", collect(len(f.Objectives), func(i int) string { return f.Objectives[i].ID }), false)
	v.unique("risks", collect(len(f.Risks), func(i int) string { return f.Risks[i].ID }), false)
	v.unique("assets", collect(len(f.Assets), func(i int) string { return f.Assets[i].ID }), true)
	for i, r := range f.Roles {
		if slices.ContainsFunc(BuiltinRoles, func(b Role) bool { return b.ID == r.ID }) {
			v.err(fmt.Sprintf("roles[%d].id", i), "remove the definition; built-in roles need none", "role %q is built in and cannot be redefined", r.ID)
		}
	}
}

func (v validator) roleIDs() []string {
	var ids []string
	for _, r := range BuiltinRoles {
		ids = append(ids, r.ID)
	}
	for _, r := range v.f.Roles {
		ids = append(ids, r.ID)
	}
	return ids
}

func (v validator) people() {
	roles := v.roleIDs()
	for i, p := range v.f.People {
		for j, r := range p.Roles {
			if !slices.Contains(roles, r) {
				v.err(fmt.Sprintf("people[%d].roles[%d]", i, j), diag.DidYouMean(r, roles, "define it under roles, or use a built-in role: "+strings.Join(roles, ", ")), "person %q has unknown role %q", p.ID, r)
			}
		}
		if p.Team != "" {
			if _, ok := v.f.Team(p.Team); !ok {
				v.err(fmt.Sprintf("people[%d].team", i), "define the team under teams", "person %q belongs to unknown team %q", p.ID, p.Team)
			}
		}
	}
}

func (v validator) scope() {
	var locs []string
	for _, l := range v.f.Organization.Locations {
		locs = append(locs, l.ID)
	}
	for i, id := range v.f.Scope.Locations {
		if _, ok := v.f.Location(id); !ok {
			v.err(fmt.Sprintf("scope.locations[%d]", i), diag.DidYouMean(id, locs, "add the location under organization.locations first"), "scope names unknown location %q", id)
		}
	}
}

func (v validator) regimes() {
	ids := v.cat.RegimeIDs()
	seen := map[string]int{}
	for i, r := range v.f.Regimes {
		p := fmt.Sprintf("regimes[%d]", i)
		if j, dup := seen[r.ID]; dup {
			v.err(p+".id", fmt.Sprintf("the first one is regimes[%d]; list each regime once", j), "regime %q is listed twice", r.ID)
		}
		seen[r.ID] = i
		v.regime(p, r, ids)
	}
}

func (v validator) riskMethod() {
	m := v.f.RiskMethod
	for _, sc := range []struct {
		name  string
		scale []Level
	}{{"likelihood", m.Likelihood}, {"impact", m.Impact}} {
		for i := 1; i < len(sc.scale); i++ {
			if sc.scale[i].Value <= sc.scale[i-1].Value {
				v.err(fmt.Sprintf("risk_method.%s[%d].value", sc.name, i), "list the levels from lowest to highest value", "the %s scale must rise: %d follows %d", sc.name, sc.scale[i].Value, sc.scale[i-1].Value)
			}
		}
	}
	for i := 1; i < len(m.Bands); i++ {
		if m.Bands[i].Max <= m.Bands[i-1].Max {
			v.err(fmt.Sprintf("risk_method.bands[%d].max", i), "list the bands from lowest to highest", "band %q must end above band %q", m.Bands[i].Name, m.Bands[i-1].Name)
		}
	}
	if n := len(m.Bands); n > 0 && m.Bands[n-1].Max < m.MaxScore() {
		v.err(fmt.Sprintf("risk_method.bands[%d].max", n-1), fmt.Sprintf("raise it to %d", m.MaxScore()), "the highest band ends at %d but scores reach %d", m.Bands[n-1].Max, m.MaxScore())
	}
	if m.AcceptanceThreshold < 0 || m.AcceptanceThreshold > m.MaxScore() {
		v.err("risk_method.acceptance_threshold", fmt.Sprintf("use a score between 1 and %d", m.MaxScore()), "acceptance threshold %d is outside the possible scores", m.AcceptanceThreshold)
	}
}

func (v validator) onScale(path, name string, scale []Level, val int) {
	if LevelName(scale, val) == "" {
		var vals []string
		for _, l := range scale {
			vals = append(vals, fmt.Sprint(l.Value))
		}
		v.err(path, "use one of "+strings.Join(vals, ", "), "%s %d is not on the %s scale", name, val, name)
	}
}

func (v validator) controlRef(path, id string) {
	if _, ok := v.cat.Control(id); !ok {
		v.err(path, diag.DidYouMean(id, v.cat.ControlIDs(), unknownControlHint), "unknown Annex A control %q", id)
	}
}

func (v validator) risks() {
	m := v.f.RiskMethod
	for i, r := range v.f.Risks {
		p := fmt.Sprintf("risks[%d]", i)
		v.onScale(p+".likelihood", "likelihood", m.Likelihood, r.Likelihood)
		v.onScale(p+".impact", "impact", m.Impact, r.Impact)
		if r.Residual.Likelihood != 0 || r.Residual.Impact != 0 {
			v.onScale(p+".residual.likelihood", "likelihood", m.Likelihood, r.Residual.Likelihood)
			v.onScale(p+".residual.impact", "impact", m.Impact, r.Residual.Impact)
		}
		for j, c := range r.Controls {
			v.controlRef(fmt.Sprintf("%s.controls[%d]", p, j), c)
		}
		if r.Treatment == "mitigate" && len(r.Controls) == 0 {
			v.err(p+".treatment", "list the Annex A controls that reduce the risk under controls", "risk %s is mitigated but names no controls", r.ID)
		}
	}
}

func (v validator) controls() {
	var riskIDs []string
	for _, r := range v.f.Risks {
		riskIDs = append(riskIDs, r.ID)
	}
	for _, id := range sortedKeys(v.f.Controls) {
		d, p := v.f.Controls[id], "controls."+id
		if _, ok := v.cat.Control(id); !ok {
			v.l.Add(diag.Errorf(v.f.WhereKey(p), diag.DidYouMean(id, v.cat.ControlIDs(), unknownControlHint), "unknown Annex A control %q", id).WithSource(v.f.Source()))
			continue
		}
		for j, r := range d.Risks {
			if !slices.Contains(riskIDs, r) {
				v.err(fmt.Sprintf("%s.risks[%d]", p, j), diag.DidYouMean(r, riskIDs, "define the risk under risks"), "control %s names unknown risk %q", id, r)
			}
		}
	}
}

// refs checks every field that names a person or a role.
func (v validator) refs() {
	f := v.f
	check := func(path, ref string) {
		if ref == "" {
			return
		}
		if _, ok := f.Person(ref); ok {
			return
		}
		if _, ok := f.Role(ref); ok {
			if len(f.Holders(ref)) == 0 {
				v.err(path, fmt.Sprintf("add %q to the roles of the person who holds it", ref), "role %q is referenced but no person holds it", ref)
			}
			return
		}
		var cands []string
		for _, p := range f.People {
			cands = append(cands, p.ID)
		}
		cands = append(cands, v.roleIDs()...)
		v.err(path, diag.DidYouMean(ref, cands, "use the id of someone under people, or a role"), "%q is neither a person nor a role", ref)
	}
	for i, t := range f.Teams {
		check(fmt.Sprintf("teams[%d].lead", i), t.Lead)
	}
	for i, o := range f.Objectives {
		check(fmt.Sprintf("objectives[%d].owner", i), o.Owner)
	}
	for i, r := range f.Risks {
		check(fmt.Sprintf("risks[%d].owner", i), r.Owner)
		check(fmt.Sprintf("risks[%d].accepted_by", i), r.AcceptedBy)
	}
	for _, id := range sortedKeys(f.Controls) {
		check("controls."+id+".owner", f.Controls[id].Owner)
	}
	for i, s := range f.Suppliers {
		check(fmt.Sprintf("suppliers[%d].owner", i), s.Owner)
	}
	for i, a := range f.Assets {
		check(fmt.Sprintf("assets[%d].owner", i), a.Owner)
	}
	check("document_control.owner", f.DocumentControl.Owner)
	check("document_control.approver", f.DocumentControl.Approver)
	for _, id := range sortedKeys(f.Documents) {
		check("documents."+id+".owner", f.Documents[id].Owner)
		check("documents."+id+".approver", f.Documents[id].Approver)
	}
}

func (v validator) certification() {
	c := v.f.Certification
	if !c.Stage1.IsZero() && !c.Stage2.IsZero() && c.Stage2.Before(c.Stage1) {
		v.err("certification.stage2", "the stage 2 audit follows stage 1", "stage 2 (%s) is before stage 1 (%s)", c.Stage2, c.Stage1)
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
