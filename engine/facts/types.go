package facts

import (
	"regexp"
	"slices"
)

// Facts is everything ismsforge knows about one organization, decoded from
// isms.yaml. Field names in YAML are snake_case; see the README for the
// schema. Methods on Facts answer the questions templates ask (who holds a
// role, what is the decision for a control), so that templates and checks
// never reimplement them.
type Facts struct {
	Organization      Organization `mapstructure:"organization" required:"true"`
	People            []Person     `mapstructure:"people"`
	Roles             []Role       `mapstructure:"roles"`
	Teams             []Team       `mapstructure:"teams"`
	Scope             Scope        `mapstructure:"scope"`
	InterestedParties []Party      `mapstructure:"interested_parties"`
	Objectives        []Objective  `mapstructure:"objectives"`
	Technology        Technology   `mapstructure:"technology"`
	Suppliers         []Supplier   `mapstructure:"suppliers"`
	Assets            []Asset      `mapstructure:"assets"`
	// Regimes are the laws, regulations, contracts and frameworks that
	// apply: built-in IDs, or regimes the project declares itself.
	Regimes         []RegimeEntry       `mapstructure:"regimes"`
	DataSubjects    []DataSubject       `mapstructure:"data_subjects"`
	Classification  Classification      `mapstructure:"classification"`
	Identity        []IdentityDomain    `mapstructure:"identity_domains"`
	Plans           []Plan              `mapstructure:"plans"`
	Records         []Record            `mapstructure:"records"`
	Cryptography    Cryptography        `mapstructure:"cryptography"`
	Travel          Travel              `mapstructure:"travel"`
	Deadlines       Deadlines           `mapstructure:"deadlines"`
	RiskMethod      RiskMethod          `mapstructure:"risk_method"`
	Risks           []Risk              `mapstructure:"risks"`
	Controls        map[string]Decision `mapstructure:"controls"`
	DocumentControl DocumentControl     `mapstructure:"document_control"`
	Governance      Governance          `mapstructure:"governance"`
	Reporting       Reporting           `mapstructure:"reporting"`
	Documents       map[string]DocPatch `mapstructure:"documents"`
	Certification   Certification       `mapstructure:"certification"`
	Release         Release             `mapstructure:"release"`
	Output          Output              `mapstructure:"output"`

	// Nonconformities are the nonconformities recorded so far: the open
	// ones are prefilled in the nonconformity log and the management
	// review minutes.
	Nonconformities []Nonconformity `mapstructure:"nonconformities"`
	// Custom holds free-form facts for the project's own templates. Unlike
	// every other key, keys under custom keep the case they are written in.
	Custom map[string]any `mapstructure:"custom"`

	origin *origin
}

// Organization describes the legal entity that runs the ISMS.
type Organization struct {
	// Name is how the documents refer to the organization.
	Name string `mapstructure:"name" required:"true"`
	// LegalName is the registered name; it defaults to Name.
	LegalName string `mapstructure:"legal_name"`
	// ShortName is used in running text; it defaults to Name.
	ShortName string `mapstructure:"short_name"`
	Industry  string `mapstructure:"industry"`
	// Sector picks the sector passages of the documents; regimes, services
	// and plans pick the rest.
	Sector string `mapstructure:"sector" enum:"saas,software,healthcare,defense,financial-services,manufacturing,professional-services,public-sector,education,retail,other"`
	// Serves names, in the plural, those the organization serves:
	// "patients", "customers", "prime contractors".
	Serves string `mapstructure:"serves"`
	// Description says in a sentence what the organization does.
	Description string `mapstructure:"description"`
	Employees   int    `mapstructure:"employees"`
	// Country is an ISO 3166 alpha-2 code; it picks the default page size.
	Country   string     `mapstructure:"country"`
	Website   string     `mapstructure:"website"`
	Logo      string     `mapstructure:"logo"`
	Locations []Location `mapstructure:"locations"`
}

