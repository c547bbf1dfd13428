package synth

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/saavu/saavu/data/osm"
)

// metresPerDegree is the length of one degree of latitude (and of
// longitude at the equator) on the sphere graph.Build measures with.
const metresPerDegree = 6371008.8 * math.Pi / 180

// Town is one generated town: a street grid of Blocks x Blocks blocks of
// BlockM metres centred on (Lon, Lat), where it meets the rural lattice.
type Town struct {
	Lon, Lat float64
	Blocks   int
	BlockM   float64
	Centre   int64 // OSM node id of the centre junction
}

// Country is a generated street network with its towns.
type Country struct {
	Params  Params
	Extract *osm.Extract
	Towns   []Town

	// RuralWays is the range [From, To) of Extract.Ways that are rural
	// lattice roads (the others are town streets and spurs).
	RuralWays struct{ From, To int }

	// The lattice has cols x rows junctions, node ids 1 to cols*rows in
	// row-major order.
	cols, rows int
}

// Generate builds the country described by p.
func Generate(p Params) (*Country, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	g := &gen{
		p:   p,
		rng: rand.New(rand.NewPCG(p.Seed, 0x5aa7)),
		ext: &osm.Extract{Name: "synth", Format: osm.FormatPBF},
	}
	c := &Country{Params: p, Extract: g.ext}
	g.lattice()
	c.RuralWays.From, c.RuralWays.To = 0, len(g.ext.Ways)
	c.Towns = g.towns()
	c.cols, c.rows = g.cols, g.rows
	ext := g.ext
	ext.Counts.WaysKept = len(ext.Ways)
	ext.Counts.NodesKept = len(ext.NodeIDs)
	ext.Counts.Ways = int64(len(ext.Ways))
	ext.Counts.Nodes = int64(len(ext.NodeIDs))
	ext.Bounds = osm.Bounds{MinLon: math.Inf(1), MinLat: math.Inf(1), MaxLon: math.Inf(-1), MaxLat: math.Inf(-1)}
	for i := range ext.Lon {
		ext.Bounds.MinLon = min(ext.Bounds.MinLon, ext.Lon[i])
		ext.Bounds.MaxLon = max(ext.Bounds.MaxLon, ext.Lon[i])
		ext.Bounds.MinLat = min(ext.Bounds.MinLat, ext.Lat[i])
		ext.Bounds.MaxLat = max(ext.Bounds.MaxLat, ext.Lat[i])
	}
	return c, nil
}

// gen holds the state of one generation.
type gen struct {
	p   Params
	rng *rand.Rand
	ext *osm.Extract

	// Lattice junctions, row-major: junction (i, j) is node id jid(i, j).
	cols, rows int
	dLon, dLat float64
}

// node appends a node and returns its id; ids ascend from 1, so NodeIDs
// stays sorted.
func (g *gen) node(lon, lat float64) int64 {
	lon = min(max(lon, g.p.MinLon), g.p.MaxLon)
	lat = min(max(lat, g.p.MinLat), g.p.MaxLat)
	id := int64(len(g.ext.NodeIDs)) + 1
	g.ext.NodeIDs = append(g.ext.NodeIDs, id)
	g.ext.Lon = append(g.ext.Lon, lon)
	g.ext.Lat = append(g.ext.Lat, lat)
	return id
}

func (g *gen) way(nodes []int64, tags osm.Tags) {
	if len(nodes) < 2 {
		return
	}
	g.ext.Ways = append(g.ext.Ways, osm.Way{ID: int64(len(g.ext.Ways)) + 1, Nodes: nodes, Tags: tags})
}

func (g *gen) coord(id int64) (lon, lat float64) { return g.ext.Lon[id-1], g.ext.Lat[id-1] }

// offset moves (lon, lat) by dx metres east and dy metres north.
func offset(lon, lat, dx, dy float64) (float64, float64) {
	return lon + dx/(metresPerDegree*math.Cos(lat*math.Pi/180)), lat + dy/metresPerDegree
}

func (g *gen) jid(i, j int) int64 { return int64(j*g.cols+i) + 1 }

