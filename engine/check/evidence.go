package check

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
)

// namedDocument finds a document named by its title in evidence: a phrase
// in title case that ends in a word for a document ("Incident Response
// Plan", "Cloud Services Standard").
var namedDocument = regexp.MustCompile(`\b((?:[A-Z][A-Za-z0-9'/-]*\s+)(?:(?:and|of|for|the|to|on|in|with|&)\s+|[A-Z][A-Za-z0-9'/-]*\s+)*?)(Policy|Procedure|Plan|Standard|Manual|Charter|Playbook|Runbook|Handbook|Analysis|Log|Minutes|Register|Record|Records|Checklist|Questionnaire|Report)\b`)

// evidence checks what the SoA cites as evidence: a control marked
// implemented has some, and evidence that names a document names one the
// pack holds or one the facts declare as a plan or an external record.
func evidence(in Input) diag.List {
	var l diag.List
	f := in.Facts
	var known []string
	for _, d := range in.Docs {
		known = append(known, norm(d.Title))
	}
	for _, p := range f.Plans {
		known = append(known, norm(p.Name))
	}
	for _, r := range f.Records {
		known = append(known, norm(r.Name))
	}
	for _, id := range sortedKeys(f.Controls) {
		d := f.Controls[id]
		if !d.IsApplicable() {
			continue
		}
		if d.Status == "implemented" && len(d.Evidence) == 0 {
			l.Add(f.Warnf(controlPath(id)+".status", "list under evidence what an auditor can inspect to see the control working",
				"control %s is marked implemented but cites no evidence", id).WithCode("evidence-missing"))
		}
		for j, ev := range d.Evidence {
			for _, name := range documentNames(ev) {
				if slices.ContainsFunc(known, func(t string) bool { return names(t, name) }) {
					continue
				}
				l.Add(f.Warnf(fmt.Sprintf("%s.evidence[%d]", controlPath(id), j), "declare it under records (or under plans, for a plan) with its owner and where it is kept, or name a document of the pack; the pack's documents are listed in the register",
					"evidence of %s names %q, which is neither a document of the pack nor a plan or record declared in the facts", id, name).WithCode("evidence-document"))
			}
		}
	}
	return l
}

// documentNames returns the document titles an evidence text names.
func documentNames(s string) []string {
	var out []string
	for _, m := range namedDocument.FindAllStringSubmatch(s, -1) {
		name := strings.TrimSpace(m[1]) + " " + m[2]
		// Drop a leading connector the pattern may have taken.
		for _, w := range []string{"The ", "A ", "An "} {
			name = strings.TrimPrefix(name, w)
		}
		// "Group Policy" is a Windows feature, not a document.
		if len(strings.Fields(name)) < 2 || slices.Contains(out, name) || strings.HasSuffix(name, "Group Policy") {
			continue
		}
		out = append(out, name)
	}
	return out
}

// names reports whether a short name refers to a title: its words appear in
// the title in order, and it ends with the title's last word ("Access
// Control Policy" names "Access Control and Identity Management Policy").
func names(title, name string) bool {
	tw, nw := strings.Fields(title), strings.Fields(norm(name))
	if len(tw) == 0 || len(nw) == 0 || tw[len(tw)-1] != nw[len(nw)-1] {
		return false
	}
	i := 0
	for _, w := range tw {
		if i < len(nw) && w == nw[i] {
			i++
		}
	}
	return i == len(nw)
}

// norm folds a title for comparison.
func norm(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
