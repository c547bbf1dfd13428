package route

import (
	"math"
	"math/bits"

	"github.com/saavu/saavu/internal/transit"
)

// runMinute runs the RAPTOR rounds for one departure time, improving the
// labels left by later departure times (range RAPTOR: a journey that
// departs later can also be made by leaving now and waiting, so the labels
// of a later minute are upper bounds for this one).
//
// Round 0 sets the access walks. Round k boards vehicles at the stops whose
// board label of round k-1 improved in this minute, scanning each pattern
// over its marked positions, then relaxes the transfer lists once from the
// stops whose vehicle arrival a ride improved in round k (a transfer never
// follows another transfer). The labels of a round are merged into the
// next, so board[k] and veh[k] hold the best times with at most k vehicles.
// The last round needs no board labels and no transfers: only vehicle
// arrivals reach targets. On return r.egList lists the stops whose best
// vehicle arrival (vbest) improved in this minute.
//
// Arrivals at or after dep+MaxTime are dropped: they could not give a
// travel time below MaxTime, here or at an earlier minute.
func (r *Raptor) runMinute(dep transit.Seconds, access []StopTime) {
	n := r.numStops
	d := r.tt.day
	limit := dep + r.opts.MaxTime
	r.egList = r.egList[:0]
	r.egMinute = r.nextStamp()

	// Round 0: access walks.
	st := r.nextStamp()
	upd := r.updList[0][:0]
	ss := r.stamps
	b0 := r.board[:n]
	for _, a := range access {
		t := dep + a.Time
		if t < limit && t < b0[a.Stop] {
			b0[a.Stop] = t
			x := &ss[a.Stop]
			if x.upd[0] != st {
				x.upd[0] = st
				upd = append(upd, a.Stop)
			}
			x.mark[0] = st
			if r.par != nil {
				r.par.boardFrom[a.Stop] = parentAccess
			}
		}
	}
	r.updList[0] = upd
	r.vehUpd[0] = r.vehUpd[0][:0]
	prevSt := st

	last := r.rounds - 1
	for k := 1; k <= last; k++ {
		prev, cur := (k-1)&1, k&1
		prevUpd, prevVeh := r.updList[prev], r.vehUpd[prev]
		if len(prevUpd) == 0 && len(prevVeh) == 0 {
			break
		}
		st := r.nextStamp()
		upd := r.updList[cur][:0]
		bPrev := r.board[(k-1)*n : k*n]
		bCur := r.board[k*n : (k+1)*n]
		vCur := r.veh[k*n : (k+1)*n]
		slack := r.opts.BoardSlack
		bp := r.boardPrev[(k-1)*len(d.StopPat) : k*len(d.StopPat)]
		bpMax := r.boardPrevMax[(k-1)*n : k*n]

		// Merge the vehicle labels of round k-1 into round k.
		vupd := r.vehUpd[cur][:0]
		vPrev := r.veh[(k-1)*n : k*n]
		for _, s := range prevVeh {
			if vPrev[s] < vCur[s] {
				vCur[s] = vPrev[s]
				ss[s].vehUpd[cur] = st
				vupd = append(vupd, s)
			}
		}
		r.vehUpd[cur] = vupd

		// Merge the board labels and mark the patterns to scan.
		spMarks, set, posBits := r.tt.spMark, r.patSet, r.patBits
		for _, s := range prevUpd {
			if k < last && bPrev[s] < bCur[s] {
				bCur[s] = bPrev[s]
				ss[s].upd[cur] = st
				upd = append(upd, s)
				if r.par != nil {
					r.par.boardFrom[k*n+int(s)] = parentCarried
				}
			}
			if ss[s].mark[prev] != prevSt {
				continue
			}
			e := bPrev[s] + slack
			if e >= bpMax[s] {
				continue
			}
			// Positions where e fell below boardPrev are marked; their
			// boardPrev becomes the departure of the trip before the one
			// boardable after e, so at most e, once the pattern is
			// scanned. bpMax stays an upper bound without a second pass.
			newMax := transit.Seconds(math.MinInt32)
			lo, hi := d.StopPatStart[s], d.StopPatStart[s+1]
			bps := bp[lo:hi]
			marks := spMarks[lo:hi][:len(bps)]
			for i, b := range bps {
				if e >= b {
					newMax = max(newMax, b)
					continue
				}
				newMax = max(newMax, e)
				m := marks[i]
				set[m.p>>6] |= 1 << (uint(m.p) & 63)
				posBits[m.bit>>6] |= 1 << (uint(m.bit) & 63)
			}
			bpMax[s] = newMax
		}

		r.updList[cur] = upd
		// Patterns are scanned in index order; the result of a round
		// does not depend on the order.
		for w, word := range set {
			for word != 0 {
				p := int32(w<<6 + bits.TrailingZeros64(word))
				word &= word - 1
				r.scanPattern(k, p, limit, st, k == last)
			}
			set[w] = 0
		}

		// One transfer walk after each vehicle arrival improved by a ride.
		if k < last {
			r.relaxTransfers(k, limit, st)
		}
		r.vehScan = r.vehScan[:0]
		prevSt = st
	}
}