// Tag sets, shared by all ways of a class (read-only).
var (
	tagsPrimary      = osm.Tags{{Key: "highway", Value: "primary"}, {Key: "maxspeed", Value: "100"}}
	tagsSecondary    = osm.Tags{{Key: "highway", Value: "secondary"}, {Key: "maxspeed", Value: "80"}}
	tagsTertiary     = osm.Tags{{Key: "highway", Value: "tertiary"}, {Key: "maxspeed", Value: "60"}}
	tagsUnclassified = osm.Tags{{Key: "highway", Value: "unclassified"}, {Key: "maxspeed", Value: "FI:rural"}}
	tagsTrack        = osm.Tags{{Key: "highway", Value: "track"}}

	tagsTownMain  = osm.Tags{{Key: "highway", Value: "secondary"}, {Key: "maxspeed", Value: "50"}}
	tagsTownCross = osm.Tags{{Key: "highway", Value: "tertiary"}, {Key: "maxspeed", Value: "50"}}
	tagsRes30     = osm.Tags{{Key: "highway", Value: "residential"}, {Key: "maxspeed", Value: "30"}}
	tagsRes40     = osm.Tags{{Key: "highway", Value: "residential"}, {Key: "maxspeed", Value: "40"}}
	tagsRes       = osm.Tags{{Key: "highway", Value: "residential"}}
	tagsResOneway = osm.Tags{{Key: "highway", Value: "residential"}, {Key: "maxspeed", Value: "30"}, {Key: "oneway", Value: "yes"}}
	tagsFootway   = osm.Tags{{Key: "highway", Value: "footway"}}
	tagsService   = osm.Tags{{Key: "highway", Value: "service"}}
)

// ruralTags gives the class of lattice line k: every sixth a primary
// road, every third otherwise a secondary one, the rest minor roads.
func (g *gen) ruralTags(k int) osm.Tags {
	switch {
	case k%6 == 0:
		return tagsPrimary
	case k%3 == 0:
		return tagsSecondary
	}
	switch u := g.rng.Float64(); {
	case u < 0.40:
		return tagsTertiary
	case u < 0.95:
		return tagsUnclassified
	default:
		return tagsTrack
	}
}

// lattice lays the junctions and the rural roads between them.
func (g *gen) lattice() {
	p := g.p
	midLat := (p.MinLat + p.MaxLat) / 2
	g.dLat = p.RuralSpacingM / metresPerDegree
	g.dLon = p.RuralSpacingM / (metresPerDegree * math.Cos(midLat*math.Pi/180))
	g.rows = int((p.MaxLat-p.MinLat)/g.dLat) + 1
	g.cols = int((p.MaxLon-p.MinLon)/g.dLon) + 1
	for j := range g.rows {
		for i := range g.cols {
			lon := p.MinLon + float64(i)*g.dLon
			lat := p.MinLat + float64(j)*g.dLat
			lon, lat = offset(lon, lat, (g.rng.Float64()-0.5)*0.5*p.RuralSpacingM, (g.rng.Float64()-0.5)*0.5*p.RuralSpacingM)
			g.node(lon, lat)
		}
	}
	// Roads: rows first (east-west), then columns (north-south).
	for j := range g.rows {
		for i := range g.cols - 1 {
			if g.rng.Float64() < 1.0/6 {
				continue
			}
			g.road(g.jid(i, j), g.jid(i+1, j), g.ruralTags(j))
		}
	}
	for i := range g.cols {
		for j := range g.rows - 1 {
			if g.rng.Float64() < 1.0/6 {
				continue
			}
			g.road(g.jid(i, j), g.jid(i, j+1), g.ruralTags(i))
		}
	}
}

// road draws a rural road from junction a to junction b: shape nodes
// every RuralNodeM metres or so, bent sideways by up to 5% of its length.
func (g *gen) road(a, b int64, tags osm.Tags) {
	lon0, lat0 := g.coord(a)
	lon1, lat1 := g.coord(b)
	cos := math.Cos((lat0 + lat1) / 2 * math.Pi / 180)
	dx := (lon1 - lon0) * metresPerDegree * cos
	dy := (lat1 - lat0) * metresPerDegree
	length := math.Hypot(dx, dy)
	n := max(1, int(math.Round(length/g.p.RuralNodeM)))
	bend := (g.rng.Float64() - 0.5) * 0.1 * length
	nodes := make([]int64, 0, n+1)
	nodes = append(nodes, a)
	for k := 1; k < n; k++ {
		f := float64(k) / float64(n)
		side := bend*math.Sin(math.Pi*f) + (g.rng.Float64()-0.5)*0.1*g.p.RuralNodeM
		lon, lat := offset(lon0, lat0, f*dx-side*dy/length, f*dy+side*dx/length)
		nodes = append(nodes, g.node(lon, lat))
	}
	g.way(append(nodes, b), tags)
}

