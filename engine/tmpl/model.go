package tmpl

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// Model is what templates see of one build: the facts and the views derived
// from them and from the library's front matter. It is built once per build,
// read-only afterwards (but for the runs of shared partials, which it
// guards), and shared by all template executions.
type Model struct {
	Facts *facts.Facts
	Cat   *catalog.Catalog
	// Date is the pack's date: the facts' release date or the date the
	// build was given.
	Date facts.Date

	docs     []*DocInfo
	byID     map[string]*DocInfo
	controls []ControlView
	ctrlIdx  map[string]int
	risks    []RiskView
	data     Data
	// shared are the runs of shared partials, once per model.
	sharedMu sync.Mutex
	shared   map[string]*sharedRun
}

// DocInfo is what every template may know about a document of the pack,
// independent of its version: its identity, and its control block's
// people and defaults.
type DocInfo struct {
	document.Identity
	Owner          facts.Person
	Approver       facts.Person
	Classification string
	ReviewMonths   int
	Order          int
	// RetentionYears is how long the records completed from the document
	// are kept (documents.<id>.retention_years, else
	// document_control.retention_years, else the minimum a regime fixes),
	// or 0 when the facts do not say; RetentionBasis cites the regime
	// when the period is its minimum. Kept is where those records are
	// kept (documents.<id>.kept, else document_control.records_kept).
	RetentionYears int
	RetentionBasis string
	Kept           string
}

func (d *DocInfo) String() string { return d.Title }

// ControlView is one row of the Statement of Applicability.
type ControlView struct {
	catalog.Control
	ThemeTitle    string
	Applicable    bool
	Decided       bool
	Status        string
	Justification string
	Owner         facts.Person
	HasOwner      bool
	Evidence      []string
	Risks         []string
	Notes         string
	Documents     []*DocInfo
	// Requirements are the legal, regulatory and contractual requirements
	// that call for the control: regime citations and the facts' own.
	Requirements []Requirement
	// Baseline is the control-specific reason to apply it when no risk or
	// requirement calls for it.
	Baseline string
	// Reason is the row's justification, always set: the facts' own, else
	// one composed from the risks and requirements, else the baseline.
	Reason string
}

// Requirement is a legal, regulatory or contractual requirement that calls
// for a control.
type Requirement struct {
	// Regime is the regime's ID, or "" for a requirement the facts state
	// for the control (a contract, say).
	Regime string
	// Short names the regime in a sentence: "HIPAA", "PCI DSS".
	Short string
	// Kind is the regime's kind: law, regulation, contractual, framework.
	Kind     string
	Citation string
	// state is set for a state's breach law, whose Short is the state.
	state bool
}

// String writes the requirement as it is cited: "HIPAA 45 CFR 164.312(d)".
// A citation that names its own source is written alone: a state's breach
// law by its statute ("Ohio Rev. Code § 1349.19"; Short still names the
// state for the exports), and one that begins as Short does ("42 CFR 2.16"
// of "42 CFR Part 2").
func (r Requirement) String() string {
	first := func(s string) string { w, _, _ := strings.Cut(s, " "); return w }
	switch {
	case r.Short == "" || r.state || first(r.Short) == first(r.Citation):
		return r.Citation
	case r.Citation == "":
		return r.Short
	}
	return r.Short + " " + r.Citation
}

