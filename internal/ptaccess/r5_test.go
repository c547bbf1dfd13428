package ptaccess

import (
	"context"
	"encoding/csv"
	"github.com/saavu/saavu/data/geotiff"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
)

// r5LinkRadiusM is how far R5 looks for a street to link a point to
// (StreetLayer.LINK_RADIUS_METERS).
const r5LinkRadiusM = 1600

// poaNetwork builds the Porto Alegre network with the settings of the R5
// reference (see ../shared/data/porto-alegre/r5r-reference/README.md).
func poaNetwork(tb testing.TB, opts Options, feeds ...string) (*Network, *graph.Graph) {
	tb.Helper()
	osmPath := sharedData(tb, "porto-alegre/poa_osm.pbf")
	var paths []string
	for _, f := range feeds {
		paths = append(paths, sharedData(tb, "porto-alegre/"+f))
	}
	// R5 built the reference with the sample's elevation raster: slope
	// factors on the street searches (access, walking all the way), none
	// on the egress walks and transfers, which it walks as distance /
	// speed.
	elev, err := geotiff.ReadFile(sharedData(tb, "porto-alegre/poa_elevation.tif"))
	if err != nil {
		tb.Fatal(err)
	}
	g := buildWalkWith(tb, osmPath, 1.0, elev) // 3.6 km/h
	opts.StopWalk = buildWalk(tb, osmPath, 1.0)
	tt, day := compileDay(tb, "20190513", paths...)
	net, err := NewNetwork(g, tt, day, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return net, net.Walk()
}

// snapPoints links points as R5 does (within 1,600 m, islands left out);
// Seg = -1 for those too far.
func snapPoints(net *Network, pts []csvio.Point) []graph.Snap {
	coords := make([][2]float64, len(pts))
	for i, p := range pts {
		coords[i] = [2]float64{p.Lon, p.Lat}
	}
	snaps, _ := net.SnapAll(coords, r5LinkRadiusM)
	return snaps
}

// readR5Matrix reads the reference matrix: minutes by (from, to) id.
func readR5Matrix(tb testing.TB, path string) map[[2]string]int {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	out := map[[2]string]int{}
	for _, r := range rows[1:] {
		v, err := strconv.Atoi(r[2])
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		out[[2]string{r[0], r[1]}] = v
	}
	return out
}

// agreement compares our matrix (seconds, median) with R5's minutes.
type agreement struct {
	pairs, bothReached, sameReach, within3 int
	medianAbsMin                           float64
	meanDiffMin                            float64
	onlyOurs, onlyR5                       int
}

func compareR5(m *Matrix, ids []string, ref map[[2]string]int) (agreement, []float64) {
	var a agreement
	var diffs []float64
	sum := 0.0
	for i := range ids {
		for j := range ids {
			a.pairs++
			ours := m.At(i, j, 0)
			r5, ok := ref[[2]string{ids[i], ids[j]}]
			switch {
			case ours >= 0 && ok:
				a.bothReached++
				a.sameReach++
				// R5 truncates seconds to whole minutes.
				d := float64(int(ours)/60 - r5)
				diffs = append(diffs, d)
				sum += d
				if math.Abs(d) <= 3 {
					a.within3++
				}
			case ours < 0 && !ok:
				a.sameReach++
			case ours >= 0:
				a.onlyOurs++
			default:
				a.onlyR5++
			}
		}
	}
	abs := make([]float64, len(diffs))
	for i, d := range diffs {
		abs[i] = math.Abs(d)
	}
	slices.Sort(abs)
	if len(abs) > 0 {
		a.medianAbsMin = abs[len(abs)/2]
		a.meanDiffMin = sum / float64(len(diffs))
	}
	return a, diffs
}

// TestR5Agreement reproduces R5's 100 x 100 Porto Alegre matrix and
// reports how close we are:
//
//	go test -run TestR5Agreement -v ./internal/ptaccess/
func TestR5Agreement(t *testing.T) {
	ref := readR5Matrix(t, sharedData(t, "porto-alegre/r5r-reference/r5-ttm-100x100.csv"))
	pts, err := csvio.ReadPoints(sharedData(t, "porto-alegre/r5r-reference/poa-hexgrid-2022-05.csv"))
	if err != nil {
		t.Fatal(err)
	}
	pts = pts[:100]
	start := time.Now()
	// No walk cap in r5r means the walks are bounded by the trip
	// duration; at most 3 rides; trips under 120 minutes.
	net, _ := poaNetwork(t, r5Options(), "poa_eptc.zip", "poa_trensurb.zip")
	t.Logf("network: %+v (%.1f s)", net.Stats(), time.Since(start).Seconds())
	snaps := snapPoints(net, pts)
	ids := make([]string, len(pts))
	for i, p := range pts {
		ids[i] = p.ID
	}
	start = time.Now()
	m, err := net.Matrix(context.Background(), snaps, snaps, Window{Date: "20190513", Depart: hms(14, 0, 0)}, []int{50})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("matrix: %.2f s", time.Since(start).Seconds())
	a, diffs := compareR5(m, ids, ref)
	within := float64(a.within3) / float64(a.bothReached)
	same := float64(a.sameReach) / float64(a.pairs)
	t.Logf("pairs %d, reached by both %d, only by us %d, only by R5 %d", a.pairs, a.bothReached, a.onlyOurs, a.onlyR5)
	t.Logf("within 3 min of R5: %.1f%% (goal >= 95%%)", 100*within)
	t.Logf("median absolute difference: %.1f min (goal <= 1), mean signed difference (ours - R5) %+.2f min", a.medianAbsMin, a.meanDiffMin)
	t.Logf("same reachability: %.2f%% (goal >= 99%%)", 100*same)
	hist := map[int]int{}
	for _, d := range diffs {
		hist[int(max(-10, min(10, d)))]++
	}
	t.Logf("differences in minutes (clamped to +-10): %v", hist)
	w := walkOnlyComparison(net, snaps, m, ids, ref)
	t.Logf("walk-only pairs (both directions, 5-30 min): %d; R5 / ours median %.3f, quartiles %.3f-%.3f; "+
		"correlation of the two directions' ratios %.2f; largest |R5(a->b) - R5(b->a)| %d min",
		w.pairs, w.median, w.q1, w.q3, w.corr, w.maxAsym)
	// With the slope factors R5's walks all the way are within a few
	// percent of ours (before them R5 took 8% longer in both directions;
	// see BENCHMARKS.md); the bounds say how close, so that a change of
	// our walking model that moves them is noticed.
	if w.pairs < 50 || w.median < 0.95 || w.median > 1.0 {
		t.Errorf("walk-only comparison changed: %d pairs, median ratio %.3f", w.pairs, w.median)
	}
	if within < 0.95 {
		t.Errorf("only %.1f%% of pairs within 3 minutes of R5", 100*within)
	}
	if a.medianAbsMin > 1 {
		t.Errorf("median absolute difference %.1f min", a.medianAbsMin)
	}
	if same < 0.99 {
		t.Errorf("same reachability for %.2f%% of pairs", 100*same)
	}
}

// walkOnly compares R5's times with our walking times on the pairs that
// both of us walk (our median is the walk; 5 to 30 minutes each way).
type walkOnly struct {
	pairs          int
	median, q1, q3 float64 // of R5 / ours, R5 taken at the middle of its minute
	corr           float64 // of log ratios a->b and b->a
	maxAsym        int     // largest |R5(a->b) - R5(b->a)| in minutes
}

func walkOnlyComparison(net *Network, snaps []graph.Snap, m *Matrix, ids []string, ref map[[2]string]int) walkOnly {
	n := len(snaps)
	const limitMs = 1800_000
	walk := make([][]float64, n)
	w := net.newWalker()
	for i := range n {
		walk[i] = make([]float64, n)
		if snaps[i].Seg < 0 {
			continue
		}
		w.src = route.OutSources(snaps[i], 0, w.src[:0])
		w.dij.Run(false, w.src, limitMs)
		for j := range n {
			walk[i][j] = float64(w.pointTime(snaps[i], snaps[j], limitMs)) / 1000
		}
	}
	var out walkOnly
	var ratios, xs, ys []float64
	isWalk := func(i, j int) bool {
		t := walk[i][j]
		return t >= 300 && t <= 1800 && math.Abs(float64(m.At(i, j, 0))-t) <= 1
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if !isWalk(i, j) || !isWalk(j, i) {
				continue
			}
			ra, ok1 := ref[[2]string{ids[i], ids[j]}]
			rb, ok2 := ref[[2]string{ids[j], ids[i]}]
			if !ok1 || !ok2 {
				continue
			}
			x := (float64(ra) + 0.5) * 60 / walk[i][j]
			y := (float64(rb) + 0.5) * 60 / walk[j][i]
			ratios = append(ratios, x, y)
			xs, ys = append(xs, math.Log(x)), append(ys, math.Log(y))
			out.maxAsym = max(out.maxAsym, ra-rb, rb-ra)
		}
	}
	out.pairs = len(xs)
	if out.pairs == 0 {
		return out
	}
	slices.Sort(ratios)
	q := func(f float64) float64 { return ratios[int(f*float64(len(ratios)-1))] }
	out.median, out.q1, out.q3 = q(0.5), q(0.25), q(0.75)
	var mx, my float64
	for i := range xs {
		mx += xs[i] / float64(len(xs))
		my += ys[i] / float64(len(ys))
	}
	var sxy, sxx, syy float64
	for i := range xs {
		sxy += (xs[i] - mx) * (ys[i] - my)
		sxx += (xs[i] - mx) * (xs[i] - mx)
		syy += (ys[i] - my) * (ys[i] - my)
	}
	if sxx > 0 && syy > 0 {
		out.corr = sxy / math.Sqrt(sxx*syy)
	}
	return out
}

