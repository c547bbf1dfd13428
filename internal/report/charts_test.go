package report

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/saavu/saavu/data/results"
)

func TestClassLabels(t *testing.T) {
	cases := []struct {
		ths  []results.Minutes
		want []string
	}{
		{nil, []string{"Reachable", "Unreachable"}},
		{[]results.Minutes{15}, []string{"≤ 15 min", "> 15 min", "Unreachable"}},
		{[]results.Minutes{10, 20, 30}, []string{"≤ 10 min", "10–20 min", "20–30 min", "> 30 min", "Unreachable"}},
		{[]results.Minutes{7.5, 45}, []string{"≤ 7.5 min", "7.5–45 min", "> 45 min", "Unreachable"}},
	}
	for _, c := range cases {
		got := classLabels(c.ths)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%v: got %q, want %q", c.ths, got, c.want)
		}
	}
}

func TestClassShares(t *testing.T) {
	cases := []struct {
		name string
		r    chartRegion
		want []float64
	}{
		// 100 persons: 10 within 10 min, 30 within 20, 60 within 30, 5
		// unreachable, so 35 beyond 30 min.
		{"typical", chartRegion{Population: 100, Within: []float64{10, 30, 60}, Unreachable: 5}, []float64{10, 20, 30, 35, 5}},
		{"all within first", chartRegion{Population: 50, Within: []float64{50, 50}}, []float64{50, 0, 0, 0}},
		{"all unreachable", chartRegion{Population: 8, Within: []float64{0}, Unreachable: 8}, []float64{0, 0, 8}},
		// Rounded inputs may decrease by a hair; segments never go negative.
		{"rounding", chartRegion{Population: 10, Within: []float64{4, 3.9}, Unreachable: 0}, []float64{4, 0, 6, 0}},
		{"no thresholds", chartRegion{Population: 10, Unreachable: 4}, []float64{6, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := classShares(c.r)
			if len(got) != len(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] || got[i] < 0 {
					t.Fatalf("got %v, want %v", got, c.want)
				}
			}
		})
	}
}

func TestNiceStep(t *testing.T) {
	cases := []struct {
		max  float64
		n    int
		want float64
	}{{50, 6, 10}, {48.8, 6, 10}, {30, 6, 5}, {12, 6, 2}, {9.4, 6, 2}, {140, 6, 25}, {0, 6, 1}, {0.3, 6, 0.05}}
	for _, c := range cases {
		if got := niceStep(c.max, c.n); strconv.FormatFloat(got, 'g', 6, 64) != strconv.FormatFloat(c.want, 'g', 6, 64) {
			t.Errorf("niceStep(%v, %d) = %v, want %v", c.max, c.n, got, c.want)
		}
	}
}

var rectRe = regexp.MustCompile(`<rect class="bar ([a-z0-9]+)" x="([0-9.]+)" y="([0-9.]+)" width="([0-9.]+)"`)

