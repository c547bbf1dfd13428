package route

import "github.com/saavu/saavu/internal/graph"

// Points off the graph are attached by a graph.Snap: a walked connector to
// the snapped point, then along the segment to one of its end vertices.

// OutSources returns the sources of a forward search that starts at the
// snapped point s: its end vertices, reached along the segment after the
// connector.
func OutSources(s graph.Snap, tag int32, dst []Source) []Source {
	for _, a := range s.Out {
		if a.V >= 0 && a.TimeMs != graph.NoTime {
			dst = append(dst, Source{V: a.V, TimeMs: s.ConnMs + a.TimeMs, LenM: s.ConnM + float64(a.LenM), Tag: tag})
		}
	}
	return dst
}

// InSources returns the sources of a reverse search towards the snapped
// point s: the end vertices from which the segment leads to s.
func InSources(s graph.Snap, tag int32, dst []Source) []Source {
	for _, a := range s.In {
		if a.V >= 0 && a.TimeMs != graph.NoTime {
			dst = append(dst, Source{V: a.V, TimeMs: s.ConnMs + a.TimeMs, LenM: s.ConnM + float64(a.LenM), Tag: tag})
		}
	}
	return dst
}

// ToPoint returns the time, length and tag of the best path of the last
// forward search that ends at the snapped point s (Unreached if none).
func (d *Dijkstra) ToPoint(s graph.Snap) (uint32, float64, int32) {
	return d.viaAnchors(s, s.In)
}

// FromPoint returns the time, length and tag of the best path from the
// snapped point s to a source of the last reverse search.
func (d *Dijkstra) FromPoint(s graph.Snap) (uint32, float64, int32) {
	return d.viaAnchors(s, s.Out)
}

func (d *Dijkstra) viaAnchors(s graph.Snap, anchors [2]graph.Anchor) (uint32, float64, int32) {
	best, bestLen, bestTag := uint32(Unreached), 0.0, int32(-1)
	for _, a := range anchors {
		if a.V < 0 || a.TimeMs == graph.NoTime {
			continue
		}
		tv := d.time[a.V]
		if tv == Unreached {
			continue
		}
		t := uint64(tv) + uint64(a.TimeMs) + uint64(s.ConnMs)
		if t >= Unreached {
			continue
		}
		l := d.length[a.V] + float64(a.LenM) + s.ConnM
		if uint32(t) < best || (uint32(t) == best && d.tag[a.V] < bestTag) {
			best, bestLen, bestTag = uint32(t), l, d.tag[a.V]
		}
	}
	return best, bestLen, bestTag
}
