package catalog

import "strings"

// The HIPAA Security Rule, 45 CFR Part 164 Subpart C: the standards and
// implementation specifications by their citations, titles written for
// ismsforge. A standard whose implementation specifications are separate
// paragraphs is cited with its own paragraph, as in 164.308(a)(1)(i).

func hipaaFramework() *Framework {
	return newFramework(Framework{
		ID: "hipaa", Name: "HIPAA Security Rule (45 CFR Part 164 Subpart C)", Short: "HIPAA Security Rule", Version: "2013",
		Noun: "paragraph", normalize: normalizeCFR,
		Groups: []Group{
			{"164.306", "General rules"}, {"164.308", "Administrative safeguards"}, {"164.310", "Physical safeguards"},
			{"164.312", "Technical safeguards"}, {"164.314", "Organizational requirements"},
			{"164.316", "Policies, procedures and documentation"},
		},
		Requirements: []Requirement{
			{"164.306(a)", "164.306", "Ensure the confidentiality, integrity and availability of ePHI"},
			{"164.306(b)", "164.306", "Flexibility of approach"},
			{"164.306(c)", "164.306", "Compliance with the standards"},
			{"164.306(d)", "164.306", "Required and addressable implementation specifications"},
			{"164.306(e)", "164.306", "Maintenance of security measures"},
			{"164.308(a)(1)(i)", "164.308", "Security management process"},
			{"164.308(a)(1)(ii)(A)", "164.308", "Risk analysis"},
			{"164.308(a)(1)(ii)(B)", "164.308", "Risk management"},
			{"164.308(a)(1)(ii)(C)", "164.308", "Sanction policy"},
			{"164.308(a)(1)(ii)(D)", "164.308", "Information system activity review"},
			{"164.308(a)(2)", "164.308", "Assigned security responsibility"},
			{"164.308(a)(3)(i)", "164.308", "Workforce security"},
			{"164.308(a)(3)(ii)(A)", "164.308", "Authorization and supervision"},
			{"164.308(a)(3)(ii)(B)", "164.308", "Workforce clearance procedure"},
			{"164.308(a)(3)(ii)(C)", "164.308", "Termination procedures"},
			{"164.308(a)(4)(i)", "164.308", "Information access management"},
			{"164.308(a)(4)(ii)(A)", "164.308", "Isolating health care clearinghouse functions"},
			{"164.308(a)(4)(ii)(B)", "164.308", "Access authorization"},
			{"164.308(a)(4)(ii)(C)", "164.308", "Access establishment and modification"},
			{"164.308(a)(5)(i)", "164.308", "Security awareness and training"},
			{"164.308(a)(5)(ii)(A)", "164.308", "Security reminders"},
			{"164.308(a)(5)(ii)(B)", "164.308", "Protection from malicious software"},
			{"164.308(a)(5)(ii)(C)", "164.308", "Log-in monitoring"},
			{"164.308(a)(5)(ii)(D)", "164.308", "Password management"},
			{"164.308(a)(6)(i)", "164.308", "Security incident procedures"},
			{"164.308(a)(6)(ii)", "164.308", "Response and reporting"},
			{"164.308(a)(7)(i)", "164.308", "Contingency plan"},
			{"164.308(a)(7)(ii)(A)", "164.308", "Data backup plan"},
			{"164.308(a)(7)(ii)(B)", "164.308", "Disaster recovery plan"},
			{"164.308(a)(7)(ii)(C)", "164.308", "Emergency mode operation plan"},
			{"164.308(a)(7)(ii)(D)", "164.308", "Testing and revision procedures"},
			{"164.308(a)(7)(ii)(E)", "164.308", "Applications and data criticality analysis"},
			{"164.308(a)(8)", "164.308", "Evaluation"},
			{"164.308(b)(1)", "164.308", "Business associate contracts and other arrangements"},
			{"164.308(b)(2)", "164.308", "Assurances from subcontractors of business associates"},
			{"164.308(b)(3)", "164.308", "Written contract or other arrangement"},
			{"164.310(a)(1)", "164.310", "Facility access controls"},
			{"164.310(a)(2)(i)", "164.310", "Contingency operations"},
			{"164.310(a)(2)(ii)", "164.310", "Facility security plan"},
			{"164.310(a)(2)(iii)", "164.310", "Access control and validation procedures"},
			{"164.310(a)(2)(iv)", "164.310", "Maintenance records"},
			{"164.310(b)", "164.310", "Workstation use"},
			{"164.310(c)", "164.310", "Workstation security"},
			{"164.310(d)(1)", "164.310", "Device and media controls"},
			{"164.310(d)(2)(i)", "164.310", "Disposal"},
			{"164.310(d)(2)(ii)", "164.310", "Media re-use"},
			{"164.310(d)(2)(iii)", "164.310", "Accountability for hardware and media"},
			{"164.310(d)(2)(iv)", "164.310", "Data backup and storage before moving equipment"},
			{"164.312(a)(1)", "164.312", "Access control"},
			{"164.312(a)(2)(i)", "164.312", "Unique user identification"},
			{"164.312(a)(2)(ii)", "164.312", "Emergency access procedure"},
			{"164.312(a)(2)(iii)", "164.312", "Automatic logoff"},
			{"164.312(a)(2)(iv)", "164.312", "Encryption and decryption"},
			{"164.312(b)", "164.312", "Audit controls"},
			{"164.312(c)(1)", "164.312", "Integrity"},
			{"164.312(c)(2)", "164.312", "Mechanism to authenticate ePHI"},
			{"164.312(d)", "164.312", "Person or entity authentication"},
			{"164.312(e)(1)", "164.312", "Transmission security"},
			{"164.312(e)(2)(i)", "164.312", "Integrity controls in transmission"},
			{"164.312(e)(2)(ii)", "164.312", "Encryption in transmission"},
			{"164.314(a)(1)", "164.314", "Business associate contracts or other arrangements"},
			{"164.314(a)(2)(i)", "164.314", "Business associate contracts"},
			{"164.314(a)(2)(ii)", "164.314", "Other arrangements"},
			{"164.314(a)(2)(iii)", "164.314", "Business associate contracts with subcontractors"},
			{"164.314(b)(1)", "164.314", "Requirements for group health plans"},
			{"164.314(b)(2)", "164.314", "Plan document provisions"},
			{"164.316(a)", "164.316", "Policies and procedures"},
			{"164.316(b)(1)", "164.316", "Documentation"},
			{"164.316(b)(2)(i)", "164.316", "Retention for six years"},
			{"164.316(b)(2)(ii)", "164.316", "Availability of documentation"},
			{"164.316(b)(2)(iii)", "164.316", "Review and update of documentation"},
		},
	})
}

// normalizeCFR drops what people add to a citation ("45 CFR", "§",
// blanks): "§ 164.312 (a)(1)" gives "164.312(a)(1)".
func normalizeCFR(id string) string {
	s := strings.TrimSpace(id)
	s = strings.TrimPrefix(s, "45 CFR")
	s = strings.TrimPrefix(s, "45 C.F.R.")
	s = strings.ReplaceAll(s, "§", "")
	return strings.Join(strings.Fields(s), "")
}
