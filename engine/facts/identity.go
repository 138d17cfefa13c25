package facts

// IdentityDomain is a directory of accounts and the systems that trust it:
// the corporate directory, an air-gapped enclave with its own forest, a
// production cloud account structure. Access control, privileged access,
// logging and change management describe each domain.
type IdentityDomain struct {
	ID   string `mapstructure:"id" required:"true"`
	Name string `mapstructure:"name" required:"true"`
	// Directory is the identity store, such as "Microsoft Entra ID".
	Directory string `mapstructure:"directory" required:"true"`
	// MFA is how people in the domain prove who they are.
	MFA string `mapstructure:"mfa"`
	// SSO reports that the domain's applications sign in through the
	// directory.
	SSO bool `mapstructure:"sso"`
	// AirGapped reports that the domain has no network connection to any
	// other; information crosses only on media.
	AirGapped bool `mapstructure:"air_gapped"`
	// Teams whose members hold accounts; empty means every workforce
	// member.
	Teams []string `mapstructure:"teams"`
	// Systems are the main systems in the domain.
	Systems []string `mapstructure:"systems"`
	// Admins administer the domain (person or role IDs).
	Admins []string `mapstructure:"admins"`
	// Logging and Changes say where the domain's logs go and where its
	// changes are recorded.
	Logging string `mapstructure:"logging"`
	Changes string `mapstructure:"changes"`
	// Transfer says how information enters or leaves an air-gapped domain.
	Transfer string `mapstructure:"transfer"`
	// AccessReviewMonths is how often the domain's accounts and groups are
	// reviewed, by its admins with each team lead.
	AccessReviewMonths int `mapstructure:"access_review_months"`
}
