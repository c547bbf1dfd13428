package report

import (
	"html/template"
	"math"
	"unicode/utf8"

	"github.com/saavu/saavu/data/results"
)

// chartRegion is what the charts show of one region for one category and
// mode (population group: the total).
type chartRegion struct {
	Name        string
	Population  float64
	Within      []float64 // persons within each threshold, cumulative
	Unreachable float64
	Median      results.Opt[results.Minutes]
	P90         results.Opt[results.Minutes]
}

// Chart geometry, in SVG user units (pixels at 100 %).
const (
	chartWidth   = 600.0
	chartRight   = 28.0
	axisLabelW   = 26.0 // room for the rotated y-axis label
	titleY       = 20.0
	legendTop    = 34.0
	legendRowH   = 18.0
	shareRowH    = 28.0
	shareBarH    = 18.0
	minutesRowH  = 36.0
	minutesBarH  = 13.0
	xAxisBelow   = 46.0 // ticks and axis label under the plot
	charW        = 6.6  // average glyph width at 12 px, for layout only
	minLabelW    = 70.0
	maxLabelW    = 180.0
	legendSwatch = 12.0
)

// classLabels names the n+1 travel time classes of n thresholds and the
// unreachable class: "≤ 10 min", "10–20 min", "> 30 min", "Unreachable".
func classLabels(ths []results.Minutes) []string {
	n := len(ths)
	out := make([]string, 0, n+2)
	for i, t := range ths {
		if i == 0 {
			out = append(out, "≤ "+formatNumber(float64(t))+" min")
		} else {
			out = append(out, formatNumber(float64(ths[i-1]))+"–"+formatNumber(float64(t))+" min")
		}
	}
	if n == 0 {
		out = append(out, "Reachable")
	} else {
		out = append(out, "> "+formatNumber(float64(ths[n-1]))+" min")
	}
	return append(out, "Unreachable")
}

// classShares splits a region's population into the n+1 time classes and
// the unreachable class, as counts of persons; they add up to Population.
func classShares(r chartRegion) []float64 {
	n := len(r.Within)
	out := make([]float64, n+2)
	prev := 0.0
	for k, w := range r.Within {
		out[k] = math.Max(0, w-prev)
		prev = math.Max(prev, w)
	}
	out[n] = math.Max(0, r.Population-r.Unreachable-prev)
	out[n+1] = r.Unreachable
	return out
}

// fitLabel shortens a region name with an ellipsis to fit the label
// column of width lw.
func fitLabel(name string, lw float64) string {
	maxRunes := int((lw - 14) / charW)
	if utf8.RuneCountInString(name) <= maxRunes || maxRunes < 2 {
		return name
	}
	r := []rune(name)
	return string(r[:maxRunes-1]) + "…"
}

func labelWidth(regions []chartRegion) float64 {
	w := minLabelW
	for _, r := range regions {
		w = math.Max(w, float64(utf8.RuneCountInString(r.Name))*charW+14)
	}
	return math.Min(w, maxLabelW)
}

// legend draws swatches with labels from x0, wrapping at xMax, and returns
// the height used.
func (s *svg) legend(x0, y0, xMax float64, colors, labels []string) float64 {
	x, y := x0, y0
	for i, l := range labels {
		w := legendSwatch + 5 + float64(utf8.RuneCountInString(l))*charW + 16
		if x > x0 && x+w > xMax {
			x, y = x0, y+legendRowH
		}
		s.rect(x, y, legendSwatch, legendSwatch, colors[i], "swatch", "")
		s.text(x+legendSwatch+5, y+legendSwatch-2, "", "legend-label", l)
		x += w
	}
	return y - y0 + legendRowH
}

// legendHeight returns the height legend would use without drawing.
func legendHeight(x0, xMax float64, labels []string) float64 {
	var probe svg
	return probe.legend(x0, 0, xMax, make([]string, len(labels)), labels)
}

// shareChart draws one 100 % stacked horizontal bar per region: the shares
// of its population in each travel time class and unreachable. Every
// region gets len(thresholds)+2 segments (rect.bar.share), empty ones with
// zero width, so the count is predictable; a region without population gets
// a note instead.
func shareChart(title string, ths []results.Minutes, colors []string, regions []chartRegion) template.HTML {
	labels := classLabels(ths)
	fills := append(append([]string{}, colors...), UnreachableColor)
	lw := labelWidth(regions)
	left := axisLabelW + lw
	plotW := chartWidth - left - chartRight
	lh := legendHeight(left, chartWidth-chartRight, labels)
	var probe svg
	extra := probe.title(axisLabelW, chartWidth-axisLabelW-4, title)
	top := legendTop + extra + lh + 8
	plotH := float64(len(regions)) * shareRowH
	h := top + plotH + xAxisBelow

	var s svg
	s.open(chartWidth, h, "chart chart-share", title,
		"Share of each region's population by travel time to the nearest service.")
	s.title(axisLabelW, chartWidth-axisLabelW-4, title)
	s.legend(left, legendTop+extra, chartWidth-chartRight, fills, labels)
	for p := 0; p <= 100; p += 20 {
		x := left + plotW*float64(p)/100
		s.line(x, top-4, x, top+plotH, "grid")
		s.text(x, top+plotH+16, "middle", "tick", formatNumber(float64(p)))
	}
	for i, r := range regions {
		y := top + float64(i)*shareRowH + (shareRowH-shareBarH)/2
		s.text(left-8, y+shareBarH-5, "end", "region-label", fitLabel(r.Name, lw))
		if r.Population <= 0 {
			s.text(left+4, y+shareBarH-5, "", "na", "no population")
			continue
		}
		x := left
		for k, c := range classShares(r) {
			w := plotW * c / r.Population
			tip := r.Name + ": " + formatPercent(c/r.Population) + " (" + formatCount(c) + " persons) " + tipClass(labels[k])
			s.rect(x, y, w, shareBarH, fills[k], "bar share", tip)
			x += w
		}
	}
	s.line(left, top+plotH, left+plotW, top+plotH, "axis")
	s.text(left+plotW/2, top+plotH+38, "middle", "axis-label", "Share of population (%)")
	s.vtext(12, top+plotH/2, "axis-label", "Region")
	return s.close()
}