// Drivers names what makes the control applicable, for the SoA exports:
// "risk", "legal", "regulatory", "contractual", "framework" or "baseline".
func (c ControlView) Drivers() []string {
	if !c.Applicable {
		return nil
	}
	var out []string
	if len(c.Risks) > 0 {
		out = append(out, "risk")
	}
	for _, r := range c.Requirements {
		d := "contractual"
		switch r.Kind {
		case "law":
			d = "legal"
		case "regulation":
			d = "regulatory"
		case "framework":
			d = "framework"
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		out = append(out, "baseline")
	}
	return out
}

// StatusLabel is the status in words: "Implemented", "Excluded", ...
func (c ControlView) StatusLabel() string {
	if !c.Applicable {
		return "Excluded"
	}
	return statusLabel(c.Status)
}

func statusLabel(s string) string {
	switch s {
	case "implemented":
		return "Implemented"
	case "partial":
		return "Partially implemented"
	case "planned":
		return "Planned"
	}
	return "Not implemented"
}

// RiskView is a scored risk.
type RiskView struct {
	facts.Risk
	Owner          facts.Person
	AcceptedBy     facts.Person
	HasAcceptedBy  bool
	LikelihoodName string
	ImpactName     string
	Score          int
	Band           string
	// AboveThreshold reports whether the inherent score exceeds the
	// acceptance threshold.
	AboveThreshold bool
	HasResidual    bool
	ResidualScore  int
	ResidualBand   string
	// ResidualAbove reports whether the residual score still exceeds the
	// acceptance threshold.
	ResidualAbove bool
	// AcceptedScore and AcceptedImpact are the rating that is, or must be,
	// accepted: the current one for a risk accepted as it stands, the
	// residual one otherwise (zero when no residual is rated yet).
	AcceptedScore, AcceptedImpact int
	// Reserved reports that the risk method's acceptance rules reserve the
	// acceptance of that rating to someone (top management by default);
	// such acceptances are listed in the register and reconfirmed at the
	// management review. ReservedTo names the roles or people;
	// ReservedTop reports that one of them is top management, so that the
	// management review gives or reconfirms the acceptance.
	// ReservedBy holds the rules themselves.
	Reserved    bool
	ReservedTo  []string
	ReservedTop bool
	ReservedBy  []facts.AcceptanceRule
	// Accepted reports that someone accepted the rating (accepted_by).
	Accepted bool
}

// TreatmentLabel is the treatment option in words.
func (r RiskView) TreatmentLabel() string {
	switch r.Treatment {
	case "mitigate":
		return "Mitigate"
	case "accept":
		return "Accept"
	case "transfer":
		return "Transfer"
	case "avoid":
		return "Avoid"
	}
	return r.Treatment
}

// ObjectiveView is an objective with its owner resolved.
type ObjectiveView struct {
	facts.Objective
	Owner facts.Person
}

// TeamView is a team with its lead resolved.
type TeamView struct {
	facts.Team
	Lead    facts.Person
	HasLead bool
	Members []facts.Person
}

// SupplierView is a supplier with its owner resolved.
type SupplierView struct {
	facts.Supplier
	Owner    facts.Person
	HasOwner bool
}

// AssetView is an asset with its owner resolved.
type AssetView struct {
	facts.Asset
	Owner    facts.Person
	HasOwner bool
}

// ScopeView is the scope with its locations resolved.
type ScopeView struct {
	Statement    string
	Services     []facts.Service
	Locations    []facts.Location
	Exclusions   []facts.Exclusion
	Interfaces   []facts.Item
	Dependencies []facts.Item
}

// NewModel derives the template model from the facts and the documents that
// take part in the build, in register order.
func NewModel(f *facts.Facts, cat *catalog.Catalog, date facts.Date, docs []*Template) *Model {
	m := &Model{Facts: f, Cat: cat, Date: date, byID: map[string]*DocInfo{}, ctrlIdx: map[string]int{}}
	prefix := RefPrefix(f)
	for _, t := range docs {
		mt := t.Meta
		ref := strings.ToUpper(mt.ID)
		if mt.Ref != "" {
			ref = mt.Ref
		}
		info := &DocInfo{
			Identity: document.Identity{ID: mt.ID, Title: mt.Title, Kind: mt.Kind, Summary: mt.Summary, Ref: prefix + "-" + ref,
				Requirements: document.NewRequirements(mt.Clauses, mt.Controls, mt.Frameworks)},
			Classification: mt.Classification, ReviewMonths: mt.ReviewMonths, Order: mt.Order,
		}
		patch := f.Documents[mt.ID]
		info.Owner = resolve(f, cmp.Or(patch.Owner, standsFor(f, mt.ID), mt.Owner, f.DocumentControl.Owner))
		info.Approver = resolve(f, cmp.Or(patch.Approver, mt.Approver, f.DocumentControl.Approver))
		info.Classification = cmp.Or(patch.Classification, mt.Classification, f.DocumentControl.Classification)
		info.ReviewMonths = cmp.Or(patch.ReviewMonths, mt.ReviewMonths, f.DocumentControl.ReviewMonths)
		info.RetentionYears = cmp.Or(patch.RetentionYears, f.DocumentControl.RetentionYears)
		if info.RetentionYears == 0 {
			info.RetentionYears, info.RetentionBasis = f.RetentionMinimum()
		}
		info.Kept = cmp.Or(patch.Kept, recordKept(f, mt.ID), f.DocumentControl.RecordsKept)
		m.docs = append(m.docs, info)
		m.byID[mt.ID] = info
	}
	// Index once: risks name controls, documents implement controls. The
	// register may hold thousands of risks.
	risksOf := map[string][]string{}
	for _, r := range f.Risks {
		for _, c := range r.Controls {
			risksOf[c] = append(risksOf[c], r.ID)
		}
	}
	docsOf := map[string][]*DocInfo{}
	for _, doc := range m.docs {
		for _, c := range doc.Controls() {
			docsOf[c] = append(docsOf[c], doc)
		}
	}
	for i, c := range cat.Controls() {
		d, decided := f.Decision(c.ID)
		v := ControlView{
			Control: c, ThemeTitle: c.Theme.Title(), Applicable: d.IsApplicable(), Decided: decided,
			Status: d.Status, Justification: d.Justification, Evidence: d.Evidence, Notes: d.Notes,
			Documents: docsOf[c.ID],
		}
		if d.Owner != "" {
			v.Owner, v.HasOwner = f.Resolve(d.Owner)
		}
		// A risk relates to a control when either names the other.
		v.Risks = append(slices.Clone(d.Risks), risksOf[c.ID]...)
		slices.Sort(v.Risks)
		v.Risks = slices.Compact(v.Risks)
		v.Requirements = requirementsOf(f, cat, c.ID, d.Requirements)
		v.Baseline = cat.Baseline(c.ID)
		v.Reason = reasonOf(v)
		m.controls = append(m.controls, v)
		m.ctrlIdx[c.ID] = i
	}
	rm := f.RiskMethod
	for _, r := range f.Risks {
		v := RiskView{Risk: r, Owner: resolve(f, r.Owner)}
		if r.AcceptedBy != "" {
			v.AcceptedBy, v.HasAcceptedBy = f.Resolve(r.AcceptedBy)
		}
		v.LikelihoodName = facts.LevelName(rm.Likelihood, r.Likelihood)
		v.ImpactName = facts.LevelName(rm.Impact, r.Impact)
		v.Score = rm.Score(r.Likelihood, r.Impact)
		v.Band = rm.Band(v.Score).Name
		v.AboveThreshold = v.Score > rm.AcceptanceThreshold
		if r.Residual.Likelihood > 0 && r.Residual.Impact > 0 {
			v.HasResidual = true
			v.ResidualScore = rm.Score(r.Residual.Likelihood, r.Residual.Impact)
			v.ResidualBand = rm.Band(v.ResidualScore).Name
			v.ResidualAbove = v.ResidualScore > rm.AcceptanceThreshold
		}
		lk, im := r.Residual.Likelihood, r.Residual.Impact
		if r.Treatment == "accept" {
			lk, im = r.Likelihood, r.Impact
		}
		if lk > 0 && im > 0 {
			v.AcceptedScore, v.AcceptedImpact = rm.Score(lk, im), im
			v.ReservedBy = rm.AcceptanceRules(lk, im)
			for _, rule := range v.ReservedBy {
				v.Reserved = true
				v.ReservedTop = v.ReservedTop || f.IsTopManagement(rule.By)
				if !slices.Contains(v.ReservedTo, rule.By) {
					v.ReservedTo = append(v.ReservedTo, rule.By)
				}
			}
		}
		v.Accepted = r.AcceptedBy != ""
		m.risks = append(m.risks, v)
	}
	slices.SortStableFunc(m.risks, func(a, b RiskView) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return strings.Compare(a.ID, b.ID)
	})
	m.data = m.newData()
	return m
}

