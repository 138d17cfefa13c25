package facts

import (
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
)

// letterCountries use US Letter paper; everyone else uses A4.
var letterCountries = []string{"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR", "SV", "NI", "BZ"}

// normalize canonicalizes IDs and fills in defaults, so that templates and
// checks see one spelling and never a blank.
func (f *Facts) normalize(cat *catalog.Catalog) {
	o := &f.Organization
	o.Name = strings.TrimSpace(o.Name)
	if o.LegalName == "" {
		o.LegalName = o.Name
	}
	if o.ShortName == "" {
		o.ShortName = o.Name
	}
	o.Country = strings.ToUpper(o.Country)

	if len(f.Controls) > 0 {
		ctrls := make(map[string]Decision, len(f.Controls))
		for id, d := range f.Controls {
			ctrls[canonicalControl(cat, id)] = d
		}
		f.Controls = ctrls
	}
	if len(f.Documents) > 0 {
		docs := make(map[string]DocPatch, len(f.Documents))
		for id, d := range f.Documents {
			docs[strings.ToLower(id)] = d
		}
		f.Documents = docs
	}
	for i := range f.Risks {
		r := &f.Risks[i]
		for j, c := range r.Controls {
			r.Controls[j] = canonicalControl(cat, c)
		}
		if r.Status == "" {
			r.Status = "open"
		}
	}
	for i := range f.Objectives {
		if f.Objectives[i].Frequency == "" {
			f.Objectives[i].Frequency = "quarterly"
		}
		for j, c := range f.Objectives[i].Controls {
			f.Objectives[i].Controls[j] = canonicalControl(cat, c)
		}
	}
	for i := range f.Nonconformities {
		if f.Nonconformities[i].Status == "" {
			f.Nonconformities[i].Status = "open"
		}
	}
	for i := range f.InterestedParties {
		if f.InterestedParties[i].Kind == "" {
			f.InterestedParties[i].Kind = "external"
		}
	}

	dc := &f.DocumentControl
	if dc.ReviewMonths == 0 {
		dc.ReviewMonths = 12
	}
	if dc.Owner == "" {
		dc.Owner = "isms-owner"
	}
	if dc.Approver == "" {
		dc.Approver = "top-management"
	}

	f.RiskMethod.setDefaults()
	f.Classification.setDefaults()
	if dc.Classification == "" {
		dc.Classification = f.Classification.DefaultLevel().Name
	}
	for i := range f.Regimes {
		r := &f.Regimes[i]
		if len(r.Citations) > 0 {
			cs := make(map[string]string, len(r.Citations))
			for id, c := range r.Citations {
				cs[canonicalControl(cat, id)] = c
			}
			r.Citations = cs
		}
	}
	for i := range f.Risks {
		r := &f.Risks[i]
		for j, c := range r.PendingControls {
			r.PendingControls[j] = canonicalControl(cat, c)
		}
	}
	for i := range f.Organization.Locations {
		l := &f.Organization.Locations[i]
		l.Region = strings.ToUpper(l.Region)
		l.Country = strings.ToUpper(l.Country)
	}

	if f.Output.Theme == "" {
		f.Output.Theme = "default"
	}
	if f.Output.Language == "" {
		f.Output.Language = "en-US"
	}
	if f.Output.PageSize == "" {
		f.Output.PageSize = "a4"
		if slices.Contains(letterCountries, o.Country) {
			f.Output.PageSize = "letter"
		}
	}
}

// canonicalControl spells a known control ID the canonical way and leaves an
// unknown one as written, so that the error quotes the user's text.
func canonicalControl(cat *catalog.Catalog, id string) string {
	if c, ok := cat.Control(id); ok {
		return c.ID
	}
	return id
}

