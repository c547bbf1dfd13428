package demo

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// vertexSet merges points closer than tol into one shared vertex, so that
// neighbouring cells computed separately share exact coordinates.
type vertexSet struct {
	tol  float64
	pts  []xy
	grid map[[2]int64][]int32
}

func newVertexSet(tol float64) *vertexSet {
	return &vertexSet{tol: tol, grid: map[[2]int64][]int32{}}
}

func (s *vertexSet) key(p xy) [2]int64 {
	return [2]int64{int64(math.Floor(p.X / s.tol)), int64(math.Floor(p.Y / s.tol))}
}

// id returns the vertex at p, creating it unless one lies within tol.
func (s *vertexSet) id(p xy) int32 {
	k := s.key(p)
	for dx := int64(-1); dx <= 1; dx++ {
		for dy := int64(-1); dy <= 1; dy++ {
			for _, v := range s.grid[[2]int64{k[0] + dx, k[1] + dy}] {
				if s.pts[v].dist(p) <= s.tol {
					return v
				}
			}
		}
	}
	v := int32(len(s.pts))
	s.pts = append(s.pts, p)
	s.grid[k] = append(s.grid[k], v)
	return v
}

// region is a municipality's polygon: outer rings counter-clockwise, each
// with its holes (clockwise), as vertex ids of a shared vertexSet, without
// closing points.
type region struct {
	polys [][][]int32 // polygon -> ring (outer first) -> vertex ids
}

var errRings = errors.New("demo: region boundary does not close into rings")

// dissolve unites the cells of each group (cells[i] belongs to group[i])
// into regions whose boundaries use the shared vertices of vs.
func dissolve(vs *vertexSet, cells [][]xy, group []int, groups int) ([]region, error) {
	// Cells as vertex-id rings without repeated points.
	type edge struct{ a, b int32 }
	edges := make([]map[edge]bool, groups)
	for g := range edges {
		edges[g] = map[edge]bool{}
	}
	for i, c := range cells {
		if len(c) < 3 {
			continue
		}
		ids := make([]int32, 0, len(c))
		for _, p := range c {
			v := vs.id(p)
			if len(ids) == 0 || ids[len(ids)-1] != v {
				ids = append(ids, v)
			}
		}
		for len(ids) > 1 && ids[0] == ids[len(ids)-1] {
			ids = ids[:len(ids)-1]
		}
		if len(ids) < 3 {
			continue
		}
		g := group[i]
		for k := range ids {
			e := edge{ids[k], ids[(k+1)%len(ids)]}
			if edges[g][edge{e.b, e.a}] { // shared with a cell of the same group
				delete(edges[g], edge{e.b, e.a})
				continue
			}
			edges[g][e] = true
		}
	}
	out := make([]region, groups)
	for g := range groups {
		// Boundary edges in a fixed order, outgoing lists per vertex.
		list := make([]edge, 0, len(edges[g]))
		for e := range edges[g] {
			list = append(list, e)
		}
		slices.SortFunc(list, func(x, y edge) int {
			return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
		})
		outgoing := map[int32][]int{}
		for i, e := range list {
			outgoing[e.a] = append(outgoing[e.a], i)
		}
		used := make([]bool, len(list))
		var rings [][]int32
		for start := range list {
			if used[start] {
				continue
			}
			used[start] = true
			ring := []int32{list[start].a}
			cur := start
			for steps := 0; ; steps++ {
				if steps > len(list) {
					return nil, fmt.Errorf("%w: group %d", errRings, g)
				}
				e := list[cur]
				next, best := -1, math.Inf(-1)
				din := vs.pts[e.b].sub(vs.pts[e.a])
				for _, k := range outgoing[e.b] {
					if used[k] && k != start {
						continue
					}
					dout := vs.pts[list[k].b].sub(vs.pts[list[k].a])
					turn := math.Atan2(din.cross(dout), din.dot(dout))
					if turn > best {
						next, best = k, turn
					}
				}
				if next < 0 {
					return nil, fmt.Errorf("%w: group %d at vertex %d", errRings, g, e.b)
				}
				if next == start {
					break
				}
				used[next] = true
				ring = append(ring, e.b)
				cur = next
			}
			if len(ring) >= 3 {
				rings = append(rings, ring)
			}
		}
		out[g] = assembleRegion(vs, rings)
	}
	return out, nil
}

// assembleRegion sorts rings into outer rings (counter-clockwise) with the
// holes (clockwise) that lie inside them.
func assembleRegion(vs *vertexSet, rings [][]int32) region {
	coords := func(r []int32) []xy {
		p := make([]xy, len(r))
		for i, v := range r {
			p[i] = vs.pts[v]
		}
		return p
	}
	var outers, holes [][]int32
	for _, r := range rings {
		if ringArea(coords(r)) > 0 {
			outers = append(outers, r)
		} else {
			holes = append(holes, r)
		}
	}
	// Largest outer ring first.
	slices.SortStableFunc(outers, func(a, b []int32) int {
		return cmp.Compare(ringArea(coords(b)), ringArea(coords(a)))
	})
	polys := make([][][]int32, len(outers))
	for i, o := range outers {
		polys[i] = [][]int32{o}
	}
	for _, h := range holes {
		// A hole vertex that is not on the outer ring decides where it lies.
		best, bestArea := -1, math.Inf(1)
		for i, o := range outers {
			oc := coords(o)
			for _, v := range h {
				if slices.Contains(o, v) {
					continue
				}
				if inRing(vs.pts[v], oc) {
					if a := ringArea(oc); a < bestArea {
						best, bestArea = i, a
					}
				}
				break
			}
		}
		if best >= 0 {
			polys[best] = append(polys[best], h)
		}
	}
	return region{polys: polys}
}

// dropCollinear removes from every ring the vertices that lie on exactly
// two boundary edges and on the straight line between their neighbours
// (within tol metres). The decision is taken once per vertex for all rings,
// so neighbouring regions keep sharing exact coordinates.
func dropCollinear(vs *vertexSet, regions []region, tol float64) {
	nb := map[int32][]int32{} // undirected boundary neighbours
	add := func(a, b int32) {
		if !slices.Contains(nb[a], b) {
			nb[a] = append(nb[a], b)
		}
	}
	for _, r := range regions {
		for _, poly := range r.polys {
			for _, ring := range poly {
				for k := range ring {
					a, b := ring[k], ring[(k+1)%len(ring)]
					add(a, b)
					add(b, a)
				}
			}
		}
	}
	drop := map[int32]bool{}
	for v, n := range nb {
		if len(n) == 2 && segDist(vs.pts[v], vs.pts[n[0]], vs.pts[n[1]]) <= tol {
			drop[v] = true
		}
	}
	for _, r := range regions {
		for _, poly := range r.polys {
			for i, ring := range poly {
				kept := ring[:0]
				for _, v := range ring {
					if !drop[v] {
						kept = append(kept, v)
					}
				}
				poly[i] = kept
			}
		}
	}
}
