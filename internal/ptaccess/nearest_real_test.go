package ptaccess

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
	"github.com/saavu/saavu/internal/transit"
)

// TestNearestCategoryTampere checks NearestCategory on the Tampere feed
// against an independent computation: one Matrix per departure minute to
// every service, the minimum per category, then the percentiles.
func TestNearestCategoryTampere(t *testing.T) {
	g := buildWalk(t, sharedData(t, "tampere/tampere.osm.pbf"), graph.DefaultParams().WalkSpeed)
	tt, day := compileDay(t, "20220110", sharedData(t, "tampere/tampere-gtfs.zip"))
	net, err := NewNetwork(g, tt, day, Options{MaxTime: 60 * time.Minute, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Origins and services near stops spread over the list; services in 3
	// categories, one service off the graph.
	var origins, services []graph.Snap
	var cats []int32
	ids := net.stops.ids
	for i := 0; i < len(ids); i += len(ids) / 40 {
		s := tt.Stops[ids[i]]
		p, ok := net.Snap(s.Lon-0.0005, s.Lat+0.0002, 500)
		if !ok {
			continue
		}
		if len(origins) <= len(services) {
			origins = append(origins, p)
		} else {
			services = append(services, p)
			cats = append(cats, int32(len(services)%3))
		}
	}
	services = append(services, graph.Snap{Seg: -1})
	cats = append(cats, 0)
	const minutes = 8
	win := Window{Depart: hms(7, 30, 0), Minutes: minutes}
	ps := []int{10, 50, 90}
	got, err := net.NearestCategory(context.Background(), origins, services, cats, 3, win, ps)
	if err != nil {
		t.Fatal(err)
	}
	perMinute := make([]*Matrix, minutes)
	for m := range minutes {
		perMinute[m], err = net.Matrix(context.Background(), origins, services, Window{Depart: win.Depart + transit.Seconds(60*m)}, []int{50})
		if err != nil {
			t.Fatal(err)
		}
	}
	reached := 0
	for o := range origins {
		for c := range 3 {
			times := make([]transit.Seconds, minutes)
			for m := range minutes {
				best := Unreachable
				for s, sc := range cats {
					if int(sc) == c {
						if v := perMinute[m].At(o, s, 0); v >= 0 && (best < 0 || v < best) {
							best = v
						}
					}
				}
				times[m] = best
			}
			want := make([]transit.Seconds, len(ps))
			route.Percentiles(times, ps, want)
			var g []transit.Seconds
			for k := range ps {
				g = append(g, got.At(o, c, k))
			}
			if !slices.Equal(g, want) {
				t.Errorf("origin %d category %d: %v, want %v (minutes %v)", o, c, g, want, times)
			}
			if want[1] >= 0 {
				reached++
			}
		}
	}
	t.Logf("%d origins, %d services, %d of %d origin-category medians reached", len(origins), len(services), reached, 3*len(origins))
	if reached < len(origins) {
		t.Errorf("only %d medians reached", reached)
	}
}