// relaxTransfers walks the transfers of round k from each stop whose
// vehicle arrival a ride improved, improving board labels. The inner loop
// only lowers labels and notes the stops it lowered, which are listed
// afterwards.
func (r *Raptor) relaxTransfers(k int, limit transit.Seconds, st uint32) {
	n := r.numStops
	bCur := r.board[k*n : (k+1)*n]
	vCur := r.veh[k*n : (k+1)*n]
	cur := k & 1
	ss := r.stamps
	upd := r.updList[cur]
	xfer, xstart := r.tt.xfer, r.tt.xferStart
	hits := r.hits
	for _, s := range r.vehScan {
		a := vCur[s]
		h := lowerByWalks(xfer[xstart[s]:xstart[s+1]], a, limit, bCur, hits)
		for _, u := range hits[:h] {
			x := &ss[u]
			if x.upd[cur] != st {
				x.upd[cur] = st
				upd = append(upd, u)
			}
			x.mark[cur] = st
			if r.par != nil {
				r.par.boardFrom[k*n+int(u)] = s
			}
		}
	}
	r.updList[cur] = upd
}

// lowerByWalks lowers b[x.to] to a+x.time for the walks xs (sorted by
// time) that end before limit and improve it, writes the stops lowered to
// hits and returns how many. Kept small so that it runs in registers, and
// without a branch on the outcome, which is hard to predict: every stop is
// written to hits and the count advances only when it was lowered.
func lowerByWalks(xs []raptorXfer, a, limit transit.Seconds, b []transit.Seconds, hits []int32) int {
	h := 0
	hits = hits[:len(xs)]
	for _, x := range xs {
		c := a + x.time
		if c >= limit {
			break
		}
		old := b[x.to]
		b[x.to] = min(c, old)
		hits[h] = x.to
		inc := 0
		if c < old {
			inc = 1
		}
		h += inc
	}
	return h
}

