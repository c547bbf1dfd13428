package osm

import (
	"bytes"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestClipXMLFixture clips reader.osm to a box around nodes 1 and 2; every
// expected value is read off the fixture by hand.
func TestClipXMLFixture(t *testing.T) {
	clip := &Clip{Box: Bounds{MinLon: 23.695, MinLat: 61.4995, MaxLon: 23.705, MaxLat: 61.5015}}
	ext, err := Read(context.Background(), repoTestdata(t, "reader.osm"), Options{Clip: clip})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, w := range ext.Ways {
		ids = append(ids, w.ID)
	}
	// 203 (nodes 1, 2) and 201 (1, 2, 3) reach into the box; the ferry 202
	// (3, 4), the service way 204 (4) and the school 206 (50..53) do not.
	if want := []int64{201, 203}; !slices.Equal(ids, want) {
		t.Errorf("way ids %v, want %v", ids, want)
	}
	// Node 3 lies outside but way 201 keeps it.
	if want := []int64{1, 2, 3}; !slices.Equal(ext.NodeIDs, want) {
		t.Errorf("node ids %v, want %v", ext.NodeIDs, want)
	}
	if lon, lat, ok := ext.Coord(3); !ok || lon != 23.7 || lat != 61.502 {
		t.Errorf("Coord(3) = %v, %v, %v", lon, lat, ok)
	}
	if len(ext.POIs) != 0 {
		t.Errorf("POIs outside the box kept: %+v", ext.POIs)
	}
	wantCounts := Counts{Nodes: 15, Ways: 6, Relations: 1, WaysKept: 2, NodesKept: 3,
		MissingRefs: 1, WaysWithMissingRefs: 1, Warnings: 1, NodesInside: 2, WaysOutside: 3}
	if ext.Counts != wantCounts {
		t.Errorf("counts\n got %+v\nwant %+v", ext.Counts, wantCounts)
	}
	// The bounds are those of the kept nodes, not the file header's.
	wantBounds := Bounds{MinLon: 23.7, MinLat: 61.5, MaxLon: 23.7, MaxLat: 61.502}
	if ext.Bounds != wantBounds {
		t.Errorf("bounds %+v, want %+v", ext.Bounds, wantBounds)
	}
}

// TestClipPOIs keeps the points of interest inside a box and the school
// drawn as a closed way that reaches into it.
func TestClipPOIs(t *testing.T) {
	// Nodes 30 (23.71, 61.51) and 51 (23.71, 61.51, a corner of the
	// school) are inside; 31 (23.72, 61.52) and the rest are not.
	clip := &Clip{Box: Bounds{MinLon: 23.705, MinLat: 61.505, MaxLon: 23.715, MaxLat: 61.515}}
	ext, err := Read(context.Background(), repoTestdata(t, "reader.osm"), Options{Clip: clip})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, p := range ext.POIs {
		got = append(got, p.ID)
	}
	if want := []int64{30, 206}; !slices.Equal(got, want) {
		t.Errorf("POIs %v, want %v", got, want)
	}
	if len(ext.Ways) != 0 {
		t.Errorf("ways kept: %+v", ext.Ways)
	}
}

// TestClipInsideFunc uses Inside to cut a box in half: only nodes east
// of 23.7005 count.
func TestClipInsideFunc(t *testing.T) {
	d := sampleData()
	clip := &Clip{
		Box:    Bounds{MinLon: 23.69, MinLat: 61.49, MaxLon: 23.71, MaxLat: 61.51},
		Inside: func(lon, lat float64) bool { return lon > 23.7005 },
	}
	ext, err := ReadReader(context.Background(), bytes.NewReader(writeXML(d)), "sample.osm", Options{Clip: clip})
	if err != nil {
		t.Fatal(err)
	}
	// Nodes 3 (23.7015) and 4 (23.7009876) pass; 1 and 2 (23.7) do not.
	// Way 100 (1, 2, 3), 101 (3, 4, 99) and the ferry 102 (4, 1) reach
	// node 3 or 4; the track 104 lies in Chile.
	var ids []int64
	for _, w := range ext.Ways {
		ids = append(ids, w.ID)
	}
	if want := []int64{100, 101, 102}; !slices.Equal(ids, want) {
		t.Errorf("way ids %v, want %v", ids, want)
	}
	if ext.Counts.NodesInside != 2 || ext.Counts.WaysOutside != 1 {
		t.Errorf("counts %+v", ext.Counts)
	}
}

// TestClipPBFMatchesXML: the clip pass over PBF (which then reads only the
// blocks with ways in pass 1) gives what it gives over XML.
func TestClipPBFMatchesXML(t *testing.T) {
	d := sampleData()
	for _, clip := range []*Clip{
		{Box: Bounds{MinLon: 23.7, MinLat: 61.5, MaxLon: 23.7, MaxLat: 61.5}},      // node 1 only
		{Box: Bounds{MinLon: 23.70, MinLat: 61.503, MaxLon: 23.71, MaxLat: 61.56}}, // node 4 and the library
		{Box: Bounds{MinLon: -71, MinLat: -34, MaxLon: -70, MaxLat: -33}},          // Chile
		{Box: Bounds{MinLon: 0, MinLat: 0, MaxLon: 1, MaxLat: 1}},                  // nothing
	} {
		fromXML, err := ReadReader(context.Background(), bytes.NewReader(writeXML(d)), "sample.osm", Options{Clip: clip})
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range []bool{false, true} {
			for _, workers := range []int{1, 3} {
				fromPBF, err := ReadReader(context.Background(), bytes.NewReader(writePBF(d, raw)), "sample.osm", Options{Workers: workers, Clip: clip})
				if err != nil {
					t.Fatal(err)
				}
				fromPBF.Format = FormatXML
				if !reflect.DeepEqual(fromPBF, fromXML) {
					t.Errorf("clip %+v raw=%v workers=%d: PBF and XML differ\n pbf %+v\n xml %+v", clip.Box, raw, workers, fromPBF, fromXML)
				}
			}
		}
	}
}

func TestClipBadBox(t *testing.T) {
	for _, b := range []Bounds{
		{MinLon: 24, MinLat: 61, MaxLon: 23, MaxLat: 62},
		{MinLon: math.NaN(), MinLat: 61, MaxLon: 23, MaxLat: 62},
	} {
		_, err := Read(context.Background(), repoTestdata(t, "reader.osm"), Options{Clip: &Clip{Box: b}})
		if err == nil || !strings.Contains(err.Error(), "reader.osm") || !strings.Contains(err.Error(), "Clip.Box") {
			t.Errorf("box %+v: error %v", b, err)
		}
	}
}

// TestIDSet checks lookups against a map, for sets with gaps and runs.
func TestIDSet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, 300, 5000} {
		var ids []int64
		want := map[int64]bool{}
		for range n {
			id := r.Int64N(1 << 40)
			if r.IntN(3) == 0 {
				id = r.Int64N(1000)
			}
			ids = append(ids, id, id) // repeats are dropped
			want[id] = true
		}
		s := newIDSet(ids)
		if len(s.ids) != len(want) {
			t.Errorf("n=%d: %d ids, want %d", n, len(s.ids), len(want))
		}
		for id := range want {
			if !s.has(id) {
				t.Errorf("n=%d: %d missing", n, id)
			}
		}
		for range 2000 {
			id := r.Int64N(1<<40) - 5
			if s.has(id) != want[id] {
				t.Errorf("n=%d: has(%d) = %v", n, id, s.has(id))
			}
		}
		if s.has(-1) || s.has(math.MaxInt64) {
			t.Errorf("n=%d: ids out of range found", n)
		}
	}
}

