package netfile

import (
	"github.com/saavu/saavu/internal/graph"
)

// encodeGraph adds the sections of one street graph.
func encodeGraph(e *encoder, g *graph.Graph) {
	one(e, g.WalkSpeed)
	section(e, g.Lon)
	section(e, g.Lat)
	section(e, g.NodeID)
	section(e, g.FirstOut)
	section(e, g.Head)
	section(e, g.TimeMs)
	section(e, g.LenM)
	section(e, g.RevFirstOut)
	section(e, g.RevHead)
	section(e, g.RevTimeMs)
	section(e, g.RevLenM)
	section(e, g.SegU)
	section(e, g.SegV)
	section(e, g.SegLenM)
	section(e, g.SegFwdMs)
	section(e, g.SegBwdMs)
	section(e, g.SegWay)
	section(e, g.SegFwdFrom)
	section(e, g.SegFwdTo)
	section(e, g.SegBwdFrom)
	section(e, g.SegBwdTo)
	section(e, g.TurnVia)
	section(e, g.TurnFirst)
	fs := g.Ferries
	way := make([]int64, len(fs))
	u := make([]int32, len(fs))
	v := make([]int32, len(fs))
	ms := make([]uint32, len(fs))
	lenM := make([]float32, len(fs))
	for i, f := range fs {
		way[i], u[i], v[i], ms[i], lenM[i] = f.WayID, f.U, f.V, f.TimeMs, f.LenM
	}
	section(e, way)
	stringsSection(e, len(fs), func(i int) string { return fs[i].Name })
	section(e, u)
	section(e, v)
	section(e, ms)
	section(e, lenM)
}

// decodeGraph reads the sections of one street graph and checks that
// every index is in range.
func decodeGraph(d *decoder, mode graph.Mode) *graph.Graph {
	g := &graph.Graph{Mode: mode}
	g.WalkSpeed = getOne[float64](d, "WalkSpeed")
	g.Lon = get[float64](d, "Lon")
	nv := len(g.Lon)
	g.Lat = column[float64](d, "Lat", nv)
	g.NodeID = column[int64](d, "NodeID", nv)
	g.FirstOut = column[int32](d, "FirstOut", nv+1)
	g.Head = get[int32](d, "Head")
	ne := len(g.Head)
	g.TimeMs = column[uint32](d, "TimeMs", ne)
	g.LenM = column[float32](d, "LenM", ne)
	g.RevFirstOut = column[int32](d, "RevFirstOut", nv+1)
	g.RevHead = column[int32](d, "RevHead", ne)
	g.RevTimeMs = column[uint32](d, "RevTimeMs", ne)
	g.RevLenM = column[float32](d, "RevLenM", ne)
	g.SegU = get[int32](d, "SegU")
	ns := len(g.SegU)
	g.SegV = column[int32](d, "SegV", ns)
	g.SegLenM = column[float32](d, "SegLenM", ns)
	g.SegFwdMs = column[uint32](d, "SegFwdMs", ns)
	g.SegBwdMs = column[uint32](d, "SegBwdMs", ns)
	g.SegWay = column[int64](d, "SegWay", ns)
	// Turn copies: all empty without turn restrictions, else one of each
	// per segment, and TurnFirst one longer than TurnVia.
	fwdFrom := get[int32](d, "SegFwdFrom")
	turnSegs := 0
	if len(fwdFrom) > 0 {
		turnSegs = ns
	}
	fwdTo := column[int32](d, "SegFwdTo", len(fwdFrom))
	bwdFrom := column[int32](d, "SegBwdFrom", len(fwdFrom))
	bwdTo := column[int32](d, "SegBwdTo", len(fwdFrom))
	if d.err == nil && len(fwdFrom) != turnSegs {
		d.failf("SegFwdFrom", ErrCorrupt, "%d values for %d segments", len(fwdFrom), ns)
	}
	turnVia := get[int32](d, "TurnVia")
	turnFirst := get[int32](d, "TurnFirst")
	if d.err == nil && len(turnVia) > 0 && len(turnFirst) != len(turnVia)+1 {
		d.failf("TurnFirst", ErrCorrupt, "%d offsets for %d via nodes", len(turnFirst), len(turnVia))
	}
	if len(fwdFrom) > 0 {
		g.SegFwdFrom, g.SegFwdTo, g.SegBwdFrom, g.SegBwdTo = fwdFrom, fwdTo, bwdFrom, bwdTo
	}
	if len(turnVia) > 0 {
		g.TurnVia, g.TurnFirst = turnVia, turnFirst
	}
	way := get[int64](d, "Ferries.WayID")
	nf := len(way)
	names := getStrings(d, "Ferries.Name", nf)
	u := column[int32](d, "Ferries.U", nf)
	v := column[int32](d, "Ferries.V", nf)
	ms := column[uint32](d, "Ferries.TimeMs", nf)
	lenM := column[float32](d, "Ferries.LenM", nf)
	if d.err != nil {
		return nil
	}
	if nf > 0 {
		g.Ferries = make([]graph.Ferry, nf)
		for i := range g.Ferries {
			g.Ferries[i] = graph.Ferry{WayID: way[i], Name: names[i], U: u[i], V: v[i], TimeMs: ms[i], LenM: lenM[i]}
		}
	}
	checkOffsets(d, "FirstOut", g.FirstOut, ne)
	checkOffsets(d, "RevFirstOut", g.RevFirstOut, ne)
	checkIndices(d, "Head", g.Head, 0, nv)
	checkIndices(d, "RevHead", g.RevHead, 0, nv)
	checkIndices(d, "SegU", g.SegU, 0, nv)
	checkIndices(d, "SegV", g.SegV, 0, nv)
	checkTurns(d, g, nv)
	checkIndices(d, "Ferries.U", u, 0, nv)
	checkIndices(d, "Ferries.V", v, 0, nv)
	if d.err != nil {
		return nil
	}
	return g
}

