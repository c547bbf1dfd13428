package access

import (
	"math"
	"testing"

	"github.com/saavu/saavu/geo"
)

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return a == b
	}
	return math.Abs(a-b) < 1e-9
}

func min2ms(m float64) uint32 { return uint32(m * 60000) }

func TestSummarise(t *testing.T) {
	// Region 0: four origins at 5, 15, 25 min and one unreachable, weights
	// 10, 20, 30, 40. Region 1: one origin of weight 0 (ignored). An origin
	// outside every region (-1) is skipped.
	times := []uint32{min2ms(5), min2ms(15), min2ms(25), Unreachable, min2ms(1), min2ms(2)}
	weights := []float64{10, 20, 30, 40, 0, 99}
	region := []int32{0, 0, 0, 0, 1, -1}
	st := Summarise(times, weights, region, 2, []float64{10, 20, 30})
	r0 := st[0]
	if r0.Population != 100 || r0.Cells != 4 || r0.Unreachable != 40 {
		t.Fatalf("region 0 totals: %+v", r0)
	}
	for k, want := range []float64{10, 30, 60} {
		if r0.Within[k] != want {
			t.Errorf("within threshold %d = %v, want %v", k, r0.Within[k], want)
		}
	}
	// Mean over reachable weight: (5*10 + 15*20 + 25*30) / 60.
	if !near(r0.Mean, (50+300+750)/60.0) {
		t.Errorf("mean = %v", r0.Mean)
	}
	// Cumulative weights 10, 30, 60, 100: the median (50) falls on 25 min;
	// the 90th percentile (90) on the unreachable origin.
	if !near(r0.Median, 25) || !math.IsInf(r0.P90, 1) {
		t.Errorf("median %v p90 %v, want 25 and +Inf", r0.Median, r0.P90)
	}
	if !near(r0.Share(2), 0.6) {
		t.Errorf("share within 30 = %v", r0.Share(2))
	}
	r1 := st[1]
	if r1.Population != 0 || !math.IsNaN(r1.Median) || !math.IsNaN(r1.Share(0)) {
		t.Errorf("empty region: %+v", r1)
	}
}

func TestWeightedQuantileExactBoundary(t *testing.T) {
	// Two equal weights: the median is the first time (cumulative 50%).
	times := []uint32{min2ms(10), min2ms(20)}
	w := []float64{1, 1}
	if q := WeightedQuantile([]int32{0, 1}, times, w, 0.5); !near(q, 10) {
		t.Fatalf("median = %v, want 10", q)
	}
	if q := WeightedQuantile([]int32{0, 1}, times, w, 0.51); !near(q, 20) {
		t.Fatalf("51st percentile = %v, want 20", q)
	}
}

func TestGapAreas(t *testing.T) {
	// A 3x2 block of 1 km cells in region 0:
	//   row 1:  gap  gap  ok
	//   row 0:  gap  ok   gap
	// plus one gap cell of region 1 next to the block. Edge-connected gap
	// cells: {(0,0),(0,1),(1,1)} form one area, (2,0) another; the
	// region-1 cell is its own area even though it touches (2,0).
	c := func(e, n int32) geo.Cell { return geo.Cell{E: e * 1000, N: 7000000 + n*1000, Size: 1000} }
	cells := []geo.Cell{c(0, 0), c(1, 0), c(2, 0), c(0, 1), c(1, 1), c(2, 1), c(3, 0)}
	times := []uint32{min2ms(40), min2ms(10), Unreachable, min2ms(31), min2ms(50), min2ms(30), min2ms(45)}
	weights := []float64{1, 2, 3, 4, 5, 6, 7}
	region := []int32{0, 0, 0, 0, 0, 0, 1}
	areas := GapAreas(cells, times, weights, region, 30)
	if len(areas) != 3 {
		t.Fatalf("got %d gap areas, want 3: %+v", len(areas), areas)
	}
	a := areas[0]
	if a.Region != 0 || a.Population != 1+4+5 || len(a.Cells) != 3 || a.Unreachable != 0 {
		t.Errorf("first area: %+v", a)
	}
	if got := geo.Area(a.Geometry); !near(got, 3e6) {
		t.Errorf("first area covers %v m², want 3 km²", got)
	}
	if len(a.Geometry) != 1 {
		t.Errorf("first area has %d polygons, want one L shape", len(a.Geometry))
	}
	b := areas[1]
	if b.Region != 0 || b.Population != 3 || b.Unreachable != 3 || len(b.Cells) != 1 {
		t.Errorf("second area: %+v", b)
	}
	if areas[2].Region != 1 || areas[2].Population != 7 {
		t.Errorf("third area: %+v", areas[2])
	}
}
