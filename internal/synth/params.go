package synth

import (
	"errors"
	"fmt"
	"math"
)

// Params shape the generated country. Start from DefaultParams.
type Params struct {
	Seed uint64

	// MinLon, MinLat, MaxLon, MaxLat bound the country in degrees.
	MinLon, MinLat, MaxLon, MaxLat float64

	// RuralSpacingM is the distance between lattice roads in metres.
	RuralSpacingM float64
	// RuralNodeM is the distance between shape nodes along rural roads.
	RuralNodeM float64
	// Towns is the number of towns; each sits on a distinct lattice
	// junction, so at most the number of junctions.
	Towns int
	// MaxTownBlocks bounds the width of the largest town, in blocks.
	// Town widths follow a Pareto-like law from 4 blocks up to this.
	MaxTownBlocks int
}

// DefaultParams is a Finland-sized country of about 2.4 million nodes:
// lon 20..31, lat 60..70, rural roads every 5 km with a node every 300 m,
// 1,500 towns up to 120 blocks wide.
func DefaultParams() Params {
	return Params{
		Seed:   1,
		MinLon: 20, MinLat: 60, MaxLon: 31, MaxLat: 70,
		RuralSpacingM: 5000,
		RuralNodeM:    300,
		Towns:         1500,
		MaxTownBlocks: 120,
	}
}

// Scaled returns p with the number of towns multiplied by f (at least 1
// town): the rural lattice stays, so vertices grow roughly linearly with f
// above the lattice's own share.
func (p Params) Scaled(f float64) Params {
	p.Towns = max(1, int(math.Round(float64(p.Towns)*f)))
	return p
}

var errParams = errors.New("synth: bad parameters")

func (p Params) validate() error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{errParams}, a...)...)
	}
	switch {
	case !(p.MinLon < p.MaxLon) || !(p.MinLat < p.MaxLat):
		return bad("empty box lon %g..%g lat %g..%g", p.MinLon, p.MaxLon, p.MinLat, p.MaxLat)
	case p.MinLon < -180 || p.MaxLon > 180 || p.MinLat < -80 || p.MaxLat > 80:
		return bad("box lon %g..%g lat %g..%g outside lon -180..180, lat -80..80", p.MinLon, p.MaxLon, p.MinLat, p.MaxLat)
	case !(p.RuralSpacingM >= 500) || p.RuralSpacingM > 1e6:
		return bad("RuralSpacingM %g not in 500..1e6", p.RuralSpacingM)
	case !(p.RuralNodeM >= 10) || p.RuralNodeM > p.RuralSpacingM:
		return bad("RuralNodeM %g not in 10..RuralSpacingM", p.RuralNodeM)
	case p.Towns < 0:
		return bad("Towns %d < 0", p.Towns)
	case p.MaxTownBlocks < 4 || p.MaxTownBlocks > 1000:
		return bad("MaxTownBlocks %d not in 4..1000", p.MaxTownBlocks)
	}
	return nil
}