// checkOffsets checks CSR offsets: from 0, never decreasing, ending at n.
func checkOffsets(d *decoder, field string, off []int32, n int) {
	if d.err != nil {
		return
	}
	if len(off) == 0 || off[0] != 0 || int(off[len(off)-1]) != n {
		d.failf(field, ErrCorrupt, "offsets do not run from 0 to %d", n)
		return
	}
	for i := 1; i < len(off); i++ {
		if off[i] < off[i-1] {
			d.failf(field, ErrCorrupt, "offset %d decreases", i)
			return
		}
	}
}

// checkIndices checks that every value lies in [lo, hi).
func checkIndices(d *decoder, field string, idx []int32, lo, hi int) {
	if d.err != nil {
		return
	}
	for i, v := range idx {
		if int(v) < lo || int(v) >= hi {
			d.failf(field, ErrCorrupt, "value %d at %d is outside %d..%d", v, i, lo, hi-1)
			return
		}
	}
}

// checkTurns checks the turn copies: offsets rising from 0, via nodes
// ascending below the copies, and segment ends in range.
func checkTurns(d *decoder, g *graph.Graph, nv int) {
	if d.err != nil || len(g.TurnVia) == 0 {
		if d.err == nil && g.SegFwdFrom != nil {
			d.failf("SegFwdFrom", ErrCorrupt, "segment ends without turn copies")
		}
		return
	}
	tf := g.TurnFirst
	copies := int(tf[len(tf)-1])
	if tf[0] != 0 || copies > nv {
		d.failf("TurnFirst", ErrCorrupt, "offsets do not run from 0 to at most %d", nv)
		return
	}
	for i := 1; i < len(tf); i++ {
		if tf[i] <= tf[i-1] {
			d.failf("TurnFirst", ErrCorrupt, "offset %d does not rise", i)
			return
		}
	}
	nn := nv - copies
	for i, v := range g.TurnVia {
		if v < 0 || int(v) >= nn || i > 0 && v <= g.TurnVia[i-1] {
			d.failf("TurnVia", ErrCorrupt, "value %d at %d is not an ascending node vertex below %d", v, i, nn)
			return
		}
	}
	checkIndices(d, "SegU", g.SegU, 0, nn)
	checkIndices(d, "SegV", g.SegV, 0, nn)
	for _, c := range []struct {
		name string
		idx  []int32
	}{{"SegFwdFrom", g.SegFwdFrom}, {"SegFwdTo", g.SegFwdTo}, {"SegBwdFrom", g.SegBwdFrom}, {"SegBwdTo", g.SegBwdTo}} {
		if c.idx == nil {
			d.failf(c.name, ErrCorrupt, "missing beside turn copies")
			return
		}
		checkIndices(d, c.name, c.idx, 0, nv)
	}
}
