package facts

import (
	"strings"
	"time"
)

// Service is a service inside the ISMS scope (clause 4.3), with what its
// users are promised: availability and recovery objectives.
type Service struct {
	Name        string `mapstructure:"name" required:"true"`
	Description string `mapstructure:"description"`
	Provider    string `mapstructure:"provider"`
	// Kind says how the service is delivered; a saas service has customers
	// who use it online, with releases, status pages and tenants.
	Kind string `mapstructure:"kind" enum:"saas,product,managed-service,care,manufacturing,financial,professional,internal"`
	// MultiTenant reports that customers share one platform, so that one
	// must never see another's data.
	MultiTenant bool `mapstructure:"multi_tenant"`
	// StatusPage is where customers see the service's status, if anywhere.
	StatusPage string `mapstructure:"status_page"`
	// Availability is the committed availability, such as "99.9%", over
	// each calendar month.
	Availability string `mapstructure:"availability"`
	// RTO and RPO are the recovery time and recovery point objectives;
	// MTD is the maximum tolerable downtime.
	RTO Duration `mapstructure:"rto"`
	RPO Duration `mapstructure:"rpo"`
	MTD Duration `mapstructure:"mtd"`
	// Systems are the IDs of the assets the service runs on.
	Systems []string `mapstructure:"systems"`
	// Continuity is the plan ID that keeps the service going when its
	// systems are down (downtime procedures, manual fallback).
	Continuity string `mapstructure:"continuity"`
	// Suppliers are the names of the suppliers (under suppliers) the
	// service cannot run without, for the business impact analysis.
	Suppliers []string `mapstructure:"suppliers"`
}

// MonthlyDowntime is the downtime the availability commitment allows in a
// 30-day month; ok is false when the service commits to no availability.
func (s Service) MonthlyDowntime() (d time.Duration, ok bool) {
	a, ok := Availability(s.Availability)
	if !ok {
		return 0, false
	}
	return time.Duration(float64(30*24*time.Hour) * (1 - a)), true
}

// RTOExceedsDowntime reports whether one outage as long as the recovery
// time objective would use more than the downtime the availability
// commitment allows in a month.
func (s Service) RTOExceedsDowntime() bool {
	d, ok := s.MonthlyDowntime()
	return ok && !s.RTO.IsZero() && s.RTO.D() > d
}

// DataSubject is a group of people whose personal information the
// organization holds: where they live decides which laws protect them.
type DataSubject struct {
	Name string `mapstructure:"name" required:"true"`
	// Data says what information is held about them.
	Data string `mapstructure:"data"`
	// Countries (ISO codes) and Regions (state or province codes, in the
	// organization's country unless Countries says otherwise) where they
	// live.
	Countries []string `mapstructure:"countries"`
	Regions   []string `mapstructure:"regions"`
	// Count is about how many there are.
	Count int `mapstructure:"count"`
	// OnBehalf reports that the organization holds the information for its
	// customers, who own it and notify the people concerned; state breach
	// laws then ask the organization to notify the customer.
	OnBehalf bool `mapstructure:"on_behalf"`
}

// Plan is an operational plan the policies defer to: the incident response
// plan, an emergency operations plan, downtime procedures, continuity and
// recovery plans. Documents name a plan only when the facts declare it.
type Plan struct {
	ID   string `mapstructure:"id" required:"true"`
	Name string `mapstructure:"name" required:"true"`
	Kind string `mapstructure:"kind" required:"true" enum:"incident-response,emergency-operations,downtime,business-continuity,disaster-recovery,crisis-communication,breach-notification,technology-control,system-security,vulnerability-disclosure,other"`
	// Owner maintains the plan.
	Owner string `mapstructure:"owner"`
	// Kept says where the plan is kept, such as "PolicyStat".
	Kept string `mapstructure:"kept"`
	// Reviewed and Tested are the dates of the last review and exercise;
	// Exercise says what the last exercise was.
	Reviewed Date   `mapstructure:"reviewed"`
	Tested   Date   `mapstructure:"tested"`
	Exercise string `mapstructure:"exercise"`
	// Structure names the command structure the plan runs under, such as
	// "Hospital Incident Command System (HICS)".
	Structure   string `mapstructure:"structure"`
	Description string `mapstructure:"description"`
	// Document is the ID of the library document that is this plan, such
	// as incident-response-plan: the pack generates it, with the plan's
	// owner and dates, unless documents.<id>.omit keeps the plan outside
	// the pack.
	Document string `mapstructure:"document"`
}

