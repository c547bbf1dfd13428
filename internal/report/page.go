package report

import (
	"encoding/json"
	"html/template"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/saavu/saavu/data/results"
)

// page is everything the template shows.
type page struct {
	Title    string
	Kicker   string
	Subtitle string
	Notes    []string
	Warnings []string
	// WarningsHead are shown in the box, WarningsRest folded under it.
	WarningsHead, WarningsRest []string
	// Timetabled: the run has a timetabled mode, whose trips beyond
	// TripLimit count as unreachable.
	Timetabled bool
	TripLimit  string
	Figures    []figure
	Glance     glance

	Categories []choice
	Modes      []choice
	Groups     []choice
	Legend     []swatch
	Services   []swatch
	CellCount  string
	Large      bool
	LargeAt    string
	Basemap    bool
	GapMin     string

	Comparison []categorySection
	Measures   []measureSection
	Members    []memberSection
	Gaps       []gapRow
	// DefaultCategory and DefaultMode are the map's first view: the pair
	// whose population is most spread over the time classes.
	DefaultCategory, DefaultMode string
	Layers                       []jsLayer

	Tool       string
	Version    string
	Command    string
	CmdLine    string // the recorded command line, shell-quoted; "" when absent
	Inputs     []inputRow
	Params     []paramRow
	Counts     []paramRow
	Outputs    string
	Thresholds string

	LeafletVersion string
	LeafletLicense string

	LeafletCSS template.CSS
	ReportCSS  template.CSS
	LeafletJS  template.JS
	ReportJS   template.JS

	// data are the JSON blocks streamed between the head and the tail.
	data []dataBlock
}

// dataBlock is one <script type="application/json"> element: JSON that is
// escaped for the element while it is written.
type dataBlock struct {
	ID   string
	JSON []byte
}

type figure struct{ Label, Value string }

type choice struct{ Value, Label string }

type swatch struct{ Color, Label string }

// glance is the headline table: for each category and mode, the share of
// the whole population within each threshold and unreachable.
type glance struct {
	Headers []string
	Rows    []glanceRow
}

type glanceRow struct {
	Category, Mode string
	Anchor         string
	Cells          []string
}

type categorySection struct {
	ID    string
	Label string
	Modes []modeSection
}

type modeSection struct {
	ID         string
	Title      string
	ShareSVG   template.HTML
	MinutesSVG template.HTML
	Headers    []string
	Rows       []tableRow
	Total      *tableRow
}

type tableRow struct {
	Class  string // "region-row" or "group-row"
	Name   string
	Values []string
}

type gapRow struct {
	Region, Category, Mode   string
	Population, Unreachable  string
	Cells, Area              string
	populationValue, areaVal float64
}

type inputRow struct {
	Role, Path, Bytes, SHA256 string
}

