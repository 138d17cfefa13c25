package check

import (
	"regexp"
	"strings"

	"github.com/ismsforge/ismsforge/engine/diag"
	"github.com/ismsforge/ismsforge/engine/facts"
)

// ownStatement finds a document's body saying who owns, reviews or
// approves it: "This policy is owned by NAME", "NAME owns this policy",
// "NAME, as ISMS owner, maintains this record", "NAME reviews this
// procedure annually", "This procedure is approved by NAME".
var ownStatement = regexp.MustCompile(`(?i)(?:\b(?:this|the present) (?:policy|procedure|document|record|register|plan|statement|manual|charter)(?: and [^.;|]{0,60}?)? (?:is|are) (owned|approved|maintained) by ([^.;|(]+))|(?:([^.;|]{3,120}?) (owns|approves|maintains|reviews|is the owner of) this (?:policy|procedure|document|record|register|plan|statement|manual|charter)\b)`)

// ownershipOf checks that the owner and approver in document i's control
// block are the people its body names as owning or approving it. An auditor
// who reads one name on the cover and another in the text cannot tell who
// is accountable.
func ownershipOf(in Input, i int) diag.List {
	var l diag.List
	f := in.Facts
	d := in.Docs[i]
	if d.MD != nil {
		src := string(d.MD.Source)
		for _, ix := range ownStatements(src) {
			m := submatches(src, ix)
			verb, who, verbAt := strings.ToLower(m[1]), m[2], ix[2]
			if verb == "" {
				verb, who, verbAt = strings.ToLower(m[4]), m[3], ix[8]
			}
			want := d.Control.Owner
			role := "owner"
			if strings.HasPrefix(verb, "approve") {
				want, role = d.Control.Approver, "approver"
			}
			// The person named nearest the verb is the one the sentence
			// makes owner or approver.
			name, at := "", -1
			for _, p := range f.People {
				if i := strings.LastIndex(who, p.Name); named(p.Name) && i > at {
					name, at = p.Name, i
				}
			}
			if verb == "owned" || verb == "approved" || verb == "maintained" || verb == "reviews" {
				// "is owned by NAME": the first name follows the verb;
				// "NAME, with OTHER, reviews this policy": the subject is
				// the first name of the sentence.
				name, at = "", len(who)
				for _, p := range f.People {
					if i := strings.Index(who, p.Name); named(p.Name) && i >= 0 && i < at {
						name, at = p.Name, i
					}
				}
			}
			if name != "" && name != want.Name {
				// The verb is the template's: the name may be a fact,
				// but printing it here is the template's doing.
				pos, psrc := templatePos(in.Selected[i], d, verbAt)
				l.Add(diag.Errorf(pos, "name the owner once, in the front matter (owner:, or documents.<id>.owner in isms.yaml), and print it in the body with {{ .Doc.Owner }} or {{ .Doc.Approver }}",
					"document %s names %s as its %s in the body, but its control block names %s", d.ID, name, role, want.Name).WithSource(psrc).WithCode("document-owner"))
			}
		}
	}
	return l
}

// submatches returns the texts of a match's submatch indices.
func submatches(src string, ix []int) []string {
	m := make([]string, len(ix)/2)
	for k := range m {
		if ix[2*k] >= 0 {
			m[k] = src[ix[2*k]:ix[2*k+1]]
		}
	}
	return m
}

// ownStatements returns ownStatement's matches in src, as submatch
// indices. A match never
// spans '.', ';' or '|', and always holds "this NOUN" or "the present
// NOUN" and one of its verbs, so the expression runs only on the stretches
// between those characters that contain such words: run over a whole document, its
// bounded repetition ({3,120}) made this check a quarter of a build's CPU.
func ownStatements(src string) [][]int {
	return findInStretches(ownStatement, src, ".;|", func(seg string) bool { return namesDocument(seg) && ownVerb(seg) })
}

// findInStretches returns re's matches in src, as submatch indices, for an
// expression (?i) whose matches never span a character of cuts and always
// hold words that may tells of: it runs re only on the stretches between
// those characters whose lowercased text may says can hold a match. Where
// lowercasing cannot tell, because it moves byte offsets (a Kelvin sign)
// or keeps a letter that (?i) folds to an ASCII one (a long s), re runs
// over the whole of src.
func findInStretches(re *regexp.Regexp, src, cuts string, may func(lower string) bool) [][]int {
	lower := strings.ToLower(src)
	if len(lower) != len(src) || strings.ContainsRune(src, 'ſ') {
		return re.FindAllStringSubmatchIndex(src, -1)
	}
	var out [][]int
	for start := 0; start < len(src); {
		end := strings.IndexAny(src[start:], cuts)
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		if may(lower[start:end]) {
			for _, ix := range re.FindAllStringSubmatchIndex(src[start:end], -1) {
				for k := range ix {
					if ix[k] >= 0 {
						ix[k] += start
					}
				}
				out = append(out, ix)
			}
		}
		start = end + 1
	}
	return out
}

// ownNouns are the nouns ownStatement names a document by.
var ownNouns = []string{"policy", "procedure", "document", "record", "register", "plan", "statement", "manual", "charter"}

// namesDocument reports whether a lowercased stretch of text holds "this
// NOUN" or "the present NOUN", without which ownStatement cannot match.
func namesDocument(seg string) bool {
	for i := 0; ; {
		j := strings.Index(seg[i:], "this ")
		k := strings.Index(seg[i:], "present ")
		if j < 0 && k < 0 {
			return false
		}
		at := j + len("this ")
		if j < 0 || (k >= 0 && k < j) {
			at = k + len("present ")
		}
		at += i
		for _, n := range ownNouns {
			if strings.HasPrefix(seg[at:], n) {
				return true
			}
		}
		i = at
	}
}

// ownVerb reports whether a lowercased stretch of text holds one of
// ownStatement's verbs as the expression spells them.
func ownVerb(seg string) bool {
	for _, v := range []string{"owned by", "approved by", "maintained by", "owns this", "approves this", "maintains this", "reviews this", "owner of this"} {
		if strings.Contains(seg, v) {
			return true
		}
	}
	return false
}

// named reports whether a person's name is one: a starter's placeholder
// ("FILL: the name of ...") is reported by the placeholder check, and its
// words would be mistaken for another person's.
func named(name string) bool {
	_, fill := facts.FillText(name)
	return name != "" && !fill
}
