package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/netfile"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/testutil"
)

func TestPrepareLine(t *testing.T) {
	out := filepath.Join(t.TempDir(), "line.saavu")
	code, stdout, stderr := run(t, "prepare",
		"--osm", fixture(t, "prepare", "line.osm"),
		"--gtfs", "line="+fixture(t, "prepare", "gtfs"),
		"--regions", fixture(t, "prepare", "regions.geojson"),
		"--buffer", "1", "--modes", "car", "--walk-speed", "1.5", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// testdata/prepare/line.osm: ways 101 and 102 kept, 103 and 104 not;
	// 3 of the 4 trips stop twice inside.
	for _, want := range []string{"2 ways kept (2 outside the area left out)", "walk  6 vertices", "car   6 vertices",
		"3 of 4 trips (2 cut at the edge)", "Wrote " + out} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	n, err := netfile.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Graphs) != 2 || n.Graphs[graph.Walk].WalkSpeed != 1.5 || n.Header.Params.WalkSpeed != 1.5 ||
		n.Header.Inputs[2].Name != "line" || n.Header.SaavuVersion != version() {
		t.Errorf("network: %d graphs, header %+v", len(n.Graphs), n.Header)
	}
}

func TestPrepareBadInput(t *testing.T) {
	dir := t.TempDir()
	osmFile := fixture(t, "prepare", "line.osm")
	regions := fixture(t, "prepare", "regions.geojson")
	cases := []struct {
		name    string
		args    []string
		message string
	}{
		{"no osm", []string{"--regions", regions}, "--osm FILE is required"},
		{"no regions", []string{"--osm", osmFile}, "--regions FILE is required"},
		{"no out", []string{"--osm", osmFile, "--regions", regions}, "--out FILE is required"},
		{"bad buffer", []string{"--osm", osmFile, "--regions", regions, "--buffer", "-3"}, "--buffer -3"},
		{"bad mode", []string{"--osm", osmFile, "--regions", regions, "--modes", "boat"}, `unknown mode "boat"`},
		{"transit alone", []string{"--osm", osmFile, "--regions", regions, "--modes", "transit"}, "--modes transit needs --gtfs"},
		{"regions elsewhere", []string{"--osm", osmFile, "--regions", fixture(t, "prepare", "elsewhere.geojson")}, "no street reaches into the regions"},
		{"missing feed", []string{"--osm", osmFile, "--regions", regions, "--gtfs", filepath.Join(dir, "nope.zip")}, "nope.zip"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, c.name+".saavu")
			args := append([]string{"prepare", "-q"}, c.args...)
			if !strings.HasPrefix(c.name, "no out") {
				args = append(args, "--out", out)
			}
			code, _, stderr := run(t, args...)
			if code != ExitInput || !strings.Contains(stderr, c.message) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, c.message)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a failed preparation wrote its file")
			}
		})
	}
}

// The elevation raster a network is built with is one of its recorded
// inputs, with its size and digest.
func TestPrepareRecordsElevation(t *testing.T) {
	tif := testutil.SharedData(t, "porto-alegre/poa_elevation.tif")
	out := filepath.Join(t.TempDir(), "line.saavu")
	code, _, stderr := run(t, "prepare", "-q", "--osm", fixture(t, "prepare", "line.osm"),
		"--regions", fixture(t, "prepare", "regions.geojson"), "--modes", "walk", "--elevation", tif, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	n, err := netfile.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(tif)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, in := range n.Header.Inputs {
		if in.Role == "elevation" {
			found = in.Path == tif && in.Size == fi.Size() && len(in.SHA256) == 64
		}
	}
	if !found {
		t.Errorf("inputs %+v lack the elevation raster", n.Header.Inputs)
	}
}
