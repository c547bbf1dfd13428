package route

import (
	"fmt"
	"math/bits"
	"slices"

	"github.com/saavu/saavu/internal/transit"
)

// RangePercentiles runs the query of Range and writes the percentiles ps
// (as Percentiles defines them) of each target's travel times over the
// departure minutes to out[t*len(ps)+i]. The result is the same as taking
// Percentiles of each target's column of Range's output.
//
// The times are not listed minute by minute: between two improvements of a
// target's arrival, its travel time grows by step each minute earlier, so
// the times of such a stretch are an arithmetic sequence with difference
// step and fall one each into consecutive step-wide buckets. Counting the
// stretches per bucket finds the bucket of each rank, and only the few
// times in that bucket are compared.
func (r *Raptor) RangePercentiles(access []StopTime, direct []transit.Seconds, eg *Egress, numTargets int, from, to, step transit.Seconds, ps []int, out []transit.Seconds) error {
	m, err := r.checkRange(access, direct, eg, numTargets, from, to, step)
	if err != nil {
		return err
	}
	np := len(ps)
	if len(out) < numTargets*np {
		return fmt.Errorf("%w: out has %d entries, want %d targets x %d percentiles", ErrInvalidRaptorQuery, len(out), numTargets, np)
	}
	r.rangeEvents(access, eg, numTargets, from, step, m)
	// The ranks of the percentiles, in increasing order of rank.
	r.pRank = r.pRank[:0]
	for i, p := range ps {
		r.pRank = append(r.pRank, pctRank{rank: percentileIndex(m, p), idx: i})
	}
	slices.SortFunc(r.pRank, func(a, b pctRank) int { return a.rank - b.rank })
	for t := range numTargets {
		dst := out[t*np : (t+1)*np]
		switch {
		case m == 0:
			Percentiles(nil, ps, dst) // no departure: unreachable
		case !r.stretchPercentiles(t, direct, from, step, m, dst):
			Percentiles(r.series(t, direct, from, step, m), ps, dst)
		}
	}
	return nil
}

// pctRank is the zero-based rank of percentile idx among m times.
type pctRank struct{ rank, idx int }

// stretch is one run of minutes with the same arrival: its smallest
// travel time (at its last minute) is base, and it holds n times below
// the cap, base, base+step, ..., falling in buckets b0, b0+1, ...
type stretch struct {
	off int32 // base - b0*step: the offset of its times within a bucket
	b0  int32
	n   int32
}

// maxBuckets bounds the buckets stretchPercentiles counts in; beyond it
// (a step of a few seconds over a long window) the times are listed.
const maxBuckets = 1024

// stretchPercentiles writes the percentiles of target t to dst from its
// stretches (see RangePercentiles) and reports whether it could; it
// declines when the times span more than maxBuckets buckets.
func (r *Raptor) stretchPercentiles(t int, direct []transit.Seconds, from, step transit.Seconds, m int, dst []transit.Seconds) bool {
	w := r.walkOnly(direct, t)
	// Times at or above the cap are the walk w, or unreachable: they sort
	// after every other time.
	capT := r.opts.MaxTime
	if w >= 0 {
		capT = w
	}
	st := r.stretches[:0]
	bmin, bmax := int32(1<<30), int32(-1)
	below, mi := 0, 0
	div := newDivider(uint32(step))
	for e := r.evHead[t]; e >= 0; e = r.evNext[e] {
		end := int(r.evMinute[e])
		base := r.evArr[e] - from - transit.Seconds(end)*step
		// Times base + i*step for i = 0..end-mi; those below capT count.
		n := 0
		if base < capT {
			if base < 0 {
				return false // not from a range query's labels; list the times
			}
			n = min(int(div.div(uint32(capT-base+step-1))), end-mi+1)
		}
		mi = end + 1
		if n == 0 {
			continue
		}
		b0 := int32(div.div(uint32(base)))
		st = append(st, stretch{off: int32(base - transit.Seconds(b0)*step), b0: b0, n: int32(n)})
		bmin, bmax = min(bmin, b0), max(bmax, b0+int32(n)-1)
		below += n
	}
	r.stretches = st
	capped := w
	if below == 0 {
		fillSeconds(dst, capped)
		return true
	}
	nb := int(bmax-bmin) + 1
	if nb > maxBuckets {
		return false
	}
	// count[b] is the number of times in bucket bmin+b and off[b] the sum
	// of their offsets within the bucket (base mod step, the same for all
	// times of a stretch), from the differences at each stretch's ends.
	// A bucket that holds one time gives it without looking further.
	if cap(r.bucket) < 2*(nb+1) {
		r.bucket = make([]int32, 2*(nb+1))
	}
	count, off := r.bucket[:nb+1], r.bucket[nb+1:2*(nb+1)]
	clear(count)
	clear(off)
	for _, s := range st {
		count[s.b0-bmin]++
		count[s.b0-bmin+s.n]--
		off[s.b0-bmin] += s.off
		off[s.b0-bmin+s.n] -= s.off
	}
	run, runOff := int32(0), int32(0)
	for b := range nb {
		run += count[b]
		runOff += off[b]
		count[b], off[b] = run, runOff
	}
	b, before := 0, 0 // before: times in the buckets before b
	for _, pr := range r.pRank {
		k := pr.rank
		if k >= below {
			dst[pr.idx] = capped
			continue
		}
		for k >= before+int(count[b]) {
			before += int(count[b])
			b++
		}
		o := off[b]
		if count[b] > 1 {
			o = r.kthOffset(st, bmin+int32(b), k-before, int(count[b]), step)
		}
		dst[pr.idx] = transit.Seconds(bmin+int32(b))*step + transit.Seconds(o)
	}
	return true
}

// kthOffset returns the offset of the k-th smallest (zero-based) of the
// n times that the stretches hold in bucket b. With a step of at most 64 s
// the stretches covering b are counted per offset (without a branch on
// coverage), with a word whose bits say which offsets occur, and the
// offsets are walked in order; otherwise the offsets are gathered and
// sorted.
func (r *Raptor) kthOffset(st []stretch, b int32, k, n int, step transit.Seconds) int32 {
	if step <= 64 && n < 1<<16 {
		var h [64]uint16
		var mask uint64
		for _, s := range st {
			var c uint16
			if uint32(b-s.b0) < uint32(s.n) {
				c = 1
			}
			h[s.off&63] += c
			mask |= uint64(c) << uint(s.off&63)
		}
		for mask != 0 {
			o := bits.TrailingZeros64(mask)
			if k < int(h[o]) {
				return int32(o)
			}
			k -= int(h[o])
			mask &= mask - 1
		}
	}
	if cap(r.offs) < len(st) {
		r.offs = make([]int32, len(st))
	}
	offs := r.offs[:len(st)]
	m := 0
	for _, s := range st {
		offs[m] = s.off
		if uint32(b-s.b0) < uint32(s.n) {
			m++
		}
	}
	offs = offs[:m]
	slices.Sort(offs)
	return offs[k]
}

// divider divides 32-bit numbers by a fixed divisor d with one multiply:
// for n < 2^32, n/d is the high word of n*ceil(2^64/d).
type divider struct{ m uint64 }

func newDivider(d uint32) divider {
	if d == 1 {
		return divider{} // m = 0 stands for 2^64
	}
	return divider{m: ^uint64(0)/uint64(d) + 1}
}

func (v divider) div(n uint32) uint32 {
	if v.m == 0 {
		return n
	}
	hi, _ := bits.Mul64(v.m, uint64(n))
	return uint32(hi)
}
