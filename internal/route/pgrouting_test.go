package route

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/osm"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/testutil"
)

// pgRoutingEnv names the variable holding a libpq connection string
// ("host=/var/run/postgresql dbname=saavu_check") of a database where the
// PostGIS, pgRouting and hstore extensions can be created.
const pgRoutingEnv = "SAAVU_PGROUTING"

// TestPgRoutingAgreement compares our shortest walks, rides and drives with
// pgRouting's on the real OSM extracts. The other side is built without
// any of our code: GDAL's OSM driver reads the ways (ogr2ogr into
// PostGIS), the network is made in SQL from the ways' points (two ways
// meet where they share a point; only where distinct nodes lie on one
// point is the SQL side told which node is which), each piece's length
// is PostGIS's geodesic length on the WGS84 ellipsoid, one-way rules are
// read from the tags in SQL for bikes and cars, and pgr_dijkstraCost
// searches it. What is shared is the set of ways (those both readers
// keep, and our graph of the mode uses) and, for cars, each way's speed,
// which is a setting rather than something to check. It needs ogr2ogr and
// psql and runs only where SAAVU_PGROUTING is set;
// scripts/pgrouting-setup.sh prepares a local server and .ci/run calls it:
//
//	make pgrouting-check
func TestPgRoutingAgreement(t *testing.T) {
	dsn := pgDSN(t)
	cities := []struct{ name, pbf string }{
		{"tampere", "tampere/tampere.osm.pbf"},
		{"terre-haute", "terre-haute/terre_haute.osm.pbf"},
		{"monaco", "monaco/monaco.osm.pbf"},
		{"porto-alegre", "porto-alegre/poa_osm.pbf"},
	}
	for ci, c := range cities {
		t.Run(c.name, func(t *testing.T) {
			schema := fmt.Sprintf("saavu_check_%d_%d", os.Getpid(), ci)
			pn := pgLoad(t, dsn, testutil.SharedData(t, c.pbf), schema)
			for _, mode := range []graph.Mode{graph.Walk, graph.Bike, graph.Car} {
				t.Run(mode.String(), func(t *testing.T) {
					g, _, err := graph.Build(pn.ext, mode, pgParams())
					if err != nil {
						t.Fatal(err)
					}
					comparePgRouting(t, pn, g)
				})
			}
		})
	}
}

// pgParams are the graph parameters of the comparison: the defaults,
// with turn restrictions off. pgRouting's graph (osm2pgrouting) has no
// turn restrictions and pgr_dijkstra routes from vertex to vertex, so a
// car graph with them would differ wherever a restriction binds.
func pgParams() graph.Params {
	p := graph.DefaultParams()
	p.IgnoreTurnRestrictions = true
	return p
}

// comparePgRouting samples origins and destinations among g's vertices,
// searches them on both sides and compares the times.
func comparePgRouting(t *testing.T, pn *pgNet, g *graph.Graph) {
	t.Helper()
	pn.build(t, g)
	orig, dest := pgSample(g, 20, 300)
	theirs := pn.costs(t, g, orig, dest)
	dj := NewDijkstra(g)
	var pairs, both, onlyOurs, onlyTheirs, agree int
	var ratios []float64
	worst := 0.0
	for oi, o := range orig {
		dj.Run(false, []Source{{V: o}}, 0)
		for di, d := range dest {
			if o == d {
				continue
			}
			pairs++
			ours := dj.Time(d)
			pg, ok := theirs[[2]int{oi, di}]
			switch {
			case ours == Unreached && !ok:
				agree++
			case ours == Unreached:
				onlyTheirs++
			case !ok:
				onlyOurs++
			default:
				both++
				s := float64(ours) / 1000
				diff := math.Abs(s - pg)
				// PostGIS measures on the ellipsoid, we on a sphere:
				// up to about 0.3% apart at these latitudes.
				if diff <= max(1, 0.005*pg) {
					agree++
				}
				if pg > 60 {
					ratios = append(ratios, s/pg)
					worst = max(worst, diff/pg)
				}
			}
		}
	}
	slices.Sort(ratios)
	med := math.NaN()
	if len(ratios) > 0 {
		med = ratios[len(ratios)/2]
	}
	share := float64(agree) / float64(pairs)
	t.Logf("%s: %d vertices, %d pairs: reached by both %d, only by us %d, only by pgRouting %d; "+
		"agreeing within 0.5%% or 1 s: %.2f%%; ours / pgRouting median %.4f, largest difference %.2f%%",
		g.Mode, g.NumVertices(), pairs, both, onlyOurs, onlyTheirs, 100*share, med, 100*worst)
	if both < pairs/4 {
		t.Errorf("only %d of %d pairs reached by both: the sample says little", both, pairs)
	}
	if agree != pairs {
		t.Errorf("%d of %d pairs disagree with pgRouting (%.2f%% agree), want none", pairs-agree, pairs, 100*share)
	}
}

