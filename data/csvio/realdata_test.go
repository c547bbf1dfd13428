package csvio

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"
)

// columnSum adds up one column of a plain comma-separated file with
// encoding/csv alone, as an independent check of the readers.
// Empty cells are counted in missing.
func columnSum(t *testing.T, path, column string) (sum float64, rows, missing int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == column {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s has no column %s", path, column)
	}
	for _, r := range recs[1:] {
		if r[col] == "" {
			missing++
			continue
		}
		v, err := strconv.ParseFloat(r[col], 64)
		if err != nil {
			t.Fatal(err)
		}
		sum += v
	}
	return sum, len(recs) - 1, missing
}

func TestRealHealthServices(t *testing.T) {
	path := sharedData(t, "south-savo/health-services.csv")
	svcs, warns, err := ReadServices(path) // header: name,municipality,kind,lon,lat
	if err != nil {
		t.Fatal(err)
	}
	if len(svcs) != 23 || len(warns) != 0 {
		t.Fatalf("%d services, warnings %v", len(svcs), warns)
	}
	cats := map[string]int{}
	for _, s := range svcs {
		cats[s.Category]++
		if s.Lon < 26 || s.Lon > 30 || s.Lat < 61 || s.Lat > 63 || s.Props["municipality"] == "" || s.Capacity != 1 {
			t.Errorf("line %d: %+v", s.Line, s)
		}
	}
	if cats["hospital"]+cats["health_station"]+cats["emergency"] != 23 || cats["emergency"] != 2 || cats["hospital"] != 3 {
		t.Errorf("categories %v", cats)
	}
	// With a default category the file reads the same (kind is present).
	again, _, err := ReadServicesWith(path, ServicesOptions{DefaultCategory: "health"})
	if err != nil || again[0].Category != "hospital" {
		t.Errorf("with DefaultCategory: %v %v", err, again[0].Category)
	}
}

func TestRealPortoAlegreGrid(t *testing.T) {
	path := sharedData(t, "porto-alegre/poa_hexgrid.csv")
	pts, err := ReadPoints(path)
	if err != nil {
		t.Fatal(err)
	}
	wantPop, n, _ := columnSum(t, path, "population")
	wantJobs, _, wantMissing := columnSum(t, path, "jobs")
	if len(pts) != n {
		t.Fatalf("%d points, file has %d rows", len(pts), n)
	}
	var pop, jobs float64
	missing := 0
	for _, p := range pts {
		if p.Lon < -52 || p.Lon > -50.9 || p.Lat < -30.5 || p.Lat > -29.8 || len(p.Weights) != 4 {
			t.Fatalf("line %d: %+v", p.Line, p)
		}
		v, _ := p.Weight("population")
		pop += v
		v, _ = p.Weight("jobs")
		jobs += v
		if p.Weights[2].Name != "jobs" {
			t.Fatalf("weights %+v", p.Weights)
		}
		if p.Weights[2].Missing {
			missing++
		}
	}
	if pop != wantPop || jobs != wantJobs || missing != wantMissing || missing == 0 {
		t.Errorf("population %v jobs %v missing %d, want %v %v %d", pop, jobs, missing, wantPop, wantJobs, wantMissing)
	}
}

func TestRealPortoAlegrePOI(t *testing.T) {
	pts, err := ReadPoints(sharedData(t, "porto-alegre/poa_points_of_interest.csv")) // id,lat,lon
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 15 || pts[0].ID != "public_market" || !near(pts[0].Lon, -51.227811, 1e-9) || !near(pts[0].Lat, -30.027565, 1e-9) {
		t.Errorf("%d points, first %+v", len(pts), pts[0])
	}
}

func TestRealPostalCentroids(t *testing.T) {
	path := sharedData(t, "south-savo/postal-area-centroids.csv")
	p, err := ReadPopulationWith(path, PopulationOptions{PopulationColumn: "population_2022"})
	if err != nil {
		t.Fatal(err)
	}
	want, n, _ := columnSum(t, path, "population_2022")
	var total float64
	for _, q := range p.Points {
		total += q.Pop
	}
	if p.CRS != WGS84 || len(p.Points) != n || total != want || total != 128547 {
		t.Errorf("CRS %v, %d points, total %v (want %v, %d points)", p.CRS, len(p.Points), total, want, n)
	}
}
