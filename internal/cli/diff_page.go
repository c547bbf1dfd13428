package cli

import (
	"encoding/json"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/saavu/saavu/data/results"
	"github.com/saavu/saavu/internal/report"
)

// Change classes of a cell for one category and mode in diff.html.
const (
	changeGained = "gained" // crosses a threshold into reach, or becomes reachable
	changeLost   = "lost"
	changeFaster = "faster" // more than diffMinChange minutes faster, no threshold crossed
	changeSlower = "slower"
	changeSame   = "same"
)

var changeClasses = []report.MapClass{
	{Value: changeGained, Label: "Gains access (crosses a threshold)", Color: "#0072b2"},
	{Value: changeFaster, Label: "Faster, no threshold crossed", Color: "#9ecae1"},
	{Value: changeSlower, Label: "Slower, no threshold crossed", Color: "#fdae6b"},
	{Value: changeLost, Label: "Loses access (crosses a threshold)", Color: "#d55e00"},
}

// changeClass classifies a cell's change from minutes b to a (NaN:
// unreachable).
func (d *runDiff) changeClass(b, a float64) string {
	in, out := false, false
	for _, th := range d.ths {
		wb, wa := within(b, th), within(a, th)
		in = in || (!wb && wa)
		out = out || (wb && !wa)
	}
	switch {
	case in && !out:
		return changeGained
	case out && !in:
		return changeLost
	case math.IsNaN(b) && !math.IsNaN(a):
		return changeGained
	case !math.IsNaN(b) && math.IsNaN(a):
		return changeLost
	case !math.IsNaN(a) && a < b-diffMinChange:
		return changeFaster
	case !math.IsNaN(a) && a > b+diffMinChange:
		return changeSlower
	}
	return changeSame
}

func (d *runDiff) pairLabel(k int) string {
	return humanLabel(d.cats[k/len(d.modes)]) + " " + report.ByMode(d.modes[k%len(d.modes)])
}

