package catalog

import (
	"regexp"
	"slices"
	"strings"
)

// Regime is a law, regulation, contract or framework that an ISMS often has
// to meet alongside ISO/IEC 27001. Projects may declare regimes of their own
// in the same shape.
type Regime struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Short is the name used inside a sentence or a citation: "HIPAA",
	// "PCI DSS", "NYDFS Part 500".
	Short string `json:"short"`
	// Kind is "law", "regulation", "contractual" or "framework".
	Kind string `json:"kind"`
	// Focus says in a phrase what the regime protects.
	Focus string `json:"focus"`
	// Obligations sums up in one sentence, with section numbers, what the
	// regime requires of an organization under it.
	Obligations string `json:"obligations"`
	// FIPS140 reports that the regime requires FIPS 140-validated
	// cryptography for the information it protects.
	FIPS140 bool `json:"fips140,omitempty"`
	// Custom marks a regime declared by the project.
	Custom bool `json:"custom,omitempty"`
}

var regimes = []Regime{
	{ID: "hipaa", Name: "HIPAA Security and Privacy Rules (45 CFR Parts 160 and 164)", Short: "HIPAA", Kind: "regulation",
		Focus:       "the confidentiality, integrity and availability of electronic protected health information",
		Obligations: "Administrative, physical and technical safeguards for electronic protected health information (45 CFR 164.308, 164.310 and 164.312), an accurate and thorough risk analysis (164.308(a)(1)(ii)(A)), business associate agreements (164.308(b) and 164.314(a)), workforce training and sanctions (164.308(a)(5) and (a)(1)(ii)(C)), and policies and documentation retained for six years (164.316(b)(2))."},
	{ID: "hitech", Name: "HITECH Act breach notification (45 CFR Part 164 Subpart D)", Short: "HIPAA Breach Notification Rule", Kind: "law",
		Focus:       "notification of breaches of unsecured protected health information",
		Obligations: "A breach risk assessment of every impermissible use or disclosure of protected health information on the four factors of 45 CFR 164.402; notice to affected individuals without unreasonable delay and no later than 60 calendar days after discovery (164.404), to prominent media outlets when more than 500 residents of a State or jurisdiction are affected (164.406), and to the Secretary of HHS (164.408); a business associate notifies the covered entity within the same 60 days (164.410)."},
	{ID: "part-2", Name: "Confidentiality of Substance Use Disorder Patient Records (42 CFR Part 2)", Short: "42 CFR Part 2", Kind: "regulation",
		Focus:       "records of federally assisted substance use disorder treatment programs",
		Obligations: "Use and disclosure of substance use disorder treatment records only with the patient's written consent or under an exception of the regulation (42 CFR 2.13 and 2.31), formal policies and procedures that protect those records, and notification of breaches of them as the HIPAA Breach Notification Rule requires (42 CFR 2.16, as amended in 2024)."},
	{ID: "soc2", Name: "SOC 2 (AICPA Trust Services Criteria)", Short: "SOC 2", Kind: "framework",
		Focus:       "the security, availability and confidentiality commitments made to customers",
		Obligations: "Controls described in the system description that meet the trust services criteria (TSP section 100), examined by an independent CPA firm for their design at a point in time (Type I report) or also for their operating effectiveness throughout a period (Type II report), and honoring the commitments made to customers."},
	{ID: "gdpr", Name: "EU General Data Protection Regulation", Short: "GDPR", Kind: "law",
		Focus:       "the personal data of people in the European Union",
		Obligations: "Lawful and transparent processing (Articles 5 and 6), processor terms (Article 28), records of processing (Article 30), security of processing (Article 32), breach notification to the supervisory authority within 72 hours (Article 33) and to data subjects when the risk is high (Article 34), safeguards for transfers (Chapter V), and answers to data subject requests within one month (Article 12(3))."},
	{ID: "uk-gdpr", Name: "UK GDPR and Data Protection Act 2018", Short: "UK GDPR", Kind: "law",
		Focus:       "the personal data of people in the United Kingdom",
		Obligations: "The UK equivalents of the GDPR duties, including security of processing (Article 32), breach notification to the Information Commissioner's Office within 72 hours (Article 33) and safeguards for transfers out of the UK (Chapter V)."},
	{ID: "ccpa-cpra", Name: "California Consumer Privacy Act as amended by the CPRA", Short: "CCPA", Kind: "law",
		Focus:       "the personal information of California residents",
		Obligations: "Reasonable security procedures for personal information (Civil Code 1798.100(e) and 1798.81.5), service provider and contractor contract terms (1798.100(d)), responses to consumer requests within 45 days (1798.130), notice and opt-out before personal information is sold or shared (1798.120), and exposure to statutory damages after a breach caused by a failure of reasonable security (1798.150)."},
	{ID: "cmmc", Name: "Cybersecurity Maturity Model Certification (32 CFR Part 170)", Short: "CMMC", Kind: "regulation", FIPS140: true,
		Focus:       "Controlled Unclassified Information handled for the Department of Defense",
		Obligations: "Implementation of the security requirements of the CMMC level the contract requires (32 CFR 170.14), a conformity assessment at that level, by self-assessment or by a C3PAO as the contract states (170.15 to 170.18), and an annual affirmation of continuing compliance in SPRS by an affirming official (170.22)."},
	{ID: "nist-800-171", Name: "NIST SP 800-171 (DFARS 252.204-7012)", Short: "NIST SP 800-171", Kind: "contractual", FIPS140: true,
		Focus:       "Controlled Unclassified Information in non-federal systems",
		Obligations: "Adequate security for covered defense information by implementing NIST SP 800-171 (DFARS 252.204-7012(b)), a report of each cyber incident to DoD at https://dibnet.dod.mil within 72 hours of discovery (7012(c)), submission of malicious software to the DoD Cyber Crime Center (7012(d)), preservation of images of affected systems for 90 days (7012(e)), flow-down to subcontractors (7012(m)), and a current assessment score in SPRS (252.204-7019 and 252.204-7020)."},
	{ID: "itar", Name: "International Traffic in Arms Regulations (22 CFR Parts 120-130)", Short: "ITAR", Kind: "regulation",
		Focus:       "defense articles and technical data subject to export control",
		Obligations: "Registration with the Directorate of Defense Trade Controls (22 CFR 122.1), a license or exemption before any export of defense articles or technical data, including release to a foreign person in the United States (22 CFR 120.50 and 120.56), records kept for five years (22 CFR 122.5), and voluntary disclosure of violations (22 CFR 127.12)."},
	{ID: "nispom", Name: "National Industrial Security Program Operating Manual (32 CFR Part 117)", Short: "NISPOM", Kind: "regulation",
		Focus:       "classified information entrusted to cleared contractors, and the insider threat program of a cleared facility",
		Obligations: "A senior management official, a facility security officer and an insider threat program senior official (32 CFR 117.7(b)), an insider threat program (117.7(d)), reports of adverse information, suspicious contacts and security violations to DCSA (117.8), and security training and briefings for cleared employees (117.12)."},
	{ID: "pci-dss", Name: "PCI DSS v4.0", Short: "PCI DSS", Kind: "contractual",
		Focus:       "cardholder data",
		Obligations: "Protection of account data under the twelve principal requirements of PCI DSS, annual validation of compliance to the acquirer or the payment brands through a Report on Compliance or a self-assessment questionnaire, and, where the validation requires them, quarterly external vulnerability scans by an Approved Scanning Vendor (requirement 11.3.2)."},
	{ID: "glba", Name: "Gramm-Leach-Bliley Act Safeguards Rule (16 CFR Part 314)", Short: "GLBA Safeguards Rule", Kind: "regulation",
		Focus:       "customer financial information",
		Obligations: "A written information security program (16 CFR 314.3) led by a Qualified Individual (314.4(a)), a written risk assessment (314.4(b)), safeguards including access controls, a data and systems inventory, encryption, multi-factor authentication, secure disposal, change management and activity monitoring (314.4(c)), continuous monitoring or annual penetration tests and six-monthly vulnerability assessments (314.4(d)), oversight of service providers (314.4(f)), a written incident response plan (314.4(h)), an annual written report to the board (314.4(i)), and notice to the FTC within 30 days of discovering a notification event involving 500 or more consumers (314.4(j))."},
	{ID: "nydfs-500", Name: "NYDFS Cybersecurity Regulation (23 NYCRR Part 500)", Short: "NYDFS", Kind: "regulation",
		Focus:       "the information systems and nonpublic information of entities licensed or regulated by the New York State Department of Financial Services",
		Obligations: "A cybersecurity program and policies approved at least annually by a senior officer or the senior governing body (23 NYCRR 500.2 and 500.3), a CISO who reports in writing at least annually to that body (500.4), penetration testing at least annually and vulnerability management (500.5), records that reconstruct material financial transactions kept for five years and audit trails of cybersecurity events for three years (500.6), a risk assessment reviewed at least annually (500.9), multi-factor authentication for any individual accessing any information system (500.12), encryption of nonpublic information (500.15), incident response and business continuity plans tested at least annually (500.16), notice to the superintendent within 72 hours of determining that a cybersecurity incident occurred and within 24 hours of an extortion payment (500.17(a) and (c)), and a certification of material compliance, or an acknowledgment of noncompliance, by April 15 each year (500.17(b))."},
	{ID: "sox", Name: "Sarbanes-Oxley Act section 404", Short: "SOX", Kind: "law",
		Focus:       "the integrity of financial reporting",
		Obligations: "Effective internal control over financial reporting, including IT general controls over access to, changes to and operation of financial systems, assessed by management and attested by the external auditor each year (section 404)."},
	{ID: "fedramp", Name: "FedRAMP", Short: "FedRAMP", Kind: "framework", FIPS140: true,
		Focus:       "cloud services used by US federal agencies",
		Obligations: "Implementation of the FedRAMP baseline of NIST SP 800-53 controls for the authorized service, continuous monitoring with monthly deliverables, an annual assessment by a third-party assessment organization, and approval of significant changes."},
	{ID: "nis2", Name: "EU NIS2 Directive", Short: "NIS2", Kind: "law",
		Focus:       "the security of network and information systems of essential and important entities",
		Obligations: "Cybersecurity risk-management measures (Article 21) approved and overseen by a trained management body (Article 20), and reporting of significant incidents to the CSIRT or competent authority: an early warning within 24 hours, a notification within 72 hours and a final report within one month (Article 23)."},
	{ID: "dora", Name: "EU Digital Operational Resilience Act", Short: "DORA", Kind: "regulation",
		Focus:       "the ICT resilience of financial entities",
		Obligations: "An ICT risk management framework (Articles 5 to 16), classification and reporting of major ICT-related incidents (Articles 17 to 19), digital operational resilience testing (Articles 24 to 27), and ICT third-party risk management with a register of information (Articles 28 to 30)."},
	{ID: "iso27701", Name: "ISO/IEC 27701 privacy information management", Short: "ISO/IEC 27701", Kind: "framework",
		Focus:       "personally identifiable information processed under the ISMS",
		Obligations: "A privacy information management system extending the ISMS, with the controls for controllers and processors of personally identifiable information."},
	{ID: "hitrust", Name: "HITRUST CSF", Short: "HITRUST", Kind: "framework",
		Focus:       "health information and the controls that protect it",
		Obligations: "Implementation of the HITRUST CSF requirements in the scope of the certification, with interim and renewal assessments."},
	{ID: "ferpa", Name: "FERPA (20 U.S.C. 1232g)", Short: "FERPA", Kind: "law",
		Focus:       "student education records",
		Obligations: "Confidentiality of student education records, disclosure only with consent or under an exception of 34 CFR 99.31, and a record of disclosures (34 CFR 99.32); data received from schools is used only for the purposes they authorize."},
	{ID: "state-breach-laws", Name: "US state data breach notification laws", Short: "state breach notification laws", Kind: "law",
		Focus:       "notification of residents whose personal information is breached",
		Obligations: "Notice to affected residents, and to state regulators where the law requires it, after a breach of personal information, under the law of each state where affected people live; the states are those where the organization operates or whose residents' information it holds."},
}

