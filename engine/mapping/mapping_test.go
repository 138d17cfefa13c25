package mapping

import (
	"strings"
	"testing"

	"github.com/ismsforge/ismsforge/engine/catalog"
	"github.com/ismsforge/ismsforge/engine/document"
)

func docs() []Doc {
	return []Doc{
		{ID: "access-control", Ref: "ACME-ISMS-POL-04", Title: "Access Control Policy",
			Requirements: document.Requirements{"soc2": {"CC6.1", "CC6.2"}, "nist-csf-2": {"PR.AA-05"}, "pci-dss": {"8.3.1", "7.2.1"}}},
		{ID: "incident", Ref: "ACME-ISMS-PRO-05", Title: "Incident *Response*",
			Requirements: document.Requirements{"soc2": {"CC7.4", "CC6.1"}, "acme-internal": {"IR-10", "IR-2"}}},
		{ID: "scope", Ref: "ACME-ISMS-SCOPE", Title: "Scope"},
	}
}

func TestBuild(t *testing.T) {
	ms := Build(catalog.Default(), docs())
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.Framework.ID)
	}
	// Cataloged frameworks in catalog order, then free-form ones by ID.
	if got := strings.Join(ids, " "); got != "soc2 nist-csf-2 acme-internal pci-dss" {
		t.Fatalf("frameworks %q", got)
	}
	soc2 := ms[0]
	if soc2.Total != 61 || soc2.Mapped != 3 || soc2.Percent() != 4 {
		t.Errorf("soc2: %d of %d (%d%%)", soc2.Mapped, soc2.Total, soc2.Percent())
	}
	if got := soc2.Coverage(); got != "3 of 61 SOC 2 criteria (4%) are mapped to at least one document" {
		t.Errorf("coverage %q", got)
	}
	for _, r := range soc2.Rows {
		if r.Requirement.ID == "CC6.1" && (len(r.Docs) != 2 || r.Docs[0].ID != "access-control" || r.Docs[1].ID != "incident") {
			t.Errorf("CC6.1 maps to %v, want both documents in register order", r.Docs)
		}
	}
	free := ms[2]
	if free.Total != 2 || free.Rows[0].Requirement.ID != "IR-2" || free.Rows[1].Requirement.ID != "IR-10" {
		t.Errorf("free-form rows %+v", free.Rows)
	}
	if pci := ms[3]; pci.Framework.Short != "PCI DSS v4.0" {
		t.Errorf("a framework that is a regime takes its name: %q", pci.Framework.Short)
	}
	if len(Build(catalog.Default(), docs()[2:])) != 0 {
		t.Error("a pack that maps no framework has mapping pages")
	}
}

func TestMarkdownAndCSV(t *testing.T) {
	ms := Build(catalog.Default(), docs())
	md := string(ms[0].Markdown())
	for _, want := range []string{
		"3 of 61 SOC 2 criteria (4%) are mapped to at least one document. The table lists every criterion of SOC 2 Trust Services Criteria (TSC 2017)",
		"## CC6 Logical and physical access controls",
		"| CC6.1 | Logical access security over information assets | [Access Control Policy](access-control.md), [Incident \\*Response\\*](incident.md) |",
		"| CC6.4 | Restricting physical access | *not mapped* |",
		"it is not a statement that the requirement is met",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	csv := string(ms[0].CSV())
	for _, want := range []string{
		"framework,id,group,title,mapped,documents\n",
		"soc2,CC6.1,CC6,Logical access security over information assets,yes,ACME-ISMS-POL-04 access-control; ACME-ISMS-PRO-05 incident\n",
		"soc2,CC6.4,CC6,Restricting physical access,no,\n",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("csv lacks %q", want)
		}
	}
	if n := strings.Count(csv, "\n"); n != 62 {
		t.Errorf("csv has %d lines, want a header and 61 rows", n)
	}
}
