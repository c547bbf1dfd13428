package isochrone

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
)

// Defaults of Options.
const (
	DefaultResolutionM = 100
	DefaultOffNetworkM = 250
	DefaultMaxCells    = 64 << 20
)

// Options control Times.
type Options struct {
	// LimitMin bounds the search and the raster, minutes (> 0): usually
	// the largest cut-off. Cells farther in time are NaN.
	LimitMin float64
	// ResolutionM is the side of a raster cell, metres (0: 100).
	ResolutionM float64
	// OffNetworkM is the longest straight walk from the network to a
	// place, metres (0: 250).
	OffNetworkM float64
	// WalkSpeed off the network, metres per second (0: the graph's
	// walking speed, else 1.2).
	WalkSpeed float64
	// MaxCells refuses a raster of more cells (0: 64 Mi), which would
	// need a coarser resolution.
	MaxCells int
	// Workers fill bands of raster rows in parallel (0: GOMAXPROCS). The
	// result does not depend on their number.
	Workers int
}

// Start is a start point and its attachment to the graph.
type Start struct {
	Lon, Lat float64    // as given, WGS84
	Snap     graph.Snap // Seg < 0: not on the graph; only the walk from the point counts
}

// Sentinel errors.
var (
	ErrOptions = errors.New("isochrone: bad options")
	ErrTooBig  = errors.New("isochrone: raster too large")
)