// setDefaults gives a project without a risk method the common 5 x 5 matrix.
func (m *RiskMethod) setDefaults() {
	if len(m.Likelihood) == 0 {
		m.Likelihood = []Level{
			{1, "Rare", "May happen only in exceptional circumstances; not expected within five years."},
			{2, "Unlikely", "Could happen within five years."},
			{3, "Possible", "Could happen within two years."},
			{4, "Likely", "Expected to happen within a year."},
			{5, "Almost certain", "Expected to happen several times a year."},
		}
	}
	if len(m.Impact) == 0 {
		m.Impact = []Level{
			{1, "Negligible", "No noticeable effect on customers, operations or obligations."},
			{2, "Minor", "Limited, short disruption or exposure, handled within normal operations."},
			{3, "Moderate", "Noticeable disruption, exposure of internal data, or a contractual issue with one customer."},
			{4, "Major", "Extended outage, exposure of customer or personal data, or a reportable breach."},
			{5, "Severe", "Loss of customers' trust at scale, regulatory sanction, or a threat to the business."},
		}
	}
	if m.Scoring == "" {
		m.Scoring = "multiply"
	}
	if len(m.Bands) == 0 {
		top := m.MaxScore()
		m.Bands = []Band{
			{"Low", top * 4 / 25, "Accept and monitor through the annual review."},
			{"Medium", top * 9 / 25, "Treat within the normal planning cycle, or accept with the risk owner's approval."},
			{"High", top * 16 / 25, "Treat as a priority; top management is informed."},
			{"Critical", top, "Treat immediately; top management approves the plan."},
		}
	}
	if m.AcceptanceThreshold == 0 {
		m.AcceptanceThreshold = m.Bands[0].Max
		if len(m.Bands) > 1 {
			m.AcceptanceThreshold = m.Bands[1].Max
		}
	}
	if m.ReviewMonths == 0 {
		m.ReviewMonths = 12
	}
	if len(m.Acceptance) == 0 {
		m.Acceptance = []AcceptanceRule{
			{Score: m.AcceptanceThreshold + 1, By: "top-management"},
			{Impact: maxValue(m.Impact), By: "top-management"},
		}
	}
}

// setDefaults gives a project without a scheme the common four levels, and
// a scheme without a default its second level (Internal).
func (c *Classification) setDefaults() {
	c.declared = len(c.Levels) > 0
	if !c.declared {
		c.Levels = slices.Clone(defaultLevels)
	}
	if c.Default == "" {
		c.Default = c.Levels[min(1, len(c.Levels)-1)].ID
	}
}

// AcceptanceRules returns the rules that apply to a rating: who must accept
// a risk of that impact and score. Rules of one kind form tiers: of the
// score rules the rating reaches, only those with the highest score apply,
// and likewise for impact, so that "score 9 by the CISO, score 16 by top
// management" hands a score of 16 to top management alone.
func (m RiskMethod) AcceptanceRules(likelihood, impact int) []AcceptanceRule {
	score := m.Score(likelihood, impact)
	topScore, topImpact := 0, 0
	for _, r := range m.Acceptance {
		if r.Score > 0 && score >= r.Score {
			topScore = max(topScore, r.Score)
		}
		if r.Impact > 0 && impact >= r.Impact {
			topImpact = max(topImpact, r.Impact)
		}
	}
	var out []AcceptanceRule
	for _, r := range m.Acceptance {
		if (r.Impact > 0 && r.Impact == topImpact) || (r.Score > 0 && r.Score == topScore) {
			out = append(out, r)
		}
	}
	return out
}

// Score combines a likelihood and an impact with the configured scoring.
func (m RiskMethod) Score(likelihood, impact int) int {
	if m.Scoring == "add" {
		return likelihood + impact
	}
	return likelihood * impact
}

// MaxScore is the highest score the scales allow.
func (m RiskMethod) MaxScore() int {
	return m.Score(maxValue(m.Likelihood), maxValue(m.Impact))
}

func maxValue(ls []Level) int {
	top := 0
	for _, l := range ls {
		top = max(top, l.Value)
	}
	return top
}

// Band returns the band a score falls in.
func (m RiskMethod) Band(score int) Band {
	for _, b := range m.Bands {
		if score <= b.Max {
			return b
		}
	}
	if len(m.Bands) == 0 {
		return Band{}
	}
	return m.Bands[len(m.Bands)-1]
}

// LevelName returns the name of a value on a scale, or "" if it is not on it.
func LevelName(scale []Level, v int) string {
	for _, l := range scale {
		if l.Value == v {
			return l.Name
		}
	}
	return ""
}

// Person returns the person with the given ID.
func (f *Facts) Person(id string) (Person, bool) {
	for _, p := range f.People {
		if p.ID == id {
			return p, true
		}
	}
	return Person{}, false
}

// Role returns a built-in or project-defined role.
func (f *Facts) Role(id string) (Role, bool) {
	for _, r := range f.Roles {
		if r.ID == id {
			return r, true
		}
	}
	for _, r := range BuiltinRoles {
		if r.ID == id {
			return r, true
		}
	}
	return Role{}, false
}

// Holders returns the people who hold a role, in the order of `people`.
func (f *Facts) Holders(role string) []Person {
	var out []Person
	for _, p := range f.People {
		if slices.Contains(p.Roles, role) {
			out = append(out, p)
		}
	}
	return out
}

