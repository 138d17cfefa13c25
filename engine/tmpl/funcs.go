package tmpl

import (
	"fmt"
	"strconv"
	"strings"
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
	"toDate":                   "it parses dates in the machine's time zone; facts dates are already dates: use .Pack.Date or a date fact with .Format",
	"mustToDate":               "it parses dates in the machine's time zone; facts dates are already dates: use .Pack.Date or a date fact with .Format",
	"durationRound":            "it measures durations from the clock when given a time",
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
	"readFile":                 "templates cannot read files; use partials under templates/partials",
}

// maxWidth bounds the padding a single call may ask for: printf widths and
// precisions and indent counts. Without it one call such as
// printf "%999999999d" allocates a gigabyte before any output limit applies.
const maxWidth = 10_000

// baseFuncs is sprig's hermetic map with the blocked functions replaced by
// stubs that fail with a clear message, the padding functions bounded and
// the regex functions compiling each pattern once, in rc.
// The map is built per library, never shared, so no build can affect
// another.
func baseFuncs(rc *regexCache) template.FuncMap {
	m := sprig.HermeticTxtFuncMap()
	for name, fn := range rc.funcs() {
		m[name] = fn
	}
	for name, why := range blocked {
		m[name] = blockedStub(name, why)
	}
	m["printf"] = boundedPrintf
	// text/template's own formatters, listed so that every execution's
	// budget covers them too.
	m["print"] = fmt.Sprint
	m["println"] = fmt.Sprintln
	m["html"] = template.HTMLEscaper
	m["js"] = template.JSEscaper
	m["urlquery"] = template.URLQueryEscaper
	m["indent"] = func(n int, s string) (string, error) {
		if n < 0 || n > maxWidth {
			return "", fmt.Errorf("indent of %d spaces is outside 0..%d", n, maxWidth)
		}
		return indentFunc(n, s), nil
	}
	m["nindent"] = func(n int, s string) (string, error) {
		if n < 0 || n > maxWidth {
			return "", fmt.Errorf("nindent of %d spaces is outside 0..%d", n, maxWidth)
		}
		return "\n" + indentFunc(n, s), nil
	}
	return m
}

func indentFunc(n int, s string) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// boundedPrintf is fmt.Sprintf with widths and precisions, written or taken
// from arguments with *, limited to maxWidth.
func boundedPrintf(format string, args ...any) (string, error) {
	argi := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) {
			c := format[i]
			switch {
			case c == '%' && format[i-1] == '%':
			case c >= '0' && c <= '9':
				j := i
				for j < len(format) && format[j] >= '0' && format[j] <= '9' {
					j++
				}
				if n, err := strconv.Atoi(format[i:j]); err != nil || n > maxWidth {
					return "", fmt.Errorf("printf width %s is larger than %d", format[i:j], maxWidth)
				}
				i = j
				continue
			case c == '*':
				if argi < len(args) {
					if n, ok := args[argi].(int); ok && (n > maxWidth || n < -maxWidth) {
						return "", fmt.Errorf("printf width %d is larger than %d", n, maxWidth)
					}
				}
				argi++
			case c == '[':
				return "", fmt.Errorf("printf argument indexes are not supported in ismsforge templates")
			case c == 'p':
				return "", fmt.Errorf("printf %%p prints a memory address, which differs on every run")
			case strings.IndexByte("+-# .", c) >= 0:
			default:
				argi++
				i++
				goto next
			}
			i++
		}
	next:
		i--
	}
	return fmt.Sprintf(format, args...), nil
}

func blockedStub(name, why string) func(...any) (string, error) {
	return func(...any) (string, error) {
		return "", fmt.Errorf("function %q is not allowed in ismsforge templates: %s", name, why)
	}
}
