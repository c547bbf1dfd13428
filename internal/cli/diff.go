package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	orbgeojson "github.com/paulmach/orb/geojson"

	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/data/results"
)

// Files written by saavu diff.
const (
	diffCSV          = "diff.csv"
	diffChangedCells = "changed-cells.geojson"
	diffHTML         = "diff.html"
)

// diffMinChange is the change in minutes above which a cell is listed in
// changed-cells.geojson even when it crosses no threshold.
const diffMinChange = 0.5

func diffCommand() command {
	c := command{
		name:    "diff",
		summary: "compare a scenario run with a base run: population gaining and losing access per region, category, mode and threshold",
		usage:   "BASE_DIR SCENARIO_DIR --out DIR",
		example: `saavu analyse ... --out runs/base
saavu analyse ... --scenario ristiina.json --out runs/ristiina
saavu diff runs/base runs/ristiina --out runs/ristiina-diff`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		var out string
		fs.StringVar(&out, "out", "", "output folder for diff.csv and changed-cells.geojson (required)")
		lf.register(fs)
		if err := fs.Parse(args); err != nil {
			return flagErr(fs, err)
		}
		if fs.NArg() != 2 {
			return usagef("diff: give two analyse output folders, the base run first: 'saavu diff runs/base runs/scenario --out runs/diff'")
		}
		if out == "" {
			return usagef("diff: --out is required: the folder to write %s and %s to", diffCSV, diffChangedCells)
		}
		var runs [2]*results.Results
		for i, dir := range fs.Args() {
			r, err := results.Load(dir)
			if err != nil {
				return inputErr(err, "give folders written by 'saavu analyse --out DIR'")
			}
			runs[i] = r
		}
		d, err := compareRuns(runs[0], runs[1])
		if err != nil {
			return inputErr(err, "compare runs made with the same regions, population, categories, modes and thresholds")
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := d.write(out); err != nil {
			return err
		}
		d.printTable(lf.summaries(env).Stdout)
		fmt.Fprintf(lf.summaries(env).Stdout, "Wrote %s, %s (%d changed cells) and %s to %s\n", diffCSV, diffChangedCells, d.changed, diffHTML, out)
		return nil
	}
	return c
}

// diffCell is one cell of cells.geojson with its times per category and
// mode (NaN: unreachable).
type diffCell struct {
	id, regionID, region string
	pop                  float64
	geom                 json.RawMessage
	min                  []float64 // pair k = category k/len(modes), mode k%len(modes)
}

// runDiff is the comparison of a scenario run with a base run.
type runDiff struct {
	base, scen *results.Results
	cats       []string
	modes      []string
	ths        []results.Minutes
	before     []diffCell
	after      []diffCell // in the order of before
	table      []diffRow  // the rows of diff.csv
	changed    int        // cells written to changed-cells.geojson
}

// pairs returns the number of category x mode pairs.
func (d *runDiff) pairs() int { return len(d.cats) * len(d.modes) }

// pairKey names pair k: "health_walk".
func (d *runDiff) pairKey(k int) string {
	return d.cats[k/len(d.modes)] + "_" + d.modes[k%len(d.modes)]
}

// compareRuns checks that the two runs can be compared and matches their
// cells.
func compareRuns(base, scen *results.Results) (*runDiff, error) {
	same := func(what string, a, b []string) error {
		var onlyA, onlyB []string
		for _, x := range a {
			if !slices.Contains(b, x) {
				onlyA = append(onlyA, x)
			}
		}
		for _, x := range b {
			if !slices.Contains(a, x) {
				onlyB = append(onlyB, x)
			}
		}
		if len(onlyA) == 0 && len(onlyB) == 0 {
			return nil
		}
		return fmt.Errorf("diff: the runs have different %s: only in %s: [%s]; only in %s: [%s]",
			what, base.Dir, strings.Join(onlyA, ", "), scen.Dir, strings.Join(onlyB, ", "))
	}
	regionIDs := func(r *results.Results) []string {
		var ids []string
		for _, reg := range r.Regions {
			ids = append(ids, reg.ID)
		}
		return ids
	}
	if err := same("regions", regionIDs(base), regionIDs(scen)); err != nil {
		return nil, err
	}
	if err := same("categories", base.Categories, scen.Categories); err != nil {
		return nil, err
	}
	if err := same("modes", base.Modes, scen.Modes); err != nil {
		return nil, err
	}
	if !slices.Equal(base.Thresholds, scen.Thresholds) {
		return nil, fmt.Errorf("diff: the runs have different thresholds: %v min in %s, %v min in %s", base.Thresholds, base.Dir, scen.Thresholds, scen.Dir)
	}
	d := &runDiff{base: base, scen: scen, cats: base.Categories, modes: base.Modes, ths: base.Thresholds}
	var err error
	if d.before, err = d.readCells(base); err != nil {
		return nil, err
	}
	after, err := d.readCells(scen)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]int, len(after))
	for i, c := range after {
		byID[c.id] = i
	}
	d.after = make([]diffCell, len(d.before))
	for i, c := range d.before {
		j, ok := byID[c.id]
		if !ok {
			return nil, fmt.Errorf("diff: cell %s of %s is not in %s: the runs cover different cells", c.id, base.Dir, scen.Dir)
		}
		a := after[j]
		if a.regionID != c.regionID || math.Abs(a.pop-c.pop) > 1e-6*max(1, c.pop) {
			return nil, fmt.Errorf("diff: cell %s is in region %s with population %g in %s but in region %s with population %g in %s",
				c.id, c.regionID, c.pop, base.Dir, a.regionID, a.pop, scen.Dir)
		}
		d.after[i] = a
		delete(byID, c.id)
	}
	if len(byID) > 0 {
		var extra []string
		for id := range byID {
			extra = append(extra, id)
		}
		slices.Sort(extra)
		return nil, fmt.Errorf("diff: %d cells of %s are not in %s (first: %s): the runs cover different cells", len(extra), scen.Dir, base.Dir, extra[0])
	}
	d.table = d.rows()
	return d, nil
}