func (m *Model) newData() Data {
	f := m.Facts
	d := Data{
		Org: f.Organization, People: f.People, Parties: f.InterestedParties, Tech: f.Technology,
		RiskMethod: f.RiskMethod, Certification: f.Certification, DocControl: f.DocumentControl,
		Custom: f.Custom, Facts: f,
	}
	if d.Custom == nil {
		d.Custom = map[string]any{}
	}
	if d.RiskMethod.Assessed.IsZero() {
		d.RiskMethod.Assessed = m.Date
	}
	if d.DocControl.RetentionYears == 0 {
		// The regime's minimum is the default retention of ISMS records.
		d.DocControl.RetentionYears, _ = f.RetentionMinimum()
	}
	d.Scope = ScopeView{
		Statement: f.Scope.Statement, Services: f.Scope.Services, Locations: f.ScopeLocations(),
		Exclusions: f.Scope.Exclusions, Interfaces: f.Scope.Interfaces, Dependencies: f.Scope.Dependencies,
	}
	for _, t := range f.Teams {
		tv := TeamView{Team: t}
		if t.Lead != "" {
			tv.Lead, tv.HasLead = f.Resolve(t.Lead)
		}
		for _, p := range f.People {
			if p.Team == t.ID {
				tv.Members = append(tv.Members, p)
			}
		}
		d.Teams = append(d.Teams, tv)
	}
	for _, s := range f.Suppliers {
		v := SupplierView{Supplier: s}
		if s.Owner != "" {
			v.Owner, v.HasOwner = f.Resolve(s.Owner)
		}
		d.Suppliers = append(d.Suppliers, v)
	}
	for _, a := range f.Assets {
		v := AssetView{Asset: a}
		if a.Owner != "" {
			v.Owner, v.HasOwner = f.Resolve(a.Owner)
		}
		d.Assets = append(d.Assets, v)
	}
	for _, o := range f.Objectives {
		d.Objectives = append(d.Objectives, ObjectiveView{Objective: o, Owner: resolve(f, o.Owner)})
	}
	d.Regimes = regimeViews(f, m.Cat)
	m.sector(&d)
	return d
}