// Record is documented information kept outside the pack that evidence may
// name: a system security plan, a business impact analysis, a register
// kept in another tool.
type Record struct {
	ID          string `mapstructure:"id" required:"true"`
	Name        string `mapstructure:"name" required:"true"`
	Owner       string `mapstructure:"owner"`
	Kept        string `mapstructure:"kept"`
	Description string `mapstructure:"description"`
	// Document is the ID of the library document this record is, such as
	// business-impact-analysis: the pack generates it unless
	// documents.<id>.omit keeps the record outside the pack.
	Document string `mapstructure:"document"`
}

// Cryptography holds the organization's cryptographic choices.
type Cryptography struct {
	// FIPS140 requires FIPS 140-validated modules for the protected
	// information; some regimes require it whatever this says.
	FIPS140 bool `mapstructure:"fips_140"`
	// Algorithms are the approved algorithms and protocols, such as
	// "AES-256-GCM" or "TLS 1.3"; empty means the documents' defaults.
	Algorithms []string `mapstructure:"algorithms"`
	// CustomerManagedKeys reports that customers may bring their own keys.
	CustomerManagedKeys bool `mapstructure:"customer_managed_keys"`
	// KeyStore names where keys are generated and kept, such as "AWS KMS".
	KeyStore string `mapstructure:"key_store"`
	// CodeSigning reports that released software is signed.
	CodeSigning bool `mapstructure:"code_signing"`
	// Rotation is how many months may pass before keys and secrets are
	// rotated.
	Rotation Rotation `mapstructure:"rotation"`
}

// Rotation holds the longest lives, in months, of keys and secrets; zero for
// one the facts leave out.
type Rotation struct {
	// Keys is the life of a master or key-encrypting key in the key store.
	Keys int `mapstructure:"keys"`
	// Secrets is the life of a secret, API key or service account
	// credential.
	Secrets int `mapstructure:"secrets"`
}

// Travel holds the rules for working abroad.
type Travel struct {
	// Abroad says whether staff may take organization devices or work
	// abroad: allowed, with approval, or forbidden.
	Abroad string `mapstructure:"abroad" enum:"allowed,approval,forbidden"`
	// Loaners says when clean loaner devices replace staff's own: never,
	// for high-risk destinations, or for every trip abroad.
	Loaners string `mapstructure:"loaners" enum:"never,high-risk,always"`
	// RegulatedData reports whether regulated information may be taken or
	// reached abroad at all.
	RegulatedData bool `mapstructure:"regulated_data"`
	// Approver approves trips and exceptions.
	Approver string `mapstructure:"approver"`
}

// Deadlines are the time limits the organization sets itself for security
// work that recurs, so that every document that states one states the same
// one. A document that needs a deadline the facts leave out words around it,
// and check asks for it.
type Deadlines struct {
	// LeaverAccess is how long a leaver's access may outlast their last
	// working day: a duration such as 24h, or same-day for the end of that
	// day.
	LeaverAccess string `mapstructure:"leaver_access"`
	// Vulnerabilities is the time allowed to fix a finding of each rating.
	Vulnerabilities FixDeadlines `mapstructure:"vulnerabilities"`
	// DormantAccounts is how long an identity may go unused before it is
	// disabled.
	DormantAccounts Duration `mapstructure:"dormant_accounts"`
	// ExceptionReview is the longest a risk acceptance for a late fix, or an
	// exception to a configuration baseline, runs before it is reviewed
	// again.
	ExceptionReview Duration `mapstructure:"exception_review"`
	// VideoRetention is how long security video recordings are kept when no
	// incident needs them longer.
	VideoRetention Duration `mapstructure:"video_retention"`
	// PhysicalAccessRecords is how many months the physical access records
	// (badge system logs, key register changes and visitor records) are
	// kept.
	PhysicalAccessRecords int `mapstructure:"physical_access_records"`
	// SupplierReview is how many months may pass between the periodic
	// reviews of a supplier of each tier.
	SupplierReview SupplierReview `mapstructure:"supplier_review"`
	// Tests is how many months may pass between two tests or exercises of
	// each kind.
	Tests Tests `mapstructure:"tests"`
	// Reviews is how many months may pass between two of each of the
	// recurring checks the policies set, such as the reconciliation of the
	// asset inventory.
	Reviews Reviews `mapstructure:"reviews"`
	// AccessReview is how many months may pass between two access reviews
	// of an identity domain or system whose own access_review_months the
	// facts leave out, and of every other system holding information above
	// the default classification level.
	AccessReview int `mapstructure:"access_review"`
	// AccessRemoval is how long access that an access review or a change of
	// role finds no longer needed may remain before it is removed.
	AccessRemoval Duration `mapstructure:"access_removal"`
	// PhishingSimulation is how many months may pass between two simulated
	// phishing campaigns sent to every member of staff; zero when the
	// organization runs none, and the documents then mention none.
	PhishingSimulation int `mapstructure:"phishing_simulation"`
	// Training is how many months may pass between two rounds of security
	// awareness refresher training, when everyone also acknowledges the
	// policies again and the role courses are repeated.
	Training int `mapstructure:"training"`
	// PostIncidentReview is the time allowed, from the closure of an
	// incident of one of the two highest severities, to hold its
	// post-incident review.
	PostIncidentReview Duration `mapstructure:"post_incident_review"`
	// EmergencyChangeReview is how soon a change made without the usual
	// approval or planning, such as an emergency change, is reviewed after
	// it is made.
	EmergencyChangeReview Duration `mapstructure:"emergency_change_review"`
	// AlertTriage is the time allowed, from when a monitoring alert below
	// high severity is raised, to triage it.
	AlertTriage Duration `mapstructure:"alert_triage"`
	// IncidentResponse is the time allowed, from the report of an incident
	// of each severity, to start its response.
	IncidentResponse IncidentResponse `mapstructure:"incident_response"`
	// IncidentEscalation is how soon, from the report of an incident of one
	// of the two highest severities, top management (SEV-1) or the security
	// lead (SEV-2) is informed.
	IncidentEscalation IncidentEscalation `mapstructure:"incident_escalation"`
	// CorrectiveAction is the time allowed, from when a nonconformity is
	// recorded, to correct it and to agree its root cause and corrective
	// action, for a major and a minor one.
	CorrectiveAction CorrectiveAction `mapstructure:"corrective_action"`
}

