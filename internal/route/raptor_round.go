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
// from the earliest such stop, then relaxes the transfer lists once from
// the stops whose vehicle arrival improved in round k (a transfer never
// follows another transfer). The board labels of a round are merged into
// the next round, so board[k] holds the best time with at most k vehicles.
// On return r.egList lists the stops whose best vehicle arrival (vbest)
// improved in this minute.
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
	ustamp, mstamp := r.updStamp[0], r.markStamp[0]
	b0 := r.board[:n]
	for _, a := range access {
		t := dep + a.Time
		if t < limit && t < b0[a.Stop] {
			b0[a.Stop] = t
			if ustamp[a.Stop] != st {
				ustamp[a.Stop] = st
				upd = append(upd, a.Stop)
			}
			mstamp[a.Stop] = st
			if r.par != nil {
				r.par.boardFrom[a.Stop] = parentAccess
			}
		}
	}
	r.updList[0] = upd
	prevSt := st

	for k := 1; k < r.rounds; k++ {
		prev, cur := (k-1)&1, k&1
		prevUpd := r.updList[prev]
		if len(prevUpd) == 0 {
			break
		}
		st := r.nextStamp()
		upd := r.updList[cur][:0]
		ustamp, mstamp := r.updStamp[cur], r.markStamp[cur]
		bPrev := r.board[(k-1)*n : k*n]
		bCur := r.board[k*n : (k+1)*n]
		pmark := r.markStamp[prev]

		// Merge round k-1 into round k and mark the patterns to scan.
		for _, s := range prevUpd {
			if bPrev[s] < bCur[s] {
				bCur[s] = bPrev[s]
				ustamp[s] = st
				upd = append(upd, s)
				if r.par != nil {
					r.par.boardFrom[k*n+int(s)] = parentCarried
				}
			}
			if pmark[s] != prevSt {
				continue
			}
			for i := d.StopPatStart[s]; i < d.StopPatStart[s+1]; i++ {
				p, pos := d.StopPat[i], d.StopPatPos[i]
				if !r.patListed[p] {
					r.patListed[p] = true
					r.patList = append(r.patList, p)
				}
				r.patBits[r.tt.bitBase[p]+pos>>6] |= 1 << (uint(pos) & 63)
			}
		}

		for _, p := range r.patList {
			r.patListed[p] = false
			upd = r.scanPattern(k, p, limit, st, upd)
		}
		r.patList = r.patList[:0]

		// One transfer walk after each improved vehicle arrival.
		vCur := r.veh[k*n : (k+1)*n]
		for _, s := range r.vehList {
			a := vCur[s]
			for i := d.TransferStart[s]; i < d.TransferStart[s+1]; i++ {
				u := d.TransferTo[i]
				c := a + d.TransferTime[i]
				if c < bCur[u] && c < limit {
					bCur[u] = c
					if ustamp[u] != st {
						ustamp[u] = st
						upd = append(upd, u)
					}
					mstamp[u] = st
					if r.par != nil {
						r.par.boardFrom[k*n+int(u)] = s
					}
				}
			}
		}
		r.vehList = r.vehList[:0]
		r.updList[cur] = upd
		prevSt = st
	}
}

// scanPattern rides pattern p in round k over the positions marked in
// r.patBits (stops whose board label improved in round k-1), clearing the
// marks. At each position it first leaves the current trip, improving the
// vehicle and board labels of the stop, then, at a marked position, boards
// the earliest trip that departs strictly after the stop's board label of
// round k-1 plus the board slack (or switches to it from a later trip).
// Where the current trip is no earlier than the trip already ridden there
// in round k (r.ridden), nothing downstream can improve until the next
// marked position, so the scan jumps there. It returns upd with the stops
// whose board label improved.
func (r *Raptor) scanPattern(k int, p int32, limit transit.Seconds, st uint32, upd []int32) []int32 {
	d := r.tt.day
	n := r.numStops
	words := r.patBits[r.tt.bitBase[p]:r.tt.bitBase[p+1]]
	t0 := d.PatTripStart[p]
	nt := int32(d.PatTripStart[p+1] - t0)
	ps0, ps1 := d.PatStopStart[p], d.PatStopStart[p+1]
	stops := d.PatStops[ps0:ps1]
	l := len(stops)
	ridden := r.ridden[(k-1)*len(d.PatStops)+int(ps0):][:l]
	col := r.tt.depCol[r.tt.depBase[p]:][:l*int(nt)]
	bPrev := r.board[(k-1)*n : k*n]
	bCur := r.board[k*n : (k+1)*n]
	vPrev := r.veh[(k-1)*n : k*n]
	vCur := r.veh[k*n : (k+1)*n]
	vbest := r.vbest
	ustamp, mstamp := r.updStamp[k&1], r.markStamp[k&1]
	slack := r.opts.BoardSlack

	trip, boardPos := int32(math.MaxInt32), 0
	var arr []transit.Seconds
	for j := nextBit(words, 0); j < l; j++ {
		marked := words[j>>6]>>(uint(j)&63)&1 != 0
		if trip < ridden[j] {
			ridden[j] = trip
			s := stops[j]
			a := arr[j]
			if a < vCur[s] && a < vPrev[s] && a < limit {
				vCur[s] = a
				if r.vehStamp[s] != st {
					r.vehStamp[s] = st
					r.vehList = append(r.vehList, s)
				}
				if a < vbest[s] {
					vbest[s] = a
					if r.egStamp[s] != r.egMinute {
						r.egStamp[s] = r.egMinute
						r.egList = append(r.egList, s)
					}
				}
				if a < bCur[s] {
					bCur[s] = a
					if ustamp[s] != st {
						ustamp[s] = st
						upd = append(upd, s)
					}
					mstamp[s] = st
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
		}
		if !marked && words[j>>6]>>(uint(j)&63)&1 == 0 {
			continue
		}
		// Board the earliest trip departing after e, if earlier than trip.
		e := bPrev[stops[j]] + slack
		c := col[j*int(nt) : (j+1)*int(nt)]
		hi := min(trip, nt)
		if hi == 0 || c[hi-1] <= e {
			continue
		}
		lo := int32(0)
		hi--
		for lo < hi {
			m := int32(uint32(lo+hi) >> 1)
			if c[m] > e {
				hi = m
			} else {
				lo = m + 1
			}
		}
		trip, boardPos = lo, j
		off := d.TripTimes[t0+lo]
		arr = d.Arr[off : int(off)+l]
	}
	clear(words)
	return upd
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
