package cli

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/data/geojson"
	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/internal/plan"
)

// Output files of saavu plan.
const (
	PlanSitesFile   = "plan.geojson"
	PlanRegionsFile = "plan.csv"
	PlanHTMLFile    = "plan.html"
	// PlanCandidatesFile ranks every candidate by its effect alone.
	PlanCandidatesFile = "candidates.csv"
)

// writePlan writes plan.geojson and plan.csv into dir, both or neither.
func writePlan(dir string, r *planResult) error {
	d, err := outdir.Open(dir)
	if err != nil {
		return err
	}
	defer d.Abort()
	if err := writePlanSites(d, r); err != nil {
		return err
	}
	if err := writePlanRegions(d, r); err != nil {
		return err
	}
	if err := writePlanCandidates(d, r); err != nil {
		return err
	}
	if err := writePlanHTML(d, r); err != nil {
		return err
	}
	return d.Commit()
}

func (r *planResult) action() string {
	if r.remove {
		return "close"
	}
	return "open"
}

func writePlanSites(d *outdir.Dir, r *planResult) error {
	f, err := d.Create(PlanSitesFile)
	if err != nil {
		return err
	}
	w := geojson.NewWriter(f)
	w.SetPropertyPrecision(3)
	for _, s := range r.chosen {
		props := []geojson.Prop{
			{Key: "rank", Value: s.Rank},
			{Key: "id", Value: s.ID},
			{Key: "name", Value: s.Name},
			{Key: "category", Value: r.pf.category},
			{Key: "action", Value: r.action()},
			{Key: "mode", Value: r.mode.String()},
			{Key: "threshold_min", Value: r.pf.thresholdM},
			{Key: "coverage_gain", Value: s.CoveredChange},
		}
		if r.objective == plan.Median {
			props = append(props, geojson.Prop{Key: "person_minutes_saved", Value: s.PersonMinSave})
		}
		if err := w.Write(geojson.OutFeature{ID: s.ID, Geometry: orb.Point{s.Lon, s.Lat}, Props: props}); err != nil {
			f.Close()
			return fmt.Errorf("plan: %s: %w", PlanSitesFile, err)
		}
	}
	if err := w.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writePlanRegions(d *outdir.Dir, r *planResult) error {
	f, err := d.Create(PlanRegionsFile)
	if err != nil {
		return err
	}
	cw := csvio.NewWriter(f, []string{"region_id", "region_name", "population",
		"covered_before", "covered_after", "share_before", "share_after",
		"mean_min_before", "mean_min_after", "unreached_before", "unreached_after"})
	for i := range r.before {
		id, name := r.regionLabel(i)
		b, a := r.before[i], r.after[i]
		if err := cw.WriteRow(id, name, csvio.Fixed(b.Population, 1),
			csvio.Fixed(b.Within[0], 1), csvio.Fixed(a.Within[0], 1),
			csvio.Fixed(b.Share(0), 4), csvio.Fixed(a.Share(0), 4),
			csvio.Fixed(b.Mean, 2), csvio.Fixed(a.Mean, 2),
			csvio.Fixed(b.Unreachable, 1), csvio.Fixed(a.Unreachable, 1)); err != nil {
			f.Close()
			return err
		}
	}
	if err := cw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writePlanCandidates writes candidates.csv: every candidate (for
// --remove every existing site) ranked by the effect of that site alone.
func writePlanCandidates(d *outdir.Dir, r *planResult) error {
	f, err := d.Create(PlanCandidatesFile)
	if err != nil {
		return err
	}
	cols := []string{"rank", "id", "name", "lon", "lat", "chosen", "coverage_change_alone"}
	if r.objective == plan.Median {
		cols = append(cols, "person_minutes_saved_alone")
	}
	cw := csvio.NewWriter(f, cols)
	for _, s := range r.alone {
		row := []any{s.Rank, s.ID, s.Name, csvio.Fixed(s.Lon, 6), csvio.Fixed(s.Lat, 6), s.Chosen, csvio.Fixed(s.CoveredChange, 1)}
		if r.objective == plan.Median {
			row = append(row, csvio.Fixed(s.PersonMinSave, 1))
		}
		if err := cw.WriteRow(row...); err != nil {
			f.Close()
			return err
		}
	}
	if err := cw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// regionRows is how many rows of before and after a table shows: the
// regions and the total, or with one region only that region (the total
// is the same).
func (r *planResult) regionRows() int {
	if len(r.regions) == 1 {
		return 1
	}
	return len(r.before)
}

// regionLabel returns the id and name of row i of the region table: the
// regions, then the total.
func (r *planResult) regionLabel(i int) (string, string) {
	if i < len(r.regions) {
		return r.regions[i].ID, r.regions[i].Name
	}
	return "total", "Total"
}

func printPlan(env *Env, r *planResult, dir string) {
	w := env.Stdout
	verb := "open"
	if r.remove {
		verb = "close"
	}
	th := r.pf.thresholdM
	fmt.Fprintf(w, "Plan: %s %d %s sites by %s (objective %s", verb, len(r.chosen), r.pf.category, r.mode, r.objective)
	if r.objective == plan.Median {
		fmt.Fprintf(w, ", times capped at %g min", r.pf.capM)
	}
	fmt.Fprintf(w, "), chosen among %d\n", r.candidates)
	tb, ta := r.before[len(r.before)-1], r.after[len(r.after)-1]
	fmt.Fprintf(w, "Population within %g min: %.0f -> %.0f of %.0f (%s -> %s)\n", th, tb.Within[0], ta.Within[0], tb.Population,
		pct(tb.Share(0)), pct(ta.Share(0)))
	fmt.Fprintf(w, "Mean time to the nearest: %s -> %s min\n", fmtMin(tb.Mean), fmtMin(ta.Mean))
	if r.objective == plan.Median {
		fmt.Fprintf(w, "Objective (person-minutes, capped): %.0f -> %.0f\n", r.sol.Before.PersonMin, r.sol.After.PersonMin)
	} else {
		fmt.Fprintf(w, "Objective (population within %g min): %.0f -> %.0f\n", th, r.sol.Before.Covered, r.sol.After.Covered)
	}
	if r.remove {
		fmt.Fprintf(w, "\nSites to close, least missed first:\n")
	} else {
		fmt.Fprintf(w, "\nSites to open, most effective first:\n")
	}
	fmt.Fprintf(w, "%4s  %-24s %-28s %14s", "rank", "id", "name", "coverage gain")
	if r.objective == plan.Median {
		fmt.Fprintf(w, " %16s", "person-min saved")
	}
	fmt.Fprintln(w)
	for _, s := range r.chosen {
		fmt.Fprintf(w, "%4d  %-24s %-28s %14.0f", s.Rank, truncate(s.ID, 24), truncate(s.Name, 28), s.CoveredChange)
		if r.objective == plan.Median {
			fmt.Fprintf(w, " %16.0f", s.PersonMinSave)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\nPer region, population within %g min and mean minutes, before -> after:\n", th)
	fmt.Fprintf(w, "%-24s %12s %25s %17s\n", "region", "population", "within", "mean min")
	for i := range r.regionRows() {
		_, name := r.regionLabel(i)
		b, a := r.before[i], r.after[i]
		fmt.Fprintf(w, "%-24s %12.0f %25s %17s\n", truncate(name, 24), b.Population,
			fmt.Sprintf("%.0f -> %.0f", b.Within[0], a.Within[0]), fmt.Sprintf("%s -> %s", fmtMin(b.Mean), fmtMin(a.Mean)))
	}
	fmt.Fprintf(w, "\nResults in %s: %s\n", filepath.Clean(dir), strings.Join([]string{PlanSitesFile, PlanRegionsFile, PlanHTMLFile}, ", "))
}

func pct(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}
