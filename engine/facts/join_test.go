package facts

import "testing"

func TestSentenceSeriesAlternatives(t *testing.T) {
	for _, c := range []struct {
		items                  []string
		sentence, series, alts string
	}{
		{nil, "", "", ""},
		{[]string{"a"}, "a", "a", "a"},
		{[]string{"a", "b"}, "a and b", "a; and b", "a or b"},
		{[]string{"Design, build and test", "Billing", "Support"}, "Design, build and test, Billing and Support", "Design, build and test; Billing; and Support", "Design, build and test, Billing or Support"},
	} {
		if got := Sentence(c.items); got != c.sentence {
			t.Errorf("Sentence(%q) = %q, want %q", c.items, got, c.sentence)
		}
		if got := Series(c.items); got != c.series {
			t.Errorf("Series(%q) = %q, want %q", c.items, got, c.series)
		}
		if got := Alternatives(c.items); got != c.alts {
			t.Errorf("Alternatives(%q) = %q, want %q", c.items, got, c.alts)
		}
	}
}
