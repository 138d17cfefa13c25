package check

import (
	"fmt"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// placeholders reports every fact a starter written by `ismsforge init`
// left for the organization to supply. Until it is filled the pack would
// print "FILL: ..." where a fact belongs, or leave the fact out, so each is
// an error at its line.
func placeholders(in Input) diag.List {
	var l diag.List
	f := in.Facts
	f.Placeholders(func(p facts.Placeholder) {
		what := p.What
		if what == "" {
			what = p.Key
		}
		var hint string
		switch {
		case !p.Blank:
			hint = "write your organization's own words in place of FILL: and what follows it, inside the quotes; remove the entry if it does not apply"
		case p.Form != "":
			what = fmt.Sprintf("%s (%s)", what, p.Form)
			hint = fmt.Sprintf("write the value after %q: %s; remove the line if it does not apply", p.Key+":", formHint(p.Form))
		default:
			hint = fmt.Sprintf("write the value after %q, or remove the line if it does not apply", p.Key+":")
		}
		l.Add(diag.Errorf(p.Pos, hint, "fill in: %s", what).WithSource(f.Source()).WithCode("placeholder"))
	})
	return l
}

// formHint shows how a value of a form is written.
func formHint(form string) string {
	switch form {
	case "number":
		return "a whole number without quotes, such as 40"
	case "duration":
		return "a number and a unit (m, h, d or w), such as 4h"
	case "date":
		return "a date as YYYY-MM-DD"
	case "e-mail":
		return "one address, such as security@example.com"
	case "web address":
		return "a full address, such as https://www.example.com"
	case "US state":
		return "the state's two-letter postal code, such as VA"
	case "US states":
		return "a list of two-letter postal codes, such as [VA, MD]"
	case "true or false":
		return "true or false, without quotes"
	}
	return form
}
