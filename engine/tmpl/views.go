package tmpl

import (
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// The views of the facts that describe how the organization works: its
// regimes with their citations, its classification scheme, identity
// domains, plans, jurisdictions and certification cycle. Templates read
// them instead of guessing from free text.

// RegimeView is a regime that applies, with the organization's position
// under it.
type RegimeView struct {
	catalog.Regime
	Version, Level, Role, Status, Reference string
	Assessed                                facts.Date
	Notifications                           []facts.Notification
}

// LevelNumber is the digit of the level the organization declared ("2" for
// "Level 2 (C3PAO)"), or "" when it names none.
func (r RegimeView) LevelNumber() string { return catalog.LevelNumber(r.Level) }

// ReportType is the SOC 2 report type the version names, "Type I" or
// "Type II", or "" when it names none.
func (r RegimeView) ReportType() string { return catalog.ReportType(r.Version) }

// StatusReportType is the SOC 2 report type the status names, or "".
func (r RegimeView) StatusReportType() string { return catalog.ReportType(r.Status) }

// Cite writes the regime and a citation: "HIPAA 45 CFR 164.404".
func (r RegimeView) Cite(section string) string { return r.Short + " " + section }

func regimeViews(f *facts.Facts, cat *catalog.Catalog) []RegimeView {
	var out []RegimeView
	for _, e := range f.Regimes {
		r, ok := f.Regime(cat, e.ID)
		if !ok {
			continue
		}
		if e.Version != "" && !r.Custom {
			// The edition the organization is assessed against replaces
			// the one in the built-in name.
			r.Name = strings.Replace(r.Name, "PCI DSS v4.0", "PCI DSS "+e.Version, 1)
		}
		out = append(out, RegimeView{Regime: r, Version: e.Version, Level: e.Level, Role: e.Role, Status: e.Status,
			Reference: e.Reference, Assessed: e.Assessed, Notifications: e.Notifications})
	}
	return out
}

// requirementsOf lists what calls for a control: the citation of every
// regime that applies, then the facts' own requirements.
func requirementsOf(f *facts.Facts, cat *catalog.Catalog, id string, own []string) []Requirement {
	var out []Requirement
	for _, e := range f.Regimes {
		r, ok := f.Regime(cat, e.ID)
		if !ok {
			continue
		}
		if c := f.Citation(cat, e.ID, id); c != "" {
			out = append(out, Requirement{Regime: r.ID, Short: r.Short, Kind: r.Kind, Citation: c})
		}
		if r.ID == "state-breach-laws" && (id == "A.5.24" || id == "A.5.26") {
			for _, s := range f.States() {
				if law, ok := cat.StateLaw(s.Region); ok && !f.ExemptFrom(law) {
					out = append(out, Requirement{Regime: r.ID, Short: s.Name, Kind: "law", Citation: law.Citation, state: true})
				}
			}
		}
	}
	for _, c := range own {
		out = append(out, Requirement{Kind: "contractual", Citation: c})
	}
	return out
}

// reasonOf composes the SoA justification of a row from its drivers: the
// facts' own justification first, then the risks it treats and the
// requirements that call for it; the baseline reason only when neither
// exists.
func reasonOf(c ControlView) string {
	if !c.Applicable {
		return c.Justification
	}
	var parts []string
	if c.Justification != "" {
		parts = append(parts, strings.TrimSpace(c.Justification))
	}
	if len(c.Risks) > 0 {
		parts = append(parts, "Treats "+facts.Sentence(c.Risks)+" in the risk register.")
	}
	if len(c.Requirements) > 0 {
		var rs []string
		for _, r := range c.Requirements {
			rs = append(rs, r.String())
		}
		parts = append(parts, "Required by "+facts.Sentence(rs)+".")
	}
	if len(parts) == 0 {
		parts = append(parts, "Baseline: "+c.Baseline)
	}
	return strings.Join(parts, " ")
}

// IdentityView is an identity domain with its people resolved.
type IdentityView struct {
	facts.IdentityDomain
	Admins    []facts.Person
	TeamNames []string
}

// PlanView is a plan with its owner resolved, and the document of the
// pack that is the plan (document: in the facts), or nil.
type PlanView struct {
	facts.Plan
	Owner    facts.Person
	HasOwner bool
	Doc      *DocInfo
}

func (p PlanView) String() string { return p.Name }

// RecordView is a record with its owner resolved, and the document of the
// pack that is the record (document: in the facts), or nil when it is kept
// outside the pack.
type RecordView struct {
	facts.Record
	Owner    facts.Person
	HasOwner bool
	Doc      *DocInfo
}

// NonconformityView is a recorded nonconformity with its owner resolved.
type NonconformityView struct {
	facts.Nonconformity
	Owner    facts.Person
	HasOwner bool
}

// JurisdictionView is a state or country whose law applies, with the state
// breach law ismsforge knows for it. Exempt is set when that law does not
// apply to the organization (Facts.ExemptFrom).
type JurisdictionView struct {
	facts.Jurisdiction
	Law            catalog.StateLaw
	HasLaw, Exempt bool
}

// ServiceView is a service in scope with the assets it runs on.
type ServiceView struct {
	facts.Service
	Assets []AssetView
}

// sector fills the data with the views of this file.
func (m *Model) sector(d *Data) {
	f := m.Facts
	d.Classification = f.Classification
	d.Crypto = f.Cryptography
	d.Travel = f.Travel
	d.Deadlines = f.Deadlines
	d.DataSubjects = f.DataSubjects
	d.Cycle = f.Cycle(m.Date)
	d.Governance = f.Governance
	d.Reporting = f.Reporting
	for _, id := range f.Identity {
		v := IdentityView{IdentityDomain: id}
		for _, a := range id.Admins {
			if p, ok := f.Resolve(a); ok {
				v.Admins = append(v.Admins, p)
			}
		}
		for _, t := range id.Teams {
			if tm, ok := f.Team(t); ok {
				v.TeamNames = append(v.TeamNames, tm.Name)
			}
		}
		d.Identity = append(d.Identity, v)
	}
	for _, p := range f.Plans {
		v := PlanView{Plan: p, Doc: m.byID[p.Document]}
		if p.Owner != "" {
			v.Owner, v.HasOwner = f.Resolve(p.Owner)
		}
		d.Plans = append(d.Plans, v)
	}
	for _, r := range f.Records {
		v := RecordView{Record: r, Doc: m.byID[r.Document]}
		if r.Owner != "" {
			v.Owner, v.HasOwner = f.Resolve(r.Owner)
		}
		d.Records = append(d.Records, v)
	}
	for _, n := range f.Nonconformities {
		v := NonconformityView{Nonconformity: n}
		if n.Owner != "" {
			v.Owner, v.HasOwner = f.Resolve(n.Owner)
		}
		d.Nonconformities = append(d.Nonconformities, v)
	}
	for _, j := range f.Jurisdictions() {
		v := JurisdictionView{Jurisdiction: j}
		if j.Country == "US" && j.Region != "" {
			v.Law, v.HasLaw = m.Cat.StateLaw(j.Region)
			v.Exempt = v.HasLaw && f.ExemptFrom(v.Law)
		}
		d.Jurisdictions = append(d.Jurisdictions, v)
	}
	for _, s := range f.Scope.Services {
		v := ServiceView{Service: s}
		for _, id := range s.Systems {
			if i := slices.IndexFunc(d.Assets, func(a AssetView) bool { return a.ID == id }); i >= 0 {
				v.Assets = append(v.Assets, d.Assets[i])
			}
		}
		d.Services = append(d.Services, v)
	}
}