// TestClipTampere checks the clipped read of the Tampere extract against
// the full read filtered afterwards: the same ways, nodes and points of
// interest.
func TestClipTampere(t *testing.T) {
	path := sharedData(t, "tampere/tampere.osm.pbf")
	full, err := Read(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	box := Bounds{MinLon: 23.70, MinLat: 61.48, MaxLon: 23.80, MaxLat: 61.52}
	clipped, err := Read(context.Background(), path, Options{Clip: &Clip{Box: box}})
	if err != nil {
		t.Fatal(err)
	}
	in := func(lon, lat float64) bool {
		return lon >= box.MinLon && lon <= box.MaxLon && lat >= box.MinLat && lat <= box.MaxLat
	}
	var want []Way
	outside := 0
	for _, w := range full.Ways {
		keep := false
		for _, id := range w.Nodes {
			if lon, lat, ok := full.Coord(id); ok && in(lon, lat) {
				keep = true
				break
			}
		}
		if keep {
			want = append(want, w)
		} else {
			outside++
		}
	}
	if len(want) == 0 || outside == 0 {
		t.Fatalf("box keeps %d ways and drops %d: choose another", len(want), outside)
	}
	if !reflect.DeepEqual(clipped.Ways, want) {
		t.Errorf("clipped read keeps %d ways, filtering the full read %d", len(clipped.Ways), len(want))
	}
	for i, id := range clipped.NodeIDs {
		lon, lat, ok := full.Coord(id)
		if !ok || lon != clipped.Lon[i] || lat != clipped.Lat[i] {
			t.Fatalf("node %d: clipped %v %v, full %v %v %v", id, clipped.Lon[i], clipped.Lat[i], lon, lat, ok)
		}
	}
	for _, p := range full.POIs {
		if p.IsWay {
			continue
		}
		found := slices.ContainsFunc(clipped.POIs, func(q POI) bool { return q.ID == p.ID && !q.IsWay })
		if found != in(p.Lon, p.Lat) {
			t.Errorf("POI %d at %v,%v: kept %v", p.ID, p.Lon, p.Lat, found)
		}
	}
	t.Logf("full %d ways, clipped %d ways (%d outside), %d nodes inside", len(full.Ways), len(clipped.Ways), clipped.Counts.WaysOutside, clipped.Counts.NodesInside)
	if clipped.Counts.WaysOutside < outside {
		t.Errorf("WaysOutside %d, want at least the %d street ways dropped", clipped.Counts.WaysOutside, outside)
	}
}

// TestClipErrors: the clip pass stops on cancellation and on a truncated
// file like the other passes.
func TestClipErrors(t *testing.T) {
	clip := &Clip{Box: Bounds{MinLon: 23, MinLat: 61, MaxLon: 24, MaxLat: 62}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pbf := writePBF(sampleData(), false)
	for _, data := range [][]byte{pbf, writeXML(sampleData())} {
		if _, err := ReadReader(ctx, bytes.NewReader(data), "x", Options{Clip: clip}); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled read: %v", err)
		}
	}
	_, err := ReadReader(context.Background(), bytes.NewReader(pbf[:len(pbf)-3]), "cut.osm.pbf", Options{Clip: clip})
	if !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), "cut.osm.pbf") {
		t.Errorf("truncated read: %v", err)
	}
}

// BenchmarkReadTampereClip compares a clipped read (three passes) with the
// full read of the same file.
func BenchmarkReadTampereClip(b *testing.B) {
	path := sharedData(b, "tampere/tampere.osm.pbf")
	for _, c := range []struct {
		name string
		clip *Clip
	}{
		{"full", nil},
		{"clip=centre", &Clip{Box: Bounds{MinLon: 23.70, MinLat: 61.48, MaxLon: 23.80, MaxLat: 61.52}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				ext, err := Read(context.Background(), path, Options{Clip: c.clip})
				if err != nil {
					b.Fatal(err)
				}
				n += len(ext.Ways)
			}
			if n == 0 {
				b.Fatal("no ways")
			}
		})
	}
}