// Docs returns the documents of the pack in register order.
func (m *Model) Docs() []*DocInfo { return m.docs }

// Doc returns a document by ID.
func (m *Model) Doc(id string) (*DocInfo, bool) {
	d, ok := m.byID[id]
	return d, ok
}

// Controls returns the 93 SoA rows in Annex A order.
func (m *Model) Controls() []ControlView { return m.controls }

// Risks returns the scored risks, highest score first.
func (m *Model) Risks() []RiskView { return m.risks }

// resolve finds the person behind a validated reference. The facts loader
// has already rejected references that do not resolve.
func resolve(f *facts.Facts, ref string) facts.Person {
	p, _ := f.Resolve(ref)
	return p
}

// RefPrefix is the prefix of the organization's document references:
// document_control.prefix, or one derived from the short name.
func RefPrefix(f *facts.Facts) string {
	if f.DocumentControl.Prefix != "" {
		return f.DocumentControl.Prefix
	}
	return refPrefix(f.Organization.ShortName)
}

// refPrefix derives a document reference prefix from the organization's
// short name: "Acme Cloud" gives "ACME-ISMS".
func refPrefix(short string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(strings.Fields(short + " X")[0]) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		b.WriteString("ORG")
	}
	return b.String() + "-ISMS"
}

// standsFor returns the owner of the plan or record the facts declare as
// the document id (document: id), so that the document and the plan name
// the same owner; "" when none does.
func standsFor(f *facts.Facts, id string) string {
	for _, p := range f.Plans {
		if p.Document == id && p.Owner != "" {
			return p.Owner
		}
	}
	for _, r := range f.Records {
		if r.Document == id && r.Owner != "" {
			return r.Owner
		}
	}
	return ""
}

// recordKept is where the record the facts declare as the document id
// (records[].document) is kept: the record is the document, so its
// completed copies are kept there. A plan's kept says where the plan
// itself is published, not its records, so it does not count.
func recordKept(f *facts.Facts, id string) string {
	for _, r := range f.Records {
		if r.Document == id {
			return r.Kept
		}
	}
	return ""
}