// buildPage assembles the view of r.
func buildPage(r *results.Results, opts Options, b *bundle) (*page, error) {
	p := &page{
		Title:          opts.title(),
		Notes:          r.Run.Notes,
		Warnings:       r.Run.Warnings,
		Tool:           orDash(r.Run.Tool),
		Version:        orDash(r.Run.Version),
		Command:        orDash(r.Run.Command),
		Params:         paramRows(r.Run.Parameters),
		Counts:         paramRows(r.Run.Counts),
		Outputs:        strings.Join(r.Run.Outputs, ", "),
		LeafletVersion: b.leafletVersion,
		LeafletLicense: b.leafletLicense,
		LeafletCSS:     b.leafletCSS,
		ReportCSS:      b.reportCSS,
		LeafletJS:      b.leafletJS,
		ReportJS:       b.reportJS,
		CellCount:      formatCount(float64(r.Cells.Count)),
		Large:          r.Cells.Count > opts.largeCells(),
		LargeAt:        formatCount(float64(opts.largeCells())),
		Basemap:        opts.BasemapURL != "",
	}
	p.Kicker = strings.TrimSpace(p.Tool + " " + r.Run.Version + " · " + p.Command + " run")
	var ths []string
	for _, t := range r.Thresholds {
		ths = append(ths, formatNumber(float64(t)))
	}
	p.Thresholds = strings.Join(ths, ", ")
	if r.GapMin.Valid {
		p.GapMin = formatNumber(float64(r.GapMin.Value))
	}
	p.Subtitle = subtitle(r)

	for _, c := range r.Categories {
		p.Categories = append(p.Categories, choice{c, categoryLabel(c)})
	}
	for _, m := range r.Modes {
		p.Modes = append(p.Modes, choice{m, modeLabel(m)})
	}
	for _, g := range r.Groups {
		label := humanize(g)
		if g == "population" {
			label = "Whole population"
		}
		p.Groups = append(p.Groups, choice{g, label})
	}
	colors := classColors(len(r.Thresholds))
	labels := classLabels(r.Thresholds)
	for i, l := range labels {
		c := UnreachableColor
		if i < len(colors) {
			c = colors[i]
		}
		p.Legend = append(p.Legend, swatch{c, l})
	}
	var svcCats []string
	for _, s := range r.Services {
		svcCats = append(svcCats, s.Category)
	}
	order, catColors := categoryColors(r.Categories, svcCats)
	used := map[string]bool{}
	for _, c := range svcCats {
		used[c] = true
	}
	for _, c := range order {
		if used[c] {
			p.Services = append(p.Services, swatch{catColors[c], categoryLabel(c)})
		}
	}

	p.Figures = figures(r)
	p.Glance = buildGlance(r)
	p.Comparison = buildComparison(r, colors)
	p.Gaps = buildGaps(r)
	p.Measures, p.Layers = buildMeasures(r, catColors)
	p.Members = buildMembers(r, colors)
	p.DefaultCategory, p.DefaultMode = defaultView(r)
	p.CmdLine = shellLine(r.Run.Args)
	p.WarningsHead, p.WarningsRest = splitWarnings(r.Run.Warnings)
	p.Timetabled, p.TripLimit = tripLimit(r)
	for _, in := range r.Run.Inputs {
		p.Inputs = append(p.Inputs, inputRow{Role: in.Role, Path: in.Path, Bytes: formatCount(float64(in.Bytes)), SHA256: in.SHA256})
	}

	cfg, err := buildConfig(r, opts, colors, catColors, p)
	if err != nil {
		return nil, err
	}
	p.data = []dataBlock{
		{"saavu-config", cfg},
		{"saavu-regions", r.RegionShapes.Raw},
		{"saavu-gaps", r.GapShapes.Raw},
		{"saavu-services", r.ServicePoints.Raw},
		{"saavu-cells", r.Cells.Raw}, // the largest, last
	}
	return p, nil
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func subtitle(r *results.Results) string {
	var names []string
	for _, reg := range r.Regions {
		if reg.Name != "" {
			names = append(names, reg.Name)
		} else {
			names = append(names, reg.ID)
		}
	}
	const maxNames = 6
	regions := strings.Join(names, ", ")
	if len(names) > maxNames {
		regions = strings.Join(names[:maxNames], ", ") + " and " + strconv.Itoa(len(names)-maxNames) + " more regions"
	}
	var cats, modes []string
	for _, c := range r.Categories {
		cats = append(cats, categoryLabel(c))
	}
	for _, m := range r.Modes {
		modes = append(modes, strings.ToLower(modeLabel(m)))
	}
	return regions + " — " + strings.Join(cats, ", ") + " by " + strings.Join(modes, ", ")
}

// totalPopulation sums the regions' population of the first group.
func totalPopulation(r *results.Results) float64 {
	if len(r.Groups) == 0 || len(r.Categories) == 0 || len(r.Modes) == 0 {
		var sum float64
		for _, reg := range r.Regions {
			sum += reg.Population
		}
		return sum
	}
	var sum float64
	for _, reg := range r.Regions {
		if st, ok := r.Stat(reg.ID, r.Groups[0], r.Categories[0], r.Modes[0]); ok {
			sum += st.Population
		}
	}
	return sum
}

func figures(r *results.Results) []figure {
	return []figure{
		{"Regions", formatCount(float64(len(r.Regions)))},
		{"Population in regions", formatCount(totalPopulation(r))},
		{"Populated cells", formatCount(float64(r.Cells.Count))},
		{"Services", formatCount(float64(len(r.Services)))},
	}
}

// regionTotals adds a group's statistics over all regions.
func regionTotals(r *results.Results, group, cat, mode string) (pop, unreach float64, within []float64) {
	within = make([]float64, len(r.Thresholds))
	for _, reg := range r.Regions {
		st, ok := r.Stat(reg.ID, group, cat, mode)
		if !ok {
			continue
		}
		pop += st.Population
		unreach += st.Unreachable
		for i, w := range st.Within {
			within[i] += w
		}
	}
	return pop, unreach, within
}

func buildGlance(r *results.Results) glance {
	var g glance
	for _, t := range r.Thresholds {
		g.Headers = append(g.Headers, "≤ "+formatNumber(float64(t))+" min")
	}
	g.Headers = append(g.Headers, "Unreachable")
	if len(r.Groups) == 0 {
		return g
	}
	for _, c := range r.Categories {
		for _, m := range r.Modes {
			pop, unreach, within := regionTotals(r, r.Groups[0], c, m)
			row := glanceRow{Category: categoryLabel(c), Mode: modeLabel(m), Anchor: slug("cmp", c, m)}
			for _, w := range within {
				row.Cells = append(row.Cells, share(w, pop))
			}
			row.Cells = append(row.Cells, share(unreach, pop))
			g.Rows = append(g.Rows, row)
		}
	}
	return g
}

func share(part, whole float64) string {
	if whole <= 0 {
		return "–"
	}
	return formatPercent(part / whole)
}

func buildComparison(r *results.Results, colors []string) []categorySection {
	var out []categorySection
	if len(r.Groups) == 0 {
		return out
	}
	total := r.Groups[0]
	var headers []string
	headers = append(headers, "Region", "Population")
	for _, t := range r.Thresholds {
		headers = append(headers, "≤ "+formatNumber(float64(t))+" min")
	}
	headers = append(headers, "Unreachable", "Mean min", "Median min", "P90 min")
	for _, c := range r.Categories {
		sec := categorySection{ID: slug("cmp", c), Label: categoryLabel(c)}
		for _, m := range r.Modes {
			ms := modeSection{ID: slug("cmp", c, m), Title: categoryLabel(c) + " " + byMode(m), Headers: headers}
			var regions []chartRegion
			for _, reg := range r.Regions {
				name := reg.Name
				if name == "" {
					name = reg.ID
				}
				st, ok := r.Stat(reg.ID, total, c, m)
				if !ok {
					st = results.Stat{Within: make([]float64, len(r.Thresholds)), Share: make([]results.Opt[float64], len(r.Thresholds))}
				}
				regions = append(regions, chartRegion{Name: name, Population: st.Population, Within: st.Within,
					Unreachable: st.Unreachable, Median: st.MedianMin, P90: st.P90Min})
				ms.Rows = append(ms.Rows, statRow("region-row", name, st))
				for _, g := range r.Groups[1:] {
					if gs, ok := r.Stat(reg.ID, g, c, m); ok {
						ms.Rows = append(ms.Rows, statRow("group-row", humanize(g), gs))
					}
				}
			}
			// One region is its own total: no "All regions" row.
			if len(r.Regions) > 1 {
				pop, unreach, within := regionTotals(r, total, c, m)
				ms.Total = &tableRow{Class: "total-row", Name: "All regions", Values: []string{formatCount(pop)}}
				for _, w := range within {
					ms.Total.Values = append(ms.Total.Values, share(w, pop))
				}
				ms.Total.Values = append(ms.Total.Values, share(unreach, pop), "", "", "")
			}
			ms.ShareSVG = shareChart(ms.Title+": population by travel time", r.Thresholds, colors, regions)
			ms.MinutesSVG = minutesChart(ms.Title+": median and 90th percentile minutes", r.Thresholds, regions)
			sec.Modes = append(sec.Modes, ms)
		}
		out = append(out, sec)
	}
	return out
}

func statRow(class, name string, st results.Stat) tableRow {
	row := tableRow{Class: class, Name: name, Values: []string{formatCount(st.Population)}}
	for _, w := range st.Within {
		row.Values = append(row.Values, share(w, st.Population))
	}
	row.Values = append(row.Values, share(st.Unreachable, st.Population),
		formatMinutes(st.MeanMin), formatMinutes(st.MedianMin), formatMinutes(st.P90Min))
	return row
}

// buildGaps lists gap areas, most populous first (ties in file order).
func buildGaps(r *results.Results) []gapRow {
	rows := make([]gapRow, 0, len(r.Gaps))
	for _, g := range r.Gaps {
		name := g.Region
		if name == "" {
			name = g.RegionID
		}
		rows = append(rows, gapRow{Region: name, Category: categoryLabel(g.Category), Mode: modeLabel(g.Mode),
			Population: formatCount(g.Population), Unreachable: formatCount(g.Unreachable),
			Cells: formatCount(float64(g.Cells)), Area: strconv.FormatFloat(g.AreaKm2, 'f', 1, 64),
			populationValue: g.Population})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].populationValue > rows[j].populationValue })
	return rows
}