// Location is a site the organization operates from.
type Location struct {
	ID      string `mapstructure:"id" required:"true"`
	Name    string `mapstructure:"name" required:"true"`
	Kind    string `mapstructure:"kind" enum:"office,headquarters,data-center,colocation,clinic,hospital,lab,warehouse,plant,remote,cloud"`
	Address string `mapstructure:"address"`
	Country string `mapstructure:"country"`
	// Region is the state or province, such as "OH" or "NY"; with Country
	// it decides which state laws apply.
	Region string `mapstructure:"region"`
	// Notes records anything the physical controls should mention, such as
	// a landlord who controls the building entrance.
	Notes string `mapstructure:"notes"`
	// Facilities records how the site's equipment is powered, cooled and
	// protected from fire and water. The physical security policy states it
	// for each site that gives it, and asks for it for each data center.
	Facilities Facilities `mapstructure:"facilities"`
	// Monitoring lists what watches the site for unauthorized entry
	// (A.7.4): cctv (cameras that record the entrances), door-alarms (alerts
	// when a door is forced or held open), intrusion-alarm (set outside
	// opening hours), alarm-monitoring (alarms relayed to a monitoring
	// station), reception (a staffed entrance), guards (security staff on
	// site), landlord (the landlord's security at the building entrance), or
	// none. The physical security policy states it for each site that gives
	// it, and asks for it for each site it has to describe.
	Monitoring []string `mapstructure:"monitoring" enum:"cctv,door-alarms,intrusion-alarm,alarm-monitoring,reception,guards,landlord,none"`
}

// Facilities are the supporting utilities and environmental protections of
// a site (A.7.5, A.7.11). Only what is listed is stated: nothing is
// assumed from a site's kind.
type Facilities struct {
	// Power lists the protected power: ups (an uninterruptible power
	// supply), generator (a standby generator), dual-feed (two independent
	// utility feeds).
	Power []string `mapstructure:"power" enum:"ups,generator,dual-feed"`
	// UPSRuntime is how long the UPS carries the load on its batteries.
	UPSRuntime Duration `mapstructure:"ups_runtime"`
	// GeneratorTestMonths is how often the generator is tested under load.
	GeneratorTestMonths int `mapstructure:"generator_test_months"`
	// Cooling is redundant (a unit can fail without loss of cooling) or
	// single.
	Cooling string `mapstructure:"cooling" enum:"redundant,single"`
	// Protection lists the fire and environmental protections.
	Protection []string `mapstructure:"protection" enum:"early-smoke-detection,smoke-detection,clean-agent-suppression,pre-action-sprinklers,sprinklers,leak-detection,temperature-monitoring"`
	// Links is how many diverse telecommunications links serve the site.
	Links int `mapstructure:"links"`
}

// Has reports whether the site lists the power source or protection p.
func (f Facilities) Has(p string) bool {
	return slices.Contains(f.Power, p) || slices.Contains(f.Protection, p)
}

// Person is someone named in the documents.
type Person struct {
	ID    string   `mapstructure:"id" required:"true"`
	Name  string   `mapstructure:"name" required:"true"`
	Title string   `mapstructure:"title"`
	Email string   `mapstructure:"email"`
	Team  string   `mapstructure:"team"`
	Roles []string `mapstructure:"roles"`
	// Organization names the employer of someone outside the organization,
	// such as an external internal auditor.
	Organization string `mapstructure:"organization"`
}

// Role is an ISMS role that the project defines in addition to the built-in
// ones (see BuiltinRoles).
type Role struct {
	ID          string `mapstructure:"id" required:"true"`
	Title       string `mapstructure:"title" required:"true"`
	Description string `mapstructure:"description"`
}

// Team is an organizational unit named in the documents.
type Team struct {
	ID          string `mapstructure:"id" required:"true"`
	Name        string `mapstructure:"name" required:"true"`
	Lead        string `mapstructure:"lead"`
	Description string `mapstructure:"description"`
}

// Scope is the boundary of the ISMS (clause 4.3).
type Scope struct {
	// Statement replaces the generated scope statement when set.
	Statement string    `mapstructure:"statement"`
	Services  []Service `mapstructure:"services"`
	// Locations lists IDs of organization.locations inside the scope.
	Locations    []string    `mapstructure:"locations"`
	Exclusions   []Exclusion `mapstructure:"exclusions"`
	Interfaces   []Item      `mapstructure:"interfaces"`
	Dependencies []Item      `mapstructure:"dependencies"`
}

// Item is a named thing with a description.
type Item struct {
	Name        string `mapstructure:"name" required:"true"`
	Description string `mapstructure:"description"`
	// Provider names the supplier behind a dependency, when there is one.
	Provider string `mapstructure:"provider"`
}

// Exclusion is something left out of the ISMS scope, with the reason.
type Exclusion struct {
	Item   string `mapstructure:"item" required:"true"`
	Reason string `mapstructure:"reason" required:"true"`
}

