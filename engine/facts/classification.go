package facts

import "strings"

// Classification is the organization's information classification scheme
// (A.5.12, A.5.13): its levels, lowest first, and the default level of
// unlabeled information. Every document that names a level takes it from
// here.
type Classification struct {
	Levels []ClassLevel `mapstructure:"levels"`
	// Default is the level (ID or name) of information nobody has labeled.
	Default string `mapstructure:"default"`
	// Authority names where the scheme or some of its levels come from,
	// such as "the DoD CUI Registry and DoD Instruction 5200.48".
	Authority string `mapstructure:"authority"`

	declared bool
}

// ClassLevel is one level of the scheme.
type ClassLevel struct {
	ID   string `mapstructure:"id" required:"true"`
	Name string `mapstructure:"name" required:"true"`
	// Marking is the banner or label applied to information at this level,
	// such as "CUI//SP-EXPT"; empty when the level is not marked.
	Marking string `mapstructure:"marking"`
	// Meaning says what the level protects and what its disclosure would
	// cause.
	Meaning  string   `mapstructure:"meaning" required:"true"`
	Examples []string `mapstructure:"examples"`
	// Handling lists the rules for storing, sending and destroying
	// information at this level.
	Handling []string `mapstructure:"handling"`
	// Regimes are the IDs of the regimes whose information sits at this
	// level.
	Regimes []string `mapstructure:"regimes"`
}

// defaultLevels is the scheme used when the facts declare none. It is
// documented in the README; `check` asks for the organization's own.
var defaultLevels = []ClassLevel{
	{ID: "public", Name: "Public", Meaning: "Approved for release; disclosure causes no harm."},
	{ID: "internal", Name: "Internal", Meaning: "For people working for the organization; disclosure would cause limited harm."},
	{ID: "confidential", Name: "Confidential", Marking: "Confidential", Meaning: "Disclosure would harm the organization, its staff or the people it serves."},
	{ID: "restricted", Name: "Restricted", Marking: "Restricted", Meaning: "Disclosure could cause severe harm or breach the law or a contract."},
}

// Declared reports whether the facts declare a scheme of their own.
func (c Classification) Declared() bool { return c.declared }

// Level finds a level by ID or name, case-insensitively.
func (c Classification) Level(ref string) (ClassLevel, bool) {
	for _, l := range c.Levels {
		if strings.EqualFold(l.ID, ref) || strings.EqualFold(l.Name, ref) {
			return l, true
		}
	}
	return ClassLevel{}, false
}

// Rank is a level's position, lowest 0, or -1 when it is unknown.
func (c Classification) Rank(ref string) int {
	for i, l := range c.Levels {
		if strings.EqualFold(l.ID, ref) || strings.EqualFold(l.Name, ref) {
			return i
		}
	}
	return -1
}

// DefaultLevel is the level of unlabeled information.
func (c Classification) DefaultLevel() ClassLevel {
	if l, ok := c.Level(c.Default); ok {
		return l
	}
	return ClassLevel{}
}

// String prints a level as its name.
func (l ClassLevel) String() string { return l.Name }
