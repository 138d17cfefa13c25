package facts

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Typed strings are facts with a form: an e-mail address, a web address, a
// country code, a path, a name. Templates turn some of them into links
// (mailto, autolinks), so a value that is not of its form could smuggle
// Markdown or HTML into every document. Each is checked when the facts are
// loaded, at its line, with a hint.

// Email is the form of an e-mail address ismsforge accepts: a conservative
// subset of RFC 5321 that never needs escaping in a Markdown link or an
// autolink.
var Email = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$`)

// IsEmail reports whether s is an e-mail address of the accepted form.
func IsEmail(s string) bool { return len(s) <= 254 && Email.MatchString(s) }

var (
	countryCode = regexp.MustCompile(`^[A-Za-z]{2}$`)
	themeName   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	refPrefix   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	// urlChars are the characters a web address may hold as written: no
	// blanks, quotes, angle brackets, braces, backslashes or backticks, any
	// of which could end a link early.
	urlChars = regexp.MustCompile(`^[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]+$`)
)

// IsWebAddress reports whether s is an absolute http or https address with
// a host, written with only the characters a link can carry as they are.
func IsWebAddress(s string) bool {
	if len(s) > 2048 || !urlChars.MatchString(s) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil
}

func (v validator) typed() {
	f := v.f
	for i, p := range f.People {
		if p.Email != "" && !IsEmail(p.Email) {
			v.err(fmt.Sprintf("people[%d].email", i), "write one address, such as jane@example.com, without a name, brackets or spaces", "%q is not an e-mail address", p.Email)
		}
	}
	if w := f.Organization.Website; w != "" && !IsWebAddress(w) {
		hint := "write the full address, such as https://www.example.com; encode blanks and quotes as %20 and %22"
		if !strings.Contains(w, "://") {
			hint = fmt.Sprintf("start it with https://, as in https://%s", strings.TrimLeft(w, "/"))
		}
		v.err("organization.website", hint, "%q is not a web address", w)
	}
	if c := f.Organization.Country; c != "" && !countryCode.MatchString(c) {
		v.err("organization.country", "use the two-letter ISO 3166 code, such as US, GB or DE", "%q is not a country code", c)
	}
	for i, l := range f.Organization.Locations {
		if l.Country != "" && !countryCode.MatchString(l.Country) {
			v.err(fmt.Sprintf("organization.locations[%d].country", i), "use the two-letter ISO 3166 code, such as US, GB or DE", "%q is not a country code", l.Country)
		}
	}
	if logo := f.Organization.Logo; logo != "" && !isProjectPath(logo) {
		v.err("organization.logo", "give a path inside the project, such as assets/logo.png", "%q is not a path inside the project", logo)
	}
	if t := f.Output.Theme; t != "" && !themeName.MatchString(t) {
		v.err("output.theme", "name a theme with lower-case letters, digits and hyphens, such as default", "%q is not a theme name", t)
	}
	if p := f.DocumentControl.Prefix; p != "" && (len(p) > 40 || !refPrefix.MatchString(p)) {
		v.err("document_control.prefix", "use letters, digits and hyphens, such as ACME-ISMS", "%q is not a document reference prefix", p)
	}
}

// isProjectPath reports whether p is a relative slash-separated path that
// stays inside the project.
func isProjectPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) || strings.Contains(p, ":") {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "" {
			return false
		}
	}
	return true
}