// pgDSN returns the connection string of the comparison database, with
// the extensions created, or skips.
func pgDSN(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("real-data comparison with pgRouting skipped in -short mode")
	}
	dsn := os.Getenv(pgRoutingEnv)
	if dsn == "" {
		tb.Skipf("%s is not set: no PostgreSQL with pgRouting to compare with (make pgrouting-check sets one up)", pgRoutingEnv)
	}
	for _, tool := range []string{"ogr2ogr", "psql"} {
		if _, err := exec.LookPath(tool); err != nil {
			tb.Fatalf("%s is set but %s is not installed: %v", pgRoutingEnv, tool, err)
		}
	}
	psql(tb, dsn, "create extension if not exists postgis; create extension if not exists pgrouting; "+
		"create extension if not exists hstore;")
	return dsn
}

// pgNet is one OSM extract on both sides: in schema.lines as GDAL read
// it, and as our reader read it, limited to the ways GDAL kept too.
type pgNet struct {
	dsn, schema string
	ext         *osm.Extract
	dups        map[[2]int64]bool // points that distinct nodes lie on (sharedPoints)
}

// pgLoad loads the highway ways of an OSM file into schema.lines with
// GDAL (the schema is dropped when the test ends) and reads the file with
// our reader, keeping the ways that GDAL kept too.
func pgLoad(tb testing.TB, dsn, path, schema string) *pgNet {
	tb.Helper()
	psql(tb, dsn, "create schema "+schema)
	tb.Cleanup(func() { psql(tb, dsn, "drop schema "+schema+" cascade") })
	ogr := exec.Command("ogr2ogr", "-f", "PostgreSQL", "PG:"+dsn, path, "lines",
		"-nln", schema+".lines", "-lco", "GEOMETRY_NAME=geom", "-lco", "SPATIAL_INDEX=NONE",
		"-where", "highway IS NOT NULL")
	// PBF node ids are not increasing in every extract.
	ogr.Env = append(os.Environ(), "OSM_USE_CUSTOM_INDEXING=NO")
	if out, err := ogr.CombinedOutput(); err != nil {
		tb.Fatalf("ogr2ogr: %v\n%s", err, out)
	}
	theirs := map[int64]bool{}
	for _, row := range psqlCSV(tb, dsn, "select osm_id from "+schema+".lines") {
		id, err := strconv.ParseInt(row[0], 10, 64)
		if err != nil {
			tb.Fatalf("osm_id %q: %v", row[0], err)
		}
		theirs[id] = true
	}
	ext, err := osm.Read(context.Background(), path, osm.Options{SkipPOIs: true})
	if err != nil {
		tb.Fatal(err)
	}
	n := len(ext.Ways)
	ext.Ways = slices.DeleteFunc(ext.Ways, func(w osm.Way) bool { return !theirs[w.ID] })
	tb.Logf("ways with a highway tag: ours %d, GDAL %d, both %d", n, len(theirs), len(ext.Ways))
	return &pgNet{dsn: dsn, schema: schema, ext: ext, dups: sharedPoints(ext)}
}

