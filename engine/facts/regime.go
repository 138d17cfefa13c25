package facts

// RegimeEntry is a regime that applies: a built-in one by ID, optionally
// with what the organization's position under it is, or one the project
// declares with its name, kind, focus and citations.
//
// In isms.yaml an entry is either an ID (`- hipaa`) or a mapping
// (`- {id: nist-800-171, version: Rev. 2}`).
type RegimeEntry struct {
	ID string `mapstructure:"id" required:"true"`
	// Name, ShortName, Kind and Focus declare a regime ismsforge does not
	// know; built-in regimes have their own.
	Name      string `mapstructure:"name"`
	ShortName string `mapstructure:"short_name"`
	Kind      string `mapstructure:"kind" enum:"law,regulation,contractual,framework"`
	Focus     string `mapstructure:"focus"`
	// Region is the state or province whose law a declared regime is, such
	// as "NV", so that it stands for that state's breach law.
	Region string `mapstructure:"region"`
	// Obligations sums up in a sentence what the regime requires, for the
	// legal register.
	Obligations string `mapstructure:"obligations"`
	// Version is the edition assessed against, such as "Rev. 2" or "v4.0.1".
	Version string `mapstructure:"version"`
	// Level is the level or tier that applies, such as "Level 2".
	Level string `mapstructure:"level"`
	// Role is the organization's position under the regime.
	Role string `mapstructure:"role" enum:"covered-entity,business-associate,prime-contractor,subcontractor,merchant,service-provider,controller,processor,licensee,program-manager"`
	// Status says where the organization stands, such as "SPRS score 104
	// of 110, October 2026"; Reference is a registration or certificate
	// number.
	Status    string `mapstructure:"status"`
	Reference string `mapstructure:"reference"`
	// Assessed is the date of the last assessment under the regime.
	Assessed Date `mapstructure:"assessed"`
	// FIPS140 declares that the regime requires FIPS 140-validated
	// cryptography.
	FIPS140 bool `mapstructure:"fips_140"`
	// Citations name, for an Annex A control (key "A.5.24"), the section
	// of the regime that requires it. They add to a built-in regime's own.
	Citations map[string]string `mapstructure:"citations"`
	// Notifications are the notices the regime requires after an incident.
	Notifications []Notification `mapstructure:"notifications"`
}

// Notification is a notice a regime requires after an incident or breach.
type Notification struct {
	// To is who must be told; When is what triggers the duty; Deadline is
	// how fast.
	To       string `mapstructure:"to" required:"true"`
	When     string `mapstructure:"when" required:"true"`
	Deadline string `mapstructure:"deadline" required:"true"`
	Citation string `mapstructure:"citation"`
	// By is the person or role who sends it.
	By string `mapstructure:"by"`
}

// Declares reports whether the entry declares a regime of its own.
func (r RegimeEntry) Declares() bool { return r.Name != "" || r.Focus != "" || r.Kind != "" }
