package report

import (
	"encoding/json"
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/saavu/saavu/data/results"
)

// measureKind describes a measure of measures.csv: how to name it, format
// it, read it and find its column in cells.geojson.
type measureKind struct {
	Name  string // as in measures.csv
	Label string // section heading
	Read  string // one sentence: how to read it
	Unit  string // axis label
	Share bool   // a fraction shown as a percentage
	// Better is "high" or "low": which end of the map's colour ramp is good.
	Better string
	// Prop is the cell property with {c} for the category and {m} for the mode.
	Prop string
	// Bool: the cell property is true or false (round trip, all within).
	Bool bool
}

// params of run.json the sentences quote.
type measureParams struct {
	Measures struct {
		CumulativeCapacity bool    `json:"cumulative_capacity"`
		FCADecay           string  `json:"fca_decay"`
		FCACatchment       float64 `json:"fca_catchment_min"`
		GravityImpedance   string  `json:"gravity_impedance"`
		GravityBeta        float64 `json:"gravity_beta"`
		GravityMaxMin      float64 `json:"gravity_max_min"`
	} `json:"measures"`
	RoundTrips struct {
		Earliest string  `json:"earliest"`
		Latest   string  `json:"latest"`
		DwellMin float64 `json:"dwell_min"`
	} `json:"round_trips"`
}

func readMeasureParams(r *results.Results) measureParams {
	var p measureParams
	if raw, ok := r.Run.Parameters["measures"]; ok {
		_ = json.Unmarshal(raw, &p.Measures)
	}
	if raw, ok := r.Run.Parameters["round_trips"]; ok {
		_ = json.Unmarshal(raw, &p.RoundTrips)
	}
	return p
}

// kindOf returns the description of a measure name; ok is false for a
// name this version does not know (it is still shown, plainly).
func kindOf(name string, p measureParams) measureKind {
	k := measureKind{Name: name, Label: humanize(name), Unit: "Value", Better: "high",
		Read: "Population-weighted mean over the region's cells.", Prop: "{c}_{m}_" + name}
	switch {
	case strings.HasPrefix(name, "median_min_"):
		n := strings.TrimPrefix(name, "median_min_")
		k.Label = ordinal(n) + " nearest service"
		k.Unit = "Median minutes to the " + ordinal(n) + " nearest"
		k.Better = "low"
		k.Prop = "{c}_{m}_min_" + n
		k.Read = "Median minutes to the " + ordinal(n) + " nearest service: how far the next option is when the nearest one is full or closed; lower is better."
	case strings.HasPrefix(name, "mean_within_"):
		t := strings.TrimPrefix(name, "mean_within_")
		what := "services"
		if p.Measures.CumulativeCapacity {
			what = "capacity"
		}
		k.Label = "Services within " + t + " min (cumulative)"
		k.Unit = "Mean " + what + " within " + t + " min"
		k.Prop = "{c}_{m}_within_" + t
		k.Read = "Mean " + what + " a resident reaches within " + t + " minutes: more means more choice; 0 means none within reach."
	case name == "fca_per_1000":
		decay := p.Measures.FCADecay
		label := "2SFCA"
		if decay != "" && decay != "none" && decay != "binary" {
			label = "E2SFCA"
		}
		k.Label = label + ": capacity per 1,000 residents"
		k.Unit = "Capacity per 1,000 residents"
		k.Read = "Service capacity per 1,000 residents who compete for it (" + label
		if decay != "" {
			k.Read += ", " + decay + " decay"
		}
		if p.Measures.FCACatchment > 0 {
			k.Read += " within " + formatNumber(p.Measures.FCACatchment) + " min"
		}
		k.Read += "): higher means less crowded services."
	case name == "gravity":
		k.Label = "Gravity access"
		k.Unit = "Gravity score"
		k.Read = "Services counted down by travel time"
		if p.Measures.GravityImpedance != "" {
			k.Read += " (" + p.Measures.GravityImpedance + " impedance"
			if p.Measures.GravityBeta > 0 {
				k.Read += ", β " + formatNumber(p.Measures.GravityBeta)
			}
			k.Read += ")"
		}
		k.Read += ": higher means more and nearer services; compare regions with each other, the score has no unit."
	case name == "mean_rides":
		k.Label, k.Unit, k.Better, k.Prop = "Vehicles boarded", "Mean vehicles boarded", "low", "{c}_{m}_rides"
		k.Read = "Mean number of vehicles boarded on the fastest trip to the nearest service, over those who reach one: 1 is a direct line."
	case name == "mean_walk_min", name == "mean_wait_min", name == "mean_ride_min":
		part := strings.TrimSuffix(strings.TrimPrefix(name, "mean_"), "_min")
		verb := map[string]string{"walk": "walking", "wait": "waiting", "ride": "riding"}[part]
		k.Label, k.Unit, k.Better, k.Prop = "Minutes "+verb, "Mean minutes "+verb, "low", "{c}_{m}_"+part+"_min"
		k.Read = "Mean minutes spent " + verb + " on the fastest trip to the nearest service, over those who reach one."
	case name == "share_round_trip":
		k.Label, k.Unit, k.Share, k.Bool, k.Prop = "Round trips by public transport", "Share who can go and return (%)", true, true, "{c}_round_trip"
		k.Read = "Share of the population who can travel by public transport to the nearest service"
		if p.RoundTrips.DwellMin > 0 {
			k.Read += ", stay " + formatNumber(p.RoundTrips.DwellMin) + " min"
		}
		k.Read += " and come back"
		if p.RoundTrips.Earliest != "" {
			k.Read += " between " + p.RoundTrips.Earliest + " and " + p.RoundTrips.Latest
		}
		k.Read += " on the same day; higher is better."
	case strings.HasPrefix(name, "share_all_within_"):
		t := strings.TrimPrefix(name, "share_all_within_")
		k.Label, k.Unit, k.Share, k.Bool, k.Prop = "Every service within "+t+" min", "Share reaching every category (%)", true, true, "all_{m}_within_"+t
		k.Read = "Share of the population who reach every service category within " + t + " minutes by the same mode; higher is better."
	}
	return k
}