func TestShareChart(t *testing.T) {
	ths := []results.Minutes{10, 20}
	regions := []chartRegion{
		{Name: "A & <B>", Population: 200, Within: []float64{50, 150}, Unreachable: 20},
		{Name: "Empty", Population: 0, Within: []float64{0, 0}},
		{Name: "C", Population: 10, Within: []float64{10, 10}},
	}
	svg := string(shareChart("Title <x>", ths, classColors(2), regions))
	if !strings.HasPrefix(svg, "<svg") || !strings.HasSuffix(svg, "</svg>") {
		t.Fatal("not an svg element")
	}
	if strings.Contains(svg, "<B>") || !strings.Contains(svg, "A &amp; &lt;B&gt;") || !strings.Contains(svg, "Title &lt;x&gt;") {
		t.Error("names not escaped")
	}
	bars := rectRe.FindAllStringSubmatch(svg, -1)
	// Two populated regions x (2 classes + beyond + unreachable).
	if len(bars) != 2*4 {
		t.Fatalf("%d bars, want 8", len(bars))
	}
	if !strings.Contains(svg, ">no population<") {
		t.Error("empty region not explained")
	}
	// Each bar's segments fill the same width, and segment widths follow
	// the shares: A is 25 %, 50 %, 15 %, 10 %.
	plotW := chartWidth - axisLabelW - labelWidth(regions) - chartRight
	wantA := []float64{0.25, 0.5, 0.15, 0.10}
	for i, b := range bars[:4] {
		w, _ := strconv.ParseFloat(b[4], 64)
		if d := w - wantA[i]*plotW; d > 0.06 || d < -0.06 {
			t.Errorf("segment %d of A: width %v, want %v", i, w, wantA[i]*plotW)
		}
	}
	var sum float64
	for _, b := range bars[4:] {
		w, _ := strconv.ParseFloat(b[4], 64)
		sum += w
	}
	if d := sum - plotW; d > 0.2 || d < -0.2 {
		t.Errorf("C's segments add up to %v, want %v", sum, plotW)
	}
	for _, want := range []string{"<title>A &amp; &lt;B&gt;: 25.0% (50 persons) at ≤ 10 min</title>",
		"cannot reach a service</title>", "Share of population (%)", ">Region<", "&gt; 20 min<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
}

func TestMinutesChart(t *testing.T) {
	ths := []results.Minutes{10, 30}
	regions := []chartRegion{
		{Name: "A", Population: 5, Median: results.Some[results.Minutes](12.34), P90: results.Some[results.Minutes](40)},
		{Name: "B", Population: 5, Median: results.Some[results.Minutes](3)},
		{Name: "C", Population: 5},
		{Name: "D"},
	}
	svg := string(minutesChart("T", ths, regions))
	med := strings.Count(svg, `class="bar median"`)
	p90 := strings.Count(svg, `class="bar p90"`)
	if med != 2 || p90 != 1 {
		t.Errorf("%d median and %d p90 bars, want 2 and 1", med, p90)
	}
	for _, want := range []string{
		"<title>A: median 12.3 min</title>", "<title>A: 90th percentile 40.0 min</title>",
		"90th percentile: n/a, over 10% cannot reach a service",
		"median: n/a, over half cannot reach a service",
		">no population<", ">10 min<", ">30 min<", "Minutes to the nearest service",
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	// The axis reaches 40 (the largest value) in steps of 10: the p90 bar
	// of A spans the whole plot.
	plotW := chartWidth - axisLabelW - labelWidth(regions) - chartRight
	for _, b := range rectRe.FindAllStringSubmatch(svg, -1) {
		if b[1] == "p90" {
			w, _ := strconv.ParseFloat(b[4], 64)
			if d := w - plotW; d > 0.1 || d < -0.1 {
				t.Errorf("p90 of A: width %v, want %v", w, plotW)
			}
		}
	}
	if !strings.Contains(svg, `text-anchor="middle" class="tick">40<`) || strings.Contains(svg, `class="tick">50<`) {
		t.Error("axis does not end at 40")
	}
}

// On an axis of hundreds of minutes the threshold labels would overlap:
// each one drawn stands at least thresholdLabelGap from the previous one,
// and every threshold keeps its line.
func TestMinutesChartThresholdLabelsApart(t *testing.T) {
	ths := []results.Minutes{10, 20, 30, 45, 60}
	regions := []chartRegion{{Name: "A", Population: 5, Median: results.Some[results.Minutes](150), P90: results.Some[results.Minutes](460)}}
	svg := string(minutesChart("T", ths, regions))
	if n := strings.Count(svg, `class="threshold"`); n != len(ths) {
		t.Errorf("%d threshold lines, want %d", n, len(ths))
	}
	re := regexp.MustCompile(`<text x="([0-9.]+)"[^>]*class="threshold-label">([^<]*)<`)
	labels := re.FindAllStringSubmatch(svg, -1)
	if len(labels) < 2 || len(labels) >= len(ths) {
		t.Fatalf("%d threshold labels, want some but not all %d: %v", len(labels), len(ths), labels)
	}
	if labels[0][2] != "10 min" {
		t.Errorf("first label %q, want 10 min", labels[0][2])
	}
	prev := math.Inf(-1)
	for _, l := range labels {
		x, err := strconv.ParseFloat(l[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		if x-prev < thresholdLabelGap {
			t.Errorf("label %q at x=%v, %v px after the previous one", l[2], x, x-prev)
		}
		prev = x
	}
}