// towns picks distinct junctions, more in the south, and grows a town on
// each. Sampling without replacement by weight: the junctions with the
// largest u^(1/w) win.
func (g *gen) towns() []Town {
	n := g.rows * g.cols
	type cand struct {
		key float64
		id  int64
	}
	cands := make([]cand, n)
	for k := range n {
		id := int64(k) + 1
		_, lat := g.coord(id)
		w := math.Exp(-(lat - g.p.MinLat) / 3)
		cands[k] = cand{math.Pow(g.rng.Float64(), 1/w), id}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.key != b.key {
			if a.key > b.key {
				return -1
			}
			return 1
		}
		return int(a.id - b.id)
	})
	towns := make([]Town, 0, min(g.p.Towns, n))
	for _, c := range cands[:min(g.p.Towns, n)] {
		// Width in blocks: Pareto with exponent 1 from 4, capped.
		k := int(4 / max(1e-9, 1-g.rng.Float64()))
		k = min(k, g.p.MaxTownBlocks)
		k += k % 2 // even, so the centre is a grid node
		lon, lat := g.coord(c.id)
		t := Town{Lon: lon, Lat: lat, Blocks: k, BlockM: 70 + 80*g.rng.Float64(), Centre: c.id}
		g.town(t)
		towns = append(towns, t)
	}
	return towns
}

// town lays the street grid of t; its centre node is t.Centre.
func (g *gen) town(t Town) {
	k, h := t.Blocks, t.Blocks/2
	ids := make([]int64, (k+1)*(k+1))
	at := func(a, b int) *int64 { return &ids[b*(k+1)+a] }
	for b := 0; b <= k; b++ {
		for a := 0; a <= k; a++ {
			if a == h && b == h {
				*at(a, b) = t.Centre
				continue
			}
			dx := (float64(a-h) + (g.rng.Float64()-0.5)*0.4) * t.BlockM
			dy := (float64(b-h) + (g.rng.Float64()-0.5)*0.4) * t.BlockM
			lon, lat := offset(t.Lon, t.Lat, dx, dy)
			*at(a, b) = g.node(lon, lat)
		}
	}
	street := func(line int, node func(s int) int64) {
		tags := g.streetTags(line - h)
		cur := []int64{node(0)}
		for s := 1; s <= k; s++ {
			if line != h && g.rng.Float64() < 0.06 { // a missing segment
				g.way(cur, tags)
				cur = []int64{node(s)}
				continue
			}
			cur = append(cur, node(s))
		}
		g.way(cur, tags)
	}
	for b := 0; b <= k; b++ {
		street(b, func(s int) int64 { return *at(s, b) })
	}
	for a := 0; a <= k; a++ {
		street(a, func(s int) int64 { return *at(a, s) })
	}
	// Service spurs: dead ends off one node in twenty.
	for _, id := range ids {
		if g.rng.Float64() >= 0.05 {
			continue
		}
		lon, lat := g.coord(id)
		d := (0.3 + 0.2*g.rng.Float64()) * t.BlockM
		lon, lat = offset(lon, lat, d*0.7, d*0.7)
		g.way([]int64{id, g.node(lon, lat)}, tagsService)
	}
}

// streetTags gives the class of the town street d lines from the centre.
func (g *gen) streetTags(d int) osm.Tags {
	switch {
	case d == 0:
		return tagsTownMain
	case d%6 == 0:
		return tagsTownCross
	}
	switch u := g.rng.Float64(); {
	case u < 0.04:
		return tagsFootway
	case u < 0.09:
		return tagsResOneway
	case u < 0.45:
		return tagsRes30
	case u < 0.80:
		return tagsRes40
	default:
		return tagsRes
	}
}
