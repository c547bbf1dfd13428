package osm

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestReadXMLFixture(t *testing.T) {
	ext, err := Read(context.Background(), repoTestdata(t, "reader.osm"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ext.Format != FormatXML {
		t.Errorf("format %v", ext.Format)
	}
	var ids []int64
	for _, w := range ext.Ways {
		ids = append(ids, w.ID)
	}
	// 204 loses its only other node, 205 is a building, 206 is only a
	// point of interest, 207 is deleted.
	if want := []int64{201, 202, 203}; !slices.Equal(ids, want) {
		t.Errorf("way ids %v, want %v", ids, want)
	}
	wantTags := Tags{{"highway", "residential"}, {"name", "Koulukatu"}, {"cycleway:right", "track"},
		{"oneway:bicycle", "no"}, {"maxspeed", "30"}}
	if !reflect.DeepEqual(ext.Ways[0].Tags, wantTags) {
		t.Errorf("way 201 tags %v, want %v", ext.Ways[0].Tags, wantTags)
	}
	if got := ext.Ways[2].Nodes; !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("way 203 nodes %v, want [1 2]", got)
	}
	if got := ext.Ways[1].Tags.Get("duration"); got != "PT15M" {
		t.Errorf("ferry duration %q", got)
	}
	if want := []int64{1, 2, 3, 4, 50, 51, 52, 53}; !slices.Equal(ext.NodeIDs, want) {
		t.Errorf("node ids %v, want %v", ext.NodeIDs, want)
	}
	if lon, lat, ok := ext.Coord(2); !ok || lon != 23.7 || lat != 61.501 {
		t.Errorf("Coord(2) = %v, %v, %v", lon, lat, ok)
	}
	if _, _, ok := ext.Coord(999); ok {
		t.Error("Coord(999) found")
	}
	if _, _, ok := ext.Coord(5); ok {
		t.Error("node 5 kept though no way uses it")
	}
	wantCounts := Counts{Nodes: 15, Ways: 6, Relations: 1, WaysKept: 3, NodesKept: 8, POIs: 6,
		MissingRefs: 2, WaysWithMissingRefs: 2, WaysTooShort: 1, Warnings: 3}
	if ext.Counts != wantCounts {
		t.Errorf("counts\n got %+v\nwant %+v", ext.Counts, wantCounts)
	}
	if len(ext.Warnings) != 3 || ext.Warnings[0].WayID != 203 || !strings.Contains(ext.Warnings[0].Message, "1 of 3") {
		t.Errorf("warnings %+v", ext.Warnings)
	}
	wantPOIs := []POI{
		{ID: 30, Kind: "amenity=pharmacy", Name: "Apteekki", Lon: 23.71, Lat: 61.51},
		{ID: 31, Kind: "amenity=doctors", Lon: 23.72, Lat: 61.52},
		{ID: 32, Kind: "shop=supermarket", Name: "Market & Co", Lon: 23.73, Lat: 61.53},
		{ID: 33, Kind: "office=employment_agency", Lon: 23.74, Lat: 61.54},
		{ID: 35, Kind: "healthcare=centre", Lon: 23.76, Lat: 61.56},
		{ID: 206, Kind: "amenity=school", Name: "Koulu", Lon: 23.705, Lat: 61.515, IsWay: true},
	}
	if len(ext.POIs) != len(wantPOIs) {
		t.Fatalf("POIs %+v", ext.POIs)
	}
	for i, w := range wantPOIs {
		g := ext.POIs[i]
		if g.ID != w.ID || g.Kind != w.Kind || g.Name != w.Name || g.IsWay != w.IsWay ||
			!near(g.Lon, w.Lon, 1e-12) || !near(g.Lat, w.Lat, 1e-12) {
			t.Errorf("POI %d: got %+v, want %+v", i, g, w)
		}
	}
	wantBounds := Bounds{MinLon: 23.6, MinLat: 61.4, MaxLon: 23.9, MaxLat: 61.6, FromHeader: true}
	if ext.Bounds != wantBounds {
		t.Errorf("bounds %+v", ext.Bounds)
	}
}

func TestReadOptions(t *testing.T) {
	ext, err := Read(context.Background(), repoTestdata(t, "reader.osm"), Options{SkipPOIs: true, MaxWarnings: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(ext.POIs) != 0 {
		t.Errorf("SkipPOIs kept %d POIs", len(ext.POIs))
	}
	if len(ext.Warnings) != 1 || ext.Counts.Warnings != 3 {
		t.Errorf("MaxWarnings 1: %d warnings listed, %d counted", len(ext.Warnings), ext.Counts.Warnings)
	}
	// Without points of interest the school's nodes are not needed.
	if slices.Contains(ext.NodeIDs, 50) {
		t.Error("node 50 kept with SkipPOIs")
	}
}

// TestPBFMatchesXML writes the same elements as PBF (compressed and raw)
// and as XML, and checks that reading gives identical extracts.
func TestPBFMatchesXML(t *testing.T) {
	d := sampleData()
	fromXML, err := ReadReader(context.Background(), bytes.NewReader(writeXML(d)), "sample.osm", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []bool{false, true} {
		for _, workers := range []int{1, 3} {
			fromPBF, err := ReadReader(context.Background(), bytes.NewReader(writePBF(d, raw)), "sample.osm", Options{Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			if fromPBF.Format != FormatPBF {
				t.Errorf("format %v", fromPBF.Format)
			}
			fromPBF.Format = FormatXML
			if !reflect.DeepEqual(fromPBF, fromXML) {
				t.Errorf("raw=%v workers=%d: PBF and XML differ\n pbf %+v\n xml %+v", raw, workers, fromPBF, fromXML)
			}
		}
	}
	// Spot checks against the input.
	if lon, lat, ok := fromXML.Coord(4); !ok || lon != 23.7009876 || lat != 61.5031234 {
		t.Errorf("Coord(4) = %v %v %v", lon, lat, ok)
	}
	if lon, lat, ok := fromXML.Coord(10); !ok || lon != -70.25 || lat != -33.5 {
		t.Errorf("Coord(10) = %v %v %v", lon, lat, ok)
	}
	if len(fromXML.Ways) != 4 || fromXML.Counts.MissingRefs != 1 || fromXML.Counts.Relations != 2 {
		t.Errorf("ways %d missing %d relations %d", len(fromXML.Ways), fromXML.Counts.MissingRefs, fromXML.Counts.Relations)
	}
	if len(fromXML.POIs) != 1 || fromXML.POIs[0].Kind != "amenity=library" || fromXML.POIs[0].Name != "Kirjasto" {
		t.Errorf("POIs %+v", fromXML.POIs)
	}
	if got := fromXML.Ways[0].Tags; !reflect.DeepEqual(got, Tags{{"highway", "primary"}, {"maxspeed", "60"}, {"name", "Hämeenkatu"}}) {
		t.Errorf("way 100 tags %v", got)
	}
}

func TestReadGzipXML(t *testing.T) {
	plain, err := os.ReadFile(repoTestdata(t, "reader.osm"))
	if err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(plain)
	zw.Close()
	want, err := ReadReader(context.Background(), bytes.NewReader(plain), "reader.osm", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadReader(context.Background(), bytes.NewReader(z.Bytes()), "reader.osm", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("gzip-compressed XML read differently")
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pbf := writePBF(sampleData(), false)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(pbf)
	zw.Close()
	cases := []struct {
		name    string
		path    string
		is      error
		message string // substring of the error text
	}{
		{"missing file", filepath.Join(dir, "nope.osm.pbf"), fs.ErrNotExist, "nope.osm.pbf: cannot open"},
		{"directory", dir, ErrNotOSM, "it is a directory"},
		{"empty file", write("empty.osm.pbf", nil), ErrNotOSM, "empty.osm.pbf: not an OpenStreetMap PBF or XML file: the file is empty"},
		{"text file", write("roads.pbf", []byte("just some text\n")), ErrNotOSM, "roads.pbf: not an OpenStreetMap PBF or XML file"},
		{"truncated pbf", write("half.osm.pbf", pbf[:len(pbf)/2]), ErrTruncated, "half.osm.pbf: truncated PBF at byte " + strconv.Itoa(len(pbf)/2)},
		{"pbf cut after 2 bytes", write("cut.osm.pbf", pbf[:2]), ErrNotOSM, "cut.osm.pbf: not an OpenStreetMap"},
		{"gzipped pbf", write("roads.osm.pbf.gz", gz.Bytes()), ErrUnsupported, "gzip-compressed PBF"},
		{"broken xml", repoTestdata(t, "broken.osm"), ErrCorrupt, "broken.osm: line 9: corrupt data: XML syntax"},
		{"xml not osm", repoTestdata(t, "not-osm.xml"), ErrNotOSM, "root element is <gpx>"},
		{"bad coordinate", repoTestdata(t, "bad-coordinate.osm"), ErrCorrupt, "bad-coordinate.osm: line 5: node 2: corrupt data: <node> lat=\"north\" is not a coordinate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ext, err := Read(context.Background(), c.path, Options{})
			if err == nil {
				t.Fatalf("no error; read %d ways", len(ext.Ways))
			}
			if !errors.Is(err, c.is) {
				t.Errorf("error %q is not %v", err, c.is)
			}
			var oe *Error
			if !errors.As(err, &oe) || oe.File != c.path {
				t.Errorf("error %q does not name %s", err, c.path)
			}
			if !strings.Contains(err.Error(), c.message) {
				t.Errorf("error %q does not contain %q", err, c.message)
			}
		})
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, data := range [][]byte{writePBF(sampleData(), false), writeXML(sampleData())} {
		if _, err := ReadReader(ctx, bytes.NewReader(data), "x", Options{}); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled read: %v", err)
		}
	}
}

func TestReadTampere(t *testing.T) {
	path := sharedData(t, "tampere/tampere.osm.pbf")
	ext, err := Read(context.Background(), path, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if ext.Format != FormatPBF || len(ext.Ways) == 0 || len(ext.NodeIDs) == 0 || len(ext.POIs) == 0 {
		t.Fatalf("format %v, %d ways, %d nodes, %d POIs", ext.Format, len(ext.Ways), len(ext.NodeIDs), len(ext.POIs))
	}
	if !slices.IsSorted(ext.NodeIDs) || !slices.IsSortedFunc(ext.Ways, func(a, b Way) int { return int(a.ID - b.ID) }) {
		t.Error("not sorted")
	}
	// The README gives the clip box of the extract.
	b := ext.Bounds
	if !b.FromHeader || !near(b.MinLon, 23.5566, 1e-3) || !near(b.MaxLat, 61.5580, 1e-3) {
		t.Errorf("bounds %+v", b)
	}
	for i := range ext.NodeIDs {
		if ext.Lon[i] < b.MinLon-0.1 || ext.Lon[i] > b.MaxLon+0.1 || ext.Lat[i] < b.MinLat-0.1 || ext.Lat[i] > b.MaxLat+0.1 {
			t.Fatalf("node %d at %v,%v outside the box", ext.NodeIDs[i], ext.Lon[i], ext.Lat[i])
		}
	}
	for _, w := range ext.Ways {
		_, hw := w.Tags.Find("highway")
		if !hw && w.Tags.Get("route") != "ferry" {
			t.Fatalf("way %d kept without highway or ferry: %v", w.ID, w.Tags)
		}
		for _, tg := range w.Tags {
			if !KeepKey(tg.Key) {
				t.Fatalf("way %d kept tag %s", w.ID, tg.Key)
			}
		}
		for _, n := range w.Nodes {
			if _, _, ok := ext.Coord(n); !ok {
				t.Fatalf("way %d node %d without coordinates", w.ID, n)
			}
		}
	}
	kinds := map[string]int{}
	for _, p := range ext.POIs {
		kinds[p.Kind]++
	}
	for _, k := range []string{"amenity=pharmacy", "amenity=school", "shop=supermarket"} {
		if kinds[k] == 0 {
			t.Errorf("no %s among POIs: %v", k, kinds)
		}
	}
	// Same result with more workers.
	again, err := Read(context.Background(), path, Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ext, again) {
		t.Error("result depends on the number of workers")
	}
}

func TestReadTampereTruncated(t *testing.T) {
	src := sharedData(t, "tampere/tampere.osm.pbf")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{len(b) / 2, len(b) - 1, 5} {
		p := filepath.Join(t.TempDir(), "tampere-cut.osm.pbf")
		if err := os.WriteFile(p, b[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Read(context.Background(), p, Options{})
		if !errors.Is(err, ErrTruncated) && !(n == 5 && errors.Is(err, ErrNotOSM)) {
			t.Errorf("cut at %d: %v", n, err)
			continue
		}
		if !strings.Contains(err.Error(), p) {
			t.Errorf("cut at %d: error %q does not name the file", n, err)
		}
	}
}

// checkExtract verifies the invariants of any successful read.
func checkExtract(t *testing.T, ext *Extract) {
	if !slices.IsSorted(ext.NodeIDs) || len(slices.Compact(slices.Clone(ext.NodeIDs))) != len(ext.NodeIDs) {
		t.Fatal("node ids not strictly ascending")
	}
	if len(ext.Lon) != len(ext.NodeIDs) || len(ext.Lat) != len(ext.NodeIDs) {
		t.Fatal("coordinate slices differ in length")
	}
	for i := 1; i < len(ext.Ways); i++ {
		if ext.Ways[i-1].ID >= ext.Ways[i].ID {
			t.Fatal("ways not strictly ascending")
		}
	}
	for _, w := range ext.Ways {
		if len(w.Nodes) < 2 {
			t.Fatalf("way %d with %d nodes", w.ID, len(w.Nodes))
		}
		for _, n := range w.Nodes {
			if _, _, ok := ext.Coord(n); !ok {
				t.Fatalf("way %d node %d without coordinates", w.ID, n)
			}
		}
	}
	for i, r := range ext.Restrictions {
		if i > 0 && ext.Restrictions[i-1].ID > r.ID {
			t.Fatal("restrictions not sorted by id")
		}
		_, from := slices.BinarySearchFunc(ext.Ways, r.From, func(w Way, id int64) int { return cmp.Compare(w.ID, id) })
		_, to := slices.BinarySearchFunc(ext.Ways, r.To, func(w Way, id int64) int { return cmp.Compare(w.ID, id) })
		if !from || !to || len(r.Via) == 0 || !strings.HasPrefix(r.Kind, "no_") && !strings.HasPrefix(r.Kind, "only_") || r.Only != strings.HasPrefix(r.Kind, "only_") {
			t.Fatalf("restriction %+v", r)
		}
	}
	if ext.Counts.Restrictions != len(ext.Restrictions) {
		t.Fatalf("Counts.Restrictions %d, %d kept", ext.Counts.Restrictions, len(ext.Restrictions))
	}
	for i := range ext.Lon {
		if !(ext.Lon[i] >= -180 && ext.Lon[i] <= 180 && ext.Lat[i] >= -90 && ext.Lat[i] <= 90) {
			t.Fatalf("node %d at %v,%v", ext.NodeIDs[i], ext.Lon[i], ext.Lat[i])
		}
	}
}

// FuzzReadPBF mutates small PBF files (raw blocks, so that mutations reach
// the block decoder) and checks that reading never panics and that any
// extract it returns is consistent.
func FuzzReadPBF(f *testing.F) {
	f.Add(writePBF(sampleData(), true))
	f.Add(writePBF(sampleData(), false))
	f.Add(writePBF(tData{nodes: sampleData().nodes}, true))
	f.Add(writePBF(restrictionData(), true))
	f.Fuzz(func(t *testing.T, b []byte) {
		ext, err := ReadReader(context.Background(), bytes.NewReader(b), "fuzz.osm.pbf", Options{Workers: 2})
		if err != nil {
			var oe *Error
			if !errors.As(err, &oe) || oe.File != "fuzz.osm.pbf" {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		checkExtract(t, ext)
	})
}

// FuzzReadXML does the same for OSM XML, seeded with the fixtures.
func FuzzReadXML(f *testing.F) {
	for _, name := range []string{"reader.osm", "town.osm", "broken.osm", "bad-coordinate.osm", "turns.osm"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "osm", name))
		if err == nil {
			f.Add(b)
		}
	}
	f.Add(writeXML(sampleData()))
	f.Add(writeXML(restrictionData()))
	f.Fuzz(func(t *testing.T, b []byte) {
		ext, err := ReadReader(context.Background(), bytes.NewReader(b), "fuzz.osm", Options{})
		if err != nil {
			var oe *Error
			if !errors.As(err, &oe) || oe.File != "fuzz.osm" {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		checkExtract(t, ext)
	})
}
