package plan

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Unreachable is the time of a site that does not reach an origin.
const Unreachable = math.MaxUint32

// Sparse is a site x origin matrix of times in compressed sparse row form
// by site: site j reaches the origins Origin[Start[j]:Start[j+1]], in
// strictly ascending order, in TimeMs[Start[j]:Start[j+1]]. Absent pairs
// are unreachable.
type Sparse struct {
	Sites, Origins int
	Start          []int32 // len Sites+1
	Origin         []int32
	TimeMs         []uint32
}

// Column returns the origins site j reaches and the times.
func (s Sparse) Column(j int) (origins []int32, timesMs []uint32) {
	a, b := s.Start[j], s.Start[j+1]
	return s.Origin[a:b], s.TimeMs[a:b]
}

// Validate reports a malformed matrix.
func (s Sparse) Validate() error {
	if s.Sites < 0 || s.Origins < 0 || len(s.Start) != s.Sites+1 || len(s.Origin) != len(s.TimeMs) {
		return fmt.Errorf("plan: sparse times: %d sites with %d offsets, %d origins with %d times", s.Sites, len(s.Start), len(s.Origin), len(s.TimeMs))
	}
	if s.Start[0] != 0 || int(s.Start[s.Sites]) != len(s.Origin) {
		return errors.New("plan: sparse times: offsets do not span the entries")
	}
	for j := range s.Sites {
		if s.Start[j] > s.Start[j+1] {
			return fmt.Errorf("plan: sparse times: offsets of site %d decrease", j)
		}
	}
	for j := range s.Sites {
		prev := int32(-1)
		for k := s.Start[j]; k < s.Start[j+1]; k++ {
			o := s.Origin[k]
			if o <= prev || int(o) >= s.Origins {
				return fmt.Errorf("plan: sparse times: site %d entry %d names origin %d (after %d, of %d origins)", j, k-s.Start[j], o, prev, s.Origins)
			}
			prev = o
		}
	}
	return nil
}

// FromDense builds the sparse matrix of a dense site x origin matrix,
// row-major by site (entry j*origins+i), keeping the reachable pairs.
func FromDense(timesMs []uint32, sites, origins int) (Sparse, error) {
	if sites < 0 || origins < 0 || len(timesMs) != sites*origins {
		return Sparse{}, fmt.Errorf("plan: dense times: %d values for %d sites x %d origins", len(timesMs), sites, origins)
	}
	s := Sparse{Sites: sites, Origins: origins, Start: make([]int32, sites+1)}
	for j := range sites {
		for i, t := range timesMs[j*origins : (j+1)*origins] {
			if t != Unreachable {
				s.Origin = append(s.Origin, int32(i))
				s.TimeMs = append(s.TimeMs, t)
			}
		}
		s.Start[j+1] = int32(len(s.Origin))
	}
	return s, nil
}

// FromOriginLists builds the matrix from per-origin lists (such as the
// reach lists of package access): origin i reaches sites
// site[start[i]:start[i+1]] in timeMs[start[i]:start[i+1]]. A site listed
// twice for one origin keeps its shortest time.
func FromOriginLists(sites int, start, site []int32, timeMs []uint32) (Sparse, error) {
	origins := len(start) - 1
	if origins < 0 || len(site) != len(timeMs) || start[0] != 0 || int(start[origins]) != len(site) {
		return Sparse{}, fmt.Errorf("plan: origin lists: %d offsets for %d sites and %d times", len(start), len(site), len(timeMs))
	}
	s := Sparse{Sites: sites, Origins: origins, Start: make([]int32, sites+1)}
	for i := range origins {
		if start[i] > start[i+1] {
			return Sparse{}, fmt.Errorf("plan: origin lists: offsets of origin %d decrease", i)
		}
	}
	for k, j := range site {
		if j < 0 || int(j) >= sites {
			return Sparse{}, fmt.Errorf("plan: origin lists: entry %d names site %d of %d", k, j, sites)
		}
		if timeMs[k] != Unreachable {
			s.Start[j+1]++
		}
	}
	for j := range sites {
		s.Start[j+1] += s.Start[j]
	}
	s.Origin = make([]int32, s.Start[sites])
	s.TimeMs = make([]uint32, s.Start[sites])
	fill := slices.Clone(s.Start[:sites])
	for i := range origins {
		for k := start[i]; k < start[i+1]; k++ {
			j, t := site[k], timeMs[k]
			if t == Unreachable {
				continue
			}
			// Origins arrive in ascending order; a repeat of the same
			// origin for this site keeps the shorter time.
			if f := fill[j]; f > s.Start[j] && s.Origin[f-1] == int32(i) {
				s.TimeMs[f-1] = min(s.TimeMs[f-1], t)
				continue
			}
			s.Origin[fill[j]], s.TimeMs[fill[j]] = int32(i), t
			fill[j]++
		}
	}
	// Close the gaps that repeated pairs left.
	if n := compact(&s, fill); n != len(s.Origin) {
		s.Origin, s.TimeMs = s.Origin[:n], s.TimeMs[:n]
	}
	return s, nil
}

// compact moves each site's entries (up to fill[j]) together and returns
// the number of entries kept.
func compact(s *Sparse, fill []int32) int {
	w := int32(0)
	for j := range s.Sites {
		a, b := s.Start[j], fill[j]
		s.Start[j] = w
		for k := a; k < b; k++ {
			s.Origin[w], s.TimeMs[w] = s.Origin[k], s.TimeMs[k]
			w++
		}
	}
	s.Start[s.Sites] = w
	return int(w)
}

// Nearest returns, per origin, the time to the nearest site (Unreachable
// when none reaches it): the FixedMs of a problem whose fixed services are
// these sites.
func (s Sparse) Nearest() []uint32 {
	t := make([]uint32, s.Origins)
	for i := range t {
		t[i] = Unreachable
	}
	for k, i := range s.Origin {
		t[i] = min(t[i], s.TimeMs[k])
	}
	return t
}
