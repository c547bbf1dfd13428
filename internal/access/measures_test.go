package access

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

func nan() float64 { return math.NaN() }

// reachOf builds reach lists from a dense matrix of minutes (negative:
// unreachable) without a limit.
func reachOf(t testing.TB, minutesPerOrigin [][]float64) Reach {
	t.Helper()
	m := Matrix{Rows: len(minutesPerOrigin)}
	if m.Rows > 0 {
		m.Cols = len(minutesPerOrigin[0])
	}
	for _, row := range minutesPerOrigin {
		for _, v := range row {
			if v < 0 {
				m.TimeMs = append(m.TimeMs, Unreachable)
			} else {
				m.TimeMs = append(m.TimeMs, min2ms(v))
			}
		}
	}
	r, err := ReachFromMatrix(m, 0)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCumulative(t *testing.T) {
	// Three services weighing 1, 5 and 2 (say, staff). Origin 0 reaches
	// them in 4, 12 and 30 min; origin 1 only the third, in 10 min; origin
	// 2 nothing. Within 10 min: origin 0 has service 0 (1), origin 1
	// service 2 (2). Within 30 min: origin 0 all three (1+5+2 = 8),
	// origin 1 still 2.
	r := reachOf(t, [][]float64{
		{4, 12, 30},
		{-1, -1, 10},
		{-1, -1, -1},
	})
	got, err := Cumulative(r, []float64{1, 5, 2}, []float64{10, 30})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 8, 2, 2, 0, 0}
	if !reflect.DeepEqual(got.Value, want) {
		t.Fatalf("got %v, want %v", got.Value, want)
	}
	if c := got.Column(1); !reflect.DeepEqual(c, []float64{8, 2, 0}) {
		t.Fatalf("column of 30 min: %v", c)
	}
	if got.At(0, 0) != 1 {
		t.Fatalf("At(0,0) = %v", got.At(0, 0))
	}
}

func TestCumulativeMatchesCount(t *testing.T) {
	// With unit weights the count within T equals the number of listed
	// times <= T, counted here straight from the dense minutes.
	rng := rand.New(rand.NewPCG(4, 4))
	dense := make([][]float64, 50)
	for i := range dense {
		dense[i] = make([]float64, 9)
		for j := range dense[i] {
			dense[i][j] = float64(rng.IntN(70)) - 5 // some unreachable
		}
	}
	r := reachOf(t, dense)
	ones := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1}
	cut := []float64{0, 15, 30, 45}
	got, err := Cumulative(r, ones, cut)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range dense {
		for c, T := range cut {
			n := 0
			for _, v := range row {
				if v >= 0 && v <= T {
					n++
				}
			}
			if got.At(i, c) != float64(n) {
				t.Fatalf("origin %d within %v: %v, want %d", i, T, got.At(i, c), n)
			}
		}
	}
}

func TestCumulativeRejects(t *testing.T) {
	r := reachOf(t, [][]float64{{1, 2}})
	bounded := r
	bounded.LimitMs = min2ms(20)
	cases := []struct {
		name    string
		r       Reach
		weights []float64
		cut     []float64
	}{
		{"weights short", r, []float64{1}, []float64{10}},
		{"weight NaN", r, []float64{1, nan()}, []float64{10}},
		{"negative cut-off", r, []float64{1, 1}, []float64{-1}},
		{"cut-off beyond the lists", bounded, []float64{1, 1}, []float64{10, 25}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Cumulative(c.r, c.weights, c.cut); err == nil {
				t.Fatal("accepted")
			}
		})
	}
	if _, err := Cumulative(bounded, []float64{1, 1}, []float64{20}); err != nil {
		t.Fatalf("cut-off equal to the limit rejected: %v", err)
	}
}

func TestAllWithin(t *testing.T) {
	u := uint32(Unreachable)
	// Two categories, four origins, threshold 10 ms. Origin 0 reaches both
	// (10 is within); origin 1 misses the second; origin 2 cannot reach
	// the first; origin 3 reaches both.
	times := [][]uint32{
		{10, 3, u, 0},
		{1, 11, 5, 10},
	}
	got, err := AllWithin(times, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, false, false, true}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if _, err := AllWithin([][]uint32{{1, 2}, {1}}, 10); err == nil {
		t.Fatal("categories of different lengths accepted")
	}
	if got, err := AllWithin(nil, 10); got != nil || err != nil {
		t.Fatalf("no category: %v %v", got, err)
	}
}

func TestSumWhere(t *testing.T) {
	weights := []float64{10, 20, 30, 40, 0, 5}
	region := []int32{0, 1, 0, 1, 0, -1}
	ok := []bool{true, true, false, true, true, true}
	got, err := SumWhere(weights, region, 2, func(i int) bool { return ok[i] })
	if err != nil {
		t.Fatal(err)
	}
	// Region 0: origin 0 (10); origin 2 fails the test, origin 4 weighs 0.
	// Region 1: origins 1 and 3 (20+40). Origin 5 lies outside.
	if want := []float64{10, 60}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	all, _ := SumWhere(weights, region, 2, nil)
	if want := []float64{40, 60}; !reflect.DeepEqual(all, want) {
		t.Fatalf("without a test: %v, want %v", all, want)
	}
	if _, err := SumWhere(weights, region[:2], 2, nil); err == nil {
		t.Fatal("lengths differ and it was accepted")
	}
}
