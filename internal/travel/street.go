package travel

import (
	"context"

	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/route"
)

// Street is a time-independent mode on one street graph: walk, bike or car.
type Street struct {
	G        *graph.Graph
	Origins  []graph.Snap
	Services Services
	// LimitMs bounds the nearest-service searches (0 = none).
	LimitMs uint32
	Workers int

	nearest once[[]Nearest]
}

// Mode is the graph's mode.
func (s *Street) Mode() graph.Mode { return s.G.Mode }

// Graph is G.
func (s *Street) Graph() *graph.Graph { return s.G }

// Percentiles is nil: a street time is the same at every departure.
func (s *Street) Percentiles() []int { return nil }

// Main is 0.
func (s *Street) Main() int { return 0 }

// Nearest runs one multi-source search per category over the reversed
// graph (access.NearestService), the categories spread over the workers.
func (s *Street) Nearest(ctx context.Context) ([]Nearest, error) {
	return s.nearest.get(func() ([]Nearest, error) {
		if err := s.Services.check(); err != nil {
			return nil, err
		}
		out := make([]Nearest, s.Services.Categories)
		parallel(ctx, len(out), s.Workers, func(c int) {
			svc := s.Services.only(c)
			n := access.NearestService(s.G, s.Origins, svc, s.LimitMs)
			out[c] = Nearest{Nearest: n, Why: streetWhy(s.G, s.Origins, svc, n, s.LimitMs)}
		})
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return out, nil
	})
}

// Reach runs one bounded search per service of category c.
func (s *Street) Reach(ctx context.Context, c int, limitMs uint32, _ int) (access.Reach, error) {
	if err := ctx.Err(); err != nil {
		return access.Reach{}, err
	}
	return access.WithinReach(s.G, s.Origins, s.Services.only(c), limitMs, 1), nil
}

// NearestK runs one k-label search from the services of category c,
// bounded by LimitMs.
func (s *Street) NearestK(ctx context.Context, c, k, _ int) (access.NearestKResult, error) {
	if err := ctx.Err(); err != nil {
		return access.NearestKResult{}, err
	}
	return access.NearestK(s.G, s.Origins, s.Services.only(c), k, s.LimitMs), nil
}

// ToPoints runs one bounded forward search per origin.
func (s *Street) ToPoints(ctx context.Context, dests []graph.Snap) (*Table, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m := access.StreetMatrix(s.G, s.Origins, dests, s.LimitMs, s.Workers)
	return &Table{Rows: m.Rows, Cols: m.Cols, Columns: 1, TimeMs: m.TimeMs, LenM: m.LenM}, nil
}

// VertexTimes runs one multi-source search from the starts bounded by
// limitMs.
func (s *Street) VertexTimes(ctx context.Context, starts []graph.Snap, limitMs uint32, _ int) ([]uint32, error) {
	return walkVertexTimes(ctx, s.G, starts, limitMs)
}

// walkVertexTimes is a multi-source search on g from the starts.
func walkVertexTimes(ctx context.Context, g *graph.Graph, starts []graph.Snap, limitMs uint32) ([]uint32, error) {
	var src []route.Source
	for i, st := range starts {
		if st.Seg >= 0 {
			src = route.OutSources(st, int32(i), src)
		}
	}
	d := route.NewDijkstra(g)
	d.Run(false, src, limitMs)
	out := make([]uint32, g.NumVertices())
	for v := range out {
		out[v] = Unreachable
		if t := d.Time(int32(v)); t <= limitMs {
			out[v] = t
		}
	}
	return out, ctx.Err()
}
