package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"

	"github.com/saavu/saavu/data/results"
)

// Page is a self-contained HTML page of another command (saavu diff,
// saavu plan): headline figures, a map with layers to choose from, and
// sections of charts and tables. Like the report it needs no network and
// the same Page gives the same bytes.
type Page struct {
	Title    string
	Kicker   string // line above the title, e.g. "saavu dev · diff"
	Subtitle string
	Notes    []string
	Figures  []Figure
	Map      *Map // nil: no map
	Sections []Section
	// Params are shown at the end as a table of name, value and meaning.
	Params []Param
}

// Figure is a headline number.
type Figure struct{ Label, Value string }

// Param is one row of the parameters table.
type Param struct{ Name, Value, Meaning string }

// Map is the page's map: Features (cells or points, GeoJSON in WGS84)
// coloured by the chosen layer, region outlines and site markers.
type Map struct {
	Lead     string
	Features json.RawMessage // FeatureCollection
	Regions  json.RawMessage // FeatureCollection of outlines, may be nil
	Sites    json.RawMessage // FeatureCollection of points with "name", may be nil
	// SitesLabel names the markers in the legend ("Chosen sites").
	SitesLabel string
	Layers     []MapLayer
}

// MapLayer colours each feature by the class its property Prop holds;
// features whose value is in no class are not coloured.
type MapLayer struct {
	Value   string     `json:"value"`
	Label   string     `json:"label"`
	Prop    string     `json:"prop"`
	Classes []MapClass `json:"classes"`
}

// MapClass is one value of a layer's property, with its legend label and colour.
type MapClass struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Color string `json:"color"`
}

// Section is a part of the page: a heading, one sentence on how to read
// it, charts and tables.
type Section struct {
	ID     string
	Title  string
	Read   string
	Charts []template.HTML
	Tables []Table
	// Sub are nested sections (one per category and mode).
	Sub []Section
}

// Table is a table with a header row; columns from NumFrom on are numbers.
type Table struct {
	Caption string
	Headers []string
	Rows    [][]string
	NumFrom int
}

// Series is one bar per region of ValueChart; NaN values read "n/a".
type Series struct {
	Label  string
	Color  string
	Values []float64
}

// Colours for before and after in the pages' charts.
const (
	BeforeColor = "#7fb8dc"
	AfterColor  = "#0072b2"
)

// ValueChart draws one horizontal bar per row (region, site) and series,
// each value written once (formatted as FormatShare or FormatValue) where
// it fits; rowAxis names the rows.
func ValueChart(title, unit, rowAxis string, share bool, regions []string, series []Series) template.HTML {
	cs := make([]chartSeries, len(series))
	for i, s := range series {
		cs[i] = chartSeries{Label: s.Label, Color: s.Color}
		for _, v := range s.Values {
			o := results.Opt[float64]{}
			if !math.IsNaN(v) {
				o = results.Some(v)
			}
			cs[i].Values = append(cs[i].Values, o)
		}
	}
	return valueChart(title, unit, rowAxis, share, regions, cs)
}

// FormatShare formats a fraction as the report does: "11.3%".
func FormatShare(f float64) string { return formatPercent(f) }

// FormatCount formats a population with thin-space thousands: "12 345".
func FormatCount(v float64) string { return formatCount(v) }

// FormatValue formats any other value as the report's measure tables.
func FormatValue(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return formatMeasure(results.Some(v), false)
}

// FormatSigned formats a change with its sign: "+1 234", "−56", "0".
func FormatSigned(v float64) string {
	s := formatCount(math.Abs(v))
	switch {
	case math.Round(v) > 0:
		return "+" + s
	case math.Round(v) < 0:
		return "−" + s
	}
	return "0"
}

// Slug makes an HTML id from parts, as the report's own ids.
func Slug(parts ...string) string { return slug(parts...) }

type pageView struct {
	*Page
	Tool           string
	LeafletVersion string
	LeafletLicense string
	LeafletCSS     template.CSS
	ReportCSS      template.CSS
	LeafletJS      template.JS
	PageJS         template.JS
}

type pageConfig struct {
	Layers     []MapLayer `json:"layers"`
	NoValue    string     `json:"noValue"`
	SitesLabel string     `json:"sitesLabel"`
}

// WritePage writes p as one self-contained HTML file.
func WritePage(w io.Writer, p *Page) error {
	b, err := loadBundle()
	if err != nil {
		return err
	}
	v := pageView{Page: p, Tool: "saavu", LeafletVersion: b.leafletVersion, LeafletLicense: b.leafletLicense,
		LeafletCSS: b.leafletCSS, ReportCSS: b.reportCSS, LeafletJS: b.leafletJS, PageJS: b.pageJS}
	bw := bufio.NewWriterSize(w, 256<<10)
	if err := b.pageTmpl.ExecuteTemplate(bw, "head", v); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if p.Map != nil {
		cfg := pageConfig{Layers: p.Map.Layers, NoValue: noValueColor, SitesLabel: p.Map.SitesLabel}
		if cfg.Layers == nil {
			cfg.Layers = []MapLayer{}
		}
		cj, err := json.Marshal(cfg)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		empty := json.RawMessage(`{"type":"FeatureCollection","features":[]}`)
		orEmpty := func(r json.RawMessage) json.RawMessage {
			if len(r) == 0 {
				return empty
			}
			return r
		}
		for _, d := range []dataBlock{{"saavu-config", cj}, {"saavu-regions", orEmpty(p.Map.Regions)},
			{"saavu-sites", orEmpty(p.Map.Sites)}, {"saavu-cells", orEmpty(p.Map.Features)}} {
			if err := writeDataBlock(bw, d); err != nil {
				return fmt.Errorf("report: writing %s: %w", d.ID, err)
			}
		}
	}
	if err := b.pageTmpl.ExecuteTemplate(bw, "tail", v); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return bw.Flush()
}

// noValueColor is the fill of a cell a layer gives no value.
const noValueColor = "#e4e4e4"
