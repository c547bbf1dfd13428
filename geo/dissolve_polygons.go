package geo

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// ErrDissolve is wrapped by the errors of DissolvePolygonsStrict.
var ErrDissolve = errors.New("geo: cannot dissolve polygons")

// snapScale is the rounding applied before comparing vertices: 1e-7 of the
// coordinate unit (0.1 µm in EPSG:3067, about 1 cm in degrees).
const snapScale = 1e7

// DissolvePolygons merges polygons that tile a larger region, such as the
// municipalities of a sub-region, into the region's outline. Ring edges
// shared by two parts (after rounding coordinates to 1e-7 of their unit)
// cancel and the remaining edges are relinked into rings; see
// DissolvePolygonsStrict. When that fails, because neighbouring boundaries
// do not share the same vertices, parts overlap or the result would not be
// valid, the parts are returned unchanged as one MultiPolygon, which still
// answers point-in-polygon questions correctly. The input is not modified.
func DissolvePolygons(parts []orb.MultiPolygon) orb.MultiPolygon {
	if out, err := DissolvePolygonsStrict(parts); err == nil {
		return out
	}
	var out orb.MultiPolygon
	for _, mp := range parts {
		for _, p := range mp {
			out = append(out, p.Clone())
		}
	}
	return out
}

// DissolvePolygonsStrict is DissolvePolygons without the fallback: it
// returns an error wrapping ErrDissolve, saying what went wrong and where,
// when the parts' shared boundaries do not cancel into a valid result.
//
// Parts are first brought to RFC 7946 orientation, so that a boundary
// shared by two neighbours runs in opposite directions; edges appearing
// twice (in either direction) cancel in pairs. Where several remaining
// edges leave a vertex, the walk takes the sharpest left turn, so parts
// touching at a single point stay separate polygons. The output keeps the
// first input coordinates seen for each rounded vertex, drops exactly
// collinear vertices, follows RFC 7946 orientation and orders rings and
// polygons by their lowest-leftmost vertex, like DissolveCells. The result
// is checked with Validate and its area must equal the parts' total area.
func DissolvePolygonsStrict(parts []orb.MultiPolygon) (orb.MultiPolygon, error) {
	fail := func(format string, a ...any) (orb.MultiPolygon, error) {
		return nil, fmt.Errorf("%w: "+format, append([]any{ErrDissolve}, a...)...)
	}
	var (
		ids    = map[[2]int64]int32{}
		coords []orb.Point
		edges  [][2]int32
		total  float64
		perim  float64
	)
	vertex := func(p orb.Point) (int32, bool) {
		x, y := math.Round(p[0]*snapScale), math.Round(p[1]*snapScale)
		if !(math.Abs(x) < 1<<62 && math.Abs(y) < 1<<62) {
			return 0, false
		}
		k := [2]int64{int64(x), int64(y)}
		id, ok := ids[k]
		if !ok {
			id = int32(len(coords))
			ids[k] = id
			coords = append(coords, p)
		}
		return id, true
	}
	for i, mp := range parts {
		total += Area(mp)
		for pi, poly := range Orient(mp) {
			for ri, r := range poly {
				if len(r) == 0 {
					continue
				}
				first, prev := int32(-1), int32(-1)
				for vi, p := range r {
					id, ok := vertex(p)
					if !ok {
						return fail("part %d polygon %d ring %d vertex %d: coordinate (%v, %v) out of range", i, pi, ri, vi, p[0], p[1])
					}
					if vi == 0 {
						first = id
					} else if id != prev {
						edges = append(edges, [2]int32{prev, id})
						perim += math.Hypot(p[0]-r[vi-1][0], p[1]-r[vi-1][1])
					}
					prev = id
				}
				if prev != first { // unclosed ring: close it
					edges = append(edges, [2]int32{prev, first})
				}
			}
		}
	}
	// Snapping moves each vertex by at most half a rounding step, which
	// changes the area by at most about perimeter times that step.
	areaTol := 1e-9*math.Abs(total) + perim/snapScale
	edges = cancelSharedEdges(edges)
	if len(edges) == 0 {
		if math.Abs(total) > areaTol {
			return fail("every edge cancelled but the parts cover %v: parts are duplicates", total)
		}
		return nil, nil
	}
	out := make([][]int32, len(coords))
	in := make([]int32, len(coords))
	for k, e := range edges {
		out[e[0]] = append(out[e[0]], int32(k))
		in[e[1]]++
	}
	for v := range coords {
		if int(in[v]) != len(out[v]) {
			return fail("vertex (%v, %v): %d remaining edges arrive, %d leave; neighbouring boundaries do not match",
				coords[v][0], coords[v][1], in[v], len(out[v]))
		}
	}
	used := make([]bool, len(edges))
	var rings [][]int32
	for k := range edges {
		if used[k] {
			continue
		}
		walk := []int32{edges[k][0]}
		used[k] = true
		cur := edges[k]
		for cur[1] != edges[k][0] {
			next := sharpestLeft(coords, cur, out[cur[1]], edges, used)
			if next < 0 {
				return fail("vertex (%v, %v): no edge left to continue a ring", coords[cur[1]][0], coords[cur[1]][1])
			}
			used[next] = true
			walk = append(walk, cur[1])
			cur = edges[next]
		}
		var err error
		if rings, err = splitIDWalk(walk, coords, rings); err != nil {
			return nil, err
		}
	}
	mp, err := assembleRings(rings, coords)
	if err != nil {
		return nil, err
	}
	if err := Validate(mp); err != nil {
		return fail("result is not valid: %v", err)
	}
	if err := checkRingsApart(mp); err != nil {
		return nil, err
	}
	if a := Area(mp); math.Abs(a-total) > areaTol {
		return fail("result covers %v, parts cover %v: parts overlap or leave slivers", a, total)
	}
	return mp, nil
}