// basemapAttribution returns the attribution to show for a tile URL.
func basemapAttribution(opts Options) string {
	if opts.BasemapAttribution != "" {
		return opts.BasemapAttribution
	}
	host := opts.BasemapURL
	if u, err := url.Parse(strings.NewReplacer("{", "", "}", "").Replace(opts.BasemapURL)); err == nil && u.Host != "" {
		host = u.Host
	}
	if strings.Contains(host, "openstreetmap.org") {
		return "© OpenStreetMap contributors"
	}
	return "Basemap: " + host
}

// shellLine joins command line words, quoting those a POSIX shell would
// split or expand.
func shellLine(args []string) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		safe := a != ""
		for _, c := range a {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./=:,+@%", c)) {
				safe = false
				break
			}
		}
		if safe {
			parts = append(parts, a)
		} else {
			parts = append(parts, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
		}
	}
	return strings.Join(parts, " ")
}

// shownWarnings is how many warnings the "Check these first" box shows
// before folding the rest.
const shownWarnings = 10

func splitWarnings(ws []string) (head, rest []string) {
	if len(ws) <= shownWarnings {
		return ws, nil
	}
	return ws[:shownWarnings], ws[shownWarnings:]
}

// tripLimit reports whether the run has a timetabled mode and its trip
// limit as text ("120 min"), from run.json.
func tripLimit(r *results.Results) (bool, string) {
	timetabled := false
	for _, m := range r.Modes {
		if m == "transit" || m == "nocar" {
			timetabled = true
		}
	}
	if !timetabled {
		return false, ""
	}
	var t struct {
		MaxTimeMin float64 `json:"max_time_min"`
	}
	if raw, ok := r.Run.Parameters["transit"]; ok && json.Unmarshal(raw, &t) == nil && t.MaxTimeMin > 0 {
		return true, formatNumber(t.MaxTimeMin) + " min"
	}
	return true, "--max-time"
}

// defaultView picks the category and mode whose population is most spread
// over the travel time classes (highest entropy of the class shares over
// all regions): the map that shows the most differences. Ties keep the
// first in the run's order.
func defaultView(r *results.Results) (string, string) {
	if len(r.Categories) == 0 || len(r.Modes) == 0 {
		return "", ""
	}
	bestC, bestM, best := r.Categories[0], r.Modes[0], -1.0
	if len(r.Groups) == 0 {
		return bestC, bestM
	}
	for _, c := range r.Categories {
		for _, m := range r.Modes {
			pop, unreach, within := regionTotals(r, r.Groups[0], c, m)
			if pop <= 0 {
				continue
			}
			classes := classShares(chartRegion{Population: pop, Within: within, Unreachable: unreach})
			h := 0.0
			for _, n := range classes {
				if f := n / pop; f > 0 {
					h -= f * math.Log(f)
				}
			}
			if h > best+1e-9 {
				bestC, bestM, best = c, m, h
			}
		}
	}
	return bestC, bestM
}