// Resolve finds the person behind a reference, which is a person ID or a
// role ID (the first person holding the role).
func (f *Facts) Resolve(ref string) (Person, bool) {
	if p, ok := f.Person(ref); ok {
		return p, true
	}
	if hs := f.Holders(ref); len(hs) > 0 {
		return hs[0], true
	}
	return Person{}, false
}

// IsTopManagement reports whether ref, a person ID or a role ID, is top
// management: the top-management role, or a person who holds it.
func (f *Facts) IsTopManagement(ref string) bool {
	if ref == "top-management" {
		return true
	}
	p, ok := f.Person(ref)
	return ok && slices.Contains(p.Roles, "top-management")
}

// Acceptor names a person or role that the risk method's acceptance rules
// reserve acceptances to, as it reads in a sentence: "top management", a
// person's name, or "the" and a role's title.
func (f *Facts) Acceptor(ref string) string {
	if ref == "top-management" {
		return "top management"
	}
	if p, ok := f.Person(ref); ok {
		return p.Name
	}
	if r, ok := f.Role(ref); ok {
		return "the " + r.Title
	}
	return ref
}

// Team returns the team with the given ID.
func (f *Facts) Team(id string) (Team, bool) {
	for _, t := range f.Teams {
		if t.ID == id {
			return t, true
		}
	}
	return Team{}, false
}

// InTeam reports whether the facts put a person in a team: as a member
// (people[].team) or as its lead. Sentences may then speak of "their team";
// otherwise the person works alone as far as the facts say.
func (f *Facts) InTeam(p Person) bool {
	if _, ok := f.Team(p.Team); ok {
		return true
	}
	for _, t := range f.Teams {
		if l, ok := f.Resolve(t.Lead); ok && l.ID == p.ID {
			return true
		}
	}
	return false
}

// Location returns the organization's location with the given ID.
func (f *Facts) Location(id string) (Location, bool) {
	for _, l := range f.Organization.Locations {
		if l.ID == id {
			return l, true
		}
	}
	return Location{}, false
}

// ScopeLocations returns the in-scope locations in scope order.
func (f *Facts) ScopeLocations() []Location {
	var out []Location
	for _, id := range f.Scope.Locations {
		if l, ok := f.Location(id); ok {
			out = append(out, l)
		}
	}
	return out
}

// HasRegime reports whether a regime applies.
func (f *Facts) HasRegime(id string) bool { return slices.Contains(f.RegimeIDs(), id) }

// RegimeIDs returns the IDs of the regimes that apply, in the facts' order.
func (f *Facts) RegimeIDs() []string {
	ids := make([]string, len(f.Regimes))
	for i, r := range f.Regimes {
		ids[i] = r.ID
	}
	return ids
}

// RegimeEntry returns the facts' entry for a regime that applies.
func (f *Facts) RegimeEntry(id string) (RegimeEntry, bool) {
	for _, r := range f.Regimes {
		if r.ID == id {
			return r, true
		}
	}
	return RegimeEntry{}, false
}

// Regime resolves a regime that applies or that the facts declare: the
// built-in one, or the one declared under regimes.
func (f *Facts) Regime(cat *catalog.Catalog, id string) (catalog.Regime, bool) {
	e, ok := f.RegimeEntry(id)
	if r, builtin := cat.RegimeAt(id, e.Level); builtin {
		return r, true
	}
	if !ok || !e.Declares() {
		return catalog.Regime{}, false
	}
	return catalog.Regime{ID: e.ID, Name: e.Name, Short: cmpOr(e.ShortName, e.Name), Kind: e.Kind, Focus: e.Focus, Obligations: e.Obligations, FIPS140: e.FIPS140, Custom: true}, true
}

// Citation returns the section of a regime that applies and that calls for
// a control: the one the facts give, else the built-in one.
func (f *Facts) Citation(cat *catalog.Catalog, regime, control string) string {
	e, _ := f.RegimeEntry(regime)
	if c := e.Citations[control]; c != "" {
		return c
	}
	return cat.CitationAt(regime, e.Level, control)
}

// RequiresFIPS reports whether the facts or a regime that applies require
// FIPS 140-validated cryptography, and names what requires it.
func (f *Facts) RequiresFIPS(cat *catalog.Catalog) (bool, string) {
	for _, e := range f.Regimes {
		if r, ok := f.Regime(cat, e.ID); ok && (r.FIPS140 || e.FIPS140) {
			return true, r.Short
		}
	}
	if f.Cryptography.FIPS140 {
		return true, "cryptography.fips_140"
	}
	return false, ""
}

