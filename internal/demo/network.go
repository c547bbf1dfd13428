package demo

import "math"

// roadClass is an OSM highway class with its speed limit.
type roadClass struct {
	highway  string
	maxspeed int // km/h
}

var (
	// Main roads are primary rather than trunk: the walk and bike graphs
	// leave trunk roads out, and the schematic network has no parallel paths.
	trunk       = roadClass{"primary", 100}
	primary     = roadClass{"primary", 80}
	primary100  = roadClass{"primary", 100}
	secondary   = roadClass{"secondary", 80}
	tertiary    = roadClass{"tertiary", 80}
	residential = roadClass{"residential", 50}
	access      = roadClass{"unclassified", 60}
)

// wayKind tells roads, ferries and lakes apart.
type wayKind uint8

const (
	road wayKind = iota
	ferry
	water
)

// way is an OSM way of the demo network.
type way struct {
	kind  wayKind
	class roadClass
	name  string
	nodes []int32 // node indices (OSM id = index+1)
}

// network is the schematic road network under construction. Nodes are
// numbered in creation order; OSM ids are index+1.
type network struct {
	pts   []xy
	ways  []way
	index *nodeIndex // road nodes that access roads may attach to
}

func newNetwork() *network {
	return &network{index: newNodeIndex(2000)}
}

// node adds a node; attachable nodes go into the spatial index.
func (nw *network) node(p xy, attachable bool) int32 {
	id := int32(len(nw.pts))
	nw.pts = append(nw.pts, p)
	if attachable {
		nw.index.add(id, p)
	}
	return id
}

// nodeSpacing is the largest distance between consecutive road nodes.
const nodeSpacing = 500.0

// polyline adds the nodes of a road through the given points: the first
// and last are existing nodes, the points between are shape points, and
// new nodes are put at most nodeSpacing apart. snap may replace a new
// point by an existing node (a town street crossing), returning -1 to keep
// it. Consecutive repeats are dropped.
func (nw *network) polyline(from int32, shape []xy, to int32, snap func(xy) int32) []int32 {
	pts := append(append([]xy{nw.pts[from]}, shape...), nw.pts[to])
	ids := []int32{from}
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		n := max(1, int(math.Ceil(a.dist(b)/nodeSpacing)))
		for k := 1; k <= n; k++ {
			var id int32
			switch {
			case i+2 == len(pts) && k == n:
				id = to
			default:
				p := lerp(a, b, float64(k)/float64(n))
				id = -1
				if snap != nil {
					id = snap(p)
				}
				if id < 0 {
					id = nw.node(p, true)
				}
			}
			if ids[len(ids)-1] != id && !(len(ids) > 1 && ids[len(ids)-2] == id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// nodeIndex is a uniform bucket grid over node positions.
type nodeIndex struct {
	size    float64
	buckets map[[2]int32][]indexed
}

type indexed struct {
	id int32
	p  xy
}

func newNodeIndex(size float64) *nodeIndex {
	return &nodeIndex{size: size, buckets: map[[2]int32][]indexed{}}
}

func (ix *nodeIndex) key(p xy) [2]int32 {
	return [2]int32{int32(math.Floor(p.X / ix.size)), int32(math.Floor(p.Y / ix.size))}
}

func (ix *nodeIndex) add(id int32, p xy) {
	k := ix.key(p)
	ix.buckets[k] = append(ix.buckets[k], indexed{id, p})
}

// nearest returns up to k nodes nearest to p (ascending distance, ties by
// id) within maxDist metres.
func (ix *nodeIndex) nearest(p xy, k int, maxDist float64) []int32 {
	type cand struct {
		id int32
		d  float64
	}
	before := func(a, b cand) bool { return a.d < b.d || a.d == b.d && a.id < b.id }
	found := make([]cand, 0, k) // the best so far, sorted
	c := ix.key(p)
	for ring := int32(0); ; ring++ {
		for dx := -ring; dx <= ring; dx++ {
			for dy := -ring; dy <= ring; dy++ {
				if max(abs32(dx), abs32(dy)) != ring {
					continue
				}
				for _, e := range ix.buckets[[2]int32{c[0] + dx, c[1] + dy}] {
					d := p.dist(e.p)
					nc := cand{e.id, d}
					if d > maxDist || len(found) == k && !before(nc, found[k-1]) {
						continue
					}
					if len(found) < k {
						found = append(found, nc)
					} else {
						found[k-1] = nc
					}
					for i := len(found) - 1; i > 0 && before(found[i], found[i-1]); i-- {
						found[i], found[i-1] = found[i-1], found[i]
					}
				}
			}
		}
		// Every node not yet seen is at least this far from p.
		reach := float64(ring) * ix.size
		if len(found) == k && found[k-1].d <= reach || reach > maxDist {
			break
		}
	}
	out := make([]int32, len(found))
	for i, f := range found {
		out[i] = f.id
	}
	return out
}

func abs32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
