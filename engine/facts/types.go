package facts

// Facts is everything ismsforge knows about one organization, decoded from
// isms.yaml. Field names in YAML are snake_case; see the README for the
// schema. Methods on Facts answer the questions templates ask (who holds a
// role, what is the decision for a control), so that templates and checks
// never reimplement them.
type Facts struct {
	Organization      Organization        `mapstructure:"organization" required:"true"`
	People            []Person            `mapstructure:"people"`
	Roles             []Role              `mapstructure:"roles"`
	Teams             []Team              `mapstructure:"teams"`
	Scope             Scope               `mapstructure:"scope"`
	InterestedParties []Party             `mapstructure:"interested_parties"`
	Objectives        []Objective         `mapstructure:"objectives"`
	Technology        Technology          `mapstructure:"technology"`
	Suppliers         []Supplier          `mapstructure:"suppliers"`
	Assets            []Asset             `mapstructure:"assets"`
	Regimes           []string            `mapstructure:"regimes"`
	RiskMethod        RiskMethod          `mapstructure:"risk_method"`
	Risks             []Risk              `mapstructure:"risks"`
	Controls          map[string]Decision `mapstructure:"controls"`
	DocumentControl   DocumentControl     `mapstructure:"document_control"`
	Documents         map[string]DocPatch `mapstructure:"documents"`
	Certification     Certification       `mapstructure:"certification"`
	Release           Release             `mapstructure:"release"`
	Output            Output              `mapstructure:"output"`
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
	// Notes records anything the physical controls should mention, such as
	// a landlord who controls the building entrance.
	Notes string `mapstructure:"notes"`
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
	Statement string `mapstructure:"statement"`
	Services  []Item `mapstructure:"services"`
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
	Name         string   `mapstructure:"name" required:"true"`
	Kind         string   `mapstructure:"kind" enum:"internal,external"`
	Requirements []string `mapstructure:"requirements"`
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
	// Languages lists the main programming languages, for secure coding.
	Languages []string `mapstructure:"languages"`
}

// CloudProvider is a public cloud or SaaS platform that hosts in-scope
// systems.
type CloudProvider struct {
	Provider string   `mapstructure:"provider" required:"true"`
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
}

// Asset is an entry of the asset inventory (A.5.9).
type Asset struct {
	ID             string `mapstructure:"id" required:"true"`
	Name           string `mapstructure:"name" required:"true"`
	Kind           string `mapstructure:"kind" enum:"information,software,service,hardware,people,facility"`
	Owner          string `mapstructure:"owner"`
	Classification string `mapstructure:"classification"`
	Description    string `mapstructure:"description"`
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
	Plan       string `mapstructure:"plan"`
	Due        Date   `mapstructure:"due"`
	Status     string `mapstructure:"status" enum:"open,in-progress,treated,accepted,closed"`
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
	// Notes add implementation detail to the SoA row.
	Notes string `mapstructure:"notes"`
	// Due is the target date for a control that is not yet implemented;
	// without it, the control is due when the earliest open risk treatment
	// that relies on it is due.
	Due Date `mapstructure:"due"`
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
}

// DocPatch changes one document of the library from the facts.
type DocPatch struct {
	Owner          string `mapstructure:"owner"`
	Approver       string `mapstructure:"approver"`
	Classification string `mapstructure:"classification"`
	ReviewMonths   int    `mapstructure:"review_months"`
	// Omit leaves the document out of the pack.
	Omit bool `mapstructure:"omit"`
}

// Certification describes the certification cycle the audit programme plans
// for.
type Certification struct {
	Body   string `mapstructure:"body"`
	Stage1 Date   `mapstructure:"stage1"`
	Stage2 Date   `mapstructure:"stage2"`
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
