package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Citations of the built-in regimes: for each regime, the section that calls
// for an Annex A control. They are the legal, regulatory and contractual
// drivers of the Statement of Applicability, and policies name them where
// they set the rule. A regime cites only the controls it clearly requires;
// a control it is silent on has no entry.
//
// Editions: HIPAA Security Rule and Breach Notification Rule as codified in
// 45 CFR Part 164; NIST SP 800-171 Revision 2 (the revision DFARS
// 252.204-7012 and CMMC Level 2 assess against); PCI DSS v4.0 requirement
// numbers (unchanged in v4.0.1); the GLBA Safeguards Rule as amended in
// 2021; 23 NYCRR Part 500 as amended in November 2023; the AICPA Trust
// Services Criteria (2017, revised points of focus 2022); NIST SP 800-53
// Revision 5 for FedRAMP.
var citations = map[string]map[string]string{
	"hipaa": {
		"A.5.1":  "45 CFR 164.316(a)",
		"A.5.2":  "45 CFR 164.308(a)(2)",
		"A.5.9":  "45 CFR 164.310(d)(2)(iii)",
		"A.5.10": "45 CFR 164.310(b)",
		"A.5.14": "45 CFR 164.312(e)(1)",
		"A.5.15": "45 CFR 164.308(a)(4) and 164.312(a)(1)",
		"A.5.16": "45 CFR 164.312(a)(2)(i)",
		"A.5.17": "45 CFR 164.308(a)(5)(ii)(D)",
		"A.5.18": "45 CFR 164.308(a)(4)(ii)(C)",
		"A.5.19": "45 CFR 164.308(b)(1)",
		"A.5.20": "45 CFR 164.314(a)",
		"A.5.24": "45 CFR 164.308(a)(6)(i)",
		"A.5.25": "45 CFR 164.308(a)(6)(ii)",
		"A.5.26": "45 CFR 164.308(a)(6)(ii)",
		"A.5.29": "45 CFR 164.308(a)(7)(ii)(C)",
		"A.5.30": "45 CFR 164.308(a)(7)(ii)(B) and (D)",
		"A.5.33": "45 CFR 164.316(b)(2)(i)",
		"A.5.34": "45 CFR 164.530(c)",
		"A.5.35": "45 CFR 164.308(a)(8)",
		"A.5.36": "45 CFR 164.308(a)(8)",
		"A.5.37": "45 CFR 164.316(b)(2)(ii)",
		"A.6.1":  "45 CFR 164.308(a)(3)(ii)(B)",
		"A.6.3":  "45 CFR 164.308(a)(5)(i)",
		"A.6.4":  "45 CFR 164.308(a)(1)(ii)(C)",
		"A.6.5":  "45 CFR 164.308(a)(3)(ii)(C)",
		"A.6.8":  "45 CFR 164.308(a)(6)(ii)",
		"A.7.1":  "45 CFR 164.310(a)(1)",
		"A.7.2":  "45 CFR 164.310(a)(2)(iii)",
		"A.7.3":  "45 CFR 164.310(a)(2)(ii)",
		"A.7.7":  "45 CFR 164.310(c) and 164.312(a)(2)(iii)",
		"A.7.9":  "45 CFR 164.310(d)(1)",
		"A.7.10": "45 CFR 164.310(d)(1)",
		"A.7.13": "45 CFR 164.310(a)(2)(iv)",
		"A.7.14": "45 CFR 164.310(d)(2)(i) and (ii)",
		"A.8.1":  "45 CFR 164.310(c)",
		"A.8.2":  "45 CFR 164.308(a)(4)(ii)(B)",
		"A.8.3":  "45 CFR 164.312(a)(1)",
		"A.8.5":  "45 CFR 164.312(d)",
		"A.8.7":  "45 CFR 164.308(a)(5)(ii)(B)",
		"A.8.13": "45 CFR 164.308(a)(7)(ii)(A) and 164.310(d)(2)(iv)",
		"A.8.15": "45 CFR 164.312(b)",
		"A.8.16": "45 CFR 164.308(a)(1)(ii)(D)",
		"A.8.24": "45 CFR 164.312(a)(2)(iv) and (e)(2)(ii)",
	},
	"hitech": {
		"A.5.24": "45 CFR 164.404 to 164.410",
		"A.5.25": "45 CFR 164.402",
		"A.5.26": "45 CFR 164.404, 164.406 and 164.408",
		"A.5.20": "45 CFR 164.410",
	},
	"part-2": {
		"A.5.26": "42 CFR 2.16",
		"A.5.34": "42 CFR 2.13 and 2.31",
		"A.8.3":  "42 CFR 2.16",
	},
	"nist-800-171": {
		"A.5.3":  "3.1.4",
		"A.5.9":  "3.4.1",
		"A.5.13": "3.8.4",
		"A.5.14": "3.1.3 and 3.13.8",
		"A.5.15": "3.1.1 and 3.1.2",
		"A.5.16": "3.5.1, 3.5.2, 3.5.5 and 3.5.6",
		"A.5.17": "3.5.7 to 3.5.10",
		"A.5.19": "DFARS 252.204-7012(m)",
		"A.5.20": "DFARS 252.204-7012(m)",
		"A.5.23": "DFARS 252.204-7012(b)(2)(ii)(D)",
		"A.5.24": "3.6.1 and 3.6.3",
		"A.5.25": "3.6.1",
		"A.5.26": "3.6.2 and DFARS 252.204-7012(c)",
		"A.5.28": "DFARS 252.204-7012(e)",
		"A.5.35": "3.12.1",
		"A.5.36": "3.12.1 and 3.12.3",
		"A.5.31": "3.12.4 and DFARS 252.204-7019",
		"A.6.1":  "3.9.1",
		"A.6.3":  "3.2.1 to 3.2.3",
		"A.6.5":  "3.9.2",
		"A.6.7":  "3.1.12 to 3.1.15",
		"A.7.1":  "3.10.1",
		"A.7.2":  "3.10.3 to 3.10.5",
		"A.7.4":  "3.10.2",
		"A.7.7":  "3.1.10",
		"A.7.9":  "3.10.6",
		"A.7.10": "3.8.1 to 3.8.3 and 3.8.5 to 3.8.9",
		"A.7.13": "3.7.1 to 3.7.6",
		"A.7.14": "3.8.3",
		"A.8.1":  "3.1.18 and 3.1.19",
		"A.8.2":  "3.1.5 to 3.1.7",
		"A.8.3":  "3.1.2",
		"A.8.5":  "3.5.3 and 3.1.8",
		"A.8.7":  "3.14.2, 3.14.4 and 3.14.5",
		"A.8.8":  "3.11.2, 3.11.3 and 3.14.1",
		"A.8.9":  "3.4.1, 3.4.2, 3.4.6 and 3.4.7",
		"A.8.13": "3.8.9",
		"A.8.15": "3.3.1, 3.3.2 and 3.3.8",
		"A.8.16": "3.3.5, 3.14.6 and 3.14.7",
		"A.8.17": "3.3.7",
		"A.8.19": "3.4.8 and 3.4.9",
		"A.8.20": "3.13.1",
		"A.8.22": "3.13.5",
		"A.8.24": "3.13.10 and 3.13.11",
		"A.8.27": "3.13.2",
		"A.8.32": "3.4.3 and 3.4.4",
	},
	"itar": {
		"A.5.12": "22 CFR 120.33",
		"A.5.14": "22 CFR 120.50 and 120.56",
		"A.5.15": "22 CFR 120.50(a)(2)",
		"A.5.24": "22 CFR 127.12",
		"A.5.31": "22 CFR 122.1",
		"A.5.33": "22 CFR 122.5",
		"A.6.1":  "22 CFR 120.62",
		"A.8.3":  "22 CFR 120.50(a)(2)",
	},
	"nispom": {
		"A.5.2":  "32 CFR 117.7(b)",
		"A.6.1":  "32 CFR 117.10",
		"A.6.3":  "32 CFR 117.12",
		"A.6.8":  "32 CFR 117.8",
		"A.8.16": "32 CFR 117.7(d)",
	},
	"pci-dss": {
		"A.5.1":  "12.1",
		"A.5.2":  "12.1.3 and 12.4",
		"A.5.9":  "12.5.1",
		"A.5.10": "12.2",
		"A.5.12": "9.4.2",
		"A.5.14": "4.2",
		"A.5.15": "7.2",
		"A.5.16": "8.2",
		"A.5.17": "8.3",
		"A.5.18": "7.2.4 and 8.2.6",
		"A.5.19": "12.8",
		"A.5.20": "12.8.2",
		"A.5.22": "12.8.4",
		"A.5.24": "12.10.1",
		"A.5.26": "12.10.1",
		"A.6.1":  "12.7",
		"A.6.3":  "12.6",
		"A.7.2":  "9.2",
		"A.7.10": "9.4",
		"A.7.14": "9.4.6 and 9.4.7",
		"A.8.2":  "7.2.2 and 8.6",
		"A.8.5":  "8.4",
		"A.8.7":  "5.2 and 5.3",
		"A.8.8":  "6.3 and 11.3",
		"A.8.9":  "2.2",
		"A.8.10": "3.2.1",
		"A.8.11": "3.4",
		"A.8.15": "10.2 and 10.5.1",
		"A.8.16": "10.4 and 11.5",
		"A.8.17": "10.6",
		"A.8.20": "1.2",
		"A.8.22": "1.3 and 11.4.5",
		"A.8.24": "3.5, 3.6 and 4.2",
		"A.8.25": "6.2",
		"A.8.26": "6.4",
		"A.8.28": "6.2.4",
		"A.8.29": "6.2.3",
		"A.8.32": "6.5",
		"A.8.34": "11.4",
	},
	"glba": {
		"A.5.1":  "16 CFR 314.3(a)",
		"A.5.2":  "16 CFR 314.4(a)",
		"A.5.9":  "16 CFR 314.4(c)(2)",
		"A.5.15": "16 CFR 314.4(c)(1)",
		"A.5.19": "16 CFR 314.4(f)",
		"A.5.20": "16 CFR 314.4(f)(2)",
		"A.5.22": "16 CFR 314.4(f)(3)",
		"A.5.24": "16 CFR 314.4(h)",
		"A.5.26": "16 CFR 314.4(h) and (j)",
		"A.5.35": "16 CFR 314.4(d)(1)",
		"A.6.3":  "16 CFR 314.4(e)",
		"A.8.5":  "16 CFR 314.4(c)(5)",
		"A.8.8":  "16 CFR 314.4(d)(2)",
		"A.8.10": "16 CFR 314.4(c)(6)",
		"A.8.15": "16 CFR 314.4(c)(8)",
		"A.8.16": "16 CFR 314.4(c)(8)",
		"A.8.24": "16 CFR 314.4(c)(3)",
		"A.8.25": "16 CFR 314.4(c)(4)",
		"A.8.32": "16 CFR 314.4(c)(7)",
	},
	"nydfs-500": {
		"A.5.1":  "23 NYCRR 500.3",
		"A.5.2":  "23 NYCRR 500.4",
		"A.5.4":  "23 NYCRR 500.4",
		"A.5.9":  "23 NYCRR 500.13(a)",
		"A.5.15": "23 NYCRR 500.7(a)",
		"A.5.17": "23 NYCRR 500.7",
		"A.5.18": "23 NYCRR 500.7(a)",
		"A.5.19": "23 NYCRR 500.11",
		"A.5.20": "23 NYCRR 500.11",
		"A.5.24": "23 NYCRR 500.16(a)(1)",
		"A.5.26": "23 NYCRR 500.17(a)",
		"A.5.29": "23 NYCRR 500.16",
		"A.5.30": "23 NYCRR 500.16",
		"A.5.31": "23 NYCRR 500.17(b)",
		"A.5.33": "23 NYCRR 500.6(b)",
		"A.6.3":  "23 NYCRR 500.14(a)(3)",
		"A.8.2":  "23 NYCRR 500.7",
		"A.8.5":  "23 NYCRR 500.12",
		"A.8.7":  "23 NYCRR 500.14(a)(2)",
		"A.8.8":  "23 NYCRR 500.5",
		"A.8.10": "23 NYCRR 500.13(b)",
		"A.8.13": "23 NYCRR 500.16",
		"A.8.15": "23 NYCRR 500.6",
		"A.8.16": "23 NYCRR 500.14(a)(1)",
		"A.8.24": "23 NYCRR 500.15",
		"A.8.23": "23 NYCRR 500.14(a)(2)",
		"A.8.25": "23 NYCRR 500.8",
		"A.8.28": "23 NYCRR 500.8",
	},
	"soc2": {
		"A.5.1":  "CC5.3",
		"A.5.2":  "CC1.3",
		"A.5.4":  "CC1.5",
		"A.5.9":  "CC6.1",
		"A.5.12": "C1.1",
		"A.5.14": "CC6.7",
		"A.5.15": "CC6.1 and CC6.3",
		"A.5.16": "CC6.2",
		"A.5.17": "CC6.1",
		"A.5.18": "CC6.2 and CC6.3",
		"A.5.19": "CC9.2",
		"A.5.20": "CC9.2",
		"A.5.21": "CC9.2",
		"A.5.22": "CC9.2",
		"A.5.23": "CC9.2",
		"A.5.24": "CC7.3 and CC7.4",
		"A.5.25": "CC7.3",
		"A.5.26": "CC7.4",
		"A.5.27": "CC7.5",
		"A.5.29": "A1.2 and CC9.1",
		"A.5.30": "A1.2 and A1.3",
		"A.5.35": "CC4.1",
		"A.6.1":  "CC1.4",
		"A.6.3":  "CC1.4 and CC2.2",
		"A.6.4":  "CC1.5",
		"A.7.2":  "CC6.4",
		"A.7.10": "CC6.5",
		"A.7.14": "CC6.5",
		"A.8.2":  "CC6.1 and CC6.3",
		"A.8.5":  "CC6.1",
		"A.8.6":  "A1.1",
		"A.8.7":  "CC6.8",
		"A.8.8":  "CC7.1",
		"A.8.9":  "CC7.1",
		"A.8.10": "C1.2",
		"A.8.13": "A1.2",
		"A.8.14": "A1.2",
		"A.8.15": "CC7.2",
		"A.8.16": "CC7.2",
		"A.8.20": "CC6.6",
		"A.8.22": "CC6.6",
		"A.8.24": "CC6.1 and CC6.7",
		"A.8.25": "CC8.1",
		"A.8.29": "CC8.1",
		"A.8.32": "CC8.1",
	},
	"gdpr": {
		"A.5.14": "Articles 44 to 49",
		"A.5.19": "Article 28(1)",
		"A.5.20": "Article 28(3)",
		"A.5.24": "Article 33",
		"A.5.26": "Articles 33 and 34",
		"A.5.29": "Article 32(1)(b)",
		"A.5.30": "Article 32(1)(c)",
		"A.5.33": "Article 5(1)(e)",
		"A.5.34": "Articles 5, 25 and 30",
		"A.5.35": "Article 32(1)(d)",
		"A.8.10": "Article 17",
		"A.8.11": "Articles 25(1) and 32(1)(a)",
		"A.8.13": "Article 32(1)(c)",
		"A.8.24": "Article 32(1)(a)",
	},
	"uk-gdpr": {
		"A.5.14": "Articles 44 to 49",
		"A.5.19": "Article 28(1)",
		"A.5.20": "Article 28(3)",
		"A.5.24": "Article 33",
		"A.5.26": "Articles 33 and 34",
		"A.5.30": "Article 32(1)(c)",
		"A.5.34": "Articles 5, 25 and 30",
		"A.5.35": "Article 32(1)(d)",
		"A.8.10": "Article 17",
		"A.8.11": "Articles 25(1) and 32(1)(a)",
		"A.8.24": "Article 32(1)(a)",
	},
	"ccpa-cpra": {
		"A.5.20": "Civil Code 1798.100(d)",
		"A.5.24": "Civil Code 1798.82",
		"A.5.26": "Civil Code 1798.82",
		"A.5.34": "Civil Code 1798.100(e) and 1798.81.5",
		"A.8.10": "Civil Code 1798.105",
	},
	"sox": {
		"A.5.15": "section 404 (IT general controls: access)",
		"A.8.2":  "section 404 (IT general controls: access)",
		"A.8.32": "section 404 (IT general controls: change management)",
	},
	"nis2": {
		"A.5.1":  "Article 21(2)(a)",
		"A.5.4":  "Article 20(1)",
		"A.5.9":  "Article 21(2)(i)",
		"A.5.15": "Article 21(2)(i)",
		"A.5.19": "Article 21(2)(d)",
		"A.5.21": "Article 21(2)(d)",
		"A.5.24": "Article 21(2)(b)",
		"A.5.26": "Articles 21(2)(b) and 23",
		"A.5.29": "Article 21(2)(c)",
		"A.5.30": "Article 21(2)(c)",
		"A.5.35": "Article 21(2)(f)",
		"A.6.1":  "Article 21(2)(i)",
		"A.6.3":  "Articles 20(2) and 21(2)(g)",
		"A.8.5":  "Article 21(2)(j)",
		"A.8.8":  "Article 21(2)(e)",
		"A.8.13": "Article 21(2)(c)",
		"A.8.24": "Article 21(2)(h)",
		"A.8.25": "Article 21(2)(e)",
	},
	"dora": {
		"A.5.1":  "Article 9(4)(a)",
		"A.5.4":  "Article 5(2)",
		"A.5.9":  "Article 8",
		"A.5.19": "Article 28",
		"A.5.20": "Article 30",
		"A.5.24": "Article 17",
		"A.5.26": "Articles 17 and 19",
		"A.5.27": "Article 13",
		"A.5.29": "Article 11",
		"A.5.30": "Articles 11 and 12",
		"A.6.3":  "Article 13",
		"A.8.13": "Article 12",
		"A.8.16": "Article 10",
		"A.8.34": "Articles 24 and 25",
	},
	"fedramp": {
		"A.5.3":  "NIST SP 800-53 AC-5",
		"A.5.9":  "NIST SP 800-53 CM-8",
		"A.5.15": "NIST SP 800-53 AC-3",
		"A.5.16": "NIST SP 800-53 AC-2 and IA-2",
		"A.5.17": "NIST SP 800-53 IA-5",
		"A.5.24": "NIST SP 800-53 IR-8",
		"A.5.26": "NIST SP 800-53 IR-4 and IR-6",
		"A.5.30": "NIST SP 800-53 CP-2 and CP-4",
		"A.5.35": "NIST SP 800-53 CA-2",
		"A.6.1":  "NIST SP 800-53 PS-3",
		"A.6.3":  "NIST SP 800-53 AT-2",
		"A.8.2":  "NIST SP 800-53 AC-6",
		"A.8.5":  "NIST SP 800-53 IA-2",
		"A.8.7":  "NIST SP 800-53 SI-3",
		"A.8.8":  "NIST SP 800-53 RA-5 and SI-2",
		"A.8.9":  "NIST SP 800-53 CM-2 and CM-6",
		"A.8.13": "NIST SP 800-53 CP-9",
		"A.8.15": "NIST SP 800-53 AU-2 and AU-11",
		"A.8.16": "NIST SP 800-53 SI-4",
		"A.8.20": "NIST SP 800-53 SC-7",
		"A.8.24": "NIST SP 800-53 SC-8, SC-13 and SC-28",
		"A.8.32": "NIST SP 800-53 CM-3",
		"A.8.34": "NIST SP 800-53 CA-8",
	},
}

