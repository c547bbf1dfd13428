package geo

import "github.com/paulmach/orb"

// findConflict returns the lowest pair (i, j), i < j, of segments for which
// conflict(i, j) holds, considering only pairs whose bounding boxes touch.
//
// Consecutive segments of a boundary lie close together, so a binary tree
// of index ranges with their bounding boxes makes a good bounding-volume
// hierarchy; the tree is walked against itself and only segment pairs from
// overlapping leaves are compared: O(n log n) for boundary-like input.
func findConflict(segs [][2]orb.Point, conflict func(i, j int) bool) (int, int, bool) {
	if len(segs) < 2 {
		return -1, -1, false
	}
	s := conflictSearch{t: newSegTree(segs), conflict: conflict, bestI: -1, bestJ: -1}
	s.visit(0, 0)
	return s.bestI, s.bestJ, s.bestI >= 0
}

// segTreeLeaf is the number of segments per leaf of a segTree.
const segTreeLeaf = 8

type segNode struct {
	lo, hi      int32 // segment index range [lo, hi)
	left, right int32 // child node indices, -1 for a leaf
	b           orb.Bound
}

type segTree []segNode

func newSegTree(segs [][2]orb.Point) segTree {
	t := make(segTree, 0, 2*len(segs)/segTreeLeaf+2)
	var build func(lo, hi int) int32
	build = func(lo, hi int) int32 {
		id := int32(len(t))
		t = append(t, segNode{lo: int32(lo), hi: int32(hi), left: -1, right: -1})
		if hi-lo <= segTreeLeaf {
			b := orb.Bound{Min: segs[lo][0], Max: segs[lo][0]}
			for i := lo; i < hi; i++ {
				b = b.Extend(segs[i][0]).Extend(segs[i][1])
			}
			t[id].b = b
			return id
		}
		mid := (lo + hi) / 2
		l := build(lo, mid)
		r := build(mid, hi)
		t[id].left, t[id].right = l, r
		t[id].b = t[l].b.Union(t[r].b)
		return id
	}
	build(0, len(segs))
	return t
}

type conflictSearch struct {
	t            segTree
	conflict     func(i, j int) bool
	bestI, bestJ int
}

func (s *conflictSearch) visit(a, b int32) {
	na, nb := &s.t[a], &s.t[b]
	if !na.b.Intersects(nb.b) {
		return
	}
	// Pairs that cannot beat the best found so far are skipped.
	if s.bestI >= 0 && int(min(na.lo, nb.lo)) > s.bestI {
		return
	}
	switch {
	case a == b && na.left >= 0:
		s.visit(na.left, na.left)
		s.visit(na.left, na.right)
		s.visit(na.right, na.right)
	case na.left >= 0 && (nb.left < 0 || na.hi-na.lo >= nb.hi-nb.lo):
		s.visit(na.left, b)
		s.visit(na.right, b)
	case nb.left >= 0:
		s.visit(a, nb.left)
		s.visit(a, nb.right)
	default:
		s.leafPairs(na, nb, a == b)
	}
}

func (s *conflictSearch) leafPairs(na, nb *segNode, same bool) {
	for e := na.lo; e < na.hi; e++ {
		f0 := nb.lo
		if same {
			f0 = e + 1
		}
		for f := f0; f < nb.hi; f++ {
			i, j := int(min(e, f)), int(max(e, f))
			if i == j || !s.conflict(i, j) {
				continue
			}
			if s.bestI < 0 || i < s.bestI || (i == s.bestI && j < s.bestJ) {
				s.bestI, s.bestJ = i, j
			}
		}
	}
}

// segmentsOverlapOrCross reports whether two segments of a set of rings
// that may touch each other at vertices meet illegally: they cross or
// touch anywhere other than at an endpoint they share, or they share an
// endpoint and run along each other from it.
func segmentsOverlapOrCross(a, b, c, d orb.Point) bool {
	var s, u, v orb.Point
	switch {
	case a == c:
		s, u, v = a, b, d
	case a == d:
		s, u, v = a, b, c
	case b == c:
		s, u, v = b, a, d
	case b == d:
		s, u, v = b, a, c
	default:
		return segmentsIntersect(a, b, c, d)
	}
	if u == v {
		return true // the same segment twice
	}
	return orient(s, u, v) == 0 && (u[0]-s[0])*(v[0]-s[0])+(u[1]-s[1])*(v[1]-s[1]) > 0
}
