package plan

import "slices"

// shared holds what every search of a problem reads: the cost of each
// matrix entry and of each origin's fixed service.
type shared struct {
	p     *Problem
	cost  []float64 // per matrix entry
	fixed []float64 // per origin
	none  float64   // cost of an unreachable origin
	w     []float64
	tol   float64
}

func newShared(p *Problem) *shared {
	s := p.Sites
	sh := &shared{
		p:     p,
		cost:  make([]float64, len(s.TimeMs)),
		fixed: make([]float64, s.Origins),
		none:  p.cost(Unreachable),
		w:     p.Weights,
	}
	for k, t := range s.TimeMs {
		sh.cost[k] = p.cost(t)
	}
	var total float64
	for i := range sh.fixed {
		sh.fixed[i] = p.cost(p.fixed(i))
		total += sh.w[i]
	}
	sh.tol = swapTolerance * total * sh.none
	return sh
}

// engine is the state of one search: per origin, the cost of its nearest
// open service (fixed services included), which open site that is (-1: a
// fixed service or none) and the cost of the best service other than
// that one.
type engine struct {
	*shared
	best    []float64
	second  []float64
	near    []int32
	isOpen  []bool
	slot    []int32 // position of an open site in the open list; -1 if closed
	corr    []float64
	scratch []float64
}

func (sh *shared) engine() *engine {
	s := sh.p.Sites
	return &engine{
		shared: sh,
		best:   make([]float64, s.Origins),
		second: make([]float64, s.Origins),
		near:   make([]int32, s.Origins),
		isOpen: make([]bool, s.Sites),
		slot:   make([]int32, s.Sites),
	}
}

// reset opens every site (open) or none, and rebuilds the state.
func (e *engine) reset(open bool) {
	for j := range e.isOpen {
		e.isOpen[j] = open
	}
	e.recompute()
}

// openSites returns the open sites in ascending order.
func (e *engine) openSites() []int32 {
	var out []int32
	for j, o := range e.isOpen {
		if o {
			out = append(out, int32(j))
		}
	}
	return out
}

// recompute rebuilds best, second, near and the slots from the open sites.
func (e *engine) recompute() {
	copy(e.best, e.fixed)
	for i := range e.second {
		e.second[i] = e.none
		e.near[i] = -1
	}
	n := int32(0)
	for j, o := range e.isOpen {
		e.slot[j] = -1
		if o {
			e.slot[j] = n
			n++
			e.offer(int32(j))
		}
	}
}

// offer lets site j serve the origins it reaches where it is better.
func (e *engine) offer(j int32) {
	s := e.p.Sites
	for k := s.Start[j]; k < s.Start[j+1]; k++ {
		i, c := s.Origin[k], e.cost[k]
		if c < e.best[i] {
			e.second[i], e.best[i], e.near[i] = e.best[i], c, j
		} else if c < e.second[i] {
			e.second[i] = c
		}
	}
}

// open opens site j, updating the state incrementally.
func (e *engine) open(j int32) {
	e.isOpen[j] = true
	e.offer(j)
	e.renumber()
}

// close closes site j and rebuilds the state.
func (e *engine) close(j int32) {
	e.isOpen[j] = false
	e.recompute()
}

func (e *engine) renumber() {
	n := int32(0)
	for j, o := range e.isOpen {
		e.slot[j] = -1
		if o {
			e.slot[j] = n
			n++
		}
	}
}

// gain is the drop in cost from opening the closed site j.
func (e *engine) gain(j int32) float64 {
	s := e.p.Sites
	var g float64
	for k := s.Start[j]; k < s.Start[j+1]; k++ {
		i := s.Origin[k]
		if d := e.best[i] - e.cost[k]; d > 0 {
			g += e.w[i] * d
		}
	}
	return g
}

// gains returns the gain of opening each site alone in the current state
// (0 for open sites).
func (e *engine) gains() []float64 {
	g := make([]float64, len(e.isOpen))
	for j, o := range e.isOpen {
		if !o {
			g[j] = e.gain(int32(j))
		}
	}
	return g
}

// losses returns, per open slot, the rise in cost from closing that site
// alone: L_p = sum over the origins it serves of w_i (second_i - best_i).
func (e *engine) losses(nOpen int) []float64 {
	l := slices.Grow(e.scratch[:0], nOpen)[:nOpen]
	clear(l)
	for i, n := range e.near {
		if n >= 0 {
			l[e.slot[n]] += e.w[i] * (e.second[i] - e.best[i])
		}
	}
	e.scratch = l
	return l
}

// cheapestClosure returns the open site whose closure raises the cost
// least, the lowest index among equals.
func (e *engine) cheapestClosure() int32 {
	open := e.openSites()
	l := e.losses(len(open))
	best := 0
	for q := range open {
		if l[q] < l[best] {
			best = q
		}
	}
	return open[best]
}

// firstChoices ranks the sites by their effect alone, best first: for
// opening, the largest of the given gains; for closing (every site open),
// the smallest loss. Ties go to the lowest index. Only the first m are
// returned.
func (e *engine) firstChoices(m int, closing bool, gains []float64) []int32 {
	type eff struct {
		j int32
		v float64 // smaller is better
	}
	var all []eff
	if closing {
		open := e.openSites()
		for q, l := range e.losses(len(open)) {
			all = append(all, eff{open[q], l})
		}
	} else {
		for j, g := range gains {
			all = append(all, eff{int32(j), -g})
		}
	}
	slices.SortStableFunc(all, func(a, b eff) int {
		switch {
		case a.v < b.v:
			return -1
		case a.v > b.v:
			return 1
		}
		return 0
	})
	out := make([]int32, 0, min(m, len(all)))
	for _, x := range all[:min(m, len(all))] {
		out = append(out, x.j)
	}
	return out
}

// improve applies the best swap of an open site for a closed one while it
// lowers the cost by more than the tolerance. For a closed site c and an
// open site p the change is
//
//	Δ(c, p) = L_p - G_c + sum over origins i that c reaches and p serves of
//	          w_i (min(c_ic, second_i) - second_i + max(0, best_i - c_ic))
//
// where G_c is the gain of opening c alone and L_p the loss of closing p
// alone; the last term corrects both for the origins they share. Ties go
// to the lowest closed site, then the lowest open one.
func (e *engine) improve() (swaps int, converged bool) {
	s := e.p.Sites
	for swaps < maxSwaps {
		open := e.openSites()
		if len(open) == 0 || len(open) == s.Sites {
			return swaps, true
		}
		L := e.losses(len(open))
		e.corr = slices.Grow(e.corr[:0], len(open))[:len(open)]
		bestD, bestIn, bestOut := -e.tol, int32(-1), int32(-1)
		for c := range int32(s.Sites) {
			if e.isOpen[c] {
				continue
			}
			clear(e.corr)
			var g float64
			for k := s.Start[c]; k < s.Start[c+1]; k++ {
				i, x := s.Origin[k], e.cost[k]
				b, w := e.best[i], e.w[i]
				if x < b {
					g += w * (b - x)
				}
				if n := e.near[i]; n >= 0 {
					if sec := e.second[i]; x < sec {
						e.corr[e.slot[n]] += w * (x - sec + max(0, b-x))
					}
				}
			}
			for q, p := range open {
				if d := L[q] - g + e.corr[q]; d < bestD {
					bestD, bestIn, bestOut = d, c, p
				}
			}
		}
		if bestIn < 0 {
			return swaps, true
		}
		e.isOpen[bestOut], e.isOpen[bestIn] = false, true
		e.recompute()
		swaps++
	}
	return swaps, false
}
