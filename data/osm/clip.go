package osm

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Clip restricts reading to an area: see Options.Clip.
type Clip struct {
	// Box is a lon/lat box around the area, in degrees: a node outside
	// it is outside the area.
	Box Bounds
	// Inside, when not nil, tells whether a node within Box lies in the
	// area (for an area that is not a lon/lat box). It is called from
	// several goroutines at once and must not block.
	Inside func(lon, lat float64) bool
}

// contains reports whether a node at lon, lat lies in the area.
func (c *Clip) contains(lon, lat float64) bool {
	b := &c.Box
	if lon < b.MinLon || lon > b.MaxLon || lat < b.MinLat || lat > b.MaxLat {
		return false
	}
	return c.Inside == nil || c.Inside(lon, lat)
}

// check refuses a clip that can hold no node.
func (c *Clip) check() error {
	b := c.Box
	for _, v := range []float64{b.MinLon, b.MinLat, b.MaxLon, b.MaxLat} {
		if math.IsNaN(v) {
			return errors.New("osm: Options.Clip.Box has a NaN coordinate")
		}
	}
	if b.Empty() {
		return fmt.Errorf("osm: Options.Clip.Box %v..%v, %v..%v is empty", b.MinLon, b.MaxLon, b.MinLat, b.MaxLat)
	}
	return nil
}

// insideBatch is what the clip pass keeps of one block or run of nodes.
type insideBatch struct {
	ids       []int64 // nodes inside the area, in file order
	hasNodes  bool
	hasWays   bool // the block holds ways or relations (read again in pass 1)
	nNodes    int64
	nRelation int64 // relations seen (pass 1 of a PBF file may skip their blocks)
}

// idSet is a sorted set of node ids with a bucket index: ids are bucketed
// by (id-min) >> shift with about one id per bucket, so a lookup searches
// a handful of entries. It is read-only once built.
type idSet struct {
	ids   []int64
	min   int64
	shift uint
	start []int32 // start[b] is the first position of bucket b
}

// newIDSet sorts ids (in place or into a new slice), drops repeats and
// indexes them.
func newIDSet(ids []int64) *idSet {
	if !slices.IsSorted(ids) {
		ids = sortIDs(ids, make([]int64, len(ids)))
	}
	ids = slices.Clip(slices.Compact(ids))
	s := &idSet{ids: ids}
	if len(ids) == 0 || len(ids) >= math.MaxInt32 {
		return s
	}
	s.min = ids[0]
	span := uint64(ids[len(ids)-1] - ids[0])
	for span>>s.shift >= uint64(len(ids)) {
		s.shift++
	}
	nb := int(span>>s.shift) + 1
	s.start = make([]int32, nb+1)
	for _, id := range ids {
		s.start[uint64(id-s.min)>>s.shift+1]++
	}
	for b := range nb {
		s.start[b+1] += s.start[b]
	}
	return s
}

// has reports whether id is in the set.
func (s *idSet) has(id int64) bool {
	if s.start == nil {
		_, ok := slices.BinarySearch(s.ids, id)
		return ok
	}
	if id < s.min {
		return false
	}
	b := uint64(id-s.min) >> s.shift
	if b+1 >= uint64(len(s.start)) {
		return false
	}
	_, ok := slices.BinarySearch(s.ids[s.start[b]:s.start[b+1]], id)
	return ok
}

// anyIn reports whether one of the ids is in the set.
func (s *idSet) anyIn(ids []int64) bool {
	for _, id := range ids {
		if s.has(id) {
			return true
		}
	}
	return false
}
