package travel

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/graph"
	"github.com/saavu/saavu/internal/ptaccess"
)

// Unreachable is the time of a pair that is not reached.
const Unreachable = access.Unreachable

// ErrInput marks errors caused by the inputs or options rather than by a
// failure while computing.
var ErrInput = errors.New("travel: bad input")

// Services are the service points every Source of a run routes to: one
// snap per service on the mode's graph and its category.
type Services struct {
	Snaps []graph.Snap
	// Category of each service, 0..Categories-1; a negative value leaves
	// the service out.
	Category   []int32
	Categories int
}

// only returns the snaps with every service not of category c unsnapped.
func (s Services) only(c int) []graph.Snap {
	out := make([]graph.Snap, len(s.Snaps))
	for i, sn := range s.Snaps {
		out[i] = sn
		if int(s.Category[i]) != c {
			out[i].Seg = -1
		}
	}
	return out
}

// has reports whether a service of category c is snapped.
func (s Services) has(c int) bool {
	for i, sn := range s.Snaps {
		if int(s.Category[i]) == c && sn.Seg >= 0 {
			return true
		}
	}
	return false
}

func (s Services) check() error {
	if len(s.Category) != len(s.Snaps) {
		return fmt.Errorf("%w: %d categories for %d services", ErrInput, len(s.Category), len(s.Snaps))
	}
	for i, c := range s.Category {
		if int(c) >= s.Categories {
			return fmt.Errorf("%w: service %d has category %d of %d", ErrInput, i, c, s.Categories)
		}
	}
	return nil
}

// Nearest is, for one category, the time from every origin to the nearest
// service of that category.
type Nearest struct {
	// The main column (Source.Main): time, network length and the nearest
	// service (-1 where unreachable or where the mode does not tell which
	// service it is, e.g. a transit journey whose nearest service changes
	// from one departure to the next).
	access.Nearest
	// Pct[k][i] is the time at percentile k of a timetabled mode; nil for
	// a time-independent mode.
	Pct [][]uint32
	// Why tells why origin i reaches no service in the main column
	// (Reached where it does; an unsnapped origin is left to the caller,
	// who knows why it did not snap).
	Why []Why
	// TransitWhy, for NoCar only, is why public transport alone reaches no
	// service from origin i (Reached where it does), whether or not
	// walking reaches one: it tells where the feeds serve no one.
	TransitWhy []Why
}

// Table holds times from origins to points per percentile column: entry
// (r, c, k) at TimeMs[(r*Cols+c)*Columns+k].
type Table struct {
	Rows, Cols, Columns int
	TimeMs              []uint32
	// LenM is the network length of each pair (same layout as TimeMs with
	// one column); nil when the mode does not give lengths.
	LenM []float64
}

// At returns the time from row r to column c at percentile column k.
func (t *Table) At(r, c, k int) uint32 { return t.TimeMs[(r*t.Cols+c)*t.Columns+k] }

func newTable(rows, cols, columns int) *Table {
	t := &Table{Rows: rows, Cols: cols, Columns: columns, TimeMs: make([]uint32, rows*cols*columns)}
	for i := range t.TimeMs {
		t.TimeMs[i] = Unreachable
	}
	return t
}

// Source gives the travel times of one mode from a fixed list of origins.
// Implementations are safe for use by several goroutines at once, and
// their answers do not depend on the number of workers.
type Source interface {
	// Mode is the mode's name in flags and outputs.
	Mode() graph.Mode
	// Graph is the street graph the origins and other points snap to
	// (the walk graph for transit and nocar).
	Graph() *graph.Graph
	// Percentiles are those of a timetabled mode's departure window, nil
	// for a time-independent mode.
	Percentiles() []int
	// Main is the percentile column the measures read (0 for a
	// time-independent mode).
	Main() int
	// Nearest returns, per category, the times to the nearest service.
	Nearest(ctx context.Context) ([]Nearest, error)
	// Reach returns the reach lists of category c at percentile column
	// k: per origin the services of c within limitMs (> 0) and the time
	// to each.
	Reach(ctx context.Context, c int, limitMs uint32, k int) (access.Reach, error)
	// NearestK returns, per origin, the times to the n nearest distinct
	// services of category c (n = 1..k) at percentile column k0.
	NearestK(ctx context.Context, c, k, k0 int) (access.NearestKResult, error)
	// ToPoints returns the times from every origin to dests (snapped to
	// the mode's graph; for transit and nocar, the walk graph).
	ToPoints(ctx context.Context, dests []graph.Snap) (*Table, error)
	// VertexTimes returns the time from the nearest of starts (snapped
	// to Graph(); not the origins) to every vertex of Graph() at
	// percentile column k, Unreachable beyond limitMs (> 0): the surface
	// isochrones are drawn from.
	VertexTimes(ctx context.Context, starts []graph.Snap, limitMs uint32, k int) ([]uint32, error)
}

// TableReach lists, per row of tab, the columns within limitMs (0 = every
// reached one) at percentile column k, as reach lists (rows as origins,
// columns as services).
func TableReach(tab *Table, limitMs uint32, k int) access.Reach {
	return tableReach(tab, limitMs, k, nil)
}

// tableReach is TableReach over the columns keep allows (nil: all).
func tableReach(tab *Table, limitMs uint32, k int, keep func(j int) bool) access.Reach {
	r := access.Reach{Origins: tab.Rows, Services: tab.Cols, LimitMs: limitMs, Start: make([]int32, tab.Rows+1)}
	for i := range tab.Rows {
		for j := range tab.Cols {
			if keep != nil && !keep(j) {
				continue
			}
			if v := tab.At(i, j, k); v != Unreachable && (limitMs == 0 || v <= limitMs) {
				r.Service = append(r.Service, int32(j))
				r.TimeMs = append(r.TimeMs, v)
			}
		}
		r.Start[i+1] = int32(len(r.Service))
	}
	return r
}

// Timetabled reports whether s has a departure window (one time per
// percentile rather than one per pair).
func Timetabled(s Source) bool { return s.Percentiles() != nil }

// Columns is the number of percentile columns of s's answers.
func Columns(s Source) int { return max(1, len(s.Percentiles())) }

// parallel calls f(0..n-1) on up to workers goroutines; results must go to
// index-owned slots. It stops handing out indices once ctx is done.
func parallel(ctx context.Context, n, workers int, f func(i int)) {
	if workers <= 1 || n <= 1 {
		for i := 0; i < n && ctx.Err() == nil; i++ {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(workers, n); w++ {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// once memoises one computation that may fail.
type once[T any] struct {
	mu   sync.Mutex
	done bool
	v    T
	err  error
}

func (o *once[T]) get(f func() (T, error)) (T, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.done {
		o.v, o.err = f()
		// A cancelled computation is tried again by the next caller.
		o.done = !errors.Is(o.err, context.Canceled) && !errors.Is(o.err, context.DeadlineExceeded)
	}
	return o.v, o.err
}

// put stores v as the memoised value unless one is there already.
func (o *once[T]) put(v T) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.done {
		o.v, o.err, o.done = v, nil, true
	}
}

// Journeys is implemented by the modes that ride: the shape of the journey
// at the main percentile from every origin to the nearest service of each
// category.
type Journeys interface {
	// MedianJourneys returns shapes[c][i] for origin i and category c;
	// an unreached pair has Rides -1.
	MedianJourneys(ctx context.Context) ([][]ptaccess.Shape, error)
}