// scanPattern rides pattern p in round k over the positions marked in
// r.patBits (stops whose board label improved in round k-1), clearing the
// marks. At each position it first leaves the current trip, improving the
// vehicle and board labels of the stop, then, at a marked position, boards
// the earliest trip that departs strictly after the stop's board label of
// round k-1 plus the board slack (or switches to it from a later trip).
// Where the current trip is no earlier than the trip already ridden there
// in round k (r.ridden), nothing downstream can improve until the next
// marked position, so the scan jumps there. In the last round board labels
// are left alone.
func (r *Raptor) scanPattern(k int, p int32, limit transit.Seconds, st uint32, last bool) {
	d := r.tt.day
	n := r.numStops
	words := r.patBits[r.tt.bitBase[p]:r.tt.bitBase[p+1]]
	t0 := d.PatTripStart[p]
	nt := int32(d.PatTripStart[p+1] - t0)
	if nt == 0 {
		clear(words)
		return
	}
	ps0, ps1 := d.PatStopStart[p], d.PatStopStart[p+1]
	stops := d.PatStops[ps0:ps1]
	l := len(stops)
	rowPos := (k-1)*len(d.PatStops) + int(ps0)
	ridden := r.ridden[rowPos:][:l]
	boardTrip := r.boardTrip[rowPos:][:l]
	boardPrev := r.boardPrev[(k-1)*len(d.StopPat) : k*len(d.StopPat)]
	posToSP := r.tt.posToStopPat[ps0:ps1]
	col := r.tt.depCol[r.tt.depBase[p]:][:l*int(nt)]
	bPrev := r.board[(k-1)*n : k*n]
	bCur := r.board[k*n : (k+1)*n]
	vCur := r.veh[k*n : (k+1)*n]
	vbest := r.vbest
	cur := k & 1
	ss := r.stamps
	slack := r.opts.BoardSlack

	trip, boardPos := int32(math.MaxInt32), 0
	var arr []transit.Seconds
	for j := nextBit(words, 0); j < l; j++ {
		marked := words[j>>6]>>(uint(j)&63)&1 != 0
		if trip < ridden[j] {
			ridden[j] = trip
			s := stops[j]
			if a := arr[j]; a < vCur[s] && a < limit {
				vCur[s] = a
				x := &ss[s]
				if x.vehUpd[cur] != st {
					x.vehUpd[cur] = st
					r.vehUpd[cur] = append(r.vehUpd[cur], s)
				}
				if x.vehScan != st {
					x.vehScan = st
					r.vehScan = append(r.vehScan, s)
				}
				if a < vbest[s] {
					vbest[s] = a
					if x.eg != r.egMinute {
						x.eg = r.egMinute
						r.egList = append(r.egList, s)
					}
				}
				if !last && a < bCur[s] {
					bCur[s] = a
					if x.upd[cur] != st {
						x.upd[cur] = st
						r.updList[cur] = append(r.updList[cur], s)
					}
					x.mark[cur] = st
					if r.par != nil {
						r.par.boardFrom[k*n+int(s)] = s
					}
				}
				if r.par != nil {
					i := k*n + int(s)
					r.par.vehPat[i] = p
					r.par.vehTrip[i] = t0 + trip
					r.par.vehBoardPos[i] = int32(boardPos)
					r.par.vehAlightPos[i] = int32(j)
				}
			}
		} else if !marked {
			// ridden never increases along the pattern: this trip improves
			// nothing before it changes, at a marked position.
			if j = nextBit(words, j+1); j >= l {
				break
			}
			marked = true
		}
		if !marked {
			continue
		}
		// Board the earliest trip departing after e, if earlier than trip.
		e := bPrev[stops[j]] + slack
		// Marked positions are those where e fell below boardPrev.
		c := col[j*int(nt) : (j+1)*int(nt)]
		bt := boardTrip[j]
		lo, hi := int32(0), min(bt, nt)-1
		if bt == math.MaxInt32 {
			if c[hi] <= e {
				lo = nt // first check at this position: no trip at all
			}
		} else {
			// Trip hi departs after e; as minutes go by the boardable trip
			// moves back a little at a time, so gallop back from it.
			for step := int32(1); hi > 0; step *= 2 {
				t := max(hi-step, 0)
				if c[t] <= e {
					lo = t + 1
					break
				}
				hi = t
			}
		}
		for lo < hi {
			m := int32(uint32(lo+hi) >> 1)
			if c[m] > e {
				hi = m
			} else {
				lo = m + 1
			}
		}
		bt = lo
		boardTrip[j] = bt
		sp := posToSP[j]
		boardPrev[sp] = math.MinInt32
		if bt > 0 {
			boardPrev[sp] = c[bt-1]
		}
		if bt < trip && bt < nt {
			trip, boardPos = bt, j
			off := d.TripTimes[t0+bt]
			arr = d.Arr[off : int(off)+l]
		}
	}
	clear(words)
}

// nextBit returns the index of the first set bit at or after i, or
// len(words)*64 when there is none.
func nextBit(words []uint64, i int) int {
	w := i >> 6
	if w >= len(words) {
		return len(words) * 64
	}
	m := words[w] & (^uint64(0) << (uint(i) & 63))
	for m == 0 {
		w++
		if w == len(words) {
			return len(words) * 64
		}
		m = words[w]
	}
	return w<<6 + bits.TrailingZeros64(m)
}