// Regimes returns every regime ismsforge knows, in a stable order.
func (c *Catalog) Regimes() []Regime { return slices.Clone(regimes) }

// Regime looks up a regime by ID.
func (c *Catalog) Regime(id string) (Regime, bool) {
	for _, r := range regimes {
		if r.ID == id {
			return r, true
		}
	}
	return Regime{}, false
}

// RegimeAt is Regime at the level an organization declared, such as
// "Level 1" or "Level 2 (C3PAO)": CMMC Level 1 protects federal contract
// information, not CUI, with the basic safeguarding of FAR 52.204-21,
// which does not ask for FIPS-validated cryptography (that is NIST SP
// 800-171 3.13.11, a Level 2 requirement).
func (c *Catalog) RegimeAt(id, level string) (Regime, bool) {
	r, ok := c.Regime(id)
	if ok && id == "cmmc" && LevelNumber(level) == "1" {
		r.Focus = "Federal contract information handled for the Department of Defense"
		r.FIPS140 = false
	}
	return r, ok
}

// levelNumber finds "Level 2" and the like in a level such as "Level 2
// (C3PAO)".
var levelNumber = regexp.MustCompile(`(?i)\blevel\s*([123])\b`)

// LevelNumber returns the digit of the level a declared level names ("2"
// for "Level 2 (C3PAO)"), or "" when it names none.
func LevelNumber(level string) string {
	if m := levelNumber.FindStringSubmatch(level); m != nil {
		return m[1]
	}
	return ""
}

// reportType finds the SOC 2 report type in a version or status such as
// "Type II" or "Type 2 report issued in September".
var reportType = regexp.MustCompile(`(?i)\btype[ -]?(ii|2|i|1)\b`)

// ReportType returns the SOC 2 report type a text names, "Type I" or
// "Type II", or "" when it names none.
func ReportType(s string) string {
	m := reportType.FindStringSubmatch(s)
	switch {
	case m == nil:
		return ""
	case m[1] == "1" || strings.EqualFold(m[1], "i"):
		return "Type I"
	default:
		return "Type II"
	}
}

// RegimeIDs returns every regime ID, for suggestions.
func (c *Catalog) RegimeIDs() []string {
	ids := make([]string, len(regimes))
	for i, r := range regimes {
		ids[i] = r.ID
	}
	return ids
}
