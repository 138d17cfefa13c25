package check

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// findsAsTheExpression fails unless find finds in s what re finds over
// the whole of s.
func findsAsTheExpression(t *testing.T, name string, re *regexp.Regexp, find func(string) [][]int, s string) {
	t.Helper()
	want := re.FindAllStringSubmatchIndex(s, -1)
	if got := find(s); !reflect.DeepEqual(got, want) {
		t.Errorf("%s(%.40q) = %v, want %v", name, s, got, want)
	}
}

// ownStatements finds what the expression finds over the whole text.
func TestOwnStatementsMatchTheExpression(t *testing.T) {
	texts := []string{
		"This policy is owned by Nina Patel. Tom Reed reviews this procedure annually; | the present record is maintained by Ann (ISMS owner).",
		"Nina Patel, as ISMS owner, owns this policy\nand Tom Reed approves this plan. This register and the asset list are approved by Tom Reed.",
		"no statement here. Just text; this is not one | THIS POLICY IS OWNED BY X",
		"",
		"İstanbul office: this policy is owned by Ayşe Yılmaz.",
		strings.Repeat("word ", 500) + "this manual is approved by Top Management",
		"Nina Patel owns this ſtatement.",
	}
	for _, s := range texts {
		findsAsTheExpression(t, "ownStatements", ownStatement, ownStatements, s)
	}
}

func FuzzOwnStatements(f *testing.F) {
	f.Add("This policy is owned by Nina. Tom owns this record; x")
	f.Fuzz(func(t *testing.T, s string) { findsAsTheExpression(t, "ownStatements", ownStatement, ownStatements, s) })
}

// selfApprovals finds what the expression finds over the whole text,
// including the letters that (?i) folds to ASCII ones while lowercasing
// keeps them or moves offsets.
func TestSelfApprovalsMatchTheExpression(t *testing.T) {
	texts := []string{
		"This policy was approved by the board in March 2026. | the present record has been signed",
		"THIS PROCEDURE IS FORMALLY ENDORSED by all; this plan was approved",
		"This policy was ſigned by the CEO.",
		"This \u212Aey record has been approved.",
		"this document is approved" + strings.Repeat(" and more", 200),
		"",
	}
	for _, s := range texts {
		findsAsTheExpression(t, "selfApprovals", selfApproval, selfApprovals, s)
	}
}

func FuzzSelfApprovals(f *testing.F) {
	f.Add("This policy was approved in May 2026. This record is signed")
	f.Fuzz(func(t *testing.T, s string) { findsAsTheExpression(t, "selfApprovals", selfApproval, selfApprovals, s) })
}