// readCells decodes the cells of a run with their times per pair.
func (d *runDiff) readCells(r *results.Results) ([]diffCell, error) {
	var fc struct {
		Features []struct {
			Geometry   json.RawMessage            `json:"geometry"`
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(r.Cells.Raw, &fc); err != nil {
		return nil, fmt.Errorf("diff: %s/%s: %w", r.Dir, results.CellsFile, err)
	}
	out := make([]diffCell, len(fc.Features))
	seen := make(map[string]int, len(fc.Features))
	for i, f := range fc.Features {
		bad := func(format string, args ...any) error {
			return fmt.Errorf("diff: %s/%s feature %d: %s", r.Dir, results.CellsFile, i, fmt.Sprintf(format, args...))
		}
		c := diffCell{geom: f.Geometry, min: make([]float64, d.pairs())}
		c.id = jsonText(f.Properties["id"])
		c.regionID = jsonText(f.Properties["region_id"])
		c.region = jsonText(f.Properties["region"])
		if j, dup := seen[c.id]; dup {
			return nil, bad("cell id %s already used by feature %d", c.id, j)
		}
		seen[c.id] = i
		if err := json.Unmarshal(f.Properties["population"], &c.pop); err != nil {
			return nil, bad("population: %v", err)
		}
		for k := range c.min {
			key := d.pairKey(k) + "_min"
			raw, ok := f.Properties[key]
			if !ok {
				return nil, bad("property %s missing", key)
			}
			c.min[k] = math.NaN()
			if string(raw) != "null" {
				if err := json.Unmarshal(raw, &c.min[k]); err != nil {
					return nil, bad("%s: %s is not a number of minutes", key, raw)
				}
			}
		}
		out[i] = c
	}
	return out, nil
}

// jsonText is a JSON string's value or a number's text.
func jsonText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// within tells whether a time is within a threshold (unreachable never).
func within(m float64, th results.Minutes) bool { return !math.IsNaN(m) && m <= float64(th) }

// diffRow is one row of diff.csv.
type diffRow struct {
	regionID, region, cat, mode string
	th                          results.Minutes
	pop, before, after          float64
	gained, lost                float64
	medBefore, medAfter         results.Opt[results.Minutes]
}

// rows computes diff.csv: per region, category, mode and threshold.
func (d *runDiff) rows() []diffRow {
	var out []diffRow
	group := ""
	if len(d.base.Groups) > 0 {
		group = d.base.Groups[0] // analyse writes the whole population first
	}
	members := map[string][]int{}
	for i, c := range d.before {
		members[c.regionID] = append(members[c.regionID], i)
	}
	for _, reg := range d.base.Regions {
		for k := range d.pairs() {
			cat, mode := d.cats[k/len(d.modes)], d.modes[k%len(d.modes)]
			sb, _ := d.base.Stat(reg.ID, group, cat, mode)
			sa, _ := d.scen.Stat(reg.ID, group, cat, mode)
			for _, th := range d.ths {
				r := diffRow{regionID: reg.ID, region: reg.Name, cat: cat, mode: mode, th: th, medBefore: sb.MedianMin, medAfter: sa.MedianMin}
				for _, i := range members[reg.ID] {
					cb := &d.before[i]
					b, a := within(cb.min[k], th), within(d.after[i].min[k], th)
					r.pop += cb.pop
					switch {
					case b && a:
						r.before += cb.pop
						r.after += cb.pop
					case b:
						r.before += cb.pop
						r.lost += cb.pop
					case a:
						r.after += cb.pop
						r.gained += cb.pop
					}
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// changedPairs lists the pairs whose time changed by more than
// diffMinChange minutes, became reachable or unreachable, or crossed a
// threshold.
func (d *runDiff) changedPairs(i int) []int {
	var ks []int
	for k := range d.pairs() {
		b, a := d.before[i].min[k], d.after[i].min[k]
		changed := math.IsNaN(a) != math.IsNaN(b) || math.Abs(a-b) > diffMinChange
		for _, th := range d.ths {
			if within(b, th) != within(a, th) {
				changed = true
			}
		}
		if changed {
			ks = append(ks, k)
		}
	}
	return ks
}

// write writes diff.csv and changed-cells.geojson into out, both or
// neither.
func (d *runDiff) write(out string) error {
	dir, err := outdir.Open(out)
	if err != nil {
		return err
	}
	defer dir.Abort()
	f, err := dir.Create(diffCSV)
	if err != nil {
		return err
	}
	if err := d.writeCSV(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	g, err := dir.Create(diffChangedCells)
	if err != nil {
		return err
	}
	if err := d.writeCells(g); err != nil {
		g.Close()
		return err
	}
	if err := g.Close(); err != nil {
		return err
	}
	h, err := dir.Create(diffHTML)
	if err != nil {
		return err
	}
	if err := d.writeHTML(h); err != nil {
		h.Close()
		return err
	}
	if err := h.Close(); err != nil {
		return err
	}
	return dir.Commit()
}

// diffHeader is the header of diff.csv.
var diffHeader = []string{"region_id", "region", "category", "mode", "threshold_min", "population",
	"within_before", "within_after", "gained", "lost", "change",
	"median_before_min", "median_after_min", "median_change_min"}

func (d *runDiff) writeCSV(w io.Writer) error {
	cw := csvio.NewWriter(w, diffHeader)
	opt := func(o results.Opt[results.Minutes]) any {
		if !o.Valid {
			return nil
		}
		return csvio.Fixed(float64(o.Value), 2)
	}
	for _, r := range d.table {
		var medChange any
		if r.medBefore.Valid && r.medAfter.Valid {
			medChange = csvio.Fixed(float64(r.medAfter.Value-r.medBefore.Value), 2)
		}
		if err := cw.WriteRow(r.regionID, r.region, r.cat, r.mode, float64(r.th), csvio.Fixed(r.pop, 1),
			csvio.Fixed(r.before, 1), csvio.Fixed(r.after, 1), csvio.Fixed(r.gained, 1), csvio.Fixed(r.lost, 1),
			csvio.Fixed(r.after-r.before, 1), opt(r.medBefore), opt(r.medAfter), medChange); err != nil {
			return err
		}
	}
	return cw.Flush()
}

func (d *runDiff) writeCells(w io.Writer) error {
	gw := geojson.NewWriter(w)
	d.changed = 0
	minutes := func(m float64) any {
		if math.IsNaN(m) {
			return nil
		}
		return m
	}
	for i, c := range d.before {
		ks := d.changedPairs(i)
		if len(ks) == 0 {
			continue
		}
		d.changed++
		g, err := orbgeojson.UnmarshalGeometry(c.geom)
		if err != nil {
			return fmt.Errorf("diff: %s/%s: cell %s: geometry: %w", d.base.Dir, results.CellsFile, c.id, err)
		}
		names := make([]any, len(ks))
		for j, k := range ks {
			names[j] = d.pairKey(k)
		}
		props := []geojson.Prop{{Key: "id", Value: c.id}, {Key: "region_id", Value: c.regionID}, {Key: "region", Value: c.region},
			{Key: "population", Value: c.pop}, {Key: "changed", Value: names}}
		for k := range d.pairs() {
			b, a := c.min[k], d.after[i].min[k]
			var change any
			if !math.IsNaN(a) && !math.IsNaN(b) {
				change = math.Round((a-b)*100) / 100
			}
			key := d.pairKey(k)
			props = append(props, geojson.Prop{Key: key + "_before_min", Value: minutes(b)},
				geojson.Prop{Key: key + "_after_min", Value: minutes(a)},
				geojson.Prop{Key: key + "_change_min", Value: change})
		}
		if err := gw.Write(geojson.OutFeature{ID: c.id, Geometry: g.Geometry(), Props: props}); err != nil {
			return err
		}
	}
	return gw.Close()
}

// printTable writes the totals over all regions, one line per category,
// mode and threshold.
func (d *runDiff) printTable(w io.Writer) {
	type key struct {
		k  int
		th results.Minutes
	}
	tot := map[key]*diffRow{}
	var order []key
	for _, r := range d.table {
		k := key{slices.Index(d.cats, r.cat)*len(d.modes) + slices.Index(d.modes, r.mode), r.th}
		t := tot[k]
		if t == nil {
			t = &diffRow{cat: r.cat, mode: r.mode, th: r.th}
			tot[k] = t
			order = append(order, k)
		}
		t.pop += r.pop
		t.before += r.before
		t.after += r.after
		t.gained += r.gained
		t.lost += r.lost
	}
	fmt.Fprintf(w, "%s -> %s, all regions:\n", d.base.Dir, d.scen.Dir)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "category\tmode\twithin\tbefore\tafter\tgained\tlost\t")
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 0, 64) }
	signed := func(sign string, v float64) string {
		if s := num(v); s != "0" {
			return sign + s
		}
		return "0"
	}
	for _, k := range order {
		t := tot[k]
		fmt.Fprintf(tw, "%s\t%s\t%s min\t%s\t%s\t%s\t%s\t\n", t.cat, t.mode, strconv.FormatFloat(float64(t.th), 'f', -1, 64),
			num(t.before), num(t.after), signed("+", t.gained), signed("-", t.lost))
	}
	tw.Flush()
}