// checkRingsApart reports rings of mp that cross or run along each other
// (rings may touch at a vertex): that is what edges left over from
// neighbours whose shared boundary has different vertices look like.
func checkRingsApart(mp orb.MultiPolygon) error {
	var segs [][2]orb.Point
	for _, poly := range mp {
		for _, r := range poly {
			for i := 0; i+1 < len(r); i++ {
				segs = append(segs, [2]orb.Point{r[i], r[i+1]})
			}
		}
	}
	i, j, found := findConflict(segs, func(i, j int) bool {
		return segmentsOverlapOrCross(segs[i][0], segs[i][1], segs[j][0], segs[j][1])
	})
	if found {
		return fmt.Errorf("%w: edge %v-%v meets edge %v-%v; neighbouring boundaries do not match",
			ErrDissolve, segs[i][0], segs[i][1], segs[j][0], segs[j][1])
	}
	return nil
}

// cancelSharedEdges removes edges that occur twice: first pairs running in
// opposite directions, then pairs running the same way. The order of the
// remaining edges is kept.
func cancelSharedEdges(edges [][2]int32) [][2]int32 {
	groups := map[[2]int32][]int{}
	for k, e := range edges {
		key := [2]int32{min(e[0], e[1]), max(e[0], e[1])}
		groups[key] = append(groups[key], k)
	}
	drop := make([]bool, len(edges))
	for key, ks := range groups {
		if len(ks) < 2 {
			continue
		}
		var fwd, bwd []int
		for _, k := range ks {
			if edges[k][0] == key[0] {
				fwd = append(fwd, k)
			} else {
				bwd = append(bwd, k)
			}
		}
		for len(fwd) > 0 && len(bwd) > 0 {
			drop[fwd[0]], drop[bwd[0]] = true, true
			fwd, bwd = fwd[1:], bwd[1:]
		}
		for _, rest := range [][]int{fwd, bwd} {
			for len(rest) >= 2 {
				drop[rest[0]], drop[rest[1]] = true, true
				rest = rest[2:]
			}
		}
	}
	kept := edges[:0:0]
	for k, e := range edges {
		if !drop[k] {
			kept = append(kept, e)
		}
	}
	return kept
}

// sharpestLeft picks, among the unused edges leaving the end of cur, the
// one reached first when turning clockwise from the direction back along
// cur: the sharpest left turn. A turn straight back comes last.
func sharpestLeft(coords []orb.Point, cur [2]int32, cands []int32, edges [][2]int32, used []bool) int32 {
	v := coords[cur[1]]
	bx, by := coords[cur[0]][0]-v[0], coords[cur[0]][1]-v[1]
	best, bestAngle := int32(-1), math.Inf(1)
	for _, k := range cands {
		if used[k] {
			continue
		}
		w := coords[edges[k][1]]
		cx, cy := w[0]-v[0], w[1]-v[1]
		// Counter-clockwise angle from back to candidate in [0, 2π); the
		// clockwise angle is 2π minus it, 2π for the way straight back.
		ccw := math.Atan2(bx*cy-by*cx, bx*cx+by*cy)
		if ccw < 0 {
			ccw += 2 * math.Pi
		}
		if cw := 2*math.Pi - ccw; cw < bestAngle {
			best, bestAngle = k, cw
		}
	}
	return best
}

