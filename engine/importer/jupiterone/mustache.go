package jupiterone

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ismsforge/ismsforge/engine/importer"
)

// A fact is what a JupiterOne configuration variable stands for in
// ismsforge: an expression that prints it, and the isms.yaml key that holds
// it, for messages.
type fact struct {
	expr string
	key  string
	// optional facts may be empty: the template fails with a message
	// naming the key instead of printing a blank.
	optional bool
	// cond, when set, is the condition a section on the variable tests.
	cond string
}

// facts maps the configuration variables of a JupiterOne template set.
// Variables not listed are free-form facts under custom.
var facts = map[string]fact{
	"companyFullName":                   {expr: ".Org.Name", key: "organization.name"},
	"companyShortName":                  {expr: ".Org.ShortName", key: "organization.short_name"},
	"companyWebsiteURL":                 {expr: ".Org.Website", key: "organization.website", optional: true},
	"companyOverview":                   {expr: ".Org.Description", key: "organization.description", optional: true},
	"ceoName":                           {expr: `(person "ceo").Name`, key: "people: ceo"},
	"ceoEmail":                          {expr: `(person "ceo").Email`, key: "people: ceo's email", optional: true},
	"cooName":                           {expr: `(person "coo").Name`, key: "people: coo"},
	"cooEmail":                          {expr: `(person "coo").Email`, key: "people: coo's email", optional: true},
	"ctoName":                           {expr: `(person "cto").Name`, key: "people: cto"},
	"ctoEmail":                          {expr: `(person "cto").Email`, key: "people: cto's email", optional: true},
	"securityOfficerName":               {expr: `(person "security-officer").Name`, key: "people: security-officer"},
	"securityOfficerEmail":              {expr: `(person "security-officer").Email`, key: "people: security-officer's email", optional: true},
	"privacyOfficerName":                {expr: `(person "privacy-officer").Name`, key: "people: privacy-officer"},
	"privacyOfficerEmail":               {expr: `(person "privacy-officer").Email`, key: "people: privacy-officer's email", optional: true},
	"sourceControl":                     {expr: ".Tech.CodeHosting", key: "technology.code_hosting", optional: true},
	"ticketingSystem":                   {expr: ".Tech.Ticketing", key: "technology.ticketing", optional: true},
	"ciSystem":                          {expr: ".Tech.CICD", key: "technology.ci_cd", optional: true},
	"hrSystem":                          {expr: ".Tech.HRSystem", key: "technology.hr_system", optional: true},
	"IdP":                               {expr: ".Tech.IdentityProvider", key: "technology.identity_provider", optional: true},
	"securityAwarenessTrainingProvider": {expr: ".Tech.Training", key: "technology.training", optional: true},
	"needStandardHIPAA":                 {cond: `hasRegime "hipaa"`, key: "regimes: hipaa"},
	"needStandardHITRUST":               {cond: `hasRegime "hitrust"`, key: "regimes: hitrust"},
	"needStandardGDPR":                  {cond: `hasRegime "gdpr"`, key: "regimes: gdpr"},
	"needStandardPCI":                   {cond: `hasRegime "pci-dss"`, key: "regimes: pci-dss"},
}

// tag matches a Mustache tag: {{x}}, {{#x}}, {{^x}}, {{/x}}, {{&x}},
// {{{x}}}, {{>x}}, {{!...}}.
var tag = regexp.MustCompile(`\{\{(\{?)\s*([#^/&>!]?)\s*([^{}]*?)\s*\}?\}\}`)

// converter rewrites one template's Mustache into a Go template.
type converter struct {
	r     *importer.Report
	where string
	// used records the variables the template prints or tests.
	used map[string]bool
}

// convert rewrites the Mustache tags of body. Sections become if blocks,
// variables the facts that hold them; what it cannot convert it reports.
func (c *converter) convert(body string) string {
	var stack []string
	// JupiterOne prints the revision as code: "`{{defaultRevision}}`".
	body = strings.ReplaceAll(body, "`{{defaultRevision}}`", "{{defaultRevision}}")
	out := tag.ReplaceAllStringFunc(body, func(t string) string {
		m := tag.FindStringSubmatch(t)
		triple, sigil, name := m[1] == "{", m[2], strings.TrimSpace(m[3])
		if triple {
			sigil = "&"
		}
		switch sigil {
		case "!":
			return ""
		case ">":
			c.r.Fills(c.where, "the Mustache partial %s became {{ template \"partials/%s.md\" . }}: put that partial under templates/partials/", t, name)
			return fmt.Sprintf(`{{ template "partials/%s.md" . }}`, name)
		case "#", "^":
			stack = append(stack, name)
			cond := c.cond(name)
			if sigil == "^" {
				cond = "not (" + cond + ")"
			}
			return "{{ if " + cond + " }}"
		case "/":
			if len(stack) == 0 || stack[len(stack)-1] != name {
				c.r.Fills(c.where, "the Mustache tag %s closes no open section: check the {{ if }} … {{ end }} around it", t)
			} else {
				stack = stack[:len(stack)-1]
			}
			return "{{ end }}"
		}
		if name == "defaultRevision" {
			c.r.Change(c.where, "{{defaultRevision}} was removed: the control block shows each document's version")
			return ""
		}
		if name == "." || strings.Contains(name, ".") {
			c.r.Fills(c.where, "the Mustache tag %s reads the item of a list or a nested value: rewrite it with ismsforge's facts (README, Templates)", t)
			return t
		}
		return c.print(name)
	})
	for _, open := range stack {
		c.r.Fills(c.where, "the Mustache section {{#%s}} is not closed", open)
	}
	return out
}

// print writes the Go template that prints a variable.
func (c *converter) print(name string) string {
	c.used[name] = true
	f, ok := facts[name]
	switch {
	case !ok:
		return fmt.Sprintf("{{ custom %q }}", name)
	case f.cond != "":
		return fmt.Sprintf("{{ if %s }}yes{{ else }}no{{ end }}", f.cond)
	case f.optional:
		return fmt.Sprintf("{{ with %s }}{{ . }}{{ else }}{{ fail %q }}{{ end }}", f.expr, "set "+f.key+" in isms.yaml")
	}
	return "{{ " + f.expr + " }}"
}

// cond writes the condition a section on a variable tests.
func (c *converter) cond(name string) string {
	c.used[name] = true
	if f, ok := facts[name]; ok {
		if f.cond != "" {
			return f.cond
		}
		if strings.HasPrefix(f.expr, ".") {
			return f.expr
		}
	}
	return fmt.Sprintf("custom %q false", name)
}