// CorrectiveAction is the time allowed to answer a nonconformity of each
// grade with its correction, root cause and corrective action plan.
type CorrectiveAction struct {
	Major Duration `mapstructure:"major"`
	Minor Duration `mapstructure:"minor"`
}

// IncidentResponse is the time allowed to start the response to an
// incident of each severity of the incident severity scale, SEV-1 the
// highest.
type IncidentResponse struct {
	Sev1 Duration `mapstructure:"sev1"`
	Sev2 Duration `mapstructure:"sev2"`
	Sev3 Duration `mapstructure:"sev3"`
	Sev4 Duration `mapstructure:"sev4"`
}

// IncidentEscalation is how soon an incident of one of the two highest
// severities is reported upwards: a SEV-1 to top management, a SEV-2 to
// the security lead.
type IncidentEscalation struct {
	Sev1 Duration `mapstructure:"sev1"`
	Sev2 Duration `mapstructure:"sev2"`
}

// Tests are the cycles, in months, of the tests and exercises that show
// recovery and response work; zero for a kind the facts leave out.
type Tests struct {
	// Restore is the cycle of restoring a sample of backups as a test.
	Restore int `mapstructure:"restore"`
	// Recovery is the cycle of a full recovery or failover test of each
	// critical system, timed against its recovery objectives.
	Recovery int `mapstructure:"recovery"`
	// Continuity is the cycle of the business continuity exercise.
	Continuity int `mapstructure:"continuity"`
	// Incident is the cycle of the incident response exercise.
	Incident int `mapstructure:"incident"`
	// Penetration is the cycle of the independent penetration test.
	Penetration int `mapstructure:"penetration"`
}

// cycleKind is a key of deadlines.tests or deadlines.reviews, with what
// it times and a usual cycle, in months, to suggest.
type cycleKind struct {
	key, what string
	example   int
}

// cycleKinds are the keys of one of those tables.
type cycleKinds []cycleKind

// find says what a key times and its usual cycle; ok is false for a key
// that is not one of ks.
func (ks cycleKinds) find(key string) (what string, example int, ok bool) {
	for _, k := range ks {
		if k.key == key {
			return k.what, k.example, true
		}
	}
	return "", 0, false
}

