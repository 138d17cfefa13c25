package catalog

// Regime is a law, regulation or framework that an ISMS often has to meet
// alongside ISO/IEC 27001.
type Regime struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Kind is "law", "regulation", "contractual" or "framework".
	Kind string `json:"kind"`
	// Focus says in a phrase what the regime protects.
	Focus string `json:"focus"`
}

var regimes = []Regime{
	{"hipaa", "HIPAA Security and Privacy Rules (45 CFR Parts 160 and 164)", "regulation", "the confidentiality, integrity and availability of electronic protected health information"},
	{"hitech", "HITECH Act breach notification (45 CFR Part 164 Subpart D)", "law", "notification of breaches of unsecured protected health information"},
	{"soc2", "SOC 2 (AICPA Trust Services Criteria)", "framework", "the security, availability and confidentiality commitments made to customers"},
	{"gdpr", "EU General Data Protection Regulation", "law", "the personal data of people in the European Union"},
	{"uk-gdpr", "UK GDPR and Data Protection Act 2018", "law", "the personal data of people in the United Kingdom"},
	{"ccpa-cpra", "California Consumer Privacy Act as amended by the CPRA", "law", "the personal information of California residents"},
	{"cmmc", "Cybersecurity Maturity Model Certification (32 CFR Part 170)", "regulation", "Controlled Unclassified Information handled for the Department of Defense"},
	{"nist-800-171", "NIST SP 800-171 (DFARS 252.204-7012)", "contractual", "Controlled Unclassified Information in non-federal systems"},
	{"itar", "International Traffic in Arms Regulations (22 CFR Parts 120-130)", "regulation", "defense articles and technical data subject to export control"},
	{"pci-dss", "PCI DSS v4.0", "contractual", "cardholder data"},
	{"glba", "Gramm-Leach-Bliley Act Safeguards Rule (16 CFR Part 314)", "regulation", "customer financial information"},
	{"sox", "Sarbanes-Oxley Act section 404", "law", "the integrity of financial reporting"},
	{"fedramp", "FedRAMP", "framework", "cloud services used by US federal agencies"},
	{"nis2", "EU NIS2 Directive", "law", "the security of network and information systems of essential and important entities"},
	{"dora", "EU Digital Operational Resilience Act", "regulation", "the ICT resilience of financial entities"},
	{"iso27701", "ISO/IEC 27701 privacy information management", "framework", "personally identifiable information processed under the ISMS"},
	{"hitrust", "HITRUST CSF", "framework", "health information and the controls that protect it"},
	{"ferpa", "FERPA (20 U.S.C. 1232g)", "law", "student education records"},
	{"state-breach-laws", "US state data breach notification laws", "law", "notification of residents whose personal information is breached"},
}

// Regimes returns every regime ismsforge knows, in a stable order.
func (c *Catalog) Regimes() []Regime { return append([]Regime(nil), regimes...) }

// Regime looks up a regime by ID.
func (c *Catalog) Regime(id string) (Regime, bool) {
	for _, r := range regimes {
		if r.ID == id {
			return r, true
		}
	}
	return Regime{}, false
}

// RegimeIDs returns every regime ID, for suggestions.
func (c *Catalog) RegimeIDs() []string {
	ids := make([]string, len(regimes))
	for i, r := range regimes {
		ids[i] = r.ID
	}
	return ids
}
