package xlsx

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestColName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := colName(i); got != want {
			t.Errorf("colName(%d) = %s, want %s", i, got, want)
		}
	}
}

func TestWorkbook(t *testing.T) {
	sheets := []Sheet{{Name: "Risks", Columns: []Column{{Title: "Risk"}, {Title: "Score", Width: 8}, {Title: "Plan", Wrap: true}},
		Rows: [][]Cell{{Text("R-1"), Int(12), Text("Patch <quickly> & \x01often")}}}}
	o := Options{Title: "Register", Creator: "Acme", Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}
	a, err := Workbook(sheets, o)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Workbook(sheets, o)
	if !bytes.Equal(a, b) {
		t.Error("the same rows give different bytes")
	}
	s := string(sheet(sheets[0]))
	for _, want := range []string{`state="frozen"`, `<autoFilter ref="A1:C2"/>`, `<c r="B2" s="4"><v>12</v></c>`, `Patch &lt;quickly&gt; &amp; often`, `s="2"`} {
		if !strings.Contains(s, want) {
			t.Errorf("sheet lacks %s", want)
		}
	}
	if _, err := Workbook([]Sheet{{Name: "a/b", Columns: []Column{{Title: "x"}}}}, o); err == nil {
		t.Error("a sheet name with a slash is accepted")
	}
}
