package route

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/saavu/saavu/internal/transit"
)

// BenchmarkRaptorRange times one origin's 120-minute range query (07:00 to
// 09:00, one-minute steps, MaxTime 120 min, 4 rides) on the synthetic city
// of 5,000 stops, 300 patterns and 1,000 targets: one op is one origin.
// "per-minute" is the baseline: the same rounds with every label reset
// before each departure minute, as separate RAPTOR searches would do.
//
//	go test -run XXX -bench RaptorRange -count 5 ./internal/route
func BenchmarkRaptorRange(b *testing.B) {
	const numStops, numPatterns, numTargets = 5000, 300, 1000
	city := rtNewCity(42, numStops, numPatterns, numTargets)
	rng := rand.New(rand.NewPCG(7, 7))
	const numOrigins = 32
	access := make([][]StopTime, numOrigins)
	direct := make([][]transit.Seconds, numOrigins)
	for i := range numOrigins {
		access[i], direct[i] = city.origin(rng)
	}
	from, to := hm(7, 0), hm(9, 0)
	out := make([]transit.Seconds, 120*numTargets)
	for _, mode := range []string{"range", "per-minute"} {
		b.Run(fmt.Sprintf("%s/stops=%d", mode, numStops), func(b *testing.B) {
			r, err := NewRaptor(city.day, RaptorOptions{})
			if err != nil {
				b.Fatal(err)
			}
			r.noReuse = mode == "per-minute"
			b.ReportAllocs()
			reached, i := 0, 0
			for b.Loop() {
				o := i % numOrigins
				if err := r.Range(access[o], direct[o], city.eg, numTargets, from, to, 60, out); err != nil {
					b.Fatal(err)
				}
				for _, v := range out[:numTargets] {
					if v >= 0 {
						reached++
					}
				}
				i++
			}
			b.ReportMetric(float64(reached)/float64(i), "reached/origin")
		})
	}
}

// BenchmarkRaptorJourney times one itinerary on the synthetic city.
func BenchmarkRaptorJourney(b *testing.B) {
	city := rtNewCity(42, 5000, 300, 1000)
	rng := rand.New(rand.NewPCG(7, 7))
	access, _ := city.origin(rng)
	var egress []StopTime
	for s := range city.day.NumStops {
		for i := city.eg.Start[s]; i < city.eg.Start[s+1]; i++ {
			if city.eg.Target[i] == 17 {
				egress = append(egress, StopTime{int32(s), city.eg.Time[i]})
			}
		}
	}
	r, err := NewRaptor(city.day, RaptorOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r.Journey(access, -1, egress, hm(8, 0))
	}
}
