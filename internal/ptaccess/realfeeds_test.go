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

// TestRealFeeds builds the network of each real feed with its OSM
// extract, routes a dozen points near stops to one another and checks
// that the results are plausible: some pairs reachable, every time below
// MaxTime, every itinerary consistent (each leg starts where and when the
// previous one ended) and equal to the matrix figure.
func TestRealFeeds(t *testing.T) {
	cases := []struct {
		name, osm, date string
		feeds           []string
		depart          int // hour
	}{
		{"tampere", "tampere/tampere.osm.pbf", "20220110", []string{"tampere/tampere-gtfs.zip"}, 8},
		{"porto-alegre", "porto-alegre/poa_osm.pbf", "20190513", []string{"porto-alegre/poa_eptc.zip", "porto-alegre/poa_trensurb.zip"}, 14},
		{"sao-paulo", "sao-paulo/spo_osm.pbf", "20190513", []string{"sao-paulo/spo.zip"}, 8},
		{"monaco", "monaco/monaco.osm.pbf", "20260112", []string{"monaco/monaco-gtfs.zip"}, 8},
		{"terre-haute", "terre-haute/terre_haute.osm.pbf", "20171002", []string{"terre-haute/terre-haute-gtfs.zip"}, 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			osmPath := sharedData(t, c.osm)
			var paths []string
			for _, f := range c.feeds {
				paths = append(paths, sharedData(t, f))
			}
			g := buildWalk(t, osmPath, graph.DefaultParams().WalkSpeed)
			tt, day := compileDay(t, c.date, paths...)
			opts := Options{MaxTime: 90 * time.Minute}
			net, err := NewNetwork(g, tt, day, opts)
			if err != nil {
				t.Fatal(err)
			}
			st := net.Stats()
			t.Logf("%+v", st)
			if st.LinkedStops == 0 || st.Transfers == 0 {
				t.Fatalf("no linked stop or no transfer: %+v", st)
			}
			// A dozen points about 40 m north-east of linked stops spread
			// over the stop list.
			var pts []graph.Snap
			step := max(1, st.LinkedStops/12)
			for i := 0; i < len(net.stops.ids) && len(pts) < 12; i += step {
				s := tt.Stops[net.stops.ids[i]]
				if p, ok := net.Snap(s.Lon+0.0004, s.Lat+0.0003, 500); ok {
					pts = append(pts, p)
				}
			}
			dep := hms(c.depart, 0, 0)
			m, err := net.Matrix(context.Background(), pts, pts, Window{Depart: dep}, []int{50})
			if err != nil {
				t.Fatal(err)
			}
			reached, rides := 0, 0
			for i := range pts {
				for j := range pts {
					v := m.At(i, j, 0)
					if v >= transitSeconds(opts.MaxTime) {
						t.Errorf("%d -> %d: %d s, beyond MaxTime", i, j, v)
					}
					it, ok := net.Itinerary(pts[i], pts[j], dep)
					if ok != (v >= 0) {
						t.Errorf("%d -> %d: matrix %d s, itinerary found %v", i, j, v, ok)
						continue
					}
					if !ok {
						continue
					}
					reached++
					rides += it.Rides
					if it.Seconds() != v {
						t.Errorf("%d -> %d: itinerary %d s, matrix %d s", i, j, it.Seconds(), v)
					}
					checkItinerary(t, it, dep)
				}
			}
			t.Logf("%d of %d pairs reached, %d rides in all", reached, len(pts)*len(pts), rides)
			if reached <= len(pts) || rides == 0 {
				t.Errorf("only %d pairs reached with %d rides", reached, rides)
			}
		})
	}
}

func transitSeconds(d time.Duration) transit.Seconds { return transit.Seconds(d / time.Second) }

// checkItinerary checks that legs chain in place and time.
func checkItinerary(t *testing.T, it Itinerary, dep transit.Seconds) {
	t.Helper()
	if len(it.Legs) == 0 || it.Depart != dep || it.Legs[0].Start != dep || it.Legs[len(it.Legs)-1].End != it.Arrive {
		t.Errorf("itinerary ends do not match: %+v", it)
		return
	}
	if it.Legs[0].FromStop != route.AtOrigin || it.Legs[len(it.Legs)-1].ToStop != route.AtDestination {
		t.Errorf("itinerary does not run from origin to destination: %+v", it.Legs)
	}
	rides := 0
	for k, l := range it.Legs {
		if l.End < l.Start {
			t.Errorf("leg %d ends before it starts: %+v", k, l)
		}
		if k > 0 {
			p := it.Legs[k-1]
			if p.End != l.Start || p.ToStop != l.FromStop {
				t.Errorf("leg %d does not start where leg %d ended: %+v then %+v", k, k-1, p, l)
			}
		}
		if l.Kind == route.LegRide {
			rides++
			if l.Trip == "" || l.From == "" || l.To == "" {
				t.Errorf("ride without names: %+v", l)
			}
		}
	}
	if rides != it.Rides {
		t.Errorf("%d ride legs, itinerary says %d", rides, it.Rides)
	}
}

// TestWorkersAgreeReal checks on the Porto Alegre feeds that the matrix
// and the network (transfers computed in parallel) do not depend on the
// number of workers.
func TestWorkersAgreeReal(t *testing.T) {
	var ms []*Matrix
	for _, w := range []int{1, 3} {
		opts := r5Options()
		opts.Workers = w
		net, _ := poaNetwork(t, opts, "poa_eptc.zip", "poa_trensurb.zip")
		var pts [][2]float64
		for i := 0; i < 40; i++ {
			pts = append(pts, [2]float64{-51.24 + 0.003*float64(i%8), -30.08 + 0.01*float64(i/8)})
		}
		snaps, _ := net.SnapAll(pts, r5LinkRadiusM)
		m, err := net.Matrix(context.Background(), snaps, snaps, Window{Depart: hms(14, 0, 0), Minutes: 15}, []int{10, 50, 90})
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	if !slices.Equal(ms[0].Seconds, ms[1].Seconds) {
		t.Error("1 and 3 workers give different matrices")
	}
	reached := 0
	for _, v := range ms[0].Seconds {
		if v >= 0 {
			reached++
		}
	}
	if reached == 0 {
		t.Error("nothing reached")
	}
}
