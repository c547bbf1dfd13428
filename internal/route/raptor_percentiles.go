package route

import (
	"fmt"
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
	m, err := r.checkRange(access, direct, eg, numTargets, from, to, step, 0, false)
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
	maxT := r.opts.MaxTime
	w := Unreachable
	if direct != nil {
		if d := direct[t]; d >= 0 && d < maxT {
			w = d
		}
	}
	// Times at or above the cap are the walk w, or unreachable: they sort
	// after every other time.
	capT := maxT
	if w >= 0 {
		capT = w
	}
	st := r.stretches[:0]
	bmin, bmax := int32(1<<30), int32(-1)
	below, mi := 0, 0
	for e := r.evHead[t]; e >= 0; e = r.evNext[e] {
		end := int(r.evMinute[e])
		base := r.evArr[e] - from - transit.Seconds(end)*step
		// Times base + i*step for i = 0..end-mi; those below capT count.
		n := 0
		if base < capT {
			n = min(int((capT-base+step-1)/step), end-mi+1)
		}
		mi = end + 1
		if n == 0 {
			continue
		}
		if base < 0 {
			return false // not from a range query's labels; list the times
		}
		b0 := int32(base / step)
		st = append(st, stretch{off: int32(base - transit.Seconds(b0)*step), b0: b0, n: int32(n)})
		bmin, bmax = min(bmin, b0), max(bmax, b0+int32(n)-1)
		below += n
	}
	r.stretches = st
	capped := w
	if below == 0 {
		for i := range dst {
			dst[i] = capped
		}
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
	sorted := false
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
		if count[b] == 1 {
			dst[pr.idx] = transit.Seconds(bmin+int32(b))*step + transit.Seconds(off[b])
			continue
		}
		if !sorted {
			// Insertion sort: few stretches, often nearly in order.
			for i := 1; i < len(st); i++ {
				for j := i; j > 0 && st[j].off < st[j-1].off; j-- {
					st[j], st[j-1] = st[j-1], st[j]
				}
			}
			sorted = true
		}
		dst[pr.idx] = transit.Seconds(bmin+int32(b))*step + transit.Seconds(inBucket(st, bmin+int32(b), k-before))
	}
	return true
}

// inBucket returns the offset of the k-th smallest (zero-based) time that
// the stretches, sorted by offset, hold in bucket b.
func inBucket(st []stretch, b int32, k int) int32 {
	for _, s := range st {
		if b >= s.b0 && b < s.b0+s.n {
			if k == 0 {
				return s.off
			}
			k--
		}
	}
	return 0 // not reached: the bucket holds more than k times
}