func (o Options) withDefaults(g *graph.Graph) (Options, error) {
	if o.ResolutionM == 0 {
		o.ResolutionM = DefaultResolutionM
	}
	if o.OffNetworkM == 0 {
		o.OffNetworkM = DefaultOffNetworkM
	}
	if o.WalkSpeed == 0 {
		o.WalkSpeed = 1.2
		if g != nil && g.WalkSpeed > 0 {
			o.WalkSpeed = g.WalkSpeed
		}
	}
	if o.MaxCells == 0 {
		o.MaxCells = DefaultMaxCells
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	switch {
	case !(o.LimitMin > 0) || o.LimitMin > 7*24*60:
		return o, fmt.Errorf("%w: time limit %g min: want more than 0 and at most a week", ErrOptions, o.LimitMin)
	case !(o.ResolutionM >= 1) || o.ResolutionM > 100000:
		return o, fmt.Errorf("%w: resolution %g m: want 1 to 100000", ErrOptions, o.ResolutionM)
	case !(o.OffNetworkM > 0) || o.OffNetworkM > 100000:
		return o, fmt.Errorf("%w: off-network walk %g m: want more than 0 and at most 100000", ErrOptions, o.OffNetworkM)
	case !(o.WalkSpeed > 0) || o.WalkSpeed > 100:
		return o, fmt.Errorf("%w: walking speed %g m/s: want more than 0 and at most 100", ErrOptions, o.WalkSpeed)
	case o.MaxCells < 0:
		return o, fmt.Errorf("%w: cell limit %d", ErrOptions, o.MaxCells)
	}
	return o, nil
}

// Times returns the raster of travel times in minutes from the nearest of
// the starts, by the graph's mode and then on foot (see the package
// documentation). Cells beyond Options.LimitMin are NaN. With no start
// on the graph or near it, every cell is NaN: the raster then covers the
// start points alone.
func Times(ctx context.Context, g *graph.Graph, starts []Start, o Options) (geo.Raster, error) {
	return TimesFrom(ctx, g, starts, nil, o)
}

// TimesFrom is Times with the time of every vertex of g given (vertexMs,
// milliseconds, route.Unreached for none) instead of searched from the
// starts on g: the times of another mode that ends on g's streets, such
// as public transport over a departure window at one percentile. The
// starts still give the pieces from each start point to its segment's
// ends and the walk from the point itself. A nil vertexMs searches g from
// the starts.
func TimesFrom(ctx context.Context, g *graph.Graph, starts []Start, vertexMs []uint32, o Options) (geo.Raster, error) {
	o, err := o.withDefaults(g)
	if err != nil {
		return geo.Raster{}, err
	}
	if g == nil {
		return geo.Raster{}, fmt.Errorf("%w: no graph", ErrOptions)
	}
	if len(starts) == 0 {
		return geo.Raster{}, fmt.Errorf("%w: no start point", ErrOptions)
	}
	for i, s := range starts {
		if !finite(s.Lon) || !finite(s.Lat) || math.Abs(s.Lat) > 90 || math.Abs(s.Lon) > 180 {
			return geo.Raster{}, fmt.Errorf("%w: start %d at (%v, %v) is not a WGS84 position", ErrOptions, i, s.Lon, s.Lat)
		}
	}
	if vertexMs != nil && len(vertexMs) != g.NumVertices() {
		return geo.Raster{}, fmt.Errorf("%w: %d vertex times for %d vertices", ErrOptions, len(vertexMs), g.NumVertices())
	}
	limit := o.LimitMin * 60000
	pieces := networkPieces(g, starts, vertexMs, uint32(min(limit, math.MaxUint32-1)))
	if err := ctx.Err(); err != nil {
		return geo.Raster{}, err
	}
	w := walker{b: 1000 / o.WalkSpeed, r: o.OffNetworkM}
	kept := pieces[:0]
	for _, p := range pieces {
		if p.trim(limit) {
			w.prepare(&p)
			kept = append(kept, p)
		}
	}
	r, err := frame(kept, w, limit, o)
	if err != nil {
		return geo.Raster{}, err
	}
	if err := fill(ctx, &r, kept, w, limit, o.Workers); err != nil {
		return geo.Raster{}, err
	}
	return r, nil
}

// networkPieces runs the search from the starts and lists the pieces:
// the start points, the stretches from each snapped start to the ends of
// its segment, and every open segment direction leaving a reached vertex.
func networkPieces(g *graph.Graph, starts []Start, vertexMs []uint32, limitMs uint32) []piece {
	timeOf := func(v int32) uint32 { return vertexMs[v] }
	touched := len(vertexMs)
	if vertexMs == nil {
		var src []route.Source
		for i, s := range starts {
			if s.Snap.Seg >= 0 && int(s.Snap.Seg) < len(g.SegU) {
				src = route.OutSources(s.Snap, int32(i), src)
			}
		}
		d := route.NewDijkstra(g)
		d.Run(false, src, limitMs)
		timeOf, touched = d.Time, len(d.Touched())
	}

	// Vertices in EPSG:3067, projected when first needed.
	idx := make([]int32, g.NumVertices())
	for i := range idx {
		idx[i] = -1
	}
	pts := make([]orb.Point, 0, touched)
	at := func(v int32) orb.Point {
		if idx[v] < 0 {
			e, n := geo.ToTM35(g.Lon[v], g.Lat[v])
			idx[v] = int32(len(pts))
			pts = append(pts, orb.Point{e, n})
		}
		return pts[idx[v]]
	}
	out := make([]piece, 0, 3*len(starts)+2*touched+16)
	for _, s := range starts {
		e, n := geo.ToTM35(s.Lon, s.Lat)
		out = append(out, newPiece(e, n, e, n, 0, 0))
		sn := s.Snap
		if sn.Seg < 0 || int(sn.Seg) >= len(g.SegU) {
			continue
		}
		se, snn := geo.ToTM35(sn.Lon, sn.Lat)
		for _, a := range sn.Out {
			if a.V < 0 || a.TimeMs == graph.NoTime {
				continue
			}
			b := at(a.V)
			out = append(out, newPiece(se, snn, b[0], b[1], float64(sn.ConnMs), float64(a.TimeMs)))
		}
	}
	for k := range g.SegU {
		u, v := g.SegU[k], g.SegV[k]
		// Each direction starts when the vertex it leaves from is
		// reached: u and v, or their turn copies in a car graph with
		// turn restrictions (see graph.Graph.FwdEnds).
		fu, _ := g.FwdEnds(int32(k))
		bv, _ := g.BwdEnds(int32(k))
		tu, tv := timeOf(fu), timeOf(bv)
		if tu > limitMs {
			tu = route.Unreached
		}
		if tv > limitMs {
			tv = route.Unreached
		}
		if tu != route.Unreached && g.SegFwdMs[k] != graph.NoTime {
			a, b := at(u), at(v)
			out = append(out, newPiece(a[0], a[1], b[0], b[1], float64(tu), float64(g.SegFwdMs[k])))
		}
		if tv != route.Unreached && g.SegBwdMs[k] != graph.NoTime {
			a, b := at(v), at(u)
			out = append(out, newPiece(a[0], a[1], b[0], b[1], float64(tv), float64(g.SegBwdMs[k])))
		}
	}
	return out
}

// frame sizes the raster to cover every piece's reach, aligned to
// multiples of the resolution.
func frame(pieces []piece, w walker, limit float64, o Options) (geo.Raster, error) {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for i := range pieces {
		p := &pieces[i]
		rr := w.reach(p, limit)
		bx, by := p.end()
		minX, maxX = min(minX, p.ax-rr, bx-rr), max(maxX, p.ax+rr, bx+rr)
		minY, maxY = min(minY, p.ay-rr, by-rr), max(maxY, p.ay+rr, by+rr)
	}
	res := o.ResolutionM
	if !(minX <= maxX) {
		return geo.Raster{}, fmt.Errorf("%w: nothing to cover", ErrOptions)
	}
	x0, y0 := math.Floor(minX/res)*res, math.Floor(minY/res)*res
	wf, hf := math.Floor((maxX-x0)/res)+1, math.Floor((maxY-y0)/res)+1
	if wf*hf > float64(o.MaxCells) {
		return geo.Raster{}, fmt.Errorf("%w: %.0f x %.0f cells of %g m (more than %d): use a coarser resolution or a smaller time limit",
			ErrTooBig, wf, hf, res, o.MaxCells)
	}
	r := geo.Raster{Origin: orb.Point{x0, y0}, CellSize: res, W: int(wf), H: int(hf)}
	r.Values = make([]float64, r.W*r.H)
	for i := range r.Values {
		r.Values[i] = math.Inf(1)
	}
	return r, nil
}

// fill lowers each cell to the best time over the pieces that reach it,
// then turns times beyond the limit into NaN and milliseconds into
// minutes. Workers take bands of rows; each cell is written by one worker
// and the minimum does not depend on the order, so the result is the same
// for any number of workers.
func fill(ctx context.Context, r *geo.Raster, pieces []piece, w walker, limit float64, workers int) error {
	const bandRows = 16
	bands := (r.H + bandRows - 1) / bandRows
	workers = max(1, min(workers, bands))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				b := int(next.Add(1) - 1)
				if b >= bands || ctx.Err() != nil {
					return
				}
				fillRows(r, pieces, w, limit, b*bandRows, min(r.H, (b+1)*bandRows)-1)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, t := range r.Values {
		if t > limit {
			r.Values[i] = math.NaN()
		} else {
			r.Values[i] = t / 60000
		}
	}
	return nil
}

// fillRows applies every piece to the rows lo..hi.
func fillRows(r *geo.Raster, pieces []piece, w walker, limit float64, lo, hi int) {
	res, x0, y0 := r.CellSize, r.Origin[0], r.Origin[1]
	for i := range pieces {
		p := &pieces[i]
		rr := w.reach(p, limit)
		bx, by := p.end()
		// Rows and columns whose centre (x0 + (c+0.5) res) lies within
		// the piece's box.
		r0 := max(lo, int(math.Ceil((min(p.ay, by)-rr-y0)/res-0.5)))
		r1 := min(hi, int(math.Floor((max(p.ay, by)+rr-y0)/res-0.5)))
		if r0 > r1 {
			continue
		}
		c0 := max(0, int(math.Ceil((min(p.ax, bx)-rr-x0)/res-0.5)))
		c1 := min(r.W-1, int(math.Floor((max(p.ax, bx)+rr-x0)/res-0.5)))
		for row := r0; row <= r1; row++ {
			y := y0 + (float64(row)+0.5)*res
			vals := r.Values[row*r.W : (row+1)*r.W]
			for c := c0; c <= c1; c++ {
				if p.t0 >= vals[c] {
					continue // no place on the piece is reached earlier
				}
				x := x0 + (float64(c)+0.5)*res
				if t := w.time(p, x, y); t < vals[c] {
					vals[c] = t
				}
			}
		}
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
