package registers

import (
	"strings"

	"github.com/ismsforge/ismsforge/engine/xlsx"
)

func soaSheets(in Input) []xlsx.Sheet {
	s := xlsx.Sheet{Name: "Statement of Applicability", Columns: []xlsx.Column{
		{Title: "Control", Width: 9}, {Title: "Theme", Width: 15}, {Title: "Title", Width: 34, Wrap: true},
		{Title: "Applicable", Width: 11}, {Title: "Justification", Width: 50, Wrap: true}, {Title: "Status", Width: 15},
		{Title: "Owner", Width: 20, Wrap: true}, {Title: "Evidence", Width: 50, Wrap: true},
		{Title: "Documents", Width: 30, Wrap: true}, {Title: "Risks", Width: 14, Wrap: true},
	}}
	for _, row := range SoARows(in.Model) {
		applicable := "yes"
		if !row.Applicable {
			applicable = "no"
		}
		s.Rows = append(s.Rows, []xlsx.Cell{
			fact(row.ID), fact(row.Theme), fact(row.Title), fact(applicable), fact(row.Justification), fact(row.Status),
			fact(row.Owner), fact(strings.Join(row.Evidence, "; ")), factList(row.Documents), factList(row.Risks),
		})
	}
	return []xlsx.Sheet{s}
}

func riskSheets(in Input) []xlsx.Sheet {
	assets := map[string]string{}
	for _, a := range in.Facts.Assets {
		assets[a.ID] = a.Name
	}
	reg := xlsx.Sheet{Name: "Risk register", Columns: []xlsx.Column{
		{Title: "Risk", Width: 8}, {Title: "Title", Width: 34, Wrap: true}, {Title: "Asset", Width: 24, Wrap: true},
		{Title: "Threat", Width: 34, Wrap: true}, {Title: "Vulnerability", Width: 34, Wrap: true},
		{Title: "Likelihood", Width: 11}, {Title: "Impact", Width: 9}, {Title: "Score", Width: 8}, {Title: "Level", Width: 10},
		{Title: "Owner", Width: 20, Wrap: true},
	}}
	plan := xlsx.Sheet{Name: "Treatment plan", Columns: []xlsx.Column{
		{Title: "Risk", Width: 8}, {Title: "Title", Width: 34, Wrap: true}, {Title: "Treatment", Width: 11},
		{Title: "Controls", Width: 24, Wrap: true}, {Title: "Plan", Width: 50, Wrap: true}, {Title: "Owner", Width: 20, Wrap: true},
		{Title: "Due", Width: 11}, {Title: "Status", Width: 12}, {Title: "Residual score", Width: 14}, {Title: "Residual level", Width: 14},
		{Title: "Accepted by", Width: 20, Wrap: true},
	}}
	for _, k := range in.Model.Risks() {
		asset := assets[k.Asset]
		if asset == "" {
			asset = k.Asset
		}
		reg.Rows = append(reg.Rows, []xlsx.Cell{
			fact(k.ID), fact(k.Title), fact(asset), fact(k.Threat), fact(k.Vulnerability),
			xlsx.Int(k.Likelihood), xlsx.Int(k.Impact), xlsx.Int(k.Score), fact(k.Band), fact(k.Owner.Name),
		})
		residual, residualBand := xlsx.Cell{}, xlsx.Cell{}
		if k.HasResidual {
			residual, residualBand = xlsx.Int(k.ResidualScore), fact(k.ResidualBand)
		}
		accepted := ""
		if k.HasAcceptedBy {
			accepted = k.AcceptedBy.Name
		}
		plan.Rows = append(plan.Rows, []xlsx.Cell{
			fact(k.ID), fact(k.Title), fact(k.TreatmentLabel()), factList(k.Controls), fact(k.Plan), fact(k.Owner.Name),
			fact(k.Due.String()), fact(k.Status), residual, residualBand, fact(accepted),
		})
	}
	return []xlsx.Sheet{reg, plan}
}

func assetSheets(in Input) []xlsx.Sheet {
	s := xlsx.Sheet{Name: "Asset register", Columns: []xlsx.Column{
		{Title: "Asset", Width: 16}, {Title: "Name", Width: 30, Wrap: true}, {Title: "Kind", Width: 12},
		{Title: "Owner", Width: 22, Wrap: true}, {Title: "Classification", Width: 15}, {Title: "Description", Width: 60, Wrap: true},
	}}
	for _, a := range in.Facts.Assets {
		owner := a.Owner
		if who, ok := in.Facts.Resolve(a.Owner); ok {
			owner = who.Name
		}
		s.Rows = append(s.Rows, []xlsx.Cell{fact(a.ID), fact(a.Name), fact(a.Kind), fact(owner), fact(a.Classification), fact(a.Description)})
	}
	return []xlsx.Sheet{s}
}

func documentSheets(in Input) []xlsx.Sheet {
	s := xlsx.Sheet{Name: "Document register", Columns: []xlsx.Column{
		{Title: "Reference", Width: 22}, {Title: "Document", Width: 28}, {Title: "Title", Width: 36, Wrap: true},
		{Title: "Kind", Width: 10}, {Title: "Version", Width: 9}, {Title: "Status", Width: 10},
		{Title: "Owner", Width: 24, Wrap: true}, {Title: "Approver", Width: 24, Wrap: true}, {Title: "Classification", Width: 15},
		{Title: "Effective", Width: 11}, {Title: "Next review", Width: 12}, {Title: "Clauses", Width: 20, Wrap: true},
		{Title: "Controls", Width: 30, Wrap: true},
	}}
	for _, d := range in.Pack.Docs {
		c := d.Control
		s.Rows = append(s.Rows, []xlsx.Cell{
			fact(d.Ref), fact(d.ID), fact(d.Title), fact(d.Kind), fact(c.Version), fact(c.Status),
			fact(c.Owner.String()), fact(c.Approver.String()), fact(c.Classification), fact(c.Effective.String()),
			fact(c.NextReview.String()), factList(d.Clauses()), factList(d.Controls()),
		})
	}
	return []xlsx.Sheet{s}
}