// humanLabel capitalises a category and spells out underscores.
func humanLabel(s string) string {
	s = strings.NewReplacer("_", " ", "-", " ").Replace(s)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// changedFeatures is the FeatureCollection of the changed cells with,
// per category and mode, their change class and times.
func (d *runDiff) changedFeatures() (json.RawMessage, error) {
	type feature struct {
		Type       string          `json:"type"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	for i, c := range d.before {
		if len(d.changedPairs(i)) == 0 {
			continue
		}
		props := map[string]any{"id": c.id, "region": c.region, "population": math.Round(c.pop*10) / 10}
		for k := range d.pairs() {
			b, a := c.min[k], d.after[i].min[k]
			props[d.pairKey(k)+"_change"] = d.changeClass(b, a)
			props[d.pairKey(k)+"_before_min"] = minOrNil(b)
			props[d.pairKey(k)+"_after_min"] = minOrNil(a)
		}
		fc.Features = append(fc.Features, feature{Type: "Feature", Geometry: c.geom, Properties: props})
	}
	return json.Marshal(fc)
}

func minOrNil(m float64) any {
	if math.IsNaN(m) {
		return nil
	}
	return math.Round(m*100) / 100
}

// writeHTML writes diff.html: a map of the cells gaining and losing access
// per category and mode, and per category and mode the regions' change.
func (d *runDiff) writeHTML(w io.Writer) error {
	feats, err := d.changedFeatures()
	if err != nil {
		return err
	}
	p := &report.Page{
		Title:    "Scenario compared with the base run",
		Kicker:   "saavu " + version() + " · diff",
		Subtitle: d.base.Dir + " → " + d.scen.Dir,
		Figures: []report.Figure{
			{Label: "Regions", Value: report.FormatCount(float64(len(d.base.Regions)))},
			{Label: "Cells that changed", Value: report.FormatCount(float64(d.changed))},
			{Label: "Services × modes compared", Value: report.FormatCount(float64(d.pairs()))},
		},
		Map: &report.Map{
			Lead: "Cells whose time to the nearest service changed, for the service and mode chosen: blue gain, orange lose. " +
				"Gaining or losing access means crossing one of the thresholds (" + thresholdList(d.ths) + " min).",
			Features: feats,
			Regions:  d.base.RegionShapes.Raw,
		},
		Params: []report.Param{
			{Name: "base", Value: d.base.Dir, Meaning: "Results of the base run"},
			{Name: "scenario", Value: d.scen.Dir, Meaning: "Results of the scenario run"},
			{Name: "thresholds_min", Value: thresholdList(d.ths), Meaning: "Travel time thresholds compared, minutes"},
			{Name: "min_change_min", Value: report.FormatValue(diffMinChange), Meaning: "Smaller changes that cross no threshold count as no change"},
		},
	}
	for k := range d.pairs() {
		p.Map.Layers = append(p.Map.Layers, report.MapLayer{Value: d.pairKey(k), Label: d.pairLabel(k),
			Prop: d.pairKey(k) + "_change", Classes: changeClasses})
	}
	changes := report.Section{ID: "changes", Title: "Change per region",
		Read: "For each service and mode, per region and threshold: the population within it before and after, those who gain and lose access, and the median minutes."}
	for k := range d.pairs() {
		cat, mode := d.cats[k/len(d.modes)], d.modes[k%len(d.modes)]
		sub := report.Section{ID: report.Slug("change", cat, mode), Title: d.pairLabel(k)}
		// The chart shows the threshold with the most change.
		best, bestMoved := d.ths[0], -1.0
		for _, th := range d.ths {
			moved := 0.0
			for _, r := range d.table {
				if r.cat == cat && r.mode == mode && r.th == th {
					moved += r.gained + r.lost
				}
			}
			if moved > bestMoved {
				best, bestMoved = th, moved
			}
		}
		var names []string
		var before, after []float64
		t := report.Table{Headers: []string{"Region", "Within", "Population", "Before", "After", "Gained", "Lost", "Change", "Median before", "Median after"}, NumFrom: 2}
		for _, r := range d.table {
			if r.cat != cat || r.mode != mode {
				continue
			}
			name := r.region
			if name == "" {
				name = r.regionID
			}
			if r.th == best {
				names = append(names, name)
				before = append(before, shareOf(r.before, r.pop))
				after = append(after, shareOf(r.after, r.pop))
			}
			t.Rows = append(t.Rows, []string{name, "≤ " + thresholdList([]results.Minutes{r.th}) + " min", report.FormatCount(r.pop),
				report.FormatShare(shareOf(r.before, r.pop)), report.FormatShare(shareOf(r.after, r.pop)),
				report.FormatCount(r.gained), report.FormatCount(r.lost), report.FormatSigned(r.after - r.before),
				optMin(r.medBefore), optMin(r.medAfter)})
		}
		sub.Charts = []template.HTML{report.ValueChart(d.pairLabel(k)+": share within "+thresholdList([]results.Minutes{best})+" min, before and after",
			"Share of population (%)", "Region", true, names, []report.Series{
				{Label: "Before", Color: report.BeforeColor, Values: before},
				{Label: "After", Color: report.AfterColor, Values: after}})}
		sub.Tables = []report.Table{t}
		changes.Sub = append(changes.Sub, sub)
	}
	p.Sections = []report.Section{changes}
	return report.WritePage(w, p)
}

func shareOf(part, whole float64) float64 {
	if whole <= 0 {
		return math.NaN()
	}
	return part / whole
}

func optMin(o results.Opt[results.Minutes]) string {
	if !o.Valid {
		return "–"
	}
	return report.FormatValue(float64(o.Value))
}

func thresholdList(ths []results.Minutes) string {
	parts := make([]string, len(ths))
	for i, t := range ths {
		parts[i] = strconv.FormatFloat(float64(t), 'f', -1, 64)
	}
	return strings.Join(parts, ", ")
}
