package registers

import (
	"context"
	"fmt"

	"github.com/ismsforge/ismsforge/engine/document"
	"github.com/ismsforge/ismsforge/engine/mapping"
	"github.com/ismsforge/ismsforge/engine/pack"
	"github.com/ismsforge/ismsforge/engine/xlsx"
)

// Workbooks is the registers' output format: one Excel workbook per
// register under OUT/xlsx/. They are small and depend on the whole pack, so
// they are made anew on every build.
type Workbooks struct{ In Input }

// Name is "xlsx".
func (w *Workbooks) Name() string { return "xlsx" }

// Begin starts a build.
func (w *Workbooks) Begin(_ context.Context, b *document.Build) (document.Run, error) {
	return &workbooks{in: w.In, generator: b.Generator}, nil
}

type workbooks struct {
	in        Input
	generator string
}

func (w *workbooks) Document(context.Context, *document.Document, *document.Memo) ([]document.File, error) {
	return nil, nil
}

func (w *workbooks) Pack(context.Context) ([]document.File, error) {
	pk := w.in.Pack
	var out []document.File
	for _, reg := range All {
		b, err := xlsx.Workbook(reg.sheets(w.in), xlsx.Options{
			Title: pk.Org + " " + reg.Title, Creator: pk.Org, Generator: w.generator, Date: pk.Date.Time(),
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", reg.File, err)
		}
		out = append(out, document.File{Path: "xlsx/" + reg.File, Data: b})
	}
	return out, nil
}

// Exports is the pack's data files: soa.csv and soa.json, and a CSV file
// per framework mapping under OUT/frameworks/.
type Exports struct {
	In       Input
	Mappings []*mapping.Mapping
}

// Name is "data".
func (e *Exports) Name() string { return "data" }

// Begin starts a build.
func (e *Exports) Begin(context.Context, *document.Build) (document.Run, error) { return e, nil }

// Document has nothing to make per document.
func (e *Exports) Document(context.Context, *document.Document, *document.Memo) ([]document.File, error) {
	return nil, nil
}

// Pack makes the data files.
func (e *Exports) Pack(context.Context) ([]document.File, error) {
	var out []document.File
	for _, m := range e.Mappings {
		out = append(out, document.File{Path: "frameworks/" + m.Framework.ID + ".csv", Data: m.CSV()})
	}
	rows := SoARows(e.In.Model)
	b, err := pack.SoAJSON(rows)
	if err != nil {
		return nil, fmt.Errorf("soa: %w", err)
	}
	return append(out, document.File{Path: "soa.csv", Data: pack.SoACSV(rows)}, document.File{Path: "soa.json", Data: b}), nil
}