// Plan returns the first plan of a kind.
func (f *Facts) Plan(kind string) (Plan, bool) {
	for _, p := range f.Plans {
		if p.Kind == kind {
			return p, true
		}
	}
	return Plan{}, false
}

// SuppliersFor returns the suppliers that provide a security function, such
// as "mdr".
func (f *Facts) SuppliersFor(function string) []Supplier {
	var out []Supplier
	for _, s := range f.Suppliers {
		if slices.Contains(s.Provides, function) {
			out = append(out, s)
		}
	}
	return out
}

// Asset returns the asset with the given ID.
func (f *Facts) Asset(id string) (Asset, bool) {
	for _, a := range f.Assets {
		if a.ID == id {
			return a, true
		}
	}
	return Asset{}, false
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Decision returns the SoA decision for a control. A control without a
// decision is applicable and not implemented: it is never counted as
// satisfied by default. The second result reports whether a decision was
// written.
func (f *Facts) Decision(id string) (Decision, bool) {
	d, ok := f.Controls[catalog.NormalizeControlID(id)]
	if !ok {
		return Decision{Status: "not-implemented"}, false
	}
	if d.Status == "" {
		d.Status = "not-implemented"
	}
	return d, true
}

// IsApplicable reports whether the decision keeps the control in the SoA.
func (d Decision) IsApplicable() bool { return d.Applicable == nil || *d.Applicable }

// Risk returns the risk with the given ID.
func (f *Facts) Risk(id string) (Risk, bool) {
	for _, r := range f.Risks {
		if r.ID == id {
			return r, true
		}
	}
	return Risk{}, false
}

// ReleaseDate is the pack's date from the facts; it may be zero.
func (f *Facts) ReleaseDate() Date { return f.Release.Date }

// String prints a person as their name, so that templates can write
// {{ .Owner }}.
func (p Person) String() string { return p.Name }

// String prints a location as its name.
func (l Location) String() string { return l.Name }

// String prints a team as its name.
func (t Team) String() string { return t.Name }

// LongDate writes a date in full the way the organization's country does:
// "November 2, 2026" in the United States, "2 November 2026" elsewhere.
func (f *Facts) LongDate(d Date) string { return d.Format(f.DateLayout()) }

// DateLayout is the Go layout of LongDate.
func (f *Facts) DateLayout() string {
	if f.Organization.Country == "US" {
		return "January 2, 2006"
	}
	return "2 January 2006"
}

// ScopeStatement returns the scope statement: the one written in the facts,
// or one composed from the services and locations in scope.
func (f *Facts) ScopeStatement() string {
	if s := strings.TrimSpace(f.Scope.Statement); s != "" {
		return s
	}
	var b strings.Builder
	b.WriteString("The information security management system of ")
	b.WriteString(f.Organization.Name)
	b.WriteString(" covers the people, processes, information and systems ")
	var services []string
	for _, s := range f.Scope.Services {
		services = append(services, s.Name)
	}
	switch len(services) {
	case 0:
		b.WriteString("of the whole organization.")
	case 1:
		b.WriteString("used to deliver " + services[0] + ".")
	default:
		b.WriteString("used to deliver these services: ")
		b.WriteString(Series(services) + ".")
	}
	var sites []string
	remote := false
	for _, l := range f.ScopeLocations() {
		if l.Kind == "remote" {
			remote = true
			continue
		}
		sites = append(sites, l.Name)
	}
	// "the site X" reads right whether or not a name needs an article.
	where := ""
	switch len(sites) {
	case 0:
	case 1:
		where = "the site " + sites[0]
	default:
		where = "the sites " + Sentence(sites)
	}
	switch {
	case where != "" && remote:
		b.WriteString(" It applies to " + where + " and to staff working remotely.")
	case where != "":
		b.WriteString(" It applies to " + where + ".")
	case remote:
		b.WriteString(" It applies wherever its staff work, all of them remotely.")
	}
	return b.String()
}

// Series joins names that may hold their own commas and "and"s, such as
// service names, with semicolons: "a; b; and c". Sentence would run
// "Design, build and test" and "Support" together.
func Series(items []string) string {
	return joinList(items, "; ", "; and ")
}

// Sentence joins words as "a, b and c".
func Sentence(items []string) string {
	return joinList(items, ", ", " and ")
}

// Alternatives joins words as "a, b or c".
func Alternatives(items []string) string {
	return joinList(items, ", ", " or ")
}

// joinList joins items with sep, and the last with last.
func joinList(items []string, sep, last string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], sep) + last + items[len(items)-1]
}
