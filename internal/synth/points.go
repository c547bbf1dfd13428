package synth

import (
	"errors"
	"math/rand/v2"
	"slices"
)

// Service is a generated service point of one category.
type Service struct {
	Category int
	Lon, Lat float64
}

// townPicker draws towns with probability proportional to their number
// of grid nodes.
type townPicker struct {
	cum []float64
}

func newTownPicker(towns []Town) townPicker {
	cum := make([]float64, len(towns))
	s := 0.0
	for i, t := range towns {
		s += float64((t.Blocks + 1) * (t.Blocks + 1))
		cum[i] = s
	}
	return townPicker{cum}
}

func (p townPicker) pick(rng *rand.Rand) int {
	u := rng.Float64() * p.cum[len(p.cum)-1]
	i, _ := slices.BinarySearch(p.cum, u)
	return min(i, len(p.cum)-1)
}

var errNoTowns = errors.New("synth: the country has no towns")

// Origins returns n points standing for populated grid cells, as
// (lon, lat): 75% spread over towns (a town drawn by its size, the point
// uniform over its grid), 22% within 400 m of a shape node of a rural
// road, and 3% uniform over the box, often far from any road.
func (c *Country) Origins(n int, seed uint64) ([][2]float64, error) {
	if len(c.Towns) == 0 || c.RuralWays.To <= c.RuralWays.From {
		return nil, errNoTowns
	}
	rng := rand.New(rand.NewPCG(seed, 0x0419))
	pick := newTownPicker(c.Towns)
	ext, p := c.Extract, c.Params
	pts := make([][2]float64, n)
	for i := range pts {
		var lon, lat float64
		switch u := rng.Float64(); {
		case u < 0.75:
			t := c.Towns[pick.pick(rng)]
			half := float64(t.Blocks) / 2 * t.BlockM
			lon, lat = offset(t.Lon, t.Lat, (rng.Float64()*2-1)*half, (rng.Float64()*2-1)*half)
		case u < 0.97:
			w := ext.Ways[c.RuralWays.From+rng.IntN(c.RuralWays.To-c.RuralWays.From)]
			id := w.Nodes[rng.IntN(len(w.Nodes))]
			lon, lat = offset(ext.Lon[id-1], ext.Lat[id-1], (rng.Float64()*2-1)*400, (rng.Float64()*2-1)*400)
		default:
			lon = p.MinLon + rng.Float64()*(p.MaxLon-p.MinLon)
			lat = p.MinLat + rng.Float64()*(p.MaxLat-p.MinLat)
		}
		pts[i] = [2]float64{min(max(lon, p.MinLon), p.MaxLon), min(max(lat, p.MinLat), p.MaxLat)}
	}
	return pts, nil
}

// Services returns perCategory[k] services of category k, each in a town
// drawn by its size, within the central fifth of its width (where
// service points cluster). Categories are in order, services within a
// category in draw order.
func (c *Country) Services(perCategory []int, seed uint64) ([]Service, error) {
	if len(c.Towns) == 0 {
		return nil, errNoTowns
	}
	rng := rand.New(rand.NewPCG(seed, 0x5e4c))
	pick := newTownPicker(c.Towns)
	var out []Service
	for k, n := range perCategory {
		for range n {
			t := c.Towns[pick.pick(rng)]
			r := float64(t.Blocks) / 10 * t.BlockM
			lon, lat := offset(t.Lon, t.Lat, (rng.Float64()*2-1)*r, (rng.Float64()*2-1)*r)
			out = append(out, Service{Category: k, Lon: lon, Lat: lat})
		}
	}
	return out, nil
}
