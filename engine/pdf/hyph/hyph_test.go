package hyph

import (
	"testing"
)

// TestKnownWords checks the patterns on words whose American hyphenation
// is settled, including Knuth's exceptions and the examples of Liang's
// thesis.
func TestKnownWords(t *testing.T) {
	h := EnUS()
	for _, want := range []string{
		"hy-phen-ation",
		"in-for-ma-tion",
		"se-cu-rity",
		"man-age-ment",
		"or-ga-ni-za-tion",
		"ac-cess",
		"con-fi-den-tial-ity",
		"as-so-ciate", // an exception
		"ta-ble",      // an exception
		"project",     // an exception: never hyphenated
		"re-spon-si-bil-ity",
		"doc-u-men-ta-tion",
		"Ap-plic-a-bil-ity", // as TeX does; capitals like lower case
	} {
		word := ""
		for _, r := range want {
			if r != '-' {
				word += string(r)
			}
		}
		if got := h.Hyphenate(word); got != want {
			t.Errorf("Hyphenate(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestNeverBreaksReferences: anything but a plain word of letters comes
// back whole: references, dates, hyphenated compounds, accents, code.
func TestNeverBreaksReferences(t *testing.T) {
	h := EnUS()
	for _, w := range []string{"RBH-ISMS-REG-02", "2027-03-31", "Health-ISAC", "R-01", "ISO/IEC", "27001", "café", "eu-west-1", "x509", "a.b.c", "go.mod", ""} {
		if pts := h.Points(w); pts != nil {
			t.Errorf("Points(%q) = %v, want none", w, pts)
		}
	}
}

// TestMinimums: at least two letters before the first hyphen and three
// after the last.
func TestMinimums(t *testing.T) {
	h := EnUS()
	for _, w := range []string{"information", "accountability", "encryption", "unauthorized", "availability", "incidents"} {
		pts := h.Points(w)
		if len(pts) == 0 {
			t.Errorf("%q has no hyphenation point", w)
			continue
		}
		if pts[0] < 2 || len(w)-pts[len(pts)-1] < 3 {
			t.Errorf("%q: points %v break too near an edge", w, pts)
		}
	}
}

func BenchmarkPoints(b *testing.B) {
	h := EnUS()
	words := []string{"information", "security", "management", "organization", "responsibility", "the", "and", "documentation"}
	for b.Loop() {
		for _, w := range words {
			h.Points(w)
		}
	}
}