// Party is an interested party (clause 4.2).
type Party struct {
	Name string `mapstructure:"name" required:"true"`
	Kind string `mapstructure:"kind" enum:"internal,external"`
	// Category says what kind of party it is, so that documents can tell
	// a regulator from a customer without reading its name.
	Category     string   `mapstructure:"category" enum:"customer,regulator,authority,insurer,supplier,partner,workforce,owner,certification-body,community,other"`
	Requirements []string `mapstructure:"requirements"`
	// Notification is the notice the party is owed after an incident that
	// affects it, with its deadline, when a contract or agreement sets one:
	// "Within 48 hours of confirming an incident (subscription agreement)".
	Notification string `mapstructure:"notification"`
	// AddressedBy says how the ISMS meets the requirements.
	AddressedBy string `mapstructure:"addressed_by"`
}

// Objective is an information security objective (clause 6.2).
type Objective struct {
	ID     string `mapstructure:"id" required:"true"`
	Title  string `mapstructure:"title" required:"true"`
	Metric string `mapstructure:"metric" required:"true"`
	Target string `mapstructure:"target" required:"true"`
	Owner  string `mapstructure:"owner" required:"true"`
	Due    Date   `mapstructure:"due" required:"true"`
	// Baseline is where the metric stood when the objective was set.
	Baseline string `mapstructure:"baseline"`
	// Frequency is how often the metric is measured; default quarterly.
	Frequency string `mapstructure:"frequency" enum:"monthly,quarterly,semi-annually,annually"`
	Plan      string `mapstructure:"plan"`
	// Status is open (the default) until the objective is evaluated as met
	// or not met; only open objectives are listed as gaps.
	Status string `mapstructure:"status" enum:"open,met,not-met"`
	// Controls are the Annex A controls whose operation the objective
	// measures; the policies that implement them cite it.
	Controls []string `mapstructure:"controls"`
}

// Technology names the tools and services the controls rely on. Every field
// is optional; templates fall back to generic wording when a tool is not
// named.
type Technology struct {
	Cloud               []CloudProvider `mapstructure:"cloud"`
	IdentityProvider    string          `mapstructure:"identity_provider"`
	MFA                 string          `mapstructure:"mfa"`
	EndpointManagement  string          `mapstructure:"endpoint_management"`
	EndpointProtection  string          `mapstructure:"endpoint_protection"`
	Ticketing           string          `mapstructure:"ticketing"`
	CodeHosting         string          `mapstructure:"code_hosting"`
	CICD                string          `mapstructure:"ci_cd"`
	Logging             string          `mapstructure:"logging"`
	Monitoring          string          `mapstructure:"monitoring"`
	VulnerabilityScan   string          `mapstructure:"vulnerability_scanning"`
	Backup              string          `mapstructure:"backup"`
	PasswordManager     string          `mapstructure:"password_manager"`
	SecretsManagement   string          `mapstructure:"secrets_management"`
	Email               string          `mapstructure:"email"`
	Collaboration       string          `mapstructure:"collaboration"`
	HRSystem            string          `mapstructure:"hr_system"`
	DocumentManagement  string          `mapstructure:"document_management"`
	Training            string          `mapstructure:"training"`
	DLP                 string          `mapstructure:"dlp"`
	WebFiltering        string          `mapstructure:"web_filtering"`
	Network             string          `mapstructure:"network"`
	RemoteAccess        string          `mapstructure:"remote_access"`
	EHR                 string          `mapstructure:"ehr"`
	Other               []Item          `mapstructure:"other"`
	SoftwareDevelopment bool            `mapstructure:"software_development"`
	// Containers reports that production runs container images the
	// organization builds, so image signing and scanning apply.
	Containers bool `mapstructure:"containers"`
	// Paging is the tool that pages responders at any hour, if any.
	Paging string `mapstructure:"paging"`
	// ScreenLock is how long an unattended device waits before it locks.
	ScreenLock Duration `mapstructure:"screen_lock"`
	// Languages lists the main programming languages, for secure coding.
	Languages []string `mapstructure:"languages"`
}

// CloudProvider is a public cloud or SaaS platform that hosts in-scope
// systems.
type CloudProvider struct {
	Provider string `mapstructure:"provider" required:"true"`
	// Kind is iaas when the organization configures compute, containers or
	// databases there, paas or saas otherwise.
	Kind     string   `mapstructure:"kind" enum:"iaas,paas,saas"`
	Services []string `mapstructure:"services"`
	Regions  []string `mapstructure:"regions"`
	// Primary marks the provider that hosts production.
	Primary bool `mapstructure:"primary"`
	// Data says what data the provider holds and where, such as "EU
	// customer data in eu-central-1".
	Data string `mapstructure:"data"`
}

