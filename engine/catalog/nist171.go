package catalog

import (
	"fmt"
	"strconv"
	"strings"
)

// NIST SP 800-171, Protecting Controlled Unclassified Information in
// Nonfederal Systems: revision 2 (2020, 110 requirements, 3.1.1 to
// 3.14.7) and revision 3 (2024, 97 requirements, 03.01.01 to 03.17.03,
// withdrawn numbers left out). Titles written for ismsforge.

var nist171Families = []string{
	"Access control", "Awareness and training", "Audit and accountability", "Configuration management",
	"Identification and authentication", "Incident response", "Maintenance", "Media protection",
	"Personnel security", "Physical protection", "Risk assessment", "Security assessment",
	"System and communications protection", "System and information integrity",
	"Planning", "System and services acquisition", "Supply chain risk management",
}

func nist171r2Framework() *Framework {
	titles := [][]string{
		{"Limit system access to authorized users", "Limit access to permitted transactions and functions", "Control the flow of CUI",
			"Separation of duties", "Least privilege", "Non-privileged accounts for other functions", "Restrict privileged functions",
			"Limit unsuccessful logon attempts", "Privacy and security notices", "Session lock", "Session termination",
			"Monitor and control remote access", "Cryptography for remote access sessions", "Route remote access through managed points",
			"Authorize remote privileged commands", "Authorize wireless access", "Protect wireless access", "Control mobile devices",
			"Encrypt CUI on mobile devices", "Control connections to external systems", "Limit portable storage on external systems",
			"Control CUI on publicly accessible systems"},
		{"Awareness of security risks", "Role-based security training", "Insider threat awareness"},
		{"Create and retain audit records", "Trace actions to individual users", "Review and update logged events",
			"Alert on audit logging failure", "Correlate audit record review and reporting", "Audit record reduction and reports",
			"Authoritative time source for time stamps", "Protect audit information and tools", "Limit management of audit logging"},
		{"Baseline configurations and inventories", "Security configuration settings", "Track and control changes",
			"Security impact of changes", "Access restrictions for change", "Least functionality",
			"Restrict nonessential programs, ports and services", "Permit or deny software by policy", "Control user-installed software"},
		{"Identify users, processes and devices", "Authenticate users, processes and devices", "Multifactor authentication",
			"Replay-resistant authentication", "Prevent reuse of identifiers", "Disable inactive identifiers", "Password complexity",
			"Prohibit password reuse", "Temporary passwords", "Protect stored and transmitted passwords", "Obscure authentication feedback"},
		{"Incident handling capability", "Track, document and report incidents", "Test incident response"},
		{"Perform maintenance", "Control maintenance tools and techniques", "Sanitize equipment removed for maintenance",
			"Check maintenance media for malicious code", "Multifactor authentication for nonlocal maintenance", "Supervise maintenance personnel"},
		{"Protect system media", "Limit access to CUI on media", "Sanitize or destroy media", "Mark media", "Control media in transport",
			"Cryptography for media in transport", "Control removable media", "No portable storage without an owner", "Protect backups of CUI"},
		{"Screen individuals before access", "Protect CUI during terminations and transfers"},
		{"Limit physical access", "Protect and monitor the facility", "Escort and monitor visitors", "Physical access logs",
			"Control physical access devices", "Safeguards at alternate work sites"},
		{"Periodic risk assessment", "Vulnerability scanning", "Remediate vulnerabilities"},
		{"Assess security controls", "Plans of action", "Monitor security controls", "System security plan"},
		{"Protect communications at system boundaries", "Secure architecture and engineering", "Separate user and management functions",
			"No unintended transfer through shared resources", "Subnetworks for public components", "Deny network traffic by default",
			"Prevent split tunnelling", "Cryptography for CUI in transit", "Terminate idle connections", "Cryptographic key management",
			"FIPS-validated cryptography", "Collaborative computing devices", "Mobile code", "Voice over IP",
			"Authenticity of communication sessions", "Protect CUI at rest"},
		{"Correct system flaws", "Protection from malicious code", "Security alerts and advisories", "Update malicious code protection",
			"Periodic and real-time scans", "Monitor for attacks and indicators", "Identify unauthorized use"},
	}
	f := Framework{ID: "nist-800-171r2", Name: "NIST SP 800-171 Revision 2", Short: "NIST SP 800-171r2", Version: "Rev. 2",
		normalize: func(id string) string { return strings.TrimPrefix(strings.Join(strings.Fields(id), ""), "0") }}
	for fam, reqs := range titles {
		g := fmt.Sprintf("3.%d", fam+1)
		f.Groups = append(f.Groups, Group{ID: g, Title: nist171Families[fam]})
		for i, t := range reqs {
			f.Requirements = append(f.Requirements, Requirement{ID: fmt.Sprintf("%s.%d", g, i+1), Group: g, Title: t})
		}
	}
	return newFramework(f)
}

