package when

import (
	"reflect"
	"testing"
)

// FuzzWhen parses and runs arbitrary conditions: parsing, the type check
// and evaluation must never panic, and whatever parses must evaluate
// without loops, so each run ends.
func FuzzWhen(f *testing.F) {
	for _, s := range []string{
		".Tech.SoftwareDevelopment", "not .Tech.SoftwareDevelopment", `and (hasRegime "hipaa") (not .Count)`,
		`true }}{{ end }}{{ range 3000000000 }}{{ end }}{{ if true`, `.Tech.Ticketing | lower | eq "jira"`,
		`eq .Custom.Shifts 3 4.5 "x" nil`, "`x` | len", `lt .Regimes .Count`, `custom "k" | custom`,
		"((((.Count))))", `$`, `.`, `-1.5e3`, `0x1F`, `"\u00e9\n"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src, isFunc)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("%q: error of type %T", src, err)
			}
			return
		}
		if e.Check(reflect.TypeFor[sample]()) != nil {
			return
		}
		_, _ = e.Eval(Env{Data: sampleData, Funcs: sampleFuncs, Missing: func(string, int) {}})
	})
}