// Supplier is an entry of the supplier register (A.5.19 to A.5.22).
type Supplier struct {
	Name    string `mapstructure:"name" required:"true"`
	Service string `mapstructure:"service" required:"true"`
	// Data says what information the supplier holds or can reach.
	Data string `mapstructure:"data"`
	// Tier ranks the supplier by the risk it carries.
	Tier string `mapstructure:"tier" enum:"critical,high,medium,low"`
	// Assurance is the evidence relied on, such as "SOC 2 Type II report".
	Assurance string `mapstructure:"assurance"`
	// DPA reports whether a data processing agreement is signed.
	DPA   bool   `mapstructure:"dpa"`
	Owner string `mapstructure:"owner"`
	// IncidentNotice is the time within which the contract makes the
	// supplier report an incident that affects the organization.
	IncidentNotice Duration `mapstructure:"incident_notice"`
	// Provides names the security functions the supplier performs for the
	// organization, so that documents name it where it acts.
	Provides []string `mapstructure:"provides" enum:"mdr,soc,mssp,incident-response,forensics,breach-coach,penetration-testing,internal-audit,cloud-hosting,colocation,backup-storage,media-destruction,payroll,payment-processing,identity,email,legal-counsel,sponsor-bank,emergency-communication"`
	// Assessed is the date of the last security assessment of the
	// supplier; the next one is due by the review cycle of its tier.
	Assessed Date `mapstructure:"assessed"`
}

// aroundTheClock matches a service described as running at every hour.
var aroundTheClock = regexp.MustCompile(`(?i)24\s*x\s*7|24/7|around the clock|round-the-clock`)

// AroundTheClock reports whether the supplier's service, as the facts
// describe it, runs at every hour ("24x7 managed detection and response").
func (s Supplier) AroundTheClock() bool { return aroundTheClock.MatchString(s.Service) }

// Asset is an entry of the asset inventory (A.5.9).
type Asset struct {
	ID             string `mapstructure:"id" required:"true"`
	Name           string `mapstructure:"name" required:"true"`
	Kind           string `mapstructure:"kind" enum:"information,software,service,hardware,people,facility"`
	Owner          string `mapstructure:"owner"`
	Classification string `mapstructure:"classification"`
	Description    string `mapstructure:"description"`
	// Domain is the identity domain whose accounts reach the asset.
	Domain string `mapstructure:"domain"`
	// BackupInterval is how often the asset is backed up or replicated; it
	// bounds the recovery point any service relying on it can promise.
	BackupInterval Duration `mapstructure:"backup_interval"`
	// Recovery is how the asset is brought back: restore or failover.
	Recovery string `mapstructure:"recovery" enum:"restore,failover,rebuild,manual"`
	// RecoveryTested is the date of the last full recovery test, and
	// RecoveryTime how long that recovery took.
	RecoveryTested Date     `mapstructure:"recovery_tested"`
	RecoveryTime   Duration `mapstructure:"recovery_time"`
	// AccessReviewer reviews who has access, every AccessReviewMonths.
	AccessReviewer     string `mapstructure:"access_reviewer"`
	AccessReviewMonths int    `mapstructure:"access_review_months"`
}

// RiskMethod is the risk assessment method (clause 6.1.2).
type RiskMethod struct {
	Likelihood []Level `mapstructure:"likelihood"`
	Impact     []Level `mapstructure:"impact"`
	// Scoring combines likelihood and impact: "multiply" (default) or "add".
	Scoring string `mapstructure:"scoring" enum:"multiply,add"`
	// AcceptanceThreshold is the highest score that may be accepted without
	// treatment.
	AcceptanceThreshold int `mapstructure:"acceptance_threshold"`
	// Bands name score ranges, such as Low up to 4.
	Bands []Band `mapstructure:"bands"`
	// ReviewMonths is how often the risk assessment is repeated; default 12.
	ReviewMonths int `mapstructure:"review_months"`
	// Assessed is the date of the current risk assessment; the documents
	// date the register and plan the next assessment from it. Zero means
	// the pack's date.
	Assessed Date `mapstructure:"assessed"`
	// Acceptance says who may accept which risks. By default, a risk above
	// the acceptance threshold or at the highest impact level needs top
	// management.
	Acceptance []AcceptanceRule `mapstructure:"acceptance"`
}

