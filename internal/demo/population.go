package demo

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
)

// Population placement. Each 2022 municipality's population is shared
// among its postal-code areas in proportion to their 2022 populations, and
// each postal area's share is spread over 1 km grid cells around its
// centroid with a density that falls off from the centre. Cells must lie
// in the area's own (2026) municipality, away from lakes and at least
// cellMargin from any municipal boundary, so that every populated cell
// lies unambiguously inside its municipality's polygon.

const (
	cellSize   = 1000 // grid cell side, metres (EPSG:3067)
	cellMargin = 150  // least distance from a cell centre to a boundary, m
	lakeMargin = 300  // least distance from a cell centre to a lake, m
	perCell    = 20   // aimed-at people per rural cell
	minRadius  = 1500 // least radius of a postal area's spread, m
	townCell   = 200  // cells with at least this many people count as town
	oldTownPct = 24   // schematic share of people aged 65+ in town cells, %
	oldRuralPc = 30   // schematic share of people aged 65+ elsewhere, %
)

// popCell is a populated 1 km cell.
type popCell struct {
	e, n int32 // lower-left corner, EPSG:3067 metres
	muni int   // index into municipalities
	pop  int
	old  int // aged 65 or over (schematic share)
}

// centre returns the cell centre in the local plane.
func (c popCell) centre() xy {
	return xy{float64(c.e) + cellSize/2 - originE, float64(c.n) + cellSize/2 - originN}
}

// cellGrid records which municipality, if any, may hold people in each
// cell of a box.
type cellGrid struct {
	e0, n0 int32 // lower-left corner of the first cell, EPSG:3067 metres
	cols   int
	rows   int
	muni   []int8 // -1: no people here
}

func (g *cellGrid) centre(col, row int) xy {
	return xy{float64(g.e0) + float64(col*cellSize) + cellSize/2 - originE,
		float64(g.n0) + float64(row*cellSize) + cellSize/2 - originN}
}

func newCellGrid(b *boundaries, ls []lake) *cellGrid {
	bb := ringBox(b.outline)
	e0 := int32(math.Floor((bb.min.X+originE)/cellSize)) * cellSize
	n0 := int32(math.Floor((bb.min.Y+originN)/cellSize)) * cellSize
	g := &cellGrid{e0: e0, n0: n0}
	g.cols = int(math.Ceil((bb.max.X+originE-float64(e0))/cellSize)) + 1
	g.rows = int(math.Ceil((bb.max.Y+originN-float64(n0))/cellSize)) + 1
	g.muni = make([]int8, g.cols*g.rows)
	for row := range g.rows {
		for col := range g.cols {
			p := g.centre(col, row)
			m := b.locate(p)
			if m >= 0 && (b.nearBoundary(p, cellMargin) || inLake(ls, p, lakeMargin)) {
				m = -1
			}
			g.muni[row*g.cols+col] = int8(m)
		}
	}
	return g
}

// apportion splits total into integer parts proportional to weights by the
// largest-remainder method; ties go to the lower index. The parts sum to
// total exactly. All weights zero gives equal shares.
func apportion(total int, weights []float64) []int {
	out := make([]int, len(weights))
	if len(weights) == 0 || total <= 0 {
		return out
	}
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	ws := weights
	if sum <= 0 {
		ws = make([]float64, len(weights))
		for i := range ws {
			ws[i] = 1
		}
		sum = float64(len(ws))
	}
	rem := make([]float64, len(ws))
	given := 0
	for i, w := range ws {
		exact := float64(total) * w / sum
		out[i] = int(math.Floor(exact))
		rem[i] = exact - float64(out[i])
		given += out[i]
	}
	order := make([]int, len(ws))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for k := 0; given < total; k = (k + 1) % len(order) {
		out[order[k]]++
		given++
	}
	return out
}

// mix hashes integers into a float in [0, 1), for fixed pseudo-random
// variation.
func mix(vals ...int64) float64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, v := range vals {
		h ^= uint64(v)
		h += 0x9e3779b97f4a7c15
		h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9
		h = (h ^ (h >> 27)) * 0x94d049bb133111eb
		h ^= h >> 31
	}
	return float64(h>>11) / (1 << 53)
}

// placePopulation spreads the 2022 populations over 1 km cells.
func placePopulation(b *boundaries, ls []lake) ([]popCell, error) {
	g := newCellGrid(b, ls)
	pops := make([]int, len(g.muni))
	for _, grp := range postalAreas {
		code := fmt.Sprintf("%03d", grp.kunta)
		total := -1
		for _, p := range population2022 {
			if p.code == code {
				total = p.pop
			}
		}
		if total < 0 {
			return nil, fmt.Errorf("demo: no 2022 population for municipality %s", code)
		}
		m, err := b.municipalityOf2022(grp.kunta)
		if err != nil {
			return nil, err
		}
		w := make([]float64, len(grp.areas))
		for i, pa := range grp.areas {
			w[i] = float64(pa.pop)
		}
		for i, q := range apportion(total, w) {
			if q == 0 {
				continue
			}
			if err := spread(g, pops, grp.areas[i], m, q); err != nil {
				return nil, err
			}
		}
	}
	var cells []popCell
	for row := range g.rows {
		for col := range g.cols {
			k := row*g.cols + col
			if pops[k] == 0 {
				continue
			}
			pct := oldRuralPc
			if pops[k] >= townCell {
				pct = oldTownPct
			}
			cells = append(cells, popCell{
				e: g.e0 + int32(col*cellSize), n: g.n0 + int32(row*cellSize),
				muni: int(g.muni[k]), pop: pops[k], old: (pops[k]*pct + 50) / 100,
			})
		}
	}
	return cells, nil
}

// spread adds q people of postal area pa (in municipality m) to the cells
// around its centroid.
func spread(g *cellGrid, pops []int, pa postalArea, m, q int) error {
	c := toXY(pa.lon, pa.lat)
	r := math.Max(minRadius, math.Sqrt(pa.areaKm2*1e6/math.Pi))
	type cand struct {
		k int
		w float64
	}
	var cands []cand
	for try := 0; len(cands) == 0; try++ {
		if try == 12 {
			return fmt.Errorf("demo: postal area %05d has no cell in its municipality", pa.code)
		}
		col0 := int(math.Floor((c.X+originE-float64(g.e0)-r)/cellSize)) - 1
		row0 := int(math.Floor((c.Y+originN-float64(g.n0)-r)/cellSize)) - 1
		span := int(2*r/cellSize) + 3
		for row := max(0, row0); row < min(g.rows, row0+span); row++ {
			for col := max(0, col0); col < min(g.cols, col0+span); col++ {
				k := row*g.cols + col
				if int(g.muni[k]) != m {
					continue
				}
				d := g.centre(col, row).dist(c)
				if d > r {
					continue
				}
				jitter := 0.35 + 1.3*mix(int64(col), int64(row), int64(pa.code))
				cands = append(cands, cand{k, math.Exp(-2*d/r) * jitter})
			}
		}
		r *= 1.5
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(a.k, b.k))
	})
	n := min(len(cands), max(1, (q+perCell-1)/perCell))
	w := make([]float64, n)
	for i := range n {
		w[i] = cands[i].w
	}
	for i, v := range apportion(q, w) {
		pops[cands[i].k] += v
	}
	return nil
}
