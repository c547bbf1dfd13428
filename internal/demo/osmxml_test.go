package demo

import (
	"container/heap"
	"encoding/xml"
	"io"
	"math"
	"os"
	"strconv"
	"sync"
	"testing"
)

// osmData is roads.osm read back with encoding/xml.
type osmData struct {
	order []string // element names in document order: node, way
	nodes map[int64][2]float64
	ids   []int64
	ways  []osmWay
}

type osmWay struct {
	ID  int64 `xml:"id,attr"`
	Nds []struct {
		Ref int64 `xml:"ref,attr"`
	} `xml:"nd"`
	Tags []struct {
		K string `xml:"k,attr"`
		V string `xml:"v,attr"`
	} `xml:"tag"`
}

func (w osmWay) tag(k string) string {
	for _, t := range w.Tags {
		if t.K == k {
			return t.V
		}
	}
	return ""
}

func readOSM(t testing.TB, path string) *osmData {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	od := &osmData{nodes: map[int64][2]float64{}}
	sawRoot := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("roads.osm: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "osm":
			sawRoot = true
			for _, a := range se.Attr {
				if a.Name.Local == "version" && a.Value != "0.6" {
					t.Errorf("osm version %q", a.Value)
				}
			}
		case "node":
			var n struct {
				ID  int64   `xml:"id,attr"`
				Lat float64 `xml:"lat,attr"`
				Lon float64 `xml:"lon,attr"`
			}
			if err := d.DecodeElement(&n, &se); err != nil {
				t.Fatal(err)
			}
			if _, dup := od.nodes[n.ID]; dup {
				t.Fatalf("node %d twice", n.ID)
			}
			od.nodes[n.ID] = [2]float64{n.Lon, n.Lat}
			od.ids = append(od.ids, n.ID)
			od.order = append(od.order, "node")
		case "way":
			var w osmWay
			if err := d.DecodeElement(&w, &se); err != nil {
				t.Fatal(err)
			}
			od.ways = append(od.ways, w)
			od.order = append(od.order, "way")
		}
	}
	if !sawRoot {
		t.Fatal("no <osm> root")
	}
	return od
}

var (
	osmOnce   sync.Once
	osmLoaded *osmData
)

// demoOSM returns the generated roads.osm, parsed once.
func demoOSM(t testing.TB) *osmData {
	t.Helper()
	m := generated(t)
	osmOnce.Do(func() { osmLoaded = readOSM(t, m.Roads) })
	if osmLoaded == nil {
		t.Fatal("roads.osm could not be read")
	}
	return osmLoaded
}

func TestOSMStructure(t *testing.T) {
	od := demoOSM(t)
	if n := len(od.nodes); n < 3000 || n > 60000 {
		t.Errorf("%d nodes, want a few thousand to a few tens of thousands", n)
	}
	seenWay := false
	for _, kind := range od.order {
		if kind == "way" {
			seenWay = true
		} else if seenWay {
			t.Fatal("a node after a way")
		}
	}
	for i, id := range od.ids {
		if id <= 0 || (i > 0 && id <= od.ids[i-1]) {
			t.Fatalf("node ids not positive and ascending at %d: %d", i, id)
		}
	}
	classes := map[string]int{}
	ferries := 0
	wayIDs := map[int64]bool{}
	for _, w := range od.ways {
		if w.ID <= 0 || wayIDs[w.ID] {
			t.Fatalf("way id %d not positive or repeated", w.ID)
		}
		wayIDs[w.ID] = true
		if len(w.Nds) < 2 {
			t.Errorf("way %d has %d nodes", w.ID, len(w.Nds))
		}
		for _, nd := range w.Nds {
			if _, ok := od.nodes[nd.Ref]; !ok {
				t.Fatalf("way %d refers to missing node %d", w.ID, nd.Ref)
			}
		}
		if hw := w.tag("highway"); hw != "" {
			classes[hw]++
			if v, err := strconv.Atoi(w.tag("maxspeed")); err != nil || v < 30 || v > 120 {
				t.Errorf("way %d (%s): maxspeed %q", w.ID, hw, w.tag("maxspeed"))
			}
		}
		if w.tag("route") == "ferry" {
			ferries++
			if w.tag("motor_vehicle") != "yes" || w.tag("duration") != "00:10" {
				t.Errorf("ferry %d tags %v", w.ID, w.Tags)
			}
		}
		if w.tag("natural") == "water" && w.Nds[0].Ref != w.Nds[len(w.Nds)-1].Ref {
			t.Errorf("lake %d is not closed", w.ID)
		}
	}
	if ferries == 0 {
		t.Error("no route=ferry way")
	}
	for _, c := range []string{"primary", "secondary", "tertiary", "unclassified", "residential"} {
		if classes[c] == 0 {
			t.Errorf("no highway=%s", c)
		}
	}
}

// tmNodes returns the EPSG:3067 position of every node.
func (od *osmData) tmNodes() map[int64][2]float64 {
	out := make(map[int64][2]float64, len(od.nodes))
	for id, ll := range od.nodes {
		e, n := tm35(ll[0], ll[1])
		out[id] = [2]float64{e, n}
	}
	return out
}