// keys lists the keys of ks for a hint: "a, b or c".
func (ks cycleKinds) keys() string {
	var b strings.Builder
	for i, k := range ks {
		switch {
		case i == len(ks)-1 && i > 0:
			b.WriteString(" or ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(k.key)
	}
	return b.String()
}

// testKinds are the keys of deadlines.tests.
var testKinds = cycleKinds{
	{"restore", "restore tests of backups", 3},
	{"recovery", "full recovery or failover tests of each critical system", 12},
	{"continuity", "business continuity exercises", 12},
	{"incident", "incident response exercises", 12},
	{"penetration", "independent penetration tests", 12},
}

// TestKind says what a key of deadlines.tests times, such as "restore
// tests of backups", and a usual cycle in months; ok is false for a key
// that is not one.
func TestKind(key string) (what string, example int, ok bool) { return testKinds.find(key) }

// TestKeys lists the keys of deadlines.tests: "restore, recovery, ... or
// penetration".
func TestKeys() string { return testKinds.keys() }

// Reviews are the cycles, in months, of the recurring checks the policies
// set; zero for a kind the facts leave out, which the documents then state
// without a cycle.
type Reviews struct {
	// Inventory is the cycle of reconciling the asset inventory against its
	// source systems.
	Inventory int `mapstructure:"inventory"`
	// PhysicalAccess is the cycle of reviewing who holds badges and keys.
	PhysicalAccess int `mapstructure:"physical_access"`
	// ClearDesk is the cycle of the unannounced clear desk walkthroughs.
	ClearDesk int `mapstructure:"clear_desk"`
	// Capacity is the cycle of the review of capacity trends.
	Capacity int `mapstructure:"capacity"`
	// DetectionRules is the cycle of the review of the monitoring's
	// detection rules.
	DetectionRules int `mapstructure:"detection_rules"`
	// CloudBaseline is the cycle of reviewing each cloud service's
	// configuration against its baseline, for an organization that runs no
	// IaaS platform (the cloud policy describes posture scanning for one
	// that does).
	CloudBaseline int `mapstructure:"cloud_baseline"`
	// ReportingChannels is the cycle of checking that each channel for
	// reporting a security event still works and reaches whoever receives
	// the reports.
	ReportingChannels int `mapstructure:"reporting_channels"`
	// Cabling is the cycle of inspecting cabling for unauthorized devices,
	// and that of an air-gapped network for connections to any other
	// network or device.
	Cabling int `mapstructure:"cabling"`
	// Ownership is the cycle of the asset owners' confirmation that the
	// inventory entries they own are accurate, still needed and correctly
	// classified.
	Ownership int `mapstructure:"ownership"`
	// Deletion is the cycle of the data set owners' confirmation that
	// expired information was deleted where deletion is not automated.
	Deletion int `mapstructure:"deletion"`
	// ProjectSampling is the cycle of the security lead's review of a
	// sample of the records of projects below high risk.
	ProjectSampling int `mapstructure:"project_sampling"`
	// ComplianceChecks is the longest time within which the compliance
	// checking program covers every topic policy.
	ComplianceChecks int `mapstructure:"compliance_checks"`
	// Baselines is the cycle of each configuration baseline's review by its
	// owner.
	Baselines int `mapstructure:"baselines"`
}

// reviewKinds are the keys of deadlines.reviews.
var reviewKinds = cycleKinds{
	{"inventory", "reconciliations of the asset inventory against its source systems", 3},
	{"physical_access", "reviews of the holders of badges and keys", 3},
	{"clear_desk", "unannounced clear desk walkthroughs at each site", 3},
	{"capacity", "reviews of capacity trends", 3},
	{"detection_rules", "reviews of the detection rules of security monitoring", 3},
	{"cloud_baseline", "reviews of each cloud service's configuration against its baseline", 3},
	{"reporting_channels", "checks that each channel for reporting a security event still works and reaches whoever receives the reports", 3},
	{"cabling", "inspections of cabling for unauthorized devices", 12},
	{"ownership", "confirmations by asset owners that the inventory entries they own are accurate", 12},
	{"deletion", "confirmations by the owners of data sets without automated deletion that expired information was deleted", 12},
	{"project_sampling", "reviews by the security lead of a sample of the records of projects below high risk", 3},
	{"compliance_checks", "rounds of compliance checks that cover every topic policy", 12},
	{"baselines", "reviews of each configuration baseline by its owner", 12},
}

// ReviewKind says what a key of deadlines.reviews times, such as
// "reviews of capacity trends", and a usual cycle in months; ok is false
// for a key that is not one.
func ReviewKind(key string) (what string, example int, ok bool) { return reviewKinds.find(key) }

// ReviewKeys lists the keys of deadlines.reviews, as TestKeys does.
func ReviewKeys() string { return reviewKinds.keys() }

// Months is the cycle of a kind of review, by its key; zero when unset.
func (r Reviews) Months(kind string) int {
	switch kind {
	case "inventory":
		return r.Inventory
	case "physical_access":
		return r.PhysicalAccess
	case "clear_desk":
		return r.ClearDesk
	case "capacity":
		return r.Capacity
	case "detection_rules":
		return r.DetectionRules
	case "cloud_baseline":
		return r.CloudBaseline
	case "reporting_channels":
		return r.ReportingChannels
	case "cabling":
		return r.Cabling
	case "ownership":
		return r.Ownership
	case "deletion":
		return r.Deletion
	case "project_sampling":
		return r.ProjectSampling
	case "compliance_checks":
		return r.ComplianceChecks
	case "baselines":
		return r.Baselines
	}
	return 0
}

// Months is the cycle of a kind of test, by its key; zero when unset.
func (t Tests) Months(kind string) int {
	switch kind {
	case "restore":
		return t.Restore
	case "recovery":
		return t.Recovery
	case "continuity":
		return t.Continuity
	case "incident":
		return t.Incident
	case "penetration":
		return t.Penetration
	}
	return 0
}

// SupplierReview is the review cycle of each supplier tier, in months; zero
// for a tier the organization does not review periodically.
type SupplierReview struct {
	Critical int `mapstructure:"critical"`
	High     int `mapstructure:"high"`
	Medium   int `mapstructure:"medium"`
	Low      int `mapstructure:"low"`
}

// supplierTiers are the supplier tiers from the most to the least critical.
var supplierTiers = []string{"critical", "high", "medium", "low"}

// IsZero reports whether the facts set no review cycle.
func (s SupplierReview) IsZero() bool { return s == SupplierReview{} }

// Months is the review cycle of a tier; zero when the tier, or its cycle,
// is not set.
func (s SupplierReview) Months(tier string) int {
	switch tier {
	case "critical":
		return s.Critical
	case "high":
		return s.High
	case "medium":
		return s.Medium
	case "low":
		return s.Low
	}
	return 0
}

// TierCycle is a review cycle and the tiers that share it.
type TierCycle struct {
	Tiers  []string
	Months int
}

// Cycles groups the tiers reviewed periodically by their cycle, each group
// in the order of the tiers and placed by its most critical tier: critical
// and high every 12 months, medium every 24.
func (s SupplierReview) Cycles() []TierCycle {
	var out []TierCycle
next:
	for _, t := range supplierTiers {
		m := s.Months(t)
		if m == 0 {
			continue
		}
		for i := range out {
			if out[i].Months == m {
				out[i].Tiers = append(out[i].Tiers, t)
				continue next
			}
		}
		out = append(out, TierCycle{Tiers: []string{t}, Months: m})
	}
	return out
}

// Unreviewed lists the tiers with no periodic review, when the facts set a
// cycle for some tier; nil when they set none.
func (s SupplierReview) Unreviewed() []string {
	if s.IsZero() {
		return nil
	}
	var out []string
	for _, t := range supplierTiers {
		if s.Months(t) == 0 {
			out = append(out, t)
		}
	}
	return out
}

// SameDay is the value of leaver_access for the end of the last working day.
const SameDay = "same-day"

// LeaverAccessBy says when a leaver's access must be gone, in words that
// follow "removed": "by the end of the last working day" or "within 24 hours
// of the last working day"; "" when the facts do not say.
func (d Deadlines) LeaverAccessBy() string {
	switch d.LeaverAccess {
	case "":
		return ""
	case SameDay:
		return "by the end of the last working day"
	}
	t, err := ParseDuration(d.LeaverAccess)
	if err != nil {
		return "" // validation reports it
	}
	return "within " + t.String() + " of the last working day"
}

// FixDeadlines is the time allowed to fix a vulnerability, by its rating,
// from the date the finding is known.
type FixDeadlines struct {
	// Exploited is for a finding exploited in the wild, such as one in the
	// CISA Known Exploited Vulnerabilities catalog.
	Exploited Duration `mapstructure:"exploited"`
	Critical  Duration `mapstructure:"critical"`
	High      Duration `mapstructure:"high"`
	Medium    Duration `mapstructure:"medium"`
	Low       Duration `mapstructure:"low"`
}

// IsZero reports whether the facts give no fix deadline at all.
func (f FixDeadlines) IsZero() bool { return f == FixDeadlines{} }

// FixDeadline is one row of the fix deadlines.
type FixDeadline struct {
	// Key is the rating's key in the facts, such as "critical".
	Key      string
	Deadline Duration
}

// Ratings lists the five ratings from the most to the least urgent, each
// with its deadline, which is zero when the facts leave it out.
func (f FixDeadlines) Ratings() []FixDeadline {
	return []FixDeadline{{"exploited", f.Exploited}, {"critical", f.Critical}, {"high", f.High}, {"medium", f.Medium}, {"low", f.Low}}
}