// build makes the SQL network of g's mode from schema.lines: tables
// schema.e_MODE (edges, cost and reverse_cost in seconds, -1 where a
// direction is closed) and schema.v_MODE (vertices, keyed by point, or by
// node where distinct nodes share a point).
func (pn *pgNet) build(tb testing.TB, g *graph.Graph) {
	tb.Helper()
	ext := pn.ext
	if len(g.Ferries) > 0 {
		tb.Fatalf("%d ferries: the SQL network has none", len(g.Ferries))
	}
	// Each way's speed (m/s) from its longest segment, where the
	// rounding of times to milliseconds matters least.
	type waySpeed struct{ len, speed float64 }
	speeds := map[int64]waySpeed{}
	for s := range g.SegWay {
		ms := min(g.SegFwdMs[s], g.SegBwdMs[s])
		l := float64(g.SegLenM[s])
		if ms == graph.NoTime || ms == 0 || l <= speeds[g.SegWay[s]].len {
			continue
		}
		speeds[g.SegWay[s]] = waySpeed{l, l / (float64(ms) / 1000)}
	}
	var sql strings.Builder
	fmt.Fprintf(&sql, "set search_path to %s, public;\n", pn.schema)
	sql.WriteString("create temp table ours (osm_id bigint primary key, speed float8);\n" +
		"copy ours from stdin (format csv);\n")
	for _, id := range slices.Sorted(maps.Keys(speeds)) {
		fmt.Fprintf(&sql, "%d,%.9g\n", id, speeds[id].speed)
	}
	sql.WriteString("\\.\n")
	// OSM joins ways where they share a node, the SQL side where they
	// share a point. Where distinct nodes lie on the same point (a loop
	// drawn back onto itself without closing, say), the SQL side is told
	// which node each of those points is.
	sql.WriteString("create temp table dup (osm_id bigint, i int, node bigint, x numeric, y numeric);\n" +
		"copy dup from stdin (format csv);\n")
	for _, w := range ext.Ways {
		if _, ok := speeds[w.ID]; !ok {
			continue
		}
		for i, id := range w.Nodes {
			if k, ok := pointKey(ext, id); ok && pn.dups[k] {
				lon, lat, _ := ext.Coord(id)
				fmt.Fprintf(&sql, "%d,%d,%d,%.7f,%.7f\n", w.ID, i+1, id, lon, lat)
			}
		}
	}
	sql.WriteString("\\.\n")
	// OSM's one-way rules, read again from the tags.
	oneway := "'both'"
	switch g.Mode {
	case graph.Car:
		oneway = `case when h->'oneway' in ('yes','true','1') then 'fwd'
			when h->'oneway' in ('-1','reverse') then 'bwd'
			when h->'oneway' in ('no','false','0') then 'both'
			when h->'junction' in ('roundabout','circular') or l.highway = 'motorway' then 'fwd'
			else 'both' end`
	case graph.Bike:
		// oneway:bicycle first, then a cycleway against the traffic, then
		// oneway and roundabouts; reversible ways are two-way on a bike.
		oneway = `case when h->'oneway:bicycle' in ('yes','true','1') then 'fwd'
			when h->'oneway:bicycle' in ('-1','reverse') then 'bwd'
			when h->'oneway:bicycle' in ('no','false','0','reversible','alternating') then 'both'
			when h->'cycleway' like 'opposite%' or h->'cycleway:left' like 'opposite%'
				or h->'cycleway:right' like 'opposite%' or h->'cycleway:both' like 'opposite%' then 'both'
			when h->'oneway' in ('yes','true','1') then 'fwd'
			when h->'oneway' in ('-1','reverse') then 'bwd'
			when h->'oneway' in ('no','false','0','reversible','alternating') then 'both'
			when h->'junction' in ('roundabout','circular') then 'fwd'
			else 'both' end`
	}
	fmt.Fprintf(&sql, `
create temp table pts as
  select l.osm_id::bigint as osm_id, (d).path[1] as i, %[1]s as dir,
         round(ST_X((d).geom)::numeric, 7) as x, round(ST_Y((d).geom)::numeric, 7) as y, (d).geom as g
  from (select *, coalesce(other_tags, '')::hstore as h, ST_DumpPoints(geom) as d from lines) l
  join ours o on o.osm_id = l.osm_id::bigint;
alter table pts add column key text;
update pts p set key = coalesce((select 'n' || node from dup where dup.osm_id = p.osm_id and dup.i = p.i
  and dup.x = p.x and dup.y = p.y), p.x || ' ' || p.y);
do $$ begin
  if exists (select 1 from dup d where not exists (select 1 from pts p
      where p.osm_id = d.osm_id and p.i = d.i and p.x = d.x and p.y = d.y)) then
    raise exception 'a shared point is not where our reader has it';
  end if;
end $$;
create table v_%[2]s as
  select row_number() over (order by key) as id, key from (select distinct key from pts) s;
create index on v_%[2]s (key);
create table e_%[2]s as
  select row_number() over (order by a.osm_id, a.i) as id, va.id as source, vb.id as target,
         case when a.dir = 'bwd' then -1 else ST_Length(ST_MakeLine(a.g, b.g)::geography) / o.speed end as cost,
         case when a.dir = 'fwd' then -1 else ST_Length(ST_MakeLine(a.g, b.g)::geography) / o.speed end as reverse_cost
  from pts a join pts b on b.osm_id = a.osm_id and b.i = a.i + 1
  join ours o on o.osm_id = a.osm_id
  join v_%[2]s va on va.key = a.key join v_%[2]s vb on vb.key = b.key;
`, oneway, g.Mode)
	psql(tb, pn.dsn, sql.String())
}

