package check

import "testing"

// The revision check must see Revision 3 however the organization writes
// it, including the short name NIST itself gives the publication
// ("SP 800-171r3"), and must not see it in a Rev. 2 entry.
func TestRevision3(t *testing.T) {
	for v, want := range map[string]bool{
		"Rev. 3":                  true,
		"rev 3":                   true,
		"Revision 3":              true,
		"r3":                      true,
		"R3":                      true,
		"rev3":                    true,
		"800-171r3":               true,
		"NIST SP 800-171r3":       true,
		"NIST SP 800-171 Rev. 3":  true,
		"Rev. 3 (May 2024)":       true,
		"Rev. 2":                  false,
		"r2":                      false,
		"800-171r2":               false,
		"NIST SP 800-171 Rev. 2":  false,
		"Rev. 2, February 2020":   false,
		"Rev. 23":                 false,
		"version 3 of our matrix": false,
		"":                        false,
	} {
		if got := revision3.MatchString(v); got != want {
			t.Errorf("revision3.MatchString(%q) = %v, want %v", v, got, want)
		}
	}
}