func nist171r3Framework() *Framework {
	// Each family's requirements by number; withdrawn numbers are absent.
	type req struct {
		n     int
		title string
	}
	families := [][]req{
		{{1, "Account management"}, {2, "Access enforcement"}, {3, "Information flow enforcement"}, {4, "Separation of duties"},
			{5, "Least privilege"}, {6, "Least privilege: privileged accounts"}, {7, "Least privilege: privileged functions"},
			{8, "Unsuccessful logon attempts"}, {9, "System use notification"}, {10, "Device lock"}, {11, "Session termination"},
			{12, "Remote access"}, {16, "Wireless access"}, {18, "Access control for mobile devices"}, {20, "Use of external systems"},
			{22, "Publicly accessible content"}},
		{{1, "Literacy training and awareness"}, {2, "Role-based training"}},
		{{1, "Event logging"}, {2, "Audit record content"}, {3, "Audit record generation"}, {4, "Response to audit logging failures"},
			{5, "Audit record review, analysis and reporting"}, {6, "Audit record reduction and report generation"}, {7, "Time stamps"},
			{8, "Protection of audit information"}},
		{{1, "Baseline configuration"}, {2, "Configuration settings"}, {3, "Configuration change control"}, {4, "Impact analyses"},
			{5, "Access restrictions for change"}, {6, "Least functionality"}, {8, "Authorized software"}, {10, "System component inventory"},
			{11, "Information location"}, {12, "Configuration for high-risk areas"}},
		{{1, "User identification and authentication"}, {2, "Device identification and authentication"}, {3, "Multi-factor authentication"},
			{4, "Replay-resistant authentication"}, {5, "Identifier management"}, {7, "Password management"}, {11, "Authentication feedback"},
			{12, "Authenticator management"}},
		{{1, "Incident handling"}, {2, "Incident monitoring, reporting and response assistance"}, {3, "Incident response testing"},
			{4, "Incident response training"}, {5, "Incident response plan"}},
		{{4, "Maintenance tools"}, {5, "Nonlocal maintenance"}, {6, "Maintenance personnel"}},
		{{1, "Media storage"}, {2, "Media access"}, {3, "Media sanitization"}, {4, "Media marking"}, {5, "Media transport"},
			{7, "Media use"}, {9, "System backup: cryptographic protection"}},
		{{1, "Personnel screening"}, {2, "Personnel termination and transfer"}},
		{{1, "Physical access authorizations"}, {2, "Monitoring physical access"}, {6, "Alternate work site"},
			{7, "Physical access control"}, {8, "Access control for transmission"}},
		{{1, "Risk assessment"}, {2, "Vulnerability monitoring and scanning"}, {4, "Risk response"}},
		{{1, "Security assessment"}, {2, "Plan of action and milestones"}, {3, "Continuous monitoring"}, {5, "Information exchange"}},
		{{1, "Boundary protection"}, {4, "Information in shared system resources"}, {6, "Network communications: deny by default"},
			{8, "Transmission and storage confidentiality"}, {9, "Network disconnect"}, {10, "Cryptographic key establishment and management"},
			{11, "Cryptographic protection"}, {12, "Collaborative computing devices and applications"}, {13, "Mobile code"},
			{15, "Session authenticity"}},
		{{1, "Flaw remediation"}, {2, "Malicious code protection"}, {3, "Security alerts, advisories and directives"},
			{6, "System monitoring"}, {8, "Information management and retention"}},
		{{1, "Policy and procedures"}, {2, "System security plan"}, {3, "Rules of behavior"}},
		{{1, "Security engineering principles"}, {2, "Unsupported system components"}, {3, "External system services"}},
		{{1, "Supply chain risk management plan"}, {2, "Acquisition strategies, tools and methods"}, {3, "Supply chain requirements and processes"}},
	}
	f := Framework{ID: "nist-800-171r3", Name: "NIST SP 800-171 Revision 3", Short: "NIST SP 800-171r3", Version: "Rev. 3",
		normalize: padNIST171r3}
	for fam, reqs := range families {
		g := fmt.Sprintf("03.%02d", fam+1)
		f.Groups = append(f.Groups, Group{ID: g, Title: nist171Families[fam]})
		for _, r := range reqs {
			f.Requirements = append(f.Requirements, Requirement{ID: fmt.Sprintf("%s.%02d", g, r.n), Group: g, Title: r.title})
		}
	}
	return newFramework(f)
}

// padNIST171r3 writes a revision 3 number with two digits per part, as the
// publication does: "3.1.1" gives "03.01.01".
func padNIST171r3(id string) string {
	parts := strings.Split(strings.Join(strings.Fields(id), ""), ".")
	if len(parts) != 3 {
		return id
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 99 {
			return id
		}
		parts[i] = fmt.Sprintf("%02d", n)
	}
	return strings.Join(parts, ".")
}
