package travel

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
)

// Transit is walking plus public transport over a departure window
// (package ptaccess): walk to a stop, ride, transfer, walk to the
// destination, or walk all the way within the network's walk limit.
type Transit struct {
	Net      *ptaccess.Network
	Origins  []graph.Snap // snapped to Net's walk graph
	Services Services
	Window   ptaccess.Window
	Pcts     []int
	// MainPct is the column the measures read.
	MainPct int
	// ServiceTable makes Nearest compute, in the same range searches, the
	// origin x service table that Reach and NearestK read: set it when
	// they will be asked for, to route every origin once instead of twice.
	ServiceTable bool

	nearest  once[[]Nearest]
	services once[*Table] // every origin to every service
	journeys once[[][]ptaccess.Shape]
}

// Mode is graph.Transit.
func (t *Transit) Mode() graph.Mode { return graph.Transit }

// Graph is the network's walk graph.
func (t *Transit) Graph() *graph.Graph { return t.Net.Walk() }

// Percentiles are the window's.
func (t *Transit) Percentiles() []int { return t.Pcts }

// Main is MainPct.
func (t *Transit) Main() int { return t.MainPct }

// MaxTimeMs is the trip limit in milliseconds: a trip of this length or
// longer is unreachable.
func (t *Transit) MaxTimeMs() uint32 { return uint32(t.Net.Options().MaxTime.Milliseconds()) }

// Nearest computes the nearest service of every category at once
// (ptaccess.Network.NearestCategory). The nearest service may change from
// one departure to the next, so Service is -1 and LenM 0.
func (t *Transit) Nearest(ctx context.Context) ([]Nearest, error) {
	return t.nearest.get(func() ([]Nearest, error) {
		if err := t.Services.check(); err != nil {
			return nil, err
		}
		var dests []graph.Snap
		if t.ServiceTable {
			dests = t.serviceSnaps()
		}
		nc := t.Services.Categories
		mat, err := t.Net.NearestCategoryAndPoints(ctx, t.Origins, t.Services.Snaps, t.Services.Category, nc, dests, t.Window, t.Pcts)
		if err != nil {
			return nil, wrapPT(ctx, err)
		}
		if t.ServiceTable {
			tab := newTable(len(t.Origins), len(dests), len(t.Pcts))
			for i := range t.Origins {
				for j := range dests {
					for k := range t.Pcts {
						tab.TimeMs[(i*len(dests)+j)*len(t.Pcts)+k] = toMs(mat.At(i, nc+j, k))
					}
				}
			}
			t.services.put(tab)
		}
		out := make([]Nearest, t.Services.Categories)
		for c := range out {
			n := Nearest{Nearest: access.Nearest{TimeMs: make([]uint32, len(t.Origins)), LenM: make([]float64, len(t.Origins)), Service: make([]int32, len(t.Origins))}}
			n.Pct = make([][]uint32, len(t.Pcts))
			for k := range n.Pct {
				n.Pct[k] = make([]uint32, len(t.Origins))
				for i := range t.Origins {
					n.Pct[k][i] = toMs(mat.At(i, c, k))
				}
			}
			copy(n.TimeMs, n.Pct[t.MainPct])
			n.Why = transitWhy(t.Origins, n.TimeMs, mat.Access, t.Services.has(c))
			for i := range n.Service {
				n.Service[i] = -1
			}
			out[c] = n
		}
		return out, nil
	})
}

// serviceTable is the origin x service table, computed once.
func (t *Transit) serviceTable(ctx context.Context) (*Table, error) {
	return t.services.get(func() (*Table, error) {
		if err := t.Services.check(); err != nil {
			return nil, err
		}
		return t.ToPoints(ctx, t.serviceSnaps())
	})
}

// serviceSnaps are the services' snaps, those without a category
// unsnapped.
func (t *Transit) serviceSnaps() []graph.Snap {
	snaps := slices.Clone(t.Services.Snaps)
	for i, c := range t.Services.Category {
		if c < 0 {
			snaps[i].Seg = -1
		}
	}
	return snaps
}

