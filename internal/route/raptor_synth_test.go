package route

import (
	"math"
	"math/rand/v2"

	"github.com/saavu/saavu/internal/transit"
)

// A synthetic but realistic city for the RAPTOR benchmarks: stops spread
// over a 20 x 20 km square, bus lines that wander across it stopping every
// 400 m or so, trips every 5 to 15 minutes from 06:00 to 20:00, walking
// transfers to stops within 400 m and walks (3.6 km/h, 1.3 detour factor)
// between origins or targets and the stops within 800 m.

type rtCity struct {
	day     *transit.Day
	eg      *Egress
	targets [][2]float64
	stops   [][2]float64
	grid    map[[2]int][]int32
}

const (
	rtCitySide  = 20000.0 // metres
	rtCityCell  = 500.0
	rtWalkSpeed = 1.0 / 1.3 // metres per second along the crow's flight line
)

func rtWalk(a, b [2]float64) transit.Seconds {
	return transit.Seconds(math.Hypot(a[0]-b[0], a[1]-b[1]) / rtWalkSpeed)
}

// near returns the stops within radius of p, in ascending stop order.
func (c *rtCity) near(p [2]float64, radius float64) []int32 {
	var out []int32
	cx, cy := int(p[0]/rtCityCell), int(p[1]/rtCityCell)
	r := int(radius/rtCityCell) + 1
	for x := cx - r; x <= cx+r; x++ {
		for y := cy - r; y <= cy+r; y++ {
			for _, s := range c.grid[[2]int{x, y}] {
				q := c.stops[s]
				if math.Hypot(p[0]-q[0], p[1]-q[1]) <= radius {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

func (c *rtCity) nearest(p [2]float64, not map[int32]bool) int32 {
	for radius := 250.0; ; radius *= 2 {
		best, bestD := int32(-1), math.Inf(1)
		for _, s := range c.near(p, radius) {
			if not[s] {
				continue
			}
			q := c.stops[s]
			if d := math.Hypot(p[0]-q[0], p[1]-q[1]); d < bestD || d == bestD && s < best {
				best, bestD = s, d
			}
		}
		if best >= 0 {
			return best
		}
	}
}

func rtNewCity(seed uint64, numStops, numPatterns, numTargets int) *rtCity {
	rng := rand.New(rand.NewPCG(seed, 1))
	c := &rtCity{grid: map[[2]int][]int32{}}
	for s := range numStops {
		p := [2]float64{rng.Float64() * rtCitySide, rng.Float64() * rtCitySide}
		c.stops = append(c.stops, p)
		k := [2]int{int(p[0] / rtCityCell), int(p[1] / rtCityCell)}
		c.grid[k] = append(c.grid[k], int32(s))
	}
	var pats []rtPattern
	for range numPatterns {
		l := 30 + rng.IntN(31)
		pos := [2]float64{rng.Float64() * rtCitySide, rng.Float64() * rtCitySide}
		dir := rng.Float64() * 2 * math.Pi
		used := map[int32]bool{}
		var stops []int32
		for len(stops) < l {
			dir += (rng.Float64() - 0.5) * 0.6
			next := [2]float64{pos[0] + 400*math.Cos(dir), pos[1] + 400*math.Sin(dir)}
			if next[0] < 0 || next[0] > rtCitySide || next[1] < 0 || next[1] > rtCitySide {
				dir += math.Pi
				continue
			}
			pos = next
			s := c.nearest(pos, used)
			used[s] = true
			stops = append(stops, s)
		}
		// Running times at 25 km/h plus 20 s at each stop.
		run := make([]transit.Seconds, l)
		for i := 1; i < l; i++ {
			a, b := c.stops[stops[i-1]], c.stops[stops[i]]
			run[i] = run[i-1] + 20 + transit.Seconds(math.Hypot(a[0]-b[0], a[1]-b[1])/7)
		}
		head := transit.Seconds(300 + rng.IntN(601))
		var trips []rtTrip
		for t0 := hm(6, 0) + transit.Seconds(rng.IntN(int(head))); t0 < hm(20, 0); t0 += head {
			tr := rtTrip{arr: make([]transit.Seconds, l), dep: make([]transit.Seconds, l)}
			for i := range l {
				tr.arr[i] = t0 + run[i]
				tr.dep[i] = tr.arr[i]
				if i > 0 {
					tr.arr[i] -= 20
				}
			}
			trips = append(trips, tr)
		}
		pats = append(pats, rtPattern{stops: stops, trips: trips})
	}
	var xfers []rtTransfer
	for s, p := range c.stops {
		for _, u := range c.near(p, 400) {
			if u != int32(s) {
				xfers = append(xfers, rtTransfer{int32(s), u, rtWalk(p, c.stops[u])})
			}
		}
	}
	c.day = rtDay(numStops, pats, xfers)
	var entries []EgressEntry
	for t := range numTargets {
		p := [2]float64{rng.Float64() * rtCitySide, rng.Float64() * rtCitySide}
		c.targets = append(c.targets, p)
		for _, s := range c.near(p, 800) {
			entries = append(entries, EgressEntry{s, int32(t), rtWalk(c.stops[s], p)})
		}
	}
	eg, err := NewEgress(numStops, entries)
	if err != nil {
		panic(err) // generated data: a bug in this file
	}
	c.eg = eg
	return c
}

// origin returns the access walks and direct walks (targets within 2 km)
// of a random origin.
func (c *rtCity) origin(rng *rand.Rand) ([]StopTime, []transit.Seconds) {
	p := [2]float64{rng.Float64() * rtCitySide, rng.Float64() * rtCitySide}
	var access []StopTime
	for _, s := range c.near(p, 800) {
		access = append(access, StopTime{s, rtWalk(p, c.stops[s])})
	}
	direct := make([]transit.Seconds, len(c.targets))
	for t, q := range c.targets {
		direct[t] = -1
		if math.Hypot(p[0]-q[0], p[1]-q[1]) <= 2000 {
			direct[t] = rtWalk(p, q)
		}
	}
	return access, direct
}