func ordinal(n string) string {
	switch n {
	case "1":
		return "1st"
	case "2":
		return "2nd"
	case "3":
		return "3rd"
	}
	return n + "th"
}

// formatMeasure formats a measure value once, for the tables and charts
// alike: shares as percentages, others with digits by size.
func formatMeasure(v results.Opt[float64], share bool) string {
	if !v.Valid || math.IsNaN(v.Value) {
		return "–"
	}
	if share {
		return formatPercent(v.Value)
	}
	a := math.Abs(v.Value)
	switch {
	case a >= 1000:
		return formatCount(v.Value)
	case a >= 100:
		return strconv.FormatFloat(v.Value, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v.Value, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v.Value, 'f', 2, 64)
	}
}

// measureSection is one measure: per mode a chart and table.
type measureSection struct {
	ID    string
	Label string
	Read  string
	Layer string // value of the map's layer selector
	Modes []measureMode
}

type measureMode struct {
	ID      string
	Title   string
	Mode    string // mode value, for the map link
	Cat     string // first category, for the map link
	SVG     template.HTML
	Headers []string
	Rows    []tableRow
}

// jsLayer is a map layer of the saavu-config block.
type jsLayer struct {
	Value  string `json:"value"`
	Label  string `json:"label"`
	Prop   string `json:"prop"`
	Bool   bool   `json:"bool"`
	Better string `json:"better"`
	Unit   string `json:"unit"`
	// Pairs are the category|mode pairs the measure has.
	Pairs []string `json:"pairs"`
}

// buildMeasures gives a section per measure of measures.csv, in the
// order of the file, and the map layers.
func buildMeasures(r *results.Results, catColors map[string]string) ([]measureSection, []jsLayer) {
	if len(r.Measures) == 0 {
		return nil, nil
	}
	p := readMeasureParams(r)
	type pair struct{ cat, mode string }
	pairs := map[string][]pair{}
	seen := map[string]bool{}
	for _, m := range r.Measures {
		k := m.Measure + "|" + m.Category + "|" + m.Mode
		if !seen[k] {
			seen[k] = true
			pairs[m.Measure] = append(pairs[m.Measure], pair{m.Category, m.Mode})
		}
	}
	var groups []string
	gseen := map[string]bool{}
	for _, m := range r.Measures {
		if !gseen[m.Group] {
			gseen[m.Group] = true
			groups = append(groups, m.Group)
		}
	}
	var secs []measureSection
	var layers []jsLayer
	for _, name := range r.MeasureNames() {
		k := kindOf(name, p)
		sec := measureSection{ID: slug("measure", name), Label: k.Label, Read: k.Read, Layer: name}
		layer := jsLayer{Value: name, Label: k.Label, Prop: k.Prop, Bool: k.Bool, Better: k.Better, Unit: k.Unit}
		// Modes in the run's order, categories in the run's order.
		var modes []string
		for _, m := range append(append([]string{}, r.Modes...), "transit") {
			for _, pr := range pairs[name] {
				if pr.mode == m && !contains(modes, m) {
					modes = append(modes, m)
				}
			}
		}
		for _, mode := range modes {
			var cats []string
			for _, c := range append(append([]string{}, r.Categories...), "all") {
				for _, pr := range pairs[name] {
					if pr.mode == mode && pr.cat == c && !contains(cats, c) {
						cats = append(cats, c)
						layer.Pairs = append(layer.Pairs, c+"|"+mode)
					}
				}
			}
			mm := measureMode{ID: slug("measure", name, mode), Mode: mode, Cat: cats[0],
				Title: k.Label + " " + byMode(mode)}
			mm.Headers = []string{"Region"}
			for _, c := range cats {
				mm.Headers = append(mm.Headers, catLabelAll(c))
			}
			var series []chartSeries
			for _, c := range cats {
				color := catColors[c]
				if color == "" {
					color = medianColor
				}
				series = append(series, chartSeries{Label: catLabelAll(c), Color: color})
			}
			var names []string
			for _, reg := range r.Regions {
				name := regionName(reg)
				names = append(names, name)
				for gi, g := range groups {
					row := tableRow{Class: "region-row", Name: name}
					if gi > 0 {
						row = tableRow{Class: "group-row", Name: humanize(g)}
					}
					any := false
					for si, c := range cats {
						v, ok := r.Measure(reg.ID, g, c, mode, k.Name)
						any = any || ok
						row.Values = append(row.Values, formatMeasure(v, k.Share))
						if gi == 0 {
							series[si].Values = append(series[si].Values, v)
						}
					}
					if any || gi == 0 {
						mm.Rows = append(mm.Rows, row)
					}
				}
			}
			mm.SVG = valueChart(mm.Title, k.Unit, "Region", k.Share, names, series)
			sec.Modes = append(sec.Modes, mm)
		}
		secs = append(secs, sec)
		layers = append(layers, layer)
	}
	return secs, layers
}

func catLabelAll(c string) string {
	if c == "all" {
		return "Every category"
	}
	return categoryLabel(c)
}

func regionName(reg results.Region) string {
	if reg.Name != "" {
		return reg.Name
	}
	return reg.ID
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
