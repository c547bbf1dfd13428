package cli

import (
	"encoding/json"
	"html/template"
	"math"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/plan"
	"github.com/saavu/saavu/internal/report"
)

// Coverage classes of a cell in plan.html.
var planClasses = []report.MapClass{
	{Value: "new", Label: "Newly within the threshold", Color: "#0072b2"},
	{Value: "kept", Label: "Within before and after", Color: "#9ecae1"},
	{Value: "lost", Label: "No longer within the threshold", Color: "#d55e00"},
}

type geoFeature struct {
	Type       string         `json:"type"`
	Geometry   orb.Geometry   `json:"-"`
	Properties map[string]any `json:"properties"`
}

// featureCollection encodes features with their geometry as GeoJSON.
func featureCollection(fs []geoFeature) (json.RawMessage, error) {
	type out struct {
		Type       string          `json:"type"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties map[string]any  `json:"properties"`
	}
	list := make([]out, 0, len(fs))
	for _, f := range fs {
		g, err := json.Marshal(geometryJSON(f.Geometry))
		if err != nil {
			return nil, err
		}
		list = append(list, out{Type: "Feature", Geometry: g, Properties: f.Properties})
	}
	return json.Marshal(struct {
		Type     string `json:"type"`
		Features []out  `json:"features"`
	}{"FeatureCollection", list})
}

// geometryJSON writes a point, polygon or multipolygon with coordinates
// rounded to about a decimetre, so the page is stable and small.
func geometryJSON(g orb.Geometry) map[string]any {
	r := func(p orb.Point) [2]float64 {
		return [2]float64{math.Round(p[0]*1e6) / 1e6, math.Round(p[1]*1e6) / 1e6}
	}
	ring := func(rg orb.Ring) [][2]float64 {
		out := make([][2]float64, len(rg))
		for i, p := range rg {
			out[i] = r(p)
		}
		return out
	}
	poly := func(p orb.Polygon) [][][2]float64 {
		out := make([][][2]float64, len(p))
		for i, rg := range p {
			out[i] = ring(rg)
		}
		return out
	}
	switch x := g.(type) {
	case orb.Point:
		return map[string]any{"type": "Point", "coordinates": r(x)}
	case orb.Polygon:
		return map[string]any{"type": "Polygon", "coordinates": poly(x)}
	case orb.MultiPolygon:
		ps := make([][][][2]float64, len(x))
		for i, p := range x {
			ps[i] = poly(p)
		}
		return map[string]any{"type": "MultiPolygon", "coordinates": ps}
	}
	return map[string]any{"type": "GeometryCollection", "geometries": []any{}}
}

func writePlanHTML(d *outdir.Dir, r *planResult) error {
	f, err := d.Create(PlanHTMLFile)
	if err != nil {
		return err
	}
	p, err := planPage(r)
	if err == nil {
		err = report.WritePage(f, p)
	}
	if err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// planPage is plan.html: the chosen sites on a map of the cells whose
// coverage changes, coverage per region before and after, the objective
// and the chosen sites ranked.
func planPage(r *planResult) (*report.Page, error) {
	th := r.pf.thresholdM
	thText := strconv.FormatFloat(th, 'f', -1, 64)
	thMs := uint32(math.Round(th * 60000))
	in := func(t uint32) bool { return t != access.Unreachable && t <= thMs }
	var cells []geoFeature
	if c := r.cells; c != nil {
		for i := range c.Cell {
			b, a := in(r.cellBefore[i]), in(r.cellAfter[i])
			class := "none"
			switch {
			case a && !b:
				class = "new"
			case a && b:
				class = "kept"
			case b && !a:
				class = "lost"
			}
			var g orb.Geometry
			if c.Points != nil {
				g = c.Points[i]
			} else {
				g = geo.UnprojectTM35(c.Cell[i].Polygon())
			}
			props := map[string]any{"id": c.Cell[i].ID(), "population": math.Round(c.Weight[0][i]*10) / 10, "coverage": class,
				"minutes_before": msMinutes(r.cellBefore[i]), "minutes_after": msMinutes(r.cellAfter[i])}
			cells = append(cells, geoFeature{Geometry: g, Properties: props})
		}
	}
	var regions, sites []geoFeature
	for _, reg := range r.regions {
		regions = append(regions, geoFeature{Geometry: geo.UnprojectTM35(reg.Geom), Properties: map[string]any{"region_id": reg.ID, "name": reg.Name}})
	}
	for _, s := range r.chosen {
		props := map[string]any{"rank": s.Rank, "id": s.ID, "name": s.Name, "coverage_gain": math.Round(s.CoveredChange)}
		sites = append(sites, geoFeature{Geometry: orb.Point{s.Lon, s.Lat}, Properties: props})
	}
	fc, err := featureCollection(cells)
	if err != nil {
		return nil, err
	}
	rc, err := featureCollection(regions)
	if err != nil {
		return nil, err
	}
	sc, err := featureCollection(sites)
	if err != nil {
		return nil, err
	}
	verb, what := "open", "Sites to open"
	if r.remove {
		verb, what = "close", "Sites to close"
	}
	tb, ta := r.before[len(r.before)-1], r.after[len(r.after)-1]
	p := &report.Page{
		Title:    "Plan: " + verb + " " + strconv.Itoa(len(r.chosen)) + " " + humanLabel(r.pf.category) + " sites",
		Kicker:   "saavu " + version() + " · plan",
		Subtitle: humanLabel(r.pf.category) + " " + report.ByMode(r.mode.String()) + ", objective " + r.objective.String() + ", chosen among " + strconv.Itoa(r.candidates),
		Figures: []report.Figure{
			{Label: "Within " + thText + " min before", Value: report.FormatShare(tb.Share(0))},
			{Label: "Within " + thText + " min after", Value: report.FormatShare(ta.Share(0))},
			{Label: "Persons newly within", Value: report.FormatSigned(ta.Within[0] - tb.Within[0])},
			{Label: "Candidates", Value: report.FormatCount(float64(r.candidates))},
		},
		Map: &report.Map{
			Lead:     "Cells by whether they are within " + thText + " min of a service before and after the plan; the chosen sites are the orange dots.",
			Features: fc, Regions: rc, Sites: sc, SitesLabel: what,
			Layers: []report.MapLayer{{Value: "coverage", Label: "Within " + thText + " min", Prop: "coverage", Classes: planClasses}},
		},
		Params: []report.Param{
			{Name: "category", Value: r.pf.category, Meaning: "Service category planned"},
			{Name: "mode", Value: report.ModeLabel(r.mode.String()), Meaning: "Travel mode"},
			{Name: "objective", Value: r.objective.String(), Meaning: "What the choice maximises: population covered, or person-minutes saved (median)"},
			{Name: "threshold_min", Value: thText, Meaning: "A person is covered within this many minutes"},
			{Name: "sites", Value: strconv.Itoa(len(r.chosen)), Meaning: "Sites to " + verb},
			{Name: "candidates", Value: strconv.Itoa(r.candidates), Meaning: "Sites chosen among"},
		},
	}
	// Coverage per region.
	var names []string
	var before, after []float64
	tbl := report.Table{Headers: []string{"Region", "Population", "Within before", "Within after", "Share before", "Share after",
		"Mean min before", "Mean min after", "Unreached before", "Unreached after"}, NumFrom: 1}
	for i := range r.regionRows() {
		_, name := r.regionLabel(i)
		b, a := r.before[i], r.after[i]
		if i < len(r.regions) {
			names = append(names, name)
			before = append(before, b.Share(0))
			after = append(after, a.Share(0))
		}
		tbl.Rows = append(tbl.Rows, []string{name, report.FormatCount(b.Population), report.FormatCount(b.Within[0]), report.FormatCount(a.Within[0]),
			report.FormatShare(b.Share(0)), report.FormatShare(a.Share(0)), report.FormatValue(b.Mean), report.FormatValue(a.Mean),
			report.FormatCount(b.Unreachable), report.FormatCount(a.Unreachable)})
	}
	coverage := report.Section{ID: "coverage", Title: "Coverage per region",
		Read: "Share of each region's population within " + thText + " min of a service before and after the plan; the longer the dark bar beyond the light one, the more the plan helps there.",
		Charts: []template.HTML{report.ValueChart("Population within "+thText+" min, before and after", "Share of population (%)", "Region", true, names,
			[]report.Series{{Label: "Before", Color: report.BeforeColor, Values: before}, {Label: "After", Color: report.AfterColor, Values: after}})},
		Tables: []report.Table{tbl}}
	// Objective.
	obj := report.Section{ID: "objective", Title: "Objective"}
	if r.objective == plan.Median {
		obj.Read = "Person-minutes to the nearest service, each person's time capped at " + strconv.FormatFloat(r.pf.capM, 'f', -1, 64) + " min: the plan lowers it."
		obj.Tables = []report.Table{{Headers: []string{"Objective", "Before", "After", "Change"}, NumFrom: 1, Rows: [][]string{{"Person-minutes (capped)",
			report.FormatCount(r.sol.Before.PersonMin), report.FormatCount(r.sol.After.PersonMin), report.FormatSigned(r.sol.After.PersonMin - r.sol.Before.PersonMin)}}}}
	} else {
		obj.Read = "Population within " + thText + " min of a service: the plan raises it (or, closing sites, lowers it least)."
		obj.Tables = []report.Table{{Headers: []string{"Objective", "Before", "After", "Change"}, NumFrom: 1, Rows: [][]string{{"Population within " + thText + " min",
			report.FormatCount(r.sol.Before.Covered), report.FormatCount(r.sol.After.Covered), report.FormatSigned(r.sol.After.Covered - r.sol.Before.Covered)}}}}
	}
	// Ranking.
	rank := report.Section{ID: "ranking", Title: what + ", ranked",
		Read: "Each site in the order it is " + map[bool]string{false: "added: the one that adds most given those above it", true: "closed: the one missed least given those above it"}[r.remove] +
			"; the gains add up to the plan's change."}
	rt := report.Table{Headers: []string{"Rank", "Id", "Name", "Coverage change"}, NumFrom: 3}
	if r.objective == plan.Median {
		rt.Headers = append(rt.Headers, "Person-minutes saved")
	}
	var siteNames []string
	var gains []float64
	for _, s := range r.chosen {
		row := []string{strconv.Itoa(s.Rank), s.ID, s.Name, report.FormatSigned(s.CoveredChange)}
		if r.objective == plan.Median {
			row = append(row, report.FormatSigned(s.PersonMinSave))
		}
		rt.Rows = append(rt.Rows, row)
		name := s.Name
		if name == "" {
			name = s.ID
		}
		siteNames = append(siteNames, strconv.Itoa(s.Rank)+". "+name)
		gains = append(gains, math.Abs(s.CoveredChange))
	}
	rank.Tables = []report.Table{rt}
	if len(siteNames) > 0 {
		rank.Charts = []template.HTML{report.ValueChart("Persons whose coverage each site changes", "Persons within "+thText+" min gained or lost", "Site", false, siteNames,
			[]report.Series{{Label: "Coverage change", Color: report.AfterColor, Values: gains}})}
	}
	p.Sections = []report.Section{coverage, obj, rank, candidatesSection(r, thText)}
	return p, nil
}

func msMinutes(t uint32) any {
	if t == access.Unreachable {
		return nil
	}
	return math.Round(float64(t)/600) / 100
}

// shownCandidates is how many candidates plan.html lists; candidates.csv
// has them all.
const shownCandidates = 20

// candidatesSection compares the candidates each on its own, before any
// choice: the best shownCandidates, and every chosen site.
func candidatesSection(r *planResult, thText string) report.Section {
	what := "opening it"
	if r.remove {
		what = "closing it"
	}
	sec := report.Section{ID: "candidates", Title: "The candidates compared alone",
		Read: "Each of the " + strconv.Itoa(len(r.alone)) + " candidates by the change " + what + " alone would make to the population within " +
			thText + " min, the best first. A site that scores high alone may add little once a nearby one is chosen, so the plan's choice can differ; " +
			PlanCandidatesFile + " lists every candidate."}
	t := report.Table{Headers: []string{"Rank alone", "Id", "Name", "Chosen", "Coverage change alone"}, NumFrom: 4}
	if r.objective == plan.Median {
		t.Headers = append(t.Headers, "Person-minutes saved alone")
	}
	for i, s := range r.alone {
		if i >= shownCandidates && !s.Chosen {
			continue
		}
		chosen := ""
		if s.Chosen {
			chosen = "yes"
		}
		row := []string{strconv.Itoa(s.Rank), s.ID, s.Name, chosen, report.FormatSigned(s.CoveredChange)}
		if r.objective == plan.Median {
			row = append(row, report.FormatSigned(s.PersonMinSave))
		}
		t.Rows = append(t.Rows, row)
	}
	sec.Tables = []report.Table{t}
	return sec
}