// tipClass phrases a class label for a tooltip.
func tipClass(label string) string {
	if label == "Unreachable" {
		return "cannot reach a service"
	}
	return "at " + label
}

// niceStep returns a tick step from {1, 2, 2.5, 5} x 10^k giving about
// target ticks up to max.
func niceStep(max float64, target int) float64 {
	if max <= 0 || math.IsNaN(max) || math.IsInf(max, 0) {
		return 1
	}
	raw := max / float64(target)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// Colours of the minutes chart: two blues of different lightness, the
// same measure at two percentiles.
const (
	medianColor = "#0072b2"
	p90Color    = "#7fb8dc"
)

// minutesChart draws, per region, a bar for the population-weighted median
// and one for the 90th percentile of minutes to the nearest service
// (rect.bar.median, rect.bar.p90), with the thresholds as dashed lines.
// A null statistic is explained in words instead of a bar.
// thresholdLabelGap is the least distance in pixels between the centres
// of two threshold labels ("45 min" is about 34 px wide at 10 px).
const thresholdLabelGap = 40

func minutesChart(title string, ths []results.Minutes, regions []chartRegion) template.HTML {
	labels := []string{"Median", "90th percentile"}
	lw := labelWidth(regions)
	left := axisLabelW + lw
	plotW := chartWidth - left - chartRight
	lh := legendHeight(left, chartWidth-chartRight, labels)
	var probe svg
	extra := probe.title(axisLabelW, chartWidth-axisLabelW-4, title)
	top := legendTop + extra + lh + 20
	plotH := float64(len(regions)) * minutesRowH
	h := top + plotH + xAxisBelow

	maxV := 0.0
	if len(ths) > 0 {
		maxV = float64(ths[len(ths)-1])
	}
	for _, r := range regions {
		for _, v := range []results.Opt[results.Minutes]{r.Median, r.P90} {
			if v.Valid {
				maxV = math.Max(maxV, float64(v.Value))
			}
		}
	}
	step := niceStep(maxV, 6)
	axisMax := math.Max(step, math.Ceil(maxV/step-1e-9)*step)
	xOf := func(v float64) float64 { return left + plotW*v/axisMax }

	var s svg
	s.open(chartWidth, h, "chart chart-minutes", title,
		"Median and 90th percentile of the travel time to the nearest service, per region.")
	s.title(axisLabelW, chartWidth-axisLabelW-4, title)
	s.legend(left, legendTop+extra, chartWidth-chartRight, []string{medianColor, p90Color}, labels)
	for v := 0.0; v <= axisMax+1e-9; v += step {
		x := xOf(v)
		s.line(x, top-4, x, top+plotH, "grid")
		s.text(x, top+plotH+16, "middle", "tick", formatNumber(math.Round(v*100)/100))
	}
	lastLabel := math.Inf(-1)
	for _, t := range ths {
		if float64(t) > axisMax {
			continue
		}
		x := xOf(float64(t))
		s.line(x, top-8, x, top+plotH, "threshold")
		// On a long axis (walks of hours) the thresholds crowd together:
		// a label that would overlap the previous one is left off.
		if x-lastLabel >= thresholdLabelGap {
			s.text(x, top-10, "middle", "threshold-label", formatNumber(float64(t))+" min")
			lastLabel = x
		}
	}
	for i, r := range regions {
		y := top + float64(i)*minutesRowH + (minutesRowH-2*minutesBarH-2)/2
		s.text(left-8, y+minutesBarH+3, "end", "region-label", fitLabel(r.Name, lw))
		bars := []struct {
			v     results.Opt[results.Minutes]
			what  string
			class string
			color string
			nullW string
		}{
			{r.Median, "median", "bar median", medianColor, "over half cannot reach a service"},
			{r.P90, "90th percentile", "bar p90", p90Color, "over 10% cannot reach a service"},
		}
		for j, b := range bars {
			by := y + float64(j)*(minutesBarH+2)
			switch {
			case r.Population <= 0:
				if j == 0 {
					s.text(left+4, by+minutesBarH-2, "", "na", "no population")
				}
			case !b.v.Valid:
				s.text(left+4, by+minutesBarH-2, "", "na", b.what+": n/a, "+b.nullW)
			default:
				v := float64(b.v.Value)
				s.rect(left, by, xOf(v)-left, minutesBarH, b.color, b.class,
					r.Name+": "+b.what+" "+formatMinutes(b.v)+" min")
				// Written after the bar when it fits, inside it otherwise:
				// the longest bar's label must not run off the chart.
				if label := formatMinutes(b.v); xOf(v)+4+textWidth(label) <= chartWidth-4 {
					s.text(xOf(v)+4, by+minutesBarH-2, "", "value", label)
				} else {
					s.text(xOf(v)-4, by+minutesBarH-2, "end", "value inside", label)
				}
			}
		}
	}
	s.line(left, top+plotH, left+plotW, top+plotH, "axis")
	s.text(left+plotW/2, top+plotH+38, "middle", "axis-label", "Minutes to the nearest service")
	s.vtext(12, top+plotH/2, "axis-label", "Region")
	return s.close()
}