// AcceptanceRule reserves the acceptance of some risks to a role or person:
// those whose accepted rating reaches Impact, or whose score reaches Score.
type AcceptanceRule struct {
	Impact int    `mapstructure:"impact"`
	Score  int    `mapstructure:"score"`
	By     string `mapstructure:"by" required:"true"`
}

// Level is one step of a likelihood or impact scale.
type Level struct {
	Value       int    `mapstructure:"value" required:"true"`
	Name        string `mapstructure:"name" required:"true"`
	Description string `mapstructure:"description"`
}

// Band names the scores up to and including Max.
type Band struct {
	Name string `mapstructure:"name" required:"true"`
	Max  int    `mapstructure:"max" required:"true"`
	// Response says what a score in this band requires.
	Response string `mapstructure:"response"`
}

// Risk is one entry of the risk register.
type Risk struct {
	ID            string   `mapstructure:"id" required:"true"`
	Title         string   `mapstructure:"title" required:"true"`
	Asset         string   `mapstructure:"asset" required:"true"`
	Threat        string   `mapstructure:"threat" required:"true"`
	Vulnerability string   `mapstructure:"vulnerability"`
	Likelihood    int      `mapstructure:"likelihood" required:"true"`
	Impact        int      `mapstructure:"impact" required:"true"`
	Treatment     string   `mapstructure:"treatment" required:"true" enum:"mitigate,accept,transfer,avoid"`
	Owner         string   `mapstructure:"owner" required:"true"`
	Controls      []string `mapstructure:"controls"`
	// Residual is the expected rating once the treatment is in place.
	Residual Rating `mapstructure:"residual"`
	// AcceptedBy names who accepted the risk (or its residual); required for
	// an accepted risk above the acceptance threshold.
	AcceptedBy string `mapstructure:"accepted_by"`
	// AcceptedOn is the date of the acceptance; it cannot precede the risk
	// assessment it accepts.
	AcceptedOn Date `mapstructure:"accepted_on"`
	// PendingControls are the controls whose implementation the open
	// treatment is still waiting for; the SoA cannot call them implemented.
	PendingControls []string `mapstructure:"pending_controls"`
	Plan            string   `mapstructure:"plan"`
	Due             Date     `mapstructure:"due"`
	Status          string   `mapstructure:"status" enum:"open,in-progress,treated,accepted,closed"`

	// Incident marks a scenario the organization would respond to as a
	// security incident (ransomware, an account takeover) rather than a
	// weakness or a consequence; the incident response plan holds
	// playbooks for the highest-rated ones.
	Incident bool `mapstructure:"incident"`
}

// Nonconformity is an entry of the nonconformity log (clause 10.2).
type Nonconformity struct {
	ID     string `mapstructure:"id" required:"true"`
	Raised Date   `mapstructure:"raised" required:"true"`
	// Source says where it was found: "Readiness review, October 2026".
	Source string `mapstructure:"source"`
	// Requirement is the clause, control or rule not met: "9.1", "A.8.8".
	Requirement string `mapstructure:"requirement"`
	Description string `mapstructure:"description" required:"true"`
	Grade       string `mapstructure:"grade" enum:"major,minor"`
	Owner       string `mapstructure:"owner"`
	// Correction fixes the nonconformity itself; Cause is its root cause;
	// Action is the corrective action that removes the cause, due on Due.
	Correction string `mapstructure:"correction"`
	Cause      string `mapstructure:"cause"`
	Action     string `mapstructure:"action"`
	Due        Date   `mapstructure:"due"`
	// Status is open (the default) until the action is verified as
	// effective, on Verified.
	Status   string `mapstructure:"status" enum:"open,closed"`
	Verified Date   `mapstructure:"verified"`
}

// Rating is a likelihood and impact pair.
type Rating struct {
	Likelihood int `mapstructure:"likelihood"`
	Impact     int `mapstructure:"impact"`
}

// Decision is the SoA decision for one Annex A control.
type Decision struct {
	// Applicable defaults to true: a control is excluded only on purpose.
	Applicable    *bool    `mapstructure:"applicable"`
	Justification string   `mapstructure:"justification"`
	Status        string   `mapstructure:"status" enum:"implemented,partial,planned,not-implemented"`
	Owner         string   `mapstructure:"owner"`
	Evidence      []string `mapstructure:"evidence"`
	Risks         []string `mapstructure:"risks"`
	// Requirements are contractual or other requirements that call for the
	// control beyond the regimes, such as "Customer MSA, section 9.2".
	Requirements []string `mapstructure:"requirements"`
	// Notes add implementation detail to the SoA row.
	Notes string `mapstructure:"notes"`
	// Due is the target date for a control that is not yet implemented;
	// without it, the control is due when the earliest open risk treatment
	// that relies on it is due.
	Due Date `mapstructure:"due"`
}