// pgSample draws origins and destinations among g's vertices, the same
// ones on every run.
func pgSample(g *graph.Graph, nOrig, nDest int) (orig, dest []int32) {
	rng := rand.New(rand.NewPCG(1, uint64(g.Mode)))
	for len(orig) < nOrig {
		orig = append(orig, int32(rng.IntN(g.NumVertices())))
	}
	for len(dest) < nDest {
		dest = append(dest, int32(rng.IntN(g.NumVertices())))
	}
	return orig, dest
}

// costsSQL is the query of costs: the sample's vertices, then
// pgr_dijkstraCost from every origin to every destination.
func (pn *pgNet) costsSQL(g *graph.Graph, orig, dest []int32) string {
	var sql strings.Builder
	fmt.Fprintf(&sql, "set search_path to %s, public;\n", pn.schema)
	sql.WriteString("create temp table sample (k int, key text);\ncopy sample from stdin (format csv);\n")
	for k, v := range slices.Concat(orig, dest) {
		key := fmt.Sprintf("%.7f %.7f", g.Lon[v], g.Lat[v])
		if pk, _ := pointKey(pn.ext, g.NodeID[v]); pn.dups[pk] {
			key = fmt.Sprintf("n%d", g.NodeID[v])
		}
		fmt.Fprintf(&sql, "%d,%s\n", k, key)
	}
	sql.WriteString("\\.\n")
	fmt.Fprintf(&sql, `create temp table s as select k, v.id from sample join v_%[1]s v using (key);
select so.k, sd.k, c.agg_cost
from pgr_dijkstraCost('select id, source, target, cost, reverse_cost from e_%[1]s',
  (select array_agg(distinct id) from s where k < %[2]d),
  (select array_agg(distinct id) from s where k >= %[2]d), true) c
join s so on so.id = c.start_vid and so.k < %[2]d
join s sd on sd.id = c.end_vid and sd.k >= %[2]d;
`, g.Mode, len(orig))
	return sql.String()
}

