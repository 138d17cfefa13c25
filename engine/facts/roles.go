package facts

// BuiltinRoles are the ISMS roles every project can assign without defining
// them. Projects add their own under `roles`.
var BuiltinRoles = []Role{
	{ID: "top-management", Title: "Top management", Description: "Directs the organization, approves the ISMS policy and resources, and chairs the management review."},
	{ID: "isms-owner", Title: "ISMS owner", Description: "Runs the ISMS day to day: maintains the documents, the risk register and the SoA, and reports on performance."},
	{ID: "ciso", Title: "Chief Information Security Officer", Description: "Leads the security programme and is accountable for the controls."},
	{ID: "dpo", Title: "Data Protection Officer", Description: "Advises on and monitors compliance with data protection law."},
	{ID: "privacy-officer", Title: "Privacy Officer", Description: "Manages privacy obligations, notices and data subject requests."},
	{ID: "security-officer", Title: "Security Officer", Description: "Designated official responsible for security policies under a sector regulation such as the HIPAA Security Rule."},
	{ID: "it-lead", Title: "IT lead", Description: "Runs corporate IT: identities, endpoints, SaaS administration and the service desk."},
	{ID: "engineering-lead", Title: "Engineering lead", Description: "Leads software engineering and owns the development life cycle."},
	{ID: "operations-lead", Title: "Operations lead", Description: "Runs production infrastructure and its availability."},
	{ID: "hr-lead", Title: "HR lead", Description: "Owns hiring, onboarding, training records, discipline and offboarding."},
	{ID: "legal", Title: "Legal counsel", Description: "Identifies legal, regulatory and contractual requirements and reviews contracts."},
	{ID: "compliance-lead", Title: "Compliance lead", Description: "Tracks obligations across frameworks and coordinates audits."},
	{ID: "facilities-lead", Title: "Facilities lead", Description: "Manages premises, physical access and building services."},
	{ID: "procurement-lead", Title: "Procurement lead", Description: "Runs supplier selection, contracts and supplier reviews."},
	{ID: "finance-lead", Title: "Finance lead", Description: "Approves budgets and owns financial systems."},
	{ID: "incident-manager", Title: "Incident manager", Description: "Coordinates the response to information security incidents."},
	{ID: "security-champion", Title: "Security champion", Description: "An engineer embedded in a product team who promotes secure design and reviews security-relevant changes."},
	{ID: "internal-auditor", Title: "Internal auditor", Description: "Plans and performs internal ISMS audits independently of the audited area."},
	{ID: "facility-security-officer", Title: "Facility Security Officer", Description: "Oversees protection of controlled and classified information at a cleared facility."},
}