// splitIDWalk cuts a closed walk of vertex ids into simple cycles at
// repeated vertices, drops exactly collinear vertices and appends the
// cycles. A cycle that folds straight back on itself is an error.
func splitIDWalk(walk []int32, coords []orb.Point, out [][]int32) ([][]int32, error) {
	pos := make(map[int32]int, len(walk))
	stack := make([]int32, 0, len(walk))
	var err error
	for _, v := range walk {
		if p, ok := pos[v]; ok {
			if out, err = appendIDCycle(out, stack[p:], coords); err != nil {
				return nil, err
			}
			for _, u := range stack[p+1:] {
				delete(pos, u)
			}
			stack = stack[:p+1]
			continue
		}
		pos[v] = len(stack)
		stack = append(stack, v)
	}
	return appendIDCycle(out, stack, coords)
}

func appendIDCycle(out [][]int32, cyc []int32, coords []orb.Point) ([][]int32, error) {
	n := len(cyc)
	r := make([]int32, 0, n)
	for i, id := range cyc {
		p, v, q := coords[cyc[(i+n-1)%n]], coords[id], coords[cyc[(i+1)%n]]
		ux, uy, wx, wy := v[0]-p[0], v[1]-p[1], q[0]-v[0], q[1]-v[1]
		if ux*wy-uy*wx == 0 {
			if ux*wx+uy*wy < 0 {
				return nil, fmt.Errorf("%w: ring folds back at (%v, %v); neighbouring boundaries do not match", ErrDissolve, v[0], v[1])
			}
			continue
		}
		r = append(r, id)
	}
	if len(r) < 3 {
		return nil, fmt.Errorf("%w: degenerate ring of %d vertices after merging", ErrDissolve, len(r))
	}
	start := 0
	for i, id := range r {
		a, b := coords[id], coords[r[start]]
		if a[1] < b[1] || (a[1] == b[1] && a[0] < b[0]) {
			start = i
		}
	}
	return append(out, append(slices.Clone(r[start:]), r[:start]...)), nil
}

// assembleRings gives each clockwise ring to the smallest counter-clockwise
// ring around it and sorts the polygons.
func assembleRings(rings [][]int32, coords []orb.Point) (orb.MultiPolygon, error) {
	type ringInfo struct {
		r    orb.Ring
		area float64
	}
	var exts, holes []ringInfo
	for _, ids := range rings {
		r := make(orb.Ring, 0, len(ids)+1)
		for _, id := range ids {
			r = append(r, coords[id])
		}
		r = append(r, r[0])
		a := RingArea(r)
		switch {
		case a > 0:
			exts = append(exts, ringInfo{r, a})
		case a < 0:
			holes = append(holes, ringInfo{r, a})
		default:
			return nil, fmt.Errorf("%w: ring at (%v, %v) has zero area", ErrDissolve, r[0][0], r[0][1])
		}
	}
	byStart := func(a, b ringInfo) int {
		if c := cmp.Compare(a.r[0][1], b.r[0][1]); c != 0 {
			return c
		}
		if c := cmp.Compare(a.r[0][0], b.r[0][0]); c != 0 {
			return c
		}
		return cmp.Compare(math.Abs(a.area), math.Abs(b.area))
	}
	slices.SortStableFunc(exts, byStart)
	slices.SortStableFunc(holes, byStart)
	out := make(orb.MultiPolygon, len(exts))
	for i, e := range exts {
		out[i] = orb.Polygon{e.r}
	}
	if len(holes) == 0 {
		return out, nil
	}
	bySize := make([]int, len(exts))
	for i := range bySize {
		bySize[i] = i
	}
	slices.SortStableFunc(bySize, func(a, b int) int { return cmp.Compare(exts[a].area, exts[b].area) })
	polys := make([]orb.MultiPolygon, len(exts))
	for k, i := range bySize {
		polys[k] = orb.MultiPolygon{{exts[i].r}}
	}
	ix := NewPolygonIndex(polys)
	for _, h := range holes {
		// A point just left of the middle of the hole's longest edge lies
		// in the polygon that owns the hole.
		p := insideLeftOf(h.r)
		k := ix.Locate(p)
		if k < 0 {
			return nil, fmt.Errorf("%w: hole at (%v, %v) lies in no exterior ring", ErrDissolve, h.r[0][0], h.r[0][1])
		}
		i := bySize[k]
		out[i] = append(out[i], h.r)
	}
	return out, nil
}

// insideLeftOf returns a point a small step to the left of the midpoint of
// the ring's longest edge.
func insideLeftOf(r orb.Ring) orb.Point {
	best, bestLen := 0, -1.0
	for i := 0; i+1 < len(r); i++ {
		if l := math.Hypot(r[i+1][0]-r[i][0], r[i+1][1]-r[i][1]); l > bestLen {
			best, bestLen = i, l
		}
	}
	a, b := r[best], r[best+1]
	dx, dy := (b[0]-a[0])/bestLen, (b[1]-a[1])/bestLen
	step := 1e-6 * bestLen
	return orb.Point{(a[0]+b[0])/2 - dy*step, (a[1]+b[1])/2 + dx*step}
}
