package catalog

import "strings"

// StateLaw is a US state's data breach notification law, as the legal
// register and the notification table cite it.
type StateLaw struct {
	// State is the postal code.
	State string
	// Citation is the statute.
	Citation string
	// Individuals is the deadline for notifying affected residents.
	Individuals string
	// Regulator says which state authority must also be told, when, and
	// above which number of residents; empty when the law asks none.
	Regulator string
	// Security names a state law that requires reasonable security
	// measures beyond notification, if any.
	Security string
	// CoveredEntitiesExempt is set when the law does not apply to a
	// covered entity under HIPAA (45 CFR 160.103): it names the act that
	// took them out.
	CoveredEntitiesExempt string
}

// stateLaws covers the states ismsforge has verified citations for. A state
// missing here is named in the register without a citation, and `check`
// asks the project to declare its law as a regime.
var stateLaws = []StateLaw{
	{State: "AL", Citation: "Ala. Code §§ 8-38-1 to 8-38-12",
		Individuals: "As expeditiously as possible and without unreasonable delay, and within 45 days of determining that a breach occurred and is reasonably likely to cause substantial harm",
		Regulator:   "the Attorney General within 45 days when more than 1,000 residents are notified, and the consumer reporting agencies when more than 1,000 individuals are notified at a single time",
		Security:    "reasonable security measures for sensitive personally identifying information (Ala. Code § 8-38-3)"},
	{State: "AZ", Citation: "Ariz. Rev. Stat. § 18-552",
		Individuals: "Within 45 days of determining that a breach occurred",
		Regulator:   "the Attorney General, the Director of the Arizona Department of Homeland Security and the three largest nationwide consumer reporting agencies within the same 45 days when more than 1,000 individuals are notified"},
	{State: "CA", Citation: "Cal. Civ. Code § 1798.82",
		Individuals: "Within 30 calendar days after discovering or being notified of the breach",
		Regulator:   "the Attorney General, with a sample copy of the notice, when more than 500 residents are notified of a single breach, within 15 calendar days after they are notified",
		Security:    "reasonable security procedures and practices (Cal. Civ. Code § 1798.81.5)"},
	{State: "CO", Citation: "Colo. Rev. Stat. § 6-1-716",
		Individuals: "In the most expedient time possible and without unreasonable delay, and within 30 days after determining that a breach occurred",
		Regulator:   "the Attorney General within the same 30 days when 500 or more residents are affected, and the consumer reporting agencies when more than 1,000 residents are notified",
		Security:    "reasonable security procedures and practices (Colo. Rev. Stat. § 6-1-713.5)"},
	{State: "CT", Citation: "Conn. Gen. Stat. § 36a-701b",
		Individuals: "Without unreasonable delay and within 60 days after discovery",
		Regulator:   "the Attorney General no later than when residents are notified"},
	{State: "DC", Citation: "D.C. Code § 28-3852",
		Individuals: "In the most expedient time possible and without unreasonable delay",
		Regulator:   "the Attorney General when 50 or more residents are affected, and the consumer reporting agencies when more than 1,000 persons in the District are notified",
		Security:    "reasonable security safeguards (D.C. Code § 28-3852a)"},
	{State: "FL", Citation: "Fla. Stat. § 501.171",
		Individuals: "As expeditiously as practicable and without unreasonable delay, and within 30 days after determining that a breach occurred",
		Regulator:   "the Department of Legal Affairs within 30 days when 500 or more Florida residents are affected, and the consumer reporting agencies when more than 1,000 individuals are notified at a single time",
		Security:    "reasonable measures to protect personal information (Fla. Stat. § 501.171(2))"},
	{State: "GA", Citation: "Ga. Code Ann. § 10-1-912",
		Individuals: "In the most expedient time possible and without unreasonable delay",
		Regulator:   "the consumer reporting agencies, without unreasonable delay, when more than 10,000 residents are notified at one time"},
	{State: "IL", Citation: "815 ILCS 530/10",
		Individuals: "In the most expedient time possible and without unreasonable delay",
		Regulator:   "the Attorney General, without unreasonable delay and no later than when residents are notified, when more than 500 residents are notified of a single breach",
		Security:    "reasonable security measures (815 ILCS 530/45)"},
	{State: "IN", Citation: "Ind. Code § 24-4.9-3",
		Individuals: "Without unreasonable delay and within 45 days after discovery",
		Regulator:   "the Attorney General in every case, and the consumer reporting agencies when more than 1,000 consumers are notified"},
	{State: "KY", Citation: "Ky. Rev. Stat. § 365.732",
		Individuals: "In the most expedient time possible and without unreasonable delay",
		Regulator:   "the consumer reporting agencies, without unreasonable delay, when more than 1,000 persons are notified at one time"},
	{State: "MA", Citation: "Mass. Gen. Laws ch. 93H, § 3",
		Individuals: "As soon as practicable and without unreasonable delay",
		Regulator:   "the Attorney General and the Office of Consumer Affairs and Business Regulation in every case, and then the consumer reporting agencies and state agencies that the Office names",
		Security:    "a written information security program (201 CMR 17.00)"},
	{State: "MD", Citation: "Md. Code Ann., Com. Law § 14-3504",
		Individuals: "As soon as reasonably practicable, and within 45 days after discovering or being notified of the breach",
		Regulator:   "the Attorney General before residents are notified, and the consumer reporting agencies when 1,000 or more individuals are notified",
		Security:    "reasonable security procedures and practices (Md. Code Ann., Com. Law § 14-3503)"},
	{State: "NC", Citation: "N.C. Gen. Stat. §§ 75-61 and 75-65",
		Individuals: "Without unreasonable delay",
		Regulator:   "the Consumer Protection Division of the Attorney General's Office in every case, without unreasonable delay, and the consumer reporting agencies when more than 1,000 persons are notified at one time"},
	{State: "NJ", Citation: "N.J. Stat. Ann. § 56:8-163",
		Individuals: "In the most expedient time possible and without unreasonable delay",
		Regulator:   "the Division of State Police before residents are notified, and the consumer reporting agencies when more than 1,000 persons are notified at one time"},
	{State: "NY", Citation: "N.Y. Gen. Bus. Law § 899-aa",
		Individuals: "In the most expedient time possible and without unreasonable delay, and within 30 days after discovery",
		Regulator:   "the Attorney General, the Department of State and the Division of State Police; for entities it regulates, the Department of Financial Services; and the consumer reporting agencies when more than 5,000 New York residents are notified at one time",
		Security:    "reasonable safeguards under the SHIELD Act (N.Y. Gen. Bus. Law § 899-bb), which a regulated entity in compliance with 23 NYCRR Part 500 meets"},
	{State: "OH", Citation: "Ohio Rev. Code § 1349.19",
		Individuals:           "In the most expedient time possible and within 45 days after discovery or notification of the breach",
		Regulator:             "the consumer reporting agencies, without unreasonable delay, when more than 1,000 residents are notified of a single breach",
		CoveredEntitiesExempt: "Ohio S.B. 126 of the 126th General Assembly, in force since 30 March 2007"},
	{State: "PA", Citation: "73 Pa. Stat. § 2301 et seq.",
		Individuals: "Without unreasonable delay",
		Regulator:   "the Attorney General when more than 500 residents are notified, at the same time as the residents, and the consumer reporting agencies when more than 500 persons are notified at one time"},
	{State: "TN", Citation: "Tenn. Code Ann. § 47-18-2107",
		Individuals: "Immediately, and within 45 days after discovery",
		Regulator:   "the consumer reporting agencies, without unreasonable delay, when more than 1,000 persons are notified at one time"},
	{State: "TX", Citation: "Tex. Bus. & Com. Code § 521.053",
		Individuals: "Without unreasonable delay and within 60 days after determining that a breach occurred",
		Regulator:   "the Attorney General within 30 days when 250 or more Texas residents are affected, and the consumer reporting agencies when more than 10,000 persons are notified at one time",
		Security:    "reasonable procedures to protect sensitive personal information (Tex. Bus. & Com. Code § 521.052)"},
	{State: "VA", Citation: "Va. Code Ann. § 18.2-186.6",
		Individuals: "Without unreasonable delay",
		Regulator:   "the Attorney General in every case, without unreasonable delay, and, when more than 1,000 persons are notified at one time, the Attorney General and the consumer reporting agencies of the notices' timing, distribution and content"},
	{State: "WA", Citation: "Wash. Rev. Code § 19.255.010",
		Individuals: "In the most expedient time possible and within 30 days after discovery",
		Regulator:   "the Attorney General within the same 30 days when more than 500 residents are notified"},
	{State: "WV", Citation: "W. Va. Code §§ 46A-2A-101 to 46A-2A-105",
		Individuals: "Without unreasonable delay",
		Regulator:   "the consumer reporting agencies, without unreasonable delay, when more than 1,000 persons are notified"},
}

// StateLaw returns the breach notification law of a US state, by postal
// code, when ismsforge knows it.
func (c *Catalog) StateLaw(code string) (StateLaw, bool) {
	for _, l := range stateLaws {
		if strings.EqualFold(l.State, code) {
			return l, true
		}
	}
	return StateLaw{}, false
}
