package route

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/saavu/saavu/internal/transit"
)

func TestPercentilesHandComputed(t *testing.T) {
	const U = Unreachable
	cases := []struct {
		name  string
		times []transit.Seconds
		ps    []int
		want  []transit.Seconds
	}{
		// Sorted 10,20,30,40: p25 -> ceil(1)-1 = 0; p50 -> ceil(2)-1 = 1;
		// p75 -> ceil(3)-1 = 2; p100 -> 3; p1 -> ceil(0.04)-1 = 0.
		{"four", []transit.Seconds{40, 10, 30, 20}, []int{25, 50, 75, 100, 1}, []transit.Seconds{10, 20, 30, 40, 10}},
		// Sorted 10,20,30,40,50: p50 -> ceil(2.5)-1 = 2; p20 -> ceil(1)-1 = 0;
		// p21 -> ceil(1.05)-1 = 1; p95 -> ceil(4.75)-1 = 4.
		{"five", []transit.Seconds{50, 40, 30, 20, 10}, []int{50, 20, 21, 95}, []transit.Seconds{30, 10, 20, 50}},
		// Sorted 100,200,inf,inf: p50 -> index 1 = 200; p51 -> ceil(2.04)-1 = 2 = inf.
		{"unreachable as infinity", []transit.Seconds{U, 200, U, 100}, []int{50, 51, 25}, []transit.Seconds{200, U, 100}},
		{"all unreachable", []transit.Seconds{U, U, U}, []int{5, 50, 95}, []transit.Seconds{U, U, U}},
		{"empty", nil, []int{50}, []transit.Seconds{U}},
		{"single", []transit.Seconds{42}, []int{1, 50, 100}, []transit.Seconds{42, 42, 42}},
		{"constant", []transit.Seconds{7, 7, 7, 7, 7, 7}, []int{5, 95}, []transit.Seconds{7, 7}},
		// Three values in 0..7199 far apart and near each other: exercises
		// the two levels of the radix selection. Sorted 0,1,5000,5001,7199:
		// p40 -> ceil(2)-1 = 1; p60 -> 2; p80 -> 3.
		{"radix levels", []transit.Seconds{5001, 7199, 0, 5000, 1}, []int{40, 60, 80, 100}, []transit.Seconds{1, 5000, 5001, 7199}},
		// 120 minutes, R5's usual case: times 1..120 s reversed; p5 -> ceil(6)-1
		// = 5 -> 6 s; p50 -> 59 -> 60 s; p95 -> ceil(114)-1 = 113 -> 114 s.
		{"120 minutes", descending(120), []int{5, 50, 95}, []transit.Seconds{6, 60, 114}},
		// 1..100 s: p7 is 7 s in exact arithmetic, but R5 computes
		// ceil(7/100.0*100) = ceil(7.000000000000001) = 8, index 7 -> 8 s.
		{"R5 rounding", descending(100), []int{7, 6, 8}, []transit.Seconds{8, 6, 8}},
		// p0 would index -1 in R5; here it clamps to the smallest.
		{"p0 clamps", []transit.Seconds{3, 1, 2}, []int{0}, []transit.Seconds{1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := slices.Clone(c.times)
			got := make([]transit.Seconds, len(c.ps))
			Percentiles(c.times, c.ps, got)
			if !slices.Equal(got, c.want) {
				t.Errorf("Percentiles(%v, %v) = %v, want %v", c.times, c.ps, got, c.want)
			}
			if !slices.Equal(before, c.times) {
				t.Errorf("times modified: %v, was %v", c.times, before)
			}
		})
	}
}

func descending(n int) []transit.Seconds {
	s := make([]transit.Seconds, n)
	for i := range s {
		s[i] = transit.Seconds(n - i)
	}
	return s
}

// sortPercentiles is the definition written plainly: sort with unreachable
// as infinity and read index ceil(p/100*n)-1 using floating point.
func sortPercentiles(times []transit.Seconds, ps []int) []transit.Seconds {
	s := make([]int64, len(times))
	for i, t := range times {
		s[i] = int64(t)
		if t < 0 {
			s[i] = 1 << 40
		}
	}
	slices.Sort(s)
	out := make([]transit.Seconds, len(ps))
	for i, p := range ps {
		k := 0
		for float64(k+1) < float64(p)/100*float64(len(s)) {
			k++
		}
		if k >= len(s) {
			k = len(s) - 1
		}
		if s[k] >= 1<<40 {
			out[i] = Unreachable
		} else {
			out[i] = transit.Seconds(s[k])
		}
	}
	return out
}

func TestPercentilesMatchSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for it := range 3000 {
		n := 1 + rng.IntN(150)
		spread := []int{1, 3, 60, 7200, 100000, 1 << 19}[rng.IntN(6)]
		times := make([]transit.Seconds, n)
		for i := range times {
			if rng.IntN(5) == 0 {
				times[i] = Unreachable
			} else {
				times[i] = transit.Seconds(rng.IntN(spread))
			}
		}
		ps := make([]int, 1+rng.IntN(6))
		for i := range ps {
			ps[i] = 1 + rng.IntN(100)
		}
		want := sortPercentiles(times, ps)
		got := make([]transit.Seconds, len(ps))
		Percentiles(times, ps, got)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: Percentiles(%v, %v) = %v, want %v", it, times, ps, got, want)
		}
	}
}

// TestPercentilesOfConstantSeries: a range query's series is a single time
// for a target whose time is the same at every minute, and RangePercentiles
// may take Percentiles of it; they must be those of the full series.
func TestPercentilesOfConstantSeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	ps := []int{1, 5, 25, 50, 75, 95, 100}
	for it := range 500 {
		v := Unreachable
		if it%3 != 0 {
			v = transit.Seconds(rng.IntN(7200))
		}
		full := make([]transit.Seconds, 1+rng.IntN(150))
		for i := range full {
			full[i] = v
		}
		want := make([]transit.Seconds, len(ps))
		Percentiles(full, ps, want)
		got := make([]transit.Seconds, len(ps))
		Percentiles([]transit.Seconds{v}, ps, got)
		if !slices.Equal(got, want) {
			t.Fatalf("%d times of %d: single %v, full %v", len(full), v, got, want)
		}
		for _, w := range want {
			if w != v {
				t.Fatalf("%d times of %d: percentiles %v", len(full), v, want)
			}
		}
	}
}

// BenchmarkPercentiles measures one target's five percentiles over a
// 120-minute window of sawtooth travel times (waits shrink minute by minute
// until the next vehicle), the shape range RAPTOR produces.
func BenchmarkPercentiles(b *testing.B) {
	ps := []int{5, 25, 50, 75, 95}
	for _, n := range []int{30, 120} {
		rng := rand.New(rand.NewPCG(1, 2))
		const sets = 64
		times := make([][]transit.Seconds, sets)
		for i := range times {
			times[i] = make([]transit.Seconds, n)
			head := transit.Seconds(300 + rng.IntN(900))
			base := transit.Seconds(1200 + rng.IntN(3000))
			for m := range n {
				times[i][m] = base + head - transit.Seconds(m*60)%head
				if rng.IntN(50) == 0 {
					times[i][m] = Unreachable
				}
			}
		}
		out := make([]transit.Seconds, len(ps))
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				Percentiles(times[i%sets], ps, out)
				i++
			}
		})
		b.Run(fmt.Sprintf("sort/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			buf := make([]transit.Seconds, n)
			i := 0
			for b.Loop() {
				copy(buf, times[i%sets])
				for j, t := range buf {
					if t < 0 {
						buf[j] = raptorInf
					}
				}
				slices.Sort(buf)
				for j, p := range ps {
					out[j] = buf[percentileIndex(n, p)]
				}
				i++
			}
		})
	}
}

func TestDividerMatchesDivision(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	divisors := []uint32{1, 2, 3, 7, 60, 61, 64, 3600, 86399, 1<<31 - 1, 1 << 31, math.MaxUint32}
	for range 200 {
		divisors = append(divisors, rng.Uint32N(1<<20)+1)
	}
	for _, d := range divisors {
		v := newDivider(d)
		nums := []uint32{0, 1, d - 1, d, d + 1, 2*d - 1, math.MaxUint32, math.MaxUint32 - 1}
		for range 2000 {
			nums = append(nums, rng.Uint32())
		}
		for _, n := range nums {
			if got, want := v.div(n), n/d; got != want {
				t.Fatalf("%d / %d = %d, divider gives %d", n, d, want, got)
			}
		}
	}
}
