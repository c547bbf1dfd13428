package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	pq "github.com/parquet-go/parquet-go"
	"github.com/saavu/saavu/internal/testutil"
)

// readCSVRows reads a matrix CSV: header and rows.
func readCSVRows(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	rows := testutil.ReadCSV(t, path)
	return rows[0], rows[1:]
}

// readParquetRows reads a matrix Parquet file with the untyped reader: ids
// as text, values as text in the CSV's number format, "" for null.
func readParquetRows(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := pq.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s is not a Parquet file: %v", path, err)
	}
	var header []string
	for _, fl := range f.Schema().Fields() {
		header = append(header, fl.Name())
	}
	r := pq.NewReader(f)
	defer r.Close()
	var out [][]string
	buf := make([]pq.Row, 64)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			rec := make([]string, len(row))
			for i, v := range row {
				switch {
				case v.IsNull():
				case v.Kind() == pq.Double:
					rec[i] = strconv.FormatFloat(v.Double(), 'f', -1, 64)
				default:
					rec[i] = v.String()
				}
			}
			out = append(out, rec)
		}
		if err != nil {
			break
		}
	}
	if int64(len(out)) != f.NumRows() {
		t.Fatalf("read %d rows of %d", len(out), f.NumRows())
	}
	return header, out
}

func sameTable(t *testing.T, what string, csvHeader []string, csvRows [][]string, pqHeader []string, pqRows [][]string) {
	t.Helper()
	if strings.Join(csvHeader, ",") != strings.Join(pqHeader, ",") {
		t.Errorf("%s: Parquet columns %q, CSV %q", what, pqHeader, csvHeader)
	}
	if len(csvRows) != len(pqRows) {
		t.Fatalf("%s: %d Parquet rows, %d CSV rows", what, len(pqRows), len(csvRows))
	}
	for i := range csvRows {
		if strings.Join(csvRows[i], ",") != strings.Join(pqRows[i], ",") {
			t.Errorf("%s row %d: Parquet %q, CSV %q", what, i, pqRows[i], csvRows[i])
		}
	}
}

func TestMatrixParquetMatchesCSV(t *testing.T) {
	dir := t.TempDir()
	pts := filepath.Join(dir, "pts.csv")
	if err := os.WriteFile(pts, []byte("id,lon,lat\na,23.700,61.500\nb,23.704,61.500\nc,23.702,61.501\nfar,23.90,61.60\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"matrix", "-q", "--osm", fixture(t, "osm", "town.osm"), "--mode", "walk", "--origins", pts}
	csvOut, pqOut := filepath.Join(dir, "m.csv"), filepath.Join(dir, "m.parquet")
	if code, _, stderr := run(t, append(args, "--out", csvOut)...); code != 0 {
		t.Fatalf("csv: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr := run(t, append(args, "--format", "parquet", "--out", pqOut)...)
	if code != 0 || stdout != "" {
		t.Fatalf("parquet: exit %d, stdout %q\n%s", code, stdout, stderr)
	}
	ch, cr := readCSVRows(t, csvOut)
	ph, pr := readParquetRows(t, pqOut)
	sameTable(t, "walk matrix", ch, cr, ph, pr)
	if len(pr) != 16 {
		t.Errorf("%d rows, want 4 x 4", len(pr))
	}
	// As TestMatrixTown works out: a -> a is zero, far is beyond snapping
	// and its pairs are null.
	if got := strings.Join(pr[0], ","); got != "a,a,0,0" {
		t.Errorf("a->a: %s", got)
	}
	if got := strings.Join(pr[3], ","); got != "a,far,," {
		t.Errorf("a->far: %s", got)
	}
	if got := strings.Join(pr[15], ","); got != "far,far,," {
		t.Errorf("far->far: %s", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("%d files in the folder, want pts.csv, m.csv, m.parquet: temporary files left?", len(entries))
	}
}

func TestTransitMatrixParquet(t *testing.T) {
	pt := ptDir(t)
	dir := t.TempDir()
	args := []string{"--mode", "transit", "--osm", filepath.Join(pt, "grid.osm"),
		"--gtfs", "eq=" + filepath.Join(pt, "gtfs"), "--date", "20240108", "--depart", "08:00", "--window", "10",
		"--percentiles", "50,25", "--walk-speed", ptSpeed, "--origins", filepath.Join(pt, "points.csv"), "-q"}
	csvOut, pqOut := filepath.Join(dir, "m.csv"), filepath.Join(dir, "m.parquet")
	if code, _, stderr := runPT(t, runTransitMatrix, append(args, "--out", csvOut)...); code != 0 {
		t.Fatalf("csv: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runPT(t, runTransitMatrix, append(args, "--format", "parquet", "--out", pqOut)...); code != 0 {
		t.Fatalf("parquet: exit %d\n%s", code, stderr)
	}
	ch, cr := readCSVRows(t, csvOut)
	ph, pr := readParquetRows(t, pqOut)
	sameTable(t, "transit matrix", ch, cr, ph, pr)
	// By hand (TestTransitMatrixFixture): O -> D1 over 08:00..08:09 has a
	// median of 1940 s and a 25th percentile of 1820 s.
	found := false
	for _, r := range pr {
		if r[0] == "O" && r[1] == "D1" {
			found = true
			if r[2] != "1940" || r[3] != "1820" {
				t.Errorf("O->D1: %q, want 1940 and 1820", r[2:])
			}
		}
	}
	if !found {
		t.Error("no O->D1 row")
	}
}

func TestMatrixFormatUsage(t *testing.T) {
	pt := ptDir(t)
	dir := t.TempDir()
	pts := filepath.Join(dir, "pts.csv")
	os.WriteFile(pts, []byte("id,lon,lat\na,23.700,61.500\n"), 0o644)
	street := []string{"matrix", "--osm", fixture(t, "osm", "town.osm"), "--mode", "walk", "--origins", pts}
	transit := []string{"matrix", "--mode", "transit", "--osm", filepath.Join(pt, "grid.osm"), "--gtfs", filepath.Join(pt, "gtfs"),
		"--date", "20240108", "--origins", filepath.Join(pt, "points.csv")}
	out := filepath.Join(dir, "m.out")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"street parquet to stdout", append(street[:len(street):len(street)], "--format", "parquet"), "--out"},
		{"transit parquet to stdout", append(transit[:len(transit):len(transit)], "--format", "parquet"), "--out"},
		{"street unknown format", append(street[:len(street):len(street)], "--format", "xlsx", "--out", out), "csv or parquet"},
		{"transit unknown format", append(transit[:len(transit):len(transit)], "--format", "xlsx", "--out", out), "csv or parquet"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(t, c.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2\n%s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("wrote %d bytes to stdout", len(stdout))
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("message lacks %q:\n%s", c.want, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("wrote the output file")
			}
		})
	}
}
