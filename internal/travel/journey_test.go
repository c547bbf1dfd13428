package travel

import (
	"context"
	"testing"

	"github.com/saavu/saavu/internal/ptaccess"
)

// TestMedianJourneysFixture checks the shape of the median journeys from
// O, worked out by hand (see fixture_test.go), over 08:00-08:09:
//
//   - to the nearest clinic the median is 1060 s, first at 08:01: walk
//     500 s to S1, wait from 08:09:20 to 08:15 (340 s), ride to S5 (120 s),
//     walk 100 s to D5;
//   - to the office (D2) the median is 1920 s, first at 08:01: walk 500 s,
//     wait 340 s, ride 600 s to S2, walk 100 s to S3, wait 80 s, ride
//     300 s to S4 = D2.
//
// From R the clinics are beyond transit (unreached), the office is a
// 1000 s walk; without a car R walks 1500 s to D1.
func TestMedianJourneysFixture(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	tr, err := f.transit.MedianJourneys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := f.nocar.MedianJourneys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	un := ptaccess.Shape{Rides: -1}
	cases := []struct {
		name      string
		got, want ptaccess.Shape
	}{
		{"transit O clinic", tr[clinic][0], ptaccess.Shape{Rides: 1, Walk: 600, Wait: 340, Ride: 120}},
		{"transit O office", tr[office][0], ptaccess.Shape{Rides: 2, Walk: 600, Wait: 420, Ride: 900}},
		{"transit R clinic", tr[clinic][1], un},
		{"transit R office", tr[office][1], ptaccess.Shape{Walk: 1000}},
		{"nocar O clinic", nc[clinic][0], ptaccess.Shape{Rides: 1, Walk: 600, Wait: 340, Ride: 120}},
		{"nocar R clinic", nc[clinic][1], ptaccess.Shape{Walk: 1500}},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, c.got, c.want)
		}
	}
}