// cmmcFamilies gives the CMMC practice family of each NIST SP 800-171 Rev. 2
// requirement family, so that CMMC Level 2 practice IDs follow from the
// requirement numbers (3.1.1 is AC.L2-3.1.1).
var cmmcFamilies = map[string]string{
	"3.1": "AC", "3.2": "AT", "3.3": "AU", "3.4": "CM", "3.5": "IA", "3.6": "IR", "3.7": "MA",
	"3.8": "MP", "3.9": "PS", "3.10": "PE", "3.11": "RA", "3.12": "CA", "3.13": "SC", "3.14": "SI",
}

// Citation returns the section of a built-in regime that calls for a
// control, or "" when the regime is silent on it. CMMC is cited at Level 2.
func (c *Catalog) Citation(regime, control string) string {
	return c.CitationAt(regime, "", control)
}

// CitationAt is Citation at the level an organization declared, such as
// "Level 1": at CMMC Level 1 only the requirements of FAR 52.204-21 are
// cited, by their Level 1 IDs.
func (c *Catalog) CitationAt(regime, level, control string) string {
	if regime == "cmmc" {
		return cmmcPractices(citations["nist-800-171"][control], LevelNumber(level) == "1")
	}
	return citations[regime][control]
}

// CitedControls returns the controls a built-in regime cites, sorted.
func (c *Catalog) CitedControls(regime string) []string {
	src := regime
	if regime == "cmmc" {
		src = "nist-800-171"
	}
	var out []string
	for id := range citations[src] {
		if c.Citation(regime, id) != "" {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return compareControlIDs(a, b) })
	return out
}

