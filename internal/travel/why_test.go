package travel

import (
	"context"
	"testing"
	"time"

	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
)

// TestWhyFixture checks the reasons given for unreached services on the
// fixture (see fixture_test.go).
func TestWhyFixture(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	// N at (25.030, 0.015) on the north path: its only stop within 20
	// minutes is S4 (500 s), the end of line 2, from which nothing
	// departs; the clinics are 2000 s and more away on foot.
	n, ok := f.transit.Net.Snap(25.030, 0.015, 50)
	if !ok {
		t.Fatal("N does not snap")
	}
	origins := append(f.walk.Origins, n)
	f.walk.Origins, f.transit.Origins = origins, origins
	tr, err := f.transit.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := f.nocar.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// R reaches stop S3, served by line 2, but no journey within the
	// limits gets to a clinic.
	want := []Why{Reached, BeyondMaxTime, NoTrip}
	for o, w := range want {
		if got := tr[clinic].Why[o]; got != w {
			t.Errorf("transit clinic origin %d: %q, want %q", o, got, w)
		}
		// Without a car everyone walks to a clinic within two hours.
		if got := nc[clinic].Why[o]; got != Reached {
			t.Errorf("nocar clinic origin %d: %q, want reached", o, got)
		}
	}

	// With a 5-minute walk limit O's nearest stop (S1, 500 s) is out of
	// reach.
	g := newFixtureWith(t, ptaccess.Options{Workers: 2, MaxWalk: 5 * time.Minute})
	tr, err = g.transit.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := tr[clinic].Why[0]; got != NoStop {
		t.Errorf("transit clinic from O with 5-minute walks: %q, want no_stop", got)
	}

	// Street reasons: within 10 minutes on foot O reaches no clinic
	// (1100 s), though one is reachable; with only the office on the
	// network the clinics are not there at all.
	f = newFixture(t)
	f.walk.LimitMs = 10 * 60000
	w, err := f.walk.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := w[clinic].Why[0]; got != BeyondMaxTime {
		t.Errorf("walk within 10 min: %q, want beyond_max_time", got)
	}
	f = newFixture(t)
	f.walk.Services.Snaps[0].Seg, f.walk.Services.Snaps[1].Seg = -1, -1
	w, err = f.walk.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := w[clinic].Why[0]; got != NoService {
		t.Errorf("walk without clinics: %q, want no_service", got)
	}
	// An origin left unsnapped is the caller's to explain.
	f = newFixture(t)
	f.walk.Origins = []graph.Snap{{Seg: -1}}
	w, err = f.walk.Nearest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := w[clinic].Why[0]; got != Reached {
		t.Errorf("unsnapped origin: %q, want it left to the caller", got)
	}
}