// Reach lists the services of category c within limitMs at percentile
// column k, read from the origin x service table.
func (t *Transit) Reach(ctx context.Context, c int, limitMs uint32, k int) (access.Reach, error) {
	tab, err := t.serviceTable(ctx)
	if err != nil {
		return access.Reach{}, err
	}
	if max := t.MaxTimeMs(); limitMs >= max {
		return access.Reach{}, fmt.Errorf("%w: a limit of %.1f min is beyond the transit trip limit (%.1f min): raise --max-time", ErrInput, float64(limitMs)/60000, float64(max)/60000)
	}
	return categoryReach(tab, t.Services.Category, c, limitMs, k), nil
}

// NearestK ranks the services of category c of every origin by their time
// at percentile column k0. For k = 1 this can differ from Nearest, which
// takes the nearest service at each departure before the percentile.
func (t *Transit) NearestK(ctx context.Context, c, k, k0 int) (access.NearestKResult, error) {
	tab, err := t.serviceTable(ctx)
	if err != nil {
		return access.NearestKResult{}, err
	}
	r := categoryReach(tab, t.Services.Category, c, 0, k0)
	return kSmallest(r, k), nil
}

// ToPoints computes the percentiles of the travel time from every origin
// to every destination over the window (ptaccess.Network.Matrix).
func (t *Transit) ToPoints(ctx context.Context, dests []graph.Snap) (*Table, error) {
	mat, err := t.Net.Matrix(ctx, t.Origins, dests, t.Window, t.Pcts)
	if err != nil {
		return nil, wrapPT(ctx, err)
	}
	tab := &Table{Rows: mat.Rows, Cols: mat.Cols, Columns: len(t.Pcts), TimeMs: make([]uint32, len(mat.Seconds))}
	for i, v := range mat.Seconds {
		tab.TimeMs[i] = toMs(v)
	}
	return tab, nil
}

// toMs converts a ptaccess time in seconds to milliseconds.
func toMs[T ~int32](v T) uint32 {
	if v < 0 {
		return Unreachable
	}
	return uint32(v) * 1000
}

// wrapPT returns ctx's error when it is done, and marks ptaccess's input
// errors as ErrInput.
func wrapPT(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, ptaccess.ErrInput) {
		return fmt.Errorf("%w: %w", ErrInput, err)
	}
	return err
}

// categoryReach lists, per row, the services of category c within
// limitMs at column k.
func categoryReach(tab *Table, category []int32, c int, limitMs uint32, k int) access.Reach {
	return tableReach(tab, limitMs, k, func(j int) bool { return int(category[j]) == c })
}

// VertexTimes routes from the starts over the window and takes, per
// vertex of the walk graph, the percentile of the times over the
// departures (ptaccess.Network.VertexTimes), walking all the way within
// the walk limit.
func (t *Transit) VertexTimes(ctx context.Context, starts []graph.Snap, limitMs uint32, k int) ([]uint32, error) {
	return t.vertexTimes(ctx, starts, limitMs, k, uint32(t.Net.Options().MaxWalk.Milliseconds()))
}

func (t *Transit) vertexTimes(ctx context.Context, starts []graph.Snap, limitMs uint32, k int, directMs uint32) ([]uint32, error) {
	if k < 0 || k >= len(t.Pcts) {
		return nil, fmt.Errorf("%w: percentile column %d of %d", ErrInput, k, len(t.Pcts))
	}
	vt, err := t.Net.VertexTimes(ctx, starts, t.Window, t.Pcts[k:k+1], directMs, limitMs)
	if err != nil {
		return nil, wrapPT(ctx, err)
	}
	out := vt[0]
	for v, x := range out {
		if x > limitMs {
			out[v] = Unreachable
		}
	}
	return out, nil
}

// MedianJourneys gives the shape of the journey at the main percentile
// to the nearest service of each category (ptaccess.Network.MedianJourneys).
func (t *Transit) MedianJourneys(ctx context.Context) ([][]ptaccess.Shape, error) {
	return t.journeys.get(func() ([][]ptaccess.Shape, error) {
		nc := t.Services.Categories
		flat, err := t.Net.MedianJourneys(ctx, t.Origins, t.Services.Snaps, t.Services.Category, nc, t.Window, t.Pcts[t.MainPct])
		if err != nil {
			return nil, wrapPT(ctx, err)
		}
		out := make([][]ptaccess.Shape, nc)
		for c := range out {
			out[c] = make([]ptaccess.Shape, len(t.Origins))
			for i := range t.Origins {
				out[c][i] = flat[i*nc+c]
			}
		}
		return out, nil
	})
}
