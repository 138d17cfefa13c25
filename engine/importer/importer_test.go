package importer

import (
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/catalog"
)

// TestCrosswalkNamesRealIDs: every suggestion names a control or clause of
// the catalog and a SOC 2 criterion that exists.
func TestCrosswalkNamesRealIDs(t *testing.T) {
	cat := catalog.Default()
	soc2, _ := cat.Framework("soc2")
	for crit, ids := range soc2Considerations {
		if _, ok := soc2.Lookup(crit); !ok {
			t.Errorf("%s is not a SOC 2 criterion", crit)
		}
		for _, id := range ids {
			if _, isCtl := cat.Control(id); isCtl && strings.HasPrefix(id, "A.") {
				continue
			}
			if _, ok := cat.Clause(id); !ok {
				t.Errorf("%s: %s is neither a control nor a clause", crit, id)
			}
		}
	}
}

func TestConvertMarkdown(t *testing.T) {
	r := &Report{}
	got := ConvertMarkdown(r, "x.md", "Access Policy", "# Access Policy\n\n# Purpose {#purpose}\n\na. One.\n\n```\n# not a heading\n```\n\n## Sub\n\n\\clearpage\n")
	want := "## Purpose\n\na. One.\n\n```\n# not a heading\n```\n\n### Sub\n\n\\pagebreak\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if len(r.Changed) != 4 {
		t.Errorf("changes %+v", r.Changed)
	}
	Analyse(r, "templates/x.md", 7, "## A\n\nWrite to <insert email address here>.\n\n<div>x</div>\n")
	if len(r.Fill) != 2 || r.Fill[0].Where != "templates/x.md:9" || !strings.Contains(r.Fill[0].What, "<insert email address here>") || r.Fill[1].Where != "templates/x.md:11" {
		t.Errorf("fill %+v", r.Fill)
	}
}

func TestFrontMatterQuotes(t *testing.T) {
	fm := FrontMatter{ID: "a", Title: "Access: Onboarding", Kind: "policy", Ref: "AOP", Order: 1000,
		Frameworks: map[string][]string{"pci-dss": {"7.2.1"}, "soc2": {"CC6.1"}}}
	got := fm.String(catalog.Default())
	want := "---\nid: a\ntitle: 'Access: Onboarding'\nkind: policy\nref: AOP\norder: 1000\nframeworks:\n  soc2: [CC6.1]\n  pci-dss: [7.2.1]\n---\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