// cmmcLevel1 maps the NIST SP 800-171 requirements that match the fifteen
// basic safeguarding requirements of FAR 52.204-21(b)(1) to their CMMC
// Level 1 IDs (32 CFR 170.15; the CMMC Level 1 assessment guide).
var cmmcLevel1 = map[string]string{
	"3.1.1": "AC.L1-B.1.I", "3.1.2": "AC.L1-B.1.II", "3.1.20": "AC.L1-B.1.III", "3.1.22": "AC.L1-B.1.IV",
	"3.5.1": "IA.L1-B.1.V", "3.5.2": "IA.L1-B.1.VI", "3.8.3": "MP.L1-B.1.VII", "3.10.1": "PE.L1-B.1.VIII",
	"3.10.3": "PE.L1-B.1.IX", "3.10.4": "PE.L1-B.1.IX", "3.10.5": "PE.L1-B.1.IX",
	"3.13.1": "SC.L1-B.1.X", "3.13.5": "SC.L1-B.1.XI", "3.14.1": "SI.L1-B.1.XII",
	"3.14.2": "SI.L1-B.1.XIII", "3.14.4": "SI.L1-B.1.XIV", "3.14.5": "SI.L1-B.1.XV",
}

// cmmcPractices turns NIST SP 800-171 requirement numbers ("3.5.7 to 3.5.10
// and 3.1.8") into CMMC Level 2 practice IDs, or with level1 into the
// Level 1 IDs of those that are Level 1 requirements; DFARS clauses are
// dropped, since CMMC does not assess them.
func cmmcPractices(nist string, level1 bool) string {
	if nist == "" {
		return ""
	}
	var parts []string
	for _, p := range strings.FieldsFunc(nist, func(r rune) bool { return r == ',' }) {
		for _, q := range strings.Split(strings.TrimSpace(p), " and ") {
			q = strings.TrimPrefix(strings.TrimSpace(q), "and ")
			if q == "" || strings.HasPrefix(q, "DFARS") {
				continue
			}
			if level1 {
				for _, n := range requirementRange(q) {
					if id := cmmcLevel1[n]; id != "" && !slices.Contains(parts, id) {
						parts = append(parts, id)
					}
				}
				continue
			}
			var out []string
			for _, r := range strings.Split(q, " to ") {
				r = strings.TrimSpace(r)
				i := strings.LastIndexByte(r, '.')
				if i < 0 {
					continue
				}
				fam := cmmcFamilies[r[:i]]
				if fam == "" {
					continue
				}
				out = append(out, fmt.Sprintf("%s.L2-%s", fam, r))
			}
			if len(out) > 0 {
				parts = append(parts, strings.Join(out, " to "))
			}
		}
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// requirementRange lists the requirements of "3.10.3 to 3.10.5" one by
// one, or returns a single requirement as it is.
func requirementRange(q string) []string {
	ends := strings.Split(q, " to ")
	for i := range ends {
		ends[i] = strings.TrimSpace(ends[i])
	}
	if len(ends) != 2 {
		return ends
	}
	i, j := strings.LastIndexByte(ends[0], '.'), strings.LastIndexByte(ends[1], '.')
	lo, err1 := strconv.Atoi(ends[0][i+1:])
	hi, err2 := strconv.Atoi(ends[1][j+1:])
	if i < 0 || j < 0 || ends[0][:i] != ends[1][:j] || err1 != nil || err2 != nil || hi < lo {
		return ends
	}
	var out []string
	for n := lo; n <= hi; n++ {
		out = append(out, fmt.Sprintf("%s.%d", ends[0][:i], n))
	}
	return out
}

// compareControlIDs orders control IDs as Annex A does (A.5.2 before
// A.5.10).
func compareControlIDs(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		var na, nb int
		_, ea := fmt.Sscan(pa[i], &na)
		_, eb := fmt.Sscan(pb[i], &nb)
		if ea == nil && eb == nil {
			return na - nb
		}
		return strings.Compare(pa[i], pb[i])
	}
	return len(pa) - len(pb)
}