// Governance names the management forum that follows the ISMS between
// management reviews.
type Governance struct {
	Forum string `mapstructure:"forum"`
	// Meets is how often the forum meets.
	Meets string `mapstructure:"meets" enum:"weekly,monthly,quarterly"`
	// Members are people or roles.
	Members []string `mapstructure:"members"`
}

// Reporting lists the channels through which people report security
// events (A.6.8). Each is optional; the procedure lists those given.
type Reporting struct {
	Email string `mapstructure:"email"`
	// Chat is a chat channel, such as "#security-report in Slack".
	Chat  string `mapstructure:"chat"`
	Phone string `mapstructure:"phone"`
	// Hotline takes anonymous reports.
	Hotline string `mapstructure:"hotline"`
	// Portal is a form in the service desk or intranet.
	Portal string `mapstructure:"portal"`
	// PhishButton is the e-mail client's report button, such as "Phish
	// Alert button in Gmail".
	PhishButton string `mapstructure:"phish_button"`
	// External is how people outside the organization report, such as a
	// security.txt address or a web page.
	External string `mapstructure:"external"`
}

// DocumentControl holds the defaults of every document's control block.
type DocumentControl struct {
	Owner          string `mapstructure:"owner"`
	Approver       string `mapstructure:"approver"`
	Classification string `mapstructure:"classification"`
	// ReviewMonths is the review cycle; default 12.
	ReviewMonths int `mapstructure:"review_months"`
	// Prefix starts every document ID shown to readers, such as "ACME-ISMS".
	Prefix string `mapstructure:"prefix"`
	// RetentionYears is how long ISMS records are kept after they are
	// closed or superseded; without it, the minimum a regime that applies
	// fixes (HIPAA: six years), else check asks for it.
	RetentionYears int `mapstructure:"retention_years"`
	// RecordsKept is where the records completed from the pack's forms
	// (audit reports, review minutes, access reviews...) are kept.
	RecordsKept string `mapstructure:"records_kept"`
	// SourceKept is where the document source (the facts and templates) is
	// kept under version control, such as "GitHub Enterprise Cloud".
	SourceKept string `mapstructure:"source_kept"`
}

// DocPatch changes one document of the library from the facts.
type DocPatch struct {
	Owner          string `mapstructure:"owner"`
	Approver       string `mapstructure:"approver"`
	Classification string `mapstructure:"classification"`
	ReviewMonths   int    `mapstructure:"review_months"`
	// Omit leaves the document out of the pack.
	Omit bool `mapstructure:"omit"`
	// RetentionYears and Kept override document_control's retention_years
	// and records_kept for the records completed from this document.
	RetentionYears int    `mapstructure:"retention_years"`
	Kept           string `mapstructure:"kept"`
}

// Certification describes the certification cycle the audit programme plans
// for.
type Certification struct {
	Body   string `mapstructure:"body"`
	Stage1 Date   `mapstructure:"stage1"`
	Stage2 Date   `mapstructure:"stage2"`
	// InternalAudit is the full internal audit before stage 1, and
	// ManagementReview the review of its results; both default to dates
	// derived from stage 1.
	InternalAudit    Period `mapstructure:"internal_audit"`
	ManagementReview Date   `mapstructure:"management_review"`
}

// Period is a span of dates.
type Period struct {
	Start Date `mapstructure:"start"`
	End   Date `mapstructure:"end"`
}

// Release is the date the pack carries.
type Release struct {
	Date Date `mapstructure:"date"`
}

// Output holds rendering choices.
type Output struct {
	Theme string `mapstructure:"theme"`
	// PageSize is "a4" or "letter"; by default it follows the country.
	PageSize string `mapstructure:"page_size" enum:"a4,letter"`
	// RawHTML lets templates pass raw HTML through to the HTML site.
	RawHTML bool `mapstructure:"raw_html"`
	// HeadingNumbers numbers headings 1, 1.1, 1.1.1 in HTML and PDF.
	HeadingNumbers bool `mapstructure:"heading_numbers"`
	// Language is the documents' language as a BCP 47 tag (en-US, en-GB),
	// for screen readers and hyphenation; default en-US, the language the
	// built-in templates are written in.
	Language string `mapstructure:"language"`
}
