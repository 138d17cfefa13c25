package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/facts"
	"github.com/ismsforge/ismsforge/engine/markdown"
)

// Fixtures: realistic documents parsed the way the pipeline parses them.

var parser = markdown.NewParser(markdown.Options{HeadingNumbers: true})

func newDoc(id, ref, title, kind, src string) *document.Document {
	return &document.Document{
		Identity: document.Identity{ID: id, Ref: ref, Title: title, Kind: kind,
			Summary:      "Controlled document of the Acme Cloud ISMS.",
			Requirements: document.NewRequirements([]string{"5.2"}, []string{"A.5.1"}, nil)},
		Control: document.ControlBlock{
			Version:        "1.2",
			Status:         document.StatusApproved,
			Owner:          document.Party{Name: "Dana Ruiz", Title: "Head of Security"},
			Approver:       document.Party{Name: "Sam Okafor", Title: "Chief Executive Officer"},
			Classification: "Internal",
			Effective:      facts.NewDate(2026, time.March, 1),
			NextReview:     facts.NewDate(2027, time.March, 1),
			ReviewMonths:   12,
			Approval: &document.Approval{Version: "1.2", Date: facts.NewDate(2026, time.March, 1),
				Approver: document.Party{Name: "Sam Okafor", Title: "Chief Executive Officer"}},
		},
		History: []document.Revision{
			{Version: "1.0", Date: facts.NewDate(2025, time.January, 15), Summary: "First release.", Approver: "Sam Okafor"},
			{Version: "1.1", Date: facts.NewDate(2025, time.June, 2), Summary: "Added supplier management and clarified the exception process.", Approver: "Sam Okafor"},
			{Version: "1.2", Date: facts.NewDate(2026, time.March, 1), Summary: "Annual review.", Approver: "Sam Okafor"},
		},
		MD:     parser.Parse([]byte(src)),
		Source: id + ".md.tmpl",
	}
}

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func policyDoc(t testing.TB) *document.Document {
	return newDoc("infosec-policy", "ACME-ISMS-POL-01", "Information Security Policy", "policy", readTestdata(t, "policy.md"))
}

// soaMarkdown is a Statement of Applicability: the 93 controls of ISO/IEC
// 27001:2022 Annex A with long justifications.
func soaMarkdown() string {
	var b strings.Builder
	b.WriteString("# Statement of Applicability\n\nThe table lists every Annex A control, whether it applies and why. See the [policy](infosec-policy.md#objectives).\n\n")
	b.WriteString("| Control | Title | Applicable | Status | Justification | Owner |\n|:--|:--|:-:|:--|:--|:--|\n")
	themes := []struct {
		n     int
		count int
		name  string
	}{{5, 37, "Organizational"}, {6, 8, "People"}, {7, 14, "Physical"}, {8, 34, "Technological"}}
	i := 0
	for _, th := range themes {
		for c := 1; c <= th.count; c++ {
			i++
			applicable := "Yes"
			status := "Implemented"
			just := fmt.Sprintf("Required to treat risks R-%03d and R-%03d identified in the %s risk assessment; the control is operated by the responsible team and evidenced through **quarterly reviews**, ticket records and automated monitoring.", i, i+7, strings.ToLower(th.name))
			if i%11 == 0 {
				applicable = "No"
				status = "Excluded"
				just = "Not applicable: Acme Cloud operates no premises of its own for this purpose and all physical hosting is provided by certified data centre suppliers whose SOC 2 Type II reports are reviewed annually under supplier management."
			}
			if i%17 == 0 {
				just += " Additional detail: the implementation covers production, staging and the corporate IT estate, including laptops enrolled in device management, and exceptions are tracked in the risk register with named owners and expiry dates."
			}
			if i%5 == 0 {
				status = "Partially implemented"
			}
			fmt.Fprintf(&b, "| %d.%d | %s control %d.%d | %s | %s | %s | Dana Ruiz |\n", th.n, c, th.name, th.n, c, applicable, status, just)
		}
	}
	b.WriteString("\nEnd of the statement.\n")
	return b.String()
}

func soaDoc() *document.Document {
	d := newDoc("soa", "ACME-ISMS-REC-06", "Statement of Applicability", "record", soaMarkdown())
	d.Control.Status = document.StatusDraft
	d.Control.Approval = nil
	return d
}

func smallDoc(id, ref, title, body string) *document.Document {
	return newDoc(id, ref, title, "procedure", body)
}

func testPack(t testing.TB) *document.Pack {
	docs := []*document.Document{
		policyDoc(t),
		smallDoc("risk-procedure", "ACME-ISMS-PRO-03", "Risk Assessment and Treatment Procedure",
			"# Method\n\nRisks are assessed with the method below, consistent with the [policy](infosec-policy.md).\n\n1. Identify assets.\n2. Identify threats and vulnerabilities.\n3. Score likelihood and impact from 1 to 5.\n\n# Treatment\n\nTreatment options are recorded in the [SoA](soa.md).\n"),
		soaDoc(),
		smallDoc("access-control", "ACME-ISMS-POL-04", "Access Control Policy",
			"# Principles\n\nAccess follows least privilege and need to know. Reviews happen quarterly; see [objectives](infosec-policy.md#objectives).\n\n# Privileged access\n\nPrivileged access requires MFA and is logged.\n"),
		smallDoc("incident-procedure", "ACME-ISMS-PRO-05", "Incident Management Procedure",
			"# Reporting\n\nReport incidents to security@acme.example within one hour.\n\n# Response\n\n| Severity | Response time |\n|---|---|\n| Critical | 15 minutes |\n| High | 1 hour |\n| Medium | 1 business day |\n"),
	}
	return &document.Pack{
		Org: "Acme Cloud Ltd", Version: "2026.1", Date: facts.NewDate(2026, time.March, 1),
		Classification: "Internal",
		Scope:          "The ISMS covers the development, operation and support of the Acme Cloud platform, delivered from the London and Lisbon offices and hosted in AWS eu-west-1.",
		Logo:           testLogo(), Draft: true, Docs: docs,
	}
}

// testLogo draws a small PNG deterministically.
func testLogo() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 240, 80))
	for y := range 80 {
		for x := range 240 {
			c := color.RGBA{11, 61, 98, 255}
			if (x/20+y/20)%2 == 0 {
				c = color.RGBA{80, 150, 200, 255}
			}
			if x > 90 {
				c = color.RGBA{255, 255, 255, 255}
				if y > 30 && y < 50 && x < 230 {
					c = color.RGBA{11, 61, 98, 255}
				}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func testOptions() Options {
	logo := testLogo()
	return Options{
		Style: DefaultStyle(), Fonts: DefaultFonts(), PageSize: "a4", Creator: "ismsforge v0.1.0-test",
		Image: func(dest string) ([]byte, error) {
			if dest == "logo.png" {
				return logo, nil
			}
			return nil, fmt.Errorf("no such file")
		},
	}
}
