package report

import (
	"html/template"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/saavu/saavu/data/results"
)

// chartSeries is one bar per region of a value chart.
type chartSeries struct {
	Label  string
	Color  string
	Values []results.Opt[float64] // per region
}

// Value chart geometry.
const (
	valueBarH   = 13.0
	valueBarGap = 3.0
	valueRowPad = 10.0
	titleCharW  = 9.8 // average glyph width of the 14 px bold title, taken wide (DejaVu Sans Bold, the common fallback, runs about 9.7)
	titleLineH  = 18.0
	valueCharW  = 6.2 // average glyph width at 11 px
)

// titleLines splits a chart title into lines that fit width w: a title
// never runs past the chart's edge.
func titleLines(title string, w float64) []string {
	maxChars := int(w / titleCharW)
	if maxChars < 10 {
		maxChars = 10
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(title) {
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= maxChars:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// title writes the wrapped title from (x, titleY) and returns the extra
// height it took beyond one line.
func (s *svg) title(x, w float64, title string) float64 {
	lines := titleLines(title, w)
	for i, l := range lines {
		s.text(x, titleY+float64(i)*titleLineH, "", "chart-title", l)
	}
	if len(lines) == 0 {
		return 0
	}
	return float64(len(lines)-1) * titleLineH
}

// textWidth estimates the width of a value label.
func textWidth(s string) float64 { return float64(utf8.RuneCountInString(s)) * valueCharW }

// valueChart draws, per region, one horizontal bar per series (rect.bar.vbar)
// with its value written once, formatted as in the tables: after the bar
// when it fits, inside it otherwise. A missing value reads "n/a".
func valueChart(title, unit, rowAxis string, share bool, regions []string, series []chartSeries) template.HTML {
	chartRegions := make([]chartRegion, len(regions))
	for i, n := range regions {
		chartRegions[i].Name = n
	}
	lw := labelWidth(chartRegions)
	left := axisLabelW + lw
	plotW := chartWidth - left - chartRight
	var labels, colors []string
	for _, s := range series {
		labels = append(labels, s.Label)
		colors = append(colors, s.Color)
	}
	var s svg
	extra := 0.0
	{
		var probe svg
		extra = probe.title(left, chartWidth-left-4, title)
	}
	lh := 0.0
	if len(series) > 1 {
		lh = legendHeight(left, chartWidth-chartRight, labels)
	}
	top := legendTop + extra + lh + 6
	rowH := float64(len(series))*(valueBarH+valueBarGap) + valueRowPad
	plotH := float64(len(regions)) * rowH
	h := top + plotH + xAxisBelow

	maxV := 0.0
	for _, se := range series {
		for _, v := range se.Values {
			if v.Valid && !math.IsNaN(v.Value) {
				maxV = math.Max(maxV, v.Value)
			}
		}
	}
	if share {
		maxV = 1
	}
	step := niceStep(maxV, 5)
	axisMax := math.Max(step, math.Ceil(maxV/step-1e-9)*step)
	xOf := func(v float64) float64 { return left + plotW*math.Max(0, v)/axisMax }

	s.open(chartWidth, h, "chart chart-value", title, unit+", per region.")
	s.title(left, chartWidth-left-4, title)
	if len(series) > 1 {
		s.legend(left, legendTop+extra, chartWidth-chartRight, colors, labels)
	}
	for v := 0.0; v <= axisMax+1e-9; v += step {
		x := xOf(v)
		s.line(x, top-4, x, top+plotH, "grid")
		tick := formatNumber(math.Round(v*1000) / 1000)
		if share {
			tick = formatNumber(math.Round(v * 100))
		}
		s.text(x, top+plotH+16, "middle", "tick", tick)
	}
	for i, name := range regions {
		y0 := top + float64(i)*rowH + valueRowPad/2
		bandMid := y0 + float64(len(series))*(valueBarH+valueBarGap)/2
		s.text(left-8, bandMid+4, "end", "region-label", fitLabel(name, lw))
		for j, se := range series {
			by := y0 + float64(j)*(valueBarH+valueBarGap)
			v := results.Opt[float64]{}
			if i < len(se.Values) {
				v = se.Values[i]
			}
			if !v.Valid || math.IsNaN(v.Value) {
				s.text(left+4, by+valueBarH-2, "", "na", "n/a")
				continue
			}
			label := formatMeasure(v, share)
			x1 := xOf(v.Value)
			s.rect(left, by, x1-left, valueBarH, se.Color, "bar vbar", name+", "+se.Label+": "+label)
			if w := textWidth(label); x1+4+w <= chartWidth-4 {
				s.text(x1+4, by+valueBarH-2, "", "value", label)
			} else {
				s.text(x1-4, by+valueBarH-2, "end", "value inside", label)
			}
		}
	}
	s.line(left, top+plotH, left+plotW, top+plotH, "axis")
	s.text(left+plotW/2, top+plotH+38, "middle", "axis-label", unit)
	s.vtext(12, top+plotH/2, "axis-label", rowAxis)
	return s.close()
}