func TestOSMRoadsAvoidLakes(t *testing.T) {
	od := demoOSM(t)
	tm := od.tmNodes()
	var lakes [][][2]float64
	for _, w := range od.ways {
		if w.tag("natural") == "water" {
			var r [][2]float64
			for _, nd := range w.Nds {
				r = append(r, tm[nd.Ref])
			}
			lakes = append(lakes, r)
		}
	}
	if len(lakes) < 3 {
		t.Fatalf("%d lakes, want some", len(lakes))
	}
	cross := func(a, b, c, d [2]float64) bool {
		o := func(p, q, r [2]float64) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
		return o(a, b, c)*o(a, b, d) < 0 && o(c, d, a)*o(c, d, b) < 0
	}
	for _, w := range od.ways {
		road := w.tag("highway") != ""
		fer := w.tag("route") == "ferry"
		if !road && !fer {
			continue
		}
		crosses := false
		for i := 0; i+1 < len(w.Nds); i++ {
			a, b := tm[w.Nds[i].Ref], tm[w.Nds[i+1].Ref]
			for _, l := range lakes {
				for k := 0; k+1 < len(l); k++ {
					if cross(a, b, l[k], l[k+1]) {
						crosses = true
					}
				}
			}
		}
		if road && crosses {
			t.Errorf("road way %d (%s) crosses a lake shore", w.ID, w.tag("name"))
		}
		if fer && !crosses {
			t.Errorf("ferry %d crosses no water", w.ID)
		}
	}
}

// roadGraphOf builds an adjacency list of the roads (and the ferries when
// withFerry) with lengths in metres.
func roadGraphOf(od *osmData, withFerry bool) map[int64]map[int64]float64 {
	tm := od.tmNodes()
	g := map[int64]map[int64]float64{}
	link := func(a, b int64) {
		d := math.Hypot(tm[a][0]-tm[b][0], tm[a][1]-tm[b][1])
		if g[a] == nil {
			g[a] = map[int64]float64{}
		}
		if g[b] == nil {
			g[b] = map[int64]float64{}
		}
		g[a][b], g[b][a] = d, d
	}
	for _, w := range od.ways {
		if w.tag("highway") == "" && !(withFerry && w.tag("route") == "ferry") {
			continue
		}
		for i := 0; i+1 < len(w.Nds); i++ {
			link(w.Nds[i].Ref, w.Nds[i+1].Ref)
		}
	}
	return g
}

type distItem struct {
	id int64
	d  float64
}
type distHeap []distItem

func (h distHeap) Len() int           { return len(h) }
func (h distHeap) Less(i, j int) bool { return h[i].d < h[j].d }
func (h distHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *distHeap) Push(x any)        { *h = append(*h, x.(distItem)) }
func (h *distHeap) Pop() any {
	o := *h
	x := o[len(o)-1]
	*h = o[:len(o)-1]
	return x
}

// shortest returns the Dijkstra distances from src.
func shortest(g map[int64]map[int64]float64, src int64) map[int64]float64 {
	dist := map[int64]float64{src: 0}
	h := &distHeap{{src, 0}}
	for h.Len() > 0 {
		it := heap.Pop(h).(distItem)
		if it.d > dist[it.id] {
			continue
		}
		for v, l := range g[it.id] {
			if d, ok := dist[v]; !ok || it.d+l < d {
				dist[v] = it.d + l
				heap.Push(h, distItem{v, it.d + l})
			}
		}
	}
	return dist
}

func TestOSMNetworkConnectedAndFerryShortens(t *testing.T) {
	od := demoOSM(t)
	g := roadGraphOf(od, false)
	var start int64
	for _, w := range od.ways {
		if w.tag("highway") != "" {
			start = w.Nds[0].Ref
			break
		}
	}
	dist := shortest(g, start)
	if len(dist) != len(g) {
		t.Errorf("roads fall apart: %d of %d road nodes reachable without the ferry", len(dist), len(g))
	}
	tm := od.tmNodes()
	for _, w := range od.ways {
		if w.tag("route") != "ferry" {
			continue
		}
		a, b := w.Nds[0].Ref, w.Nds[len(w.Nds)-1].Ref
		crossing := math.Hypot(tm[a][0]-tm[b][0], tm[a][1]-tm[b][1])
		around := shortest(g, a)[b]
		if around < 10*crossing {
			t.Errorf("ferry %d: %.0f m across, %.0f m by road; the ferry should shorten the trip a lot", w.ID, crossing, around)
		}
	}
}

// TestOSMReachesEveryCell checks that every populated cell centre has a
// road node within 1 km (in fact within a few hundred metres).
func TestOSMReachesEveryCell(t *testing.T) {
	m := generated(t)
	od := demoOSM(t)
	roadNode := map[int64]bool{}
	for _, w := range od.ways {
		if w.tag("highway") != "" {
			for _, nd := range w.Nds {
				roadNode[nd.Ref] = true
			}
		}
	}
	grid := map[[2]int64][][2]float64{}
	for id, p := range od.tmNodes() {
		if roadNode[id] {
			k := [2]int64{int64(p[0]) / 1000, int64(p[1]) / 1000}
			grid[k] = append(grid[k], p)
		}
	}
	worst := 0.0
	rows := readCSV(t, m.Population)
	for i, r := range rows[1:] {
		lon, _ := strconv.ParseFloat(r[0], 64)
		lat, _ := strconv.ParseFloat(r[1], 64)
		e, n := tm35(lon, lat)
		best := math.Inf(1)
		k := [2]int64{int64(e) / 1000, int64(n) / 1000}
		for dx := int64(-1); dx <= 1; dx++ {
			for dy := int64(-1); dy <= 1; dy++ {
				for _, p := range grid[[2]int64{k[0] + dx, k[1] + dy}] {
					best = math.Min(best, math.Hypot(p[0]-e, p[1]-n))
				}
			}
		}
		if best > 1000 {
			t.Fatalf("line %d: nearest road node %.0f m away", i+2, best)
		}
		worst = math.Max(worst, best)
	}
	if worst > 500 {
		t.Errorf("farthest cell is %.0f m from a road node, want a few hundred at most", worst)
	}
}
