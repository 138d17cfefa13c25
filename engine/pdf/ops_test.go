package pdf

import (
	"bytes"
	"testing"

	"github.com/signintech/gopdf"
)

// The drawing operators the painter writes are those gopdf's drawing
// methods write for the same boxes, byte for byte.
func TestDrawingOperatorsAreGopdfs(t *testing.T) {
	e, err := newEnv(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	boxes := []Box{
		{Kind: KindFill, X: 10.5, Y: 20.25, W: 100.125, H: 14, Color: "#1f4e79"},
		{Kind: KindRect, X: 0, Y: 0, W: 595.28, H: 841.89, Color: "#ff0000", LineWidth: 0.75},
		{Kind: KindLine, X: 72, Y: 300.333, W: 451.28, H: 0, Color: "#808080", LineWidth: 0.5},
		{Kind: KindCheck, X: 80, Y: 400, W: 8, H: 8, Color: "#000000", LineWidth: 0.6, Checked: true},
		{Kind: KindCheck, X: 90.005, Y: 410.995, W: 8, H: 8, Color: "#abcdef", LineWidth: 0.6},
	}
	pt := &painter{e: e, colors: map[string][]byte{}, sizes: map[float64][]byte{}}
	for _, b := range boxes {
		if err := pt.box(nil, b, nil); err != nil {
			t.Fatal(err)
		}
	}

	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: e.pageW, H: e.pageH}, Unit: gopdf.UnitPT})
	gp.SetNoCompression()
	gp.AddPage()
	for _, b := range boxes {
		c, err := parseColor(b.Color)
		if err != nil {
			t.Fatal(err)
		}
		switch b.Kind {
		case KindFill:
			gp.SetFillColor(c.R, c.G, c.B)
			gp.RectFromUpperLeftWithStyle(b.X, b.Y, b.W, b.H, "F")
		case KindRect:
			gp.SetStrokeColor(c.R, c.G, c.B)
			gp.SetLineWidth(b.LineWidth)
			gp.RectFromUpperLeftWithStyle(b.X, b.Y, b.W, b.H, "D")
		case KindLine:
			gp.SetStrokeColor(c.R, c.G, c.B)
			gp.SetLineWidth(b.LineWidth)
			gp.Line(b.X, b.Y, b.X+b.W, b.Y+b.H)
		case KindCheck:
			gp.SetStrokeColor(c.R, c.G, c.B)
			gp.SetLineWidth(b.LineWidth)
			gp.RectFromUpperLeftWithStyle(b.X, b.Y, b.W, b.H, "D")
			if b.Checked {
				gp.SetLineWidth(b.LineWidth * 1.6)
				gp.Line(b.X+b.W*0.2, b.Y+b.H*0.55, b.X+b.W*0.42, b.Y+b.H*0.8)
				gp.Line(b.X+b.W*0.42, b.Y+b.H*0.8, b.X+b.W*0.82, b.Y+b.H*0.18)
			}
		}
	}
	data, err := gp.GetBytesPdfReturnErr()
	if err != nil {
		t.Fatal(err)
	}
	// The page's content stream is exactly what the painter wrote.
	i := bytes.Index(data, pt.marks.ops)
	if len(pt.marks.ops) == 0 || i < 0 || !bytes.HasSuffix(data[:i], []byte("stream\n")) ||
		!bytes.HasPrefix(data[i+len(pt.marks.ops):], []byte("endstream")) {
		t.Errorf("the painter wrote\n%s\nwhich is not gopdf's content stream for the page:\n%s", pt.marks.ops, data)
	}
}

// pdfText is UTF-16BE with a byte order mark, in hex, as ISO 32000-1,
// 7.9.2.2 has text strings; characters outside the BMP take two units.
func TestPDFText(t *testing.T) {
	for in, want := range map[string]string{
		"":             "<FEFF>",
		"Aé":           "<FEFF004100E9>",
		"a\U0001F600b": "<FEFF0061D83DDE000062>",
		"x\xffy":       "<FEFF0078FFFD0079>", // invalid UTF-8 is the replacement character
	} {
		if got := pdfText(in); got != want {
			t.Errorf("pdfText(%q) = %s, want %s", in, got, want)
		}
	}
}