// r5Options are the settings of the R5 reference matrix (at most 3 rides,
// trips under 120 minutes, no walk cap of its own) with R5's fixed rules:
// r5r turns the infinite max_walk_time into the trip limit, and R5 bounds
// the walk search from an origin by that time alone, which gives both the
// access walk and a walk-only trip (TravelTimeComputer); egress tables
// reach 2,000 m (TransitLayer.WALK_DISTANCE_LIMIT_METERS); the transfers
// from a stop are pruned to the closest stop of each pattern
// (TransferFinder). The CLI's --profile r5 sets the same.
func r5Options() Options {
	return Options{MaxWalk: 120 * time.Minute, MaxEgressM: 2000, MaxRides: 3, MaxTime: 120 * time.Minute, PruneTransfers: true}
}

// TestR5PublishedFigures compares with the travel times r5r publishes for
// its Porto Alegre sample (R5 7.4): from public_market, 60-minute trips,
// and the 25th/50th/75th percentiles over a 30-minute window.
func TestR5PublishedFigures(t *testing.T) {
	pts, err := csvio.ReadPoints(sharedData(t, "porto-alegre/poa_points_of_interest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	opts := r5Options()
	opts.MaxTime = 60 * time.Minute
	opts.MaxWalk = opts.MaxTime
	net, _ := poaNetwork(t, opts, "poa_eptc.zip", "poa_trensurb.zip")
	idx := map[string]int{}
	coords := make([][2]float64, len(pts))
	for i, p := range pts {
		idx[p.ID] = i
		coords[i] = [2]float64{p.Lon, p.Lat}
	}
	snaps, _ := net.SnapAll(coords, r5LinkRadiusM)
	from, ok := idx["public_market"]
	if !ok {
		t.Fatal("public_market missing from the points of interest")
	}
	median := map[string]int{
		"bus_central_station": 13, "gasometer_museum": 12, "santa_casa_hospital": 13, "townhall": 3,
		"piratini_palace": 14, "metropolitan_cathedral": 15, "farroupilha_park": 18,
		"moinhos_de_vento_hospital": 20, "farrapos_station": 20, "public_market": 0,
	}
	m, err := net.Matrix(context.Background(), snaps[from:from+1], snaps, Window{Depart: hms(14, 0, 0)}, []int{50})
	if err != nil {
		t.Fatal(err)
	}
	w30, err := net.Matrix(context.Background(), snaps[from:from+1], snaps, Window{Depart: hms(14, 0, 0), Minutes: 30}, []int{25, 50, 75})
	if err != nil {
		t.Fatal(err)
	}
	window := map[string][3]int{"gasometer_museum": {11, 12, 13}, "bus_central_station": {13, 13, 14}}
	off := 0
	names := slices.Sorted(maps.Keys(median))
	for _, name := range names {
		want := median[name]
		j, ok := idx[name]
		if !ok {
			t.Errorf("%s missing from the points of interest", name)
			continue
		}
		got := int(m.At(0, j, 0)) / 60
		t.Logf("public_market -> %-26s ours %3d min, R5 %3d min", name, got, want)
		if d := got - want; d < -3 || d > 3 {
			off++
		}
		if wp, ok := window[name]; ok {
			var g [3]int
			for k := range 3 {
				g[k] = int(w30.At(0, j, k)) / 60
			}
			t.Logf("  30-minute window p25/p50/p75: ours %v, R5 %v", g, wp)
			for k := range 3 {
				if d := g[k] - wp[k]; d < -3 || d > 3 {
					t.Errorf("%s p%d: %d min, R5 %d min", name, []int{25, 50, 75}[k], g[k], wp[k])
				}
			}
		}
	}
	if off > 1 {
		t.Errorf("%d of %d published times more than 3 minutes off", off, len(median))
	}
}
