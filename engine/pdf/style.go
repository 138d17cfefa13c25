package pdf

import (
	"fmt"
	"strconv"
	"strings"
)

// Style is the look of the PDF output: sizes in points, colors as
// "#rrggbb". A theme's `pdf:` section is decoded over DefaultStyle, so every
// field has a yaml tag and a usable default.
type Style struct {
	FontSize   float64 `yaml:"font_size"`   // body text
	LineHeight float64 `yaml:"line_height"` // multiple of the font size
	// HeadingSizes are the sizes of h1 to h6.
	HeadingSizes  [6]float64 `yaml:"heading_sizes"`
	TitleSize     float64    `yaml:"title_size"`     // document title on the first page
	CodeSize      float64    `yaml:"code_size"`      // code blocks and inline code
	SmallSize     float64    `yaml:"small_size"`     // footnotes, captions, tables
	FurnitureSize float64    `yaml:"furniture_size"` // running header and footer
	// ParagraphSpacing is the space after a paragraph, in points.
	ParagraphSpacing float64 `yaml:"paragraph_spacing"`
	// ListIndent is the indentation of each list level, in points.
	ListIndent float64 `yaml:"list_indent"`
	Margins    Margins `yaml:"margins"`
	// Justify stretches body lines to both margins, as LaTeX does.
	Justify bool `yaml:"justify"`

	TextColor       string `yaml:"text_color"`
	HeadingColor    string `yaml:"heading_color"`
	AccentColor     string `yaml:"accent_color"` // title, rules, cover band
	LinkColor       string `yaml:"link_color"`
	MutedColor      string `yaml:"muted_color"` // header, footer, captions
	CodeBackground  string `yaml:"code_background"`
	QuoteBarColor   string `yaml:"quote_bar_color"`
	QuoteColor      string `yaml:"quote_color"`
	RuleColor       string `yaml:"rule_color"`
	DraftColor      string `yaml:"draft_color"` // the DRAFT band
	TableBorder     string `yaml:"table_border_color"`
	TableHeaderFill string `yaml:"table_header_color"`
	TableHeaderText string `yaml:"table_header_text_color"`
	// Zebra shades every other body row of tables with ZebraColor.
	Zebra      bool   `yaml:"zebra"`
	ZebraColor string `yaml:"zebra_color"`
	// TableFontSize is the size of table text; 0 means SmallSize.
	TableFontSize float64 `yaml:"table_font_size"`
	// CellPadding is the padding inside table cells, in points.
	CellPadding float64 `yaml:"cell_padding"`
	// PackContents is what the combined pack's table of contents lists:
	// "documents" (reference, title, version and first page of each) or
	// "sections" (the documents and their top-level sections).
	PackContents string `yaml:"pack_contents"`
}

// What the pack's contents list.
const (
	PackContentsDocuments = "documents"
	PackContentsSections  = "sections"
)

// Margins of the page in points. The running header and footer sit inside
// the top and bottom margins.
type Margins struct {
	Top    float64 `yaml:"top"`
	Right  float64 `yaml:"right"`
	Bottom float64 `yaml:"bottom"`
	Left   float64 `yaml:"left"`
}

// DefaultStyle is the built-in theme: sober, high-contrast, close to a
// LaTeX article with wider tables.
func DefaultStyle() Style {
	return Style{
		FontSize:         10,
		LineHeight:       1.4,
		HeadingSizes:     [6]float64{17, 14, 12, 11, 10, 10},
		TitleSize:        22,
		CodeSize:         8.5,
		SmallSize:        8.5,
		FurnitureSize:    7.5,
		ParagraphSpacing: 6,
		ListIndent:       16,
		Margins:          Margins{Top: 64, Right: 56, Bottom: 60, Left: 56},
		Justify:          true,

		TextColor:       "#1f2328",
		HeadingColor:    "#0b3d62",
		AccentColor:     "#0b3d62",
		LinkColor:       "#0b5cad",
		MutedColor:      "#5a6270",
		CodeBackground:  "#f3f4f6",
		QuoteBarColor:   "#9fb3c8",
		QuoteColor:      "#3d4650",
		RuleColor:       "#b8c0cc",
		DraftColor:      "#b42318",
		TableBorder:     "#b8c0cc",
		TableHeaderFill: "#0b3d62",
		TableHeaderText: "#ffffff",
		Zebra:           true,
		ZebraColor:      "#eef2f7",
		TableFontSize:   0,
		CellPadding:     4,
		PackContents:    PackContentsDocuments,
	}
}

// rgb is a parsed color.
type rgb struct{ R, G, B uint8 }

// parseColor accepts "#rrggbb" (and "#rgb").
func parseColor(s string) (rgb, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 || !strings.HasPrefix(strings.TrimSpace(s), "#") {
		return rgb{}, fmt.Errorf("%q is not a color of the form #rrggbb", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return rgb{}, fmt.Errorf("%q is not a color of the form #rrggbb", s)
	}
	return rgb{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// validate reports the first unusable value, naming its yaml key, so a typo
// in a theme fails before anything is drawn.
func (s Style) validate() error {
	colors := []struct{ key, v string }{
		{"text_color", s.TextColor}, {"heading_color", s.HeadingColor},
		{"accent_color", s.AccentColor}, {"link_color", s.LinkColor},
		{"muted_color", s.MutedColor}, {"code_background", s.CodeBackground},
		{"quote_bar_color", s.QuoteBarColor}, {"quote_color", s.QuoteColor},
		{"rule_color", s.RuleColor}, {"draft_color", s.DraftColor},
		{"table_border_color", s.TableBorder}, {"table_header_color", s.TableHeaderFill},
		{"table_header_text_color", s.TableHeaderText}, {"zebra_color", s.ZebraColor},
	}
	for _, c := range colors {
		if _, err := parseColor(c.v); err != nil {
			return fmt.Errorf("pdf style %s: %w", c.key, err)
		}
	}
	sizes := []struct {
		key string
		v   float64
	}{
		{"font_size", s.FontSize}, {"line_height", s.LineHeight}, {"title_size", s.TitleSize},
		{"code_size", s.CodeSize}, {"small_size", s.SmallSize}, {"furniture_size", s.FurnitureSize},
	}
	for i, h := range s.HeadingSizes {
		sizes = append(sizes, struct {
			key string
			v   float64
		}{fmt.Sprintf("heading_sizes[%d]", i), h})
	}
	for _, z := range sizes {
		if !(z.v > 0 && z.v < 200) {
			return fmt.Errorf("pdf style %s: %v is not a size between 0 and 200", z.key, z.v)
		}
	}
	if s.PackContents != PackContentsDocuments && s.PackContents != PackContentsSections {
		return fmt.Errorf("pdf style pack_contents: %q is neither %q nor %q", s.PackContents, PackContentsDocuments, PackContentsSections)
	}
	for _, m := range []float64{s.Margins.Top, s.Margins.Right, s.Margins.Bottom, s.Margins.Left, s.ParagraphSpacing, s.ListIndent, s.CellPadding, s.TableFontSize} {
		if m < 0 || m > 300 {
			return fmt.Errorf("pdf style: margin, spacing or padding %v is out of range", m)
		}
	}
	return nil
}

func (s Style) tableSize() float64 {
	if s.TableFontSize > 0 {
		return s.TableFontSize
	}
	return s.SmallSize
}