// costs runs pgr_dijkstraCost on the network build made: seconds by
// (origin index, destination index), absent where unreachable.
func (pn *pgNet) costs(tb testing.TB, g *graph.Graph, orig, dest []int32) map[[2]int]float64 {
	tb.Helper()
	theirs := map[[2]int]float64{}
	for _, row := range psqlCSV(tb, pn.dsn, pn.costsSQL(g, orig, dest)) {
		o, err1 := strconv.Atoi(row[0])
		d, err2 := strconv.Atoi(row[1])
		c, err3 := strconv.ParseFloat(row[2], 64)
		if err1 != nil || err2 != nil || err3 != nil {
			tb.Fatalf("pgRouting row %q", row)
		}
		theirs[[2]int{o, d - len(orig)}] = c
	}
	return theirs
}

// pointKey is a node's position at the precision of OSM coordinates.
func pointKey(ext *osm.Extract, id int64) ([2]int64, bool) {
	lon, lat, ok := ext.Coord(id)
	return [2]int64{int64(math.Round(lon * 1e7)), int64(math.Round(lat * 1e7))}, ok
}

// sharedPoints are the positions that more than one node of the ways lies on.
func sharedPoints(ext *osm.Extract) map[[2]int64]bool {
	first := map[[2]int64]int64{}
	dups := map[[2]int64]bool{}
	for _, w := range ext.Ways {
		for _, id := range w.Nodes {
			k, ok := pointKey(ext, id)
			if !ok {
				continue
			}
			if f, seen := first[k]; !seen {
				first[k] = id
			} else if f != id {
				dups[k] = true
			}
		}
	}
	return dups
}

// psql runs SQL and fails the test on any error.
func psql(tb testing.TB, dsn, sql string) {
	tb.Helper()
	psqlCSV(tb, dsn, sql)
}

// psqlCSV runs SQL (a script; rows of its last query are returned, split
// as CSV) and fails the test on any error.
func psqlCSV(tb testing.TB, dsn, sql string) [][]string {
	tb.Helper()
	cmd := exec.Command("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--csv", "-t", "-d", dsn)
	cmd.Stdin = strings.NewReader(sql)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		tb.Fatalf("psql: %v\n%s", err, errb.String())
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		tb.Fatalf("psql output: %v", err)
	}
	return rows
}

// BenchmarkPgRoutingTampere times the searches of TestPgRoutingAgreement on
// the Tampere extract, per mode: 20 origins to 300 destinations by our
// Dijkstra (a full search from each origin over the graph in memory) and
// by pgr_dijkstraCost over the same network in PostgreSQL (which reads the
// edge table on each call, as pgRouting does, and stops once every
// destination is reached). psql-overhead is a trivial query through the
// same psql call, to be subtracted from the pgRouting time. Needs
// SAAVU_PGROUTING like the test:
//
//	SAAVU_PGROUTING="$(scripts/pgrouting-setup.sh)" \
//	  go test -run XXX -bench PgRoutingTampere -benchtime 5x ./internal/route/
func BenchmarkPgRoutingTampere(b *testing.B) {
	dsn := pgDSN(b)
	schema := fmt.Sprintf("saavu_bench_%d", os.Getpid())
	pn := pgLoad(b, dsn, testutil.SharedData(b, "tampere/tampere.osm.pbf"), schema)
	b.Run("psql-overhead", func(b *testing.B) {
		for b.Loop() {
			psql(b, dsn, "select 1")
		}
	})
	for _, mode := range []graph.Mode{graph.Walk, graph.Car} {
		g, _, err := graph.Build(pn.ext, mode, pgParams())
		if err != nil {
			b.Fatal(err)
		}
		pn.build(b, g)
		orig, dest := pgSample(g, 20, 300)
		b.Run(mode.String()+"/saavu", func(b *testing.B) {
			dj := NewDijkstra(g)
			for b.Loop() {
				for _, o := range orig {
					dj.Run(false, []Source{{V: o}}, 0)
				}
			}
		})
		query := pn.costsSQL(g, orig, dest)
		b.Run(mode.String()+"/pgrouting", func(b *testing.B) {
			for b.Loop() {
				if rows := psqlCSV(b, dsn, query); len(rows) == 0 {
					b.Fatal("pgRouting found no route")
				}
			}
		})
	}
}
