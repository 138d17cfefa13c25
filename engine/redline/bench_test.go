package redline

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// soaTable makes a Statement of Applicability like a large organization's:
// 93 rows of about 650 bytes, some 60 KB in all. changed edits a few rows
// the way a scope change does: a status, a justification, an added row.
func soaTable(changed bool) []byte {
	var b strings.Builder
	b.WriteString("## Annex A controls\n\n| Control | Applicable | Justification | Status | Evidence | Documents | Risks |\n|---|---|---|---|---|---|---|\n")
	for i := range 93 {
		status, just := "Implemented", "The control treats risks in the register and is required by customer contracts"
		if changed && i%31 == 7 {
			status = "Partially implemented"
		}
		if changed && i == 40 {
			just = "The control treats risks in the register, is required by customer contracts and by the Lisbon lease"
		}
		fmt.Fprintf(&b, "| **A.%d.%d** Control number %d of the annex | Yes | %s; it is reviewed at each internal audit and after any significant change to the services in scope. | %s | Ticket history, access review records, configuration baselines, training completion reports and the quarterly management review minutes | [Information Security Policy](information-security-policy.md), [Access Control Procedure](access-control.md) | R-%02d, R-%02d |\n",
			5+i/37, i%37+1, i, just, status, i%20, (i+7)%20)
		if changed && i == 60 {
			b.WriteString("| **A.5.99** A control added in this version | Yes | New. | Planned | None yet | None yet | None |\n")
		}
	}
	return []byte(b.String())
}

// bigText makes n lines of prose-like text from a fixed seed, and an
// edited copy with about one line in fifty changed, inserted or deleted.
func bigText(n int) (oldText, newText []byte) {
	r := rand.New(rand.NewPCG(7, 11))
	words := strings.Fields("the ISMS scope control risk owner asset supplier review audit access policy record evidence incident backup")
	var a, b strings.Builder
	for i := range n {
		line := ""
		for range 6 + r.IntN(10) {
			line += words[r.IntN(len(words))] + " "
		}
		line += fmt.Sprint(i)
		switch r.IntN(50) {
		case 0:
			a.WriteString(line + "\n")
			b.WriteString(strings.Replace(line, "the", "a", 1) + "\n")
		case 1:
			a.WriteString(line + "\n")
		case 2:
			b.WriteString(line + "\n")
		default:
			a.WriteString(line + "\n")
			b.WriteString(line + "\n")
		}
	}
	return []byte(a.String()), []byte(b.String())
}

func BenchmarkDiffSoA(b *testing.B) {
	oldText, newText := soaTable(false), soaTable(true)
	b.SetBytes(int64(len(oldText) + len(newText)))
	b.ReportAllocs()
	for b.Loop() {
		Diff(oldText, newText)
	}
}

func BenchmarkDiff10k(b *testing.B) {
	oldText, newText := bigText(10000)
	b.SetBytes(int64(len(oldText) + len(newText)))
	b.ReportAllocs()
	for b.Loop() {
		Diff(oldText, newText)
	}
}

// BenchmarkDiff10kRewrite diffs two unrelated texts: every line is unique
// to its side, so the search is skipped entirely.
func BenchmarkDiff10kRewrite(b *testing.B) {
	oldText, _ := bigText(10000)
	newText := []byte(strings.ReplaceAll(string(oldText), "the", "THE"))
	b.ReportAllocs()
	for b.Loop() {
		Diff(oldText, newText)
	}
}

// BenchmarkDiff10kPathological diffs two random texts over a three-line
// alphabet: every line matches thousands of others and the shortest
// script is thousands of lines long, so the cost bound does the work.
func BenchmarkDiff10kPathological(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 5))
	oldText, newText := randomText(r, 3, 10000), randomText(r, 3, 10000)
	b.ReportAllocs()
	for b.Loop() {
		Diff([]byte(oldText), []byte(newText))
	}
}

func BenchmarkPageSoA(b *testing.B) {
	d := Document{ID: "statement-of-applicability", Title: "Statement of Applicability",
		FromVersion: "1.0", ToVersion: "1.1", Old: soaTable(false), New: soaTable(true)}
	b.ReportAllocs()
	for b.Loop() {
		Page(d, "Acme Cloud", "ismsforge")
	}
}

// BenchmarkDiffLongLines diffs two 20,000-word lines of noise: the word
// diff must give up within wordBudget.
func BenchmarkDiffLongLines(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 9))
	oldText, newText := []byte(noise(r, 20000)), []byte(noise(r, 20000))
	b.ReportAllocs()
	for b.Loop() {
		Diff(oldText, newText)
	}
}
