package tmpl

import (
	"fmt"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// blocked lists functions templates may not call, with the reason given in
// the error. Sprig's hermetic map already drops most of the clock and random
// functions; they stay listed so that a template calling them gets this
// message rather than "function not defined".
var blocked = map[string]string{
	"env":                      "templates must not read the environment: the same facts must give the same pack on every machine",
	"expandenv":                "templates must not read the environment: the same facts must give the same pack on every machine",
	"now":                      "templates must not read the clock; use .Pack.Date or .Doc.Effective",
	"date":                     "templates must not read the clock; format facts dates with .Format, as in .Pack.Date.Format \"2 January 2006\"",
	"dateInZone":               "templates must not read the clock",
	"date_in_zone":             "templates must not read the clock",
	"dateModify":               "templates must not read the clock",
	"date_modify":              "templates must not read the clock",
	"mustDateModify":           "templates must not read the clock",
	"must_date_modify":         "templates must not read the clock",
	"htmlDate":                 "templates must not read the clock",
	"htmlDateInZone":           "templates must not read the clock",
	"ago":                      "templates must not read the clock",
	"unixEpoch":                "templates must not read the clock",
	"randAlphaNum":             "templates must not use randomness: builds must be reproducible",
	"randAlpha":                "templates must not use randomness: builds must be reproducible",
	"randAscii":                "templates must not use randomness: builds must be reproducible",
	"randNumeric":              "templates must not use randomness: builds must be reproducible",
	"randBytes":                "templates must not use randomness: builds must be reproducible",
	"randInt":                  "templates must not use randomness: builds must be reproducible",
	"shuffle":                  "templates must not use randomness: builds must be reproducible",
	"uuidv4":                   "templates must not use randomness: builds must be reproducible",
	"getHostByName":            "templates must not use the network",
	"genPrivateKey":            "key and certificate generation is random and expensive",
	"genCA":                    "key and certificate generation is random and expensive",
	"genCAWithKey":             "key and certificate generation is random and expensive",
	"genSelfSignedCert":        "key and certificate generation is random and expensive",
	"genSelfSignedCertWithKey": "key and certificate generation is random and expensive",
	"genSignedCert":            "key and certificate generation is random and expensive",
	"genSignedCertWithKey":     "key and certificate generation is random and expensive",
	"buildCustomCert":          "key and certificate generation is random and expensive",
	"bcrypt":                   "password hashing is random and expensive",
	"htpasswd":                 "password hashing is random and expensive",
	"derivePassword":           "password derivation is expensive and not needed in documents",
	"encryptAES":               "encryption is random and not needed in documents",
	"decryptAES":               "encryption is not needed in documents",
	"until":                    "it builds unbounded lists; range over the facts instead",
	"untilStep":                "it builds unbounded lists; range over the facts instead",
	"seq":                      "it builds unbounded lists; range over the facts instead",
	"repeat":                   "it builds unbounded text",
	"readFile":                 "templates cannot read files; use partials under templates/partials",
}

// baseFuncs is sprig's hermetic map with the blocked functions replaced by
// stubs that fail with a clear message. The map is built per library, never
// shared, so no build can affect another.
func baseFuncs() template.FuncMap {
	m := sprig.HermeticTxtFuncMap()
	for name, why := range blocked {
		m[name] = blockedStub(name, why)
	}
	return m
}

func blockedStub(name, why string) func(...any) (string, error) {
	return func(...any) (string, error) {
		return "", fmt.Errorf("function %q is not allowed in ismsforge templates: %s", name, why)
	}
}
