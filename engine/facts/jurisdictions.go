package facts

import (
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/catalog"
)

// usStates names the US states, the District of Columbia and the
// territories by their postal codes.
var usStates = map[string]string{
	"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
	"CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
	"FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
	"IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
	"ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
	"MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
	"NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
	"NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
	"PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
	"TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
	"WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
	"PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands",
}

// USStateName returns the name of a US state by its postal code.
func USStateName(code string) (string, bool) {
	n, ok := usStates[strings.ToUpper(code)]
	return n, ok
}

// USStateCodes returns every postal code, sorted, for suggestions.
func USStateCodes() []string {
	out := make([]string, 0, len(usStates))
	for c := range usStates {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Jurisdiction is a country, or a state or province of one, whose law
// reaches the organization because it operates there or because people it
// holds information about live there.
type Jurisdiction struct {
	Country string
	// Region is a state or province code; empty for the country itself.
	Region string
	Name   string
	// Sites are the in-scope locations there; Subjects the data subject
	// groups who live there.
	Sites    []string
	Subjects []string
}

// Jurisdictions derives, from the in-scope locations and the data subjects,
// the states (and countries) whose laws apply, in code order with the
// organization's own country first.
func (f *Facts) Jurisdictions() []Jurisdiction {
	home := f.Organization.Country
	byKey := map[string]*Jurisdiction{}
	var keys []string
	add := func(country, region, site, subject string) {
		country = strings.ToUpper(country)
		if country == "" {
			country = home
		}
		region = strings.ToUpper(region)
		key := country + "/" + region
		j := byKey[key]
		if j == nil {
			name := country
			if country == "US" && region != "" {
				name, _ = USStateName(region)
			} else if region != "" {
				name = region + ", " + country
			}
			j = &Jurisdiction{Country: country, Region: region, Name: name}
			byKey[key] = j
			keys = append(keys, key)
		}
		if site != "" && !slices.Contains(j.Sites, site) {
			j.Sites = append(j.Sites, site)
		}
		if subject != "" && !slices.Contains(j.Subjects, subject) {
			j.Subjects = append(j.Subjects, subject)
		}
	}
	for _, l := range f.ScopeLocations() {
		if l.Region != "" {
			add(l.Country, l.Region, l.Name, "")
		}
	}
	for _, s := range f.DataSubjects {
		countries := s.Countries
		if len(countries) == 0 {
			countries = []string{home}
		}
		for _, c := range countries {
			// Information held for customers brings their countries' laws,
			// but state breach laws ask only that the customer be told.
			if len(s.Regions) == 0 || !strings.EqualFold(c, home) || s.OnBehalf {
				if !strings.EqualFold(c, home) {
					add(c, "", "", s.Name)
				}
				continue
			}
			for _, r := range s.Regions {
				add(c, r, "", s.Name)
			}
		}
	}
	slices.SortStableFunc(keys, func(a, b string) int {
		ah, bh := strings.HasPrefix(a, home+"/"), strings.HasPrefix(b, home+"/")
		if ah != bh {
			if ah {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	out := make([]Jurisdiction, 0, len(keys))
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	return out
}

// States returns the US states among the jurisdictions.
func (f *Facts) States() []Jurisdiction {
	var out []Jurisdiction
	for _, j := range f.Jurisdictions() {
		if j.Country == "US" && j.Region != "" {
			out = append(out, j)
		}
	}
	return out
}

// ExemptFrom reports whether a state's breach law does not apply to the
// organization: the law excludes HIPAA covered entities, and the facts
// declare the organization one (regimes: [{id: hipaa, role:
// covered-entity}]).
func (f *Facts) ExemptFrom(law catalog.StateLaw) bool {
	if law.CoveredEntitiesExempt == "" {
		return false
	}
	e, ok := f.RegimeEntry("hipaa")
	return ok && e.Role == "covered-entity"
}
