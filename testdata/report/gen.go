//go:build ignore

// gen writes the hand-made results directory testdata/report/run: a 10 x 3
// grid of 1 km cells split into three regions, two categories (health,
// kela), two modes (walk, car), three thresholds (10, 20, 30 min) and one
// extra population group, in the schema of `saavu analyse --out`.
//
// Travel times are made up from straight-line grid distances d (in km,
// between cell centres) with a detour factor of 1.3:
//
//	walk: 2 + 1.3*d*12 minutes (5 km/h), unreachable beyond 60 minutes
//	car:  3 + 1.3*d*3.5 minutes (a slow schematic network)
//
// and cell (col 9, row 0), an island without a ferry, reaches nothing.
//
// Run from the repository root: go run testdata/report/gen.go
package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

const (
	lon0, lat0 = 27.0, 61.6
	dLat       = 0.008993 // 1 km
	dLon       = 0.018886 // 1 km at 61.6 N
	out        = "testdata/report/run"
)

var (
	thresholds = []float64{10, 20, 30}
	gapMin     = 30.0
	categories = []string{"health", "kela"}
	modes      = []string{"walk", "car"}
	groups     = []string{"population", "aged_65_plus"}
)

type region struct {
	id, name   string
	col0, col1 int // inclusive column range
}

var regions = []region{
	{"091", "Mikkeli", 0, 3},
	{"093", "Savonlinna", 4, 6},
	{"097", "Pieksämäki", 7, 9},
}

// population per cell, [row][col]; row 0 is the southern row.
var population = [3][10]float64{
	{120, 40, 10, 25, 60, 15, 30, 5, 20, 8},
	{300, 900, 450, 80, 220, 700, 90, 40, 110, 12},
	{60, 150, 35, 20, 10, 80, 45, 16, 30, 6},
}

type service struct {
	id, name, category string
	col, row           int
	capacity           float64
	hours              string
}

var services = []service{
	{"h1", "Mikkeli health station", "health", 1, 1, 40, "Mo-Fr 08:00-16:00"},
	{"h2", "Savonlinna health station", "health", 5, 1, 25, ""},
	{"k1", "Kela & TE services <Mikkeli>", "kela", 2, 1, 6, "Mo-Fr 09:00-15:00"},
}

func isIsland(col, row int) bool { return col == 9 && row == 0 }

type cell struct {
	id       string
	col, row int
	region   int
	pop      [2]float64          // per group
	min      map[string]*float64 // key category_mode
	km       map[string]*float64 // key category_mode
	service  map[string]*string  // key category_mode
}

func round(v float64, dec int) float64 {
	p := math.Pow(10, float64(dec))
	return math.Round(v*p) / p
}

func main() {
	var cells []cell
	for row := 0; row < 3; row++ {
		for col := 0; col < 10; col++ {
			c := cell{id: fmt.Sprintf("1kmN%dE%d", 6830+row, 500+col), col: col, row: row,
				min: map[string]*float64{}, km: map[string]*float64{}, service: map[string]*string{}}
			for r, reg := range regions {
				if col >= reg.col0 && col <= reg.col1 {
					c.region = r
				}
			}
			p := population[row][col]
			c.pop = [2]float64{p, math.Round(p * 0.25)}
			for _, cat := range categories {
				for _, m := range modes {
					k := cat + "_" + m
					if isIsland(col, row) {
						continue
					}
					best := -1.0
					var bestSvc *service
					for i := range services {
						s := &services[i]
						if s.category != cat {
							continue
						}
						d := math.Hypot(float64(s.col-col), float64(s.row-row))
						if best < 0 || d < best {
							best, bestSvc = d, s
						}
					}
					route := 1.3 * best
					var t float64
					if m == "walk" {
						t = 2 + route*12
						if t > 60 {
							continue
						}
					} else {
						t = 3 + route*3.5
					}
					t, km := round(t, 2), round(route, 3)
					name := bestSvc.name
					c.min[k], c.km[k], c.service[k] = &t, &km, &name
				}
			}
			cells = append(cells, c)
		}
	}
	must(os.MkdirAll(out, 0o755))
	writeCells(cells)
	stats := summarise(cells)
	writeRegions(cells, stats)
	writeSummary(stats)
	writeGaps(cells)
	writeServices()
	writeRun(cells)
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// prop is one ordered property.
type prop struct {
	k string
	v any
}

func encode(v any) string {
	b, err := json.Marshal(v)
	must(err)
	return string(b)
}

func feature(id string, geom string, props []prop) string {
	var b strings.Builder
	b.WriteString(`{"type":"Feature",`)
	if id != "" {
		b.WriteString(`"id":` + encode(id) + `,`)
	}
	b.WriteString(`"geometry":` + geom + `,"properties":{`)
	for i, p := range props {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(encode(p.k) + ":" + encode(p.v))
	}
	b.WriteString("}}")
	return b.String()
}

func writeCollection(name string, feats []string) {
	s := `{"type":"FeatureCollection","features":[` + "\n" + strings.Join(feats, ",\n") + "\n]}\n"
	must(os.WriteFile(filepath.Join(out, name), []byte(s), 0o644))
}

func f6(v float64) string { return strconv.FormatFloat(round(v, 6), 'f', -1, 64) }

// rect returns a closed counter-clockwise ring for columns c0..c1 and rows
// r0..r1 (inclusive), as GeoJSON coordinates text.
func rect(c0, c1, r0, r1 int) string {
	w, e := lon0+float64(c0)*dLon, lon0+float64(c1+1)*dLon
	s, n := lat0+float64(r0)*dLat, lat0+float64(r1+1)*dLat
	return fmt.Sprintf("[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]",
		f6(w), f6(s), f6(e), f6(s), f6(e), f6(n), f6(w), f6(n), f6(w), f6(s))
}

func polygon(c0, c1, r0, r1 int) string {
	return `{"type":"Polygon","coordinates":[` + rect(c0, c1, r0, r1) + `]}`
}

func writeCells(cells []cell) {
	var feats []string
	for _, c := range cells {
		reg := regions[c.region]
		props := []prop{{"id", c.id}, {"region_id", reg.id}, {"region", reg.name}}
		for g, name := range groups {
			props = append(props, prop{name, c.pop[g]})
		}
		for _, cat := range categories {
			for _, m := range modes {
				k := cat + "_" + m
				props = append(props, prop{k + "_min", c.min[k]}, prop{k + "_km", c.km[k]}, prop{k + "_service", c.service[k]})
			}
		}
		feats = append(feats, feature(c.id, polygon(c.col, c.col, c.row, c.row), props))
	}
	writeCollection("cells.geojson", feats)
}

// stat mirrors one region/group/category/mode of the summary.
type stat struct {
	cells             int
	pop, unreach      float64
	within            []float64
	mean, median, p90 *float64
}

type key struct {
	region, group int
	cat, mode     string
}

// quantile: the smallest time t such that the weight with time <= t is at
// least q of the total; unreachable counts as infinitely far (nil).
func quantile(ts []float64, ws []float64, q float64) *float64 {
	type tw struct{ t, w float64 }
	var v []tw
	var total float64
	for i := range ts {
		v = append(v, tw{ts[i], ws[i]})
		total += ws[i]
	}
	sort.SliceStable(v, func(a, b int) bool { return v[a].t < v[b].t })
	var cum float64
	for _, x := range v {
		cum += x.w
		if cum >= q*total-1e-9*total {
			if math.IsInf(x.t, 1) {
				return nil
			}
			r := round(x.t, 2)
			return &r
		}
	}
	return nil
}

func summarise(cells []cell) map[key]*stat {
	out := map[key]*stat{}
	for r := range regions {
		for g := range groups {
			for _, cat := range categories {
				for _, m := range modes {
					st := &stat{within: make([]float64, len(thresholds))}
					var ts, ws []float64
					var sumT, sumW float64
					for _, c := range cells {
						w := c.pop[g]
						if c.region != r || w <= 0 {
							continue
						}
						st.cells++
						st.pop += w
						t := c.min[cat+"_"+m]
						if t == nil {
							st.unreach += w
							ts, ws = append(ts, math.Inf(1)), append(ws, w)
							continue
						}
						ts, ws = append(ts, *t), append(ws, w)
						sumT += *t * w
						sumW += w
						for k, th := range thresholds {
							if *t <= th {
								st.within[k] += w
							}
						}
					}
					if sumW > 0 {
						mean := round(sumT/sumW, 2)
						st.mean = &mean
					}
					st.median = quantile(ts, ws, 0.5)
					st.p90 = quantile(ts, ws, 0.9)
					out[key{r, g, cat, m}] = st
				}
			}
		}
	}
	return out
}

func thKey(t float64) string { return strconv.FormatFloat(t, 'f', -1, 64) }

func share(st *stat, k int) any {
	if st.pop == 0 {
		return nil
	}
	return round(st.within[k]/st.pop, 4)
}

func writeRegions(cells []cell, stats map[key]*stat) {
	var feats []string
	for r, reg := range regions {
		st0 := stats[key{r, 0, categories[0], modes[0]}]
		props := []prop{{"id", reg.id}, {"name", reg.name}, {"population", round(st0.pop, 1)}, {"cells", st0.cells}}
		for _, cat := range categories {
			for _, m := range modes {
				st := stats[key{r, 0, cat, m}]
				k := cat + "_" + m + "_"
				props = append(props, prop{k + "mean_min", st.mean}, prop{k + "median_min", st.median},
					prop{k + "p90_min", st.p90}, prop{k + "unreachable", round(st.unreach, 1)})
				for i, t := range thresholds {
					props = append(props, prop{k + "share_" + thKey(t), share(st, i)})
				}
			}
		}
		feats = append(feats, feature(reg.id, polygon(reg.col0, reg.col1, 0, 2), props))
	}
	writeCollection("regions.geojson", feats)
}

func optText(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func writeSummary(stats map[key]*stat) {
	f, err := os.Create(filepath.Join(out, "summary.csv"))
	must(err)
	w := csv.NewWriter(f)
	must(w.Write([]string{"region_id", "region", "group", "category", "mode", "threshold_min",
		"population", "within", "share", "unreachable", "mean_min", "median_min", "p90_min"}))
	for r, reg := range regions {
		for g, gname := range groups {
			for _, cat := range categories {
				for _, m := range modes {
					st := stats[key{r, g, cat, m}]
					for k, t := range thresholds {
						sh := ""
						if v := share(st, k); v != nil {
							sh = num(v.(float64))
						}
						must(w.Write([]string{reg.id, reg.name, gname, cat, m, thKey(t), num(round(st.pop, 1)),
							num(round(st.within[k], 1)), sh, num(round(st.unreach, 1)),
							optText(st.mean), optText(st.median), optText(st.p90)}))
					}
				}
			}
		}
	}
	w.Flush()
	must(w.Error())
	must(f.Close())
}

// writeGaps writes, for each mode/category/region, the cells whose time
// exceeds gapMin (or that are unreachable) as one MultiPolygon of squares.
// The fixture keeps gap areas as unions of whole cells without dissolving.
func writeGaps(cells []cell) {
	var feats []string
	for _, m := range modes {
		for _, cat := range categories {
			for r, reg := range regions {
				var rings []string
				var pop, unreach float64
				n := 0
				for _, c := range cells {
					if c.region != r || c.pop[0] <= 0 {
						continue
					}
					t := c.min[cat+"_"+m]
					if t != nil && *t <= gapMin {
						continue
					}
					rings = append(rings, "["+rect(c.col, c.col, c.row, c.row)+"]")
					pop += c.pop[0]
					if t == nil {
						unreach += c.pop[0]
					}
					n++
				}
				if n == 0 {
					continue
				}
				geom := `{"type":"MultiPolygon","coordinates":[` + strings.Join(rings, ",") + `]}`
				props := []prop{{"region_id", reg.id}, {"region", reg.name}, {"category", cat}, {"mode", m},
					{"gap_min", gapMin}, {"population", round(pop, 1)}, {"unreachable", round(unreach, 1)},
					{"cells", n}, {"area_km2", float64(n)}}
				feats = append(feats, feature("", geom, props))
			}
		}
	}
	writeCollection("gaps.geojson", feats)
}

func writeServices() {
	var feats []string
	for _, s := range services {
		lon := lon0 + (float64(s.col)+0.5)*dLon
		lat := lat0 + (float64(s.row)+0.5)*dLat
		props := []prop{{"id", s.id}, {"name", s.name}, {"category", s.category}, {"capacity", s.capacity}}
		if s.hours != "" {
			props = append(props, prop{"opening_hours", s.hours})
		}
		feats = append(feats, feature(s.id, `{"type":"Point","coordinates":[`+f6(lon)+","+f6(lat)+"]}", props))
	}
	writeCollection("services.geojson", feats)
}

func writeRun(cells []cell) {
	var pop float64
	for _, c := range cells {
		pop += c.pop[0]
	}
	run := map[string]any{
		"tool":    "saavu",
		"version": "v0.0.0-fixture",
		"command": "analyse",
		"inputs": []map[string]any{
			{"role": "osm", "path": "fixture/roads.osm.pbf", "bytes": 123456, "sha256": strings.Repeat("ab", 32)},
			{"role": "regions", "path": "fixture/regions.geojson", "bytes": 2048, "sha256": strings.Repeat("cd", 32)},
			{"role": "population", "path": "fixture/population.csv", "bytes": 4096, "sha256": strings.Repeat("ef", 32)},
			{"role": "services", "path": "fixture/services.csv", "bytes": 512, "sha256": strings.Repeat("01", 32)},
		},
		"parameters": map[string]any{
			"thresholds_min": thresholds, "gap_min": gapMin, "max_time_min": 60, "cell_size_m": 1000,
			"groups":     []map[string]string{{"Name": "aged_65_plus", "Field": "pop65"}},
			"categories": categories, "crs": "", "max_snap_m": 500,
		},
		"categories": categories,
		"modes":      modes,
		"counts": map[string]any{"regions": len(regions), "cells": len(cells), "population": pop,
			"services": len(services)},
		"warnings": []string{"1 cell lies on an island without a road link: fixture cell 1kmN6830E509"},
		"notes":    []string{"the road network is schematic: travel times are straight-line distances with a detour factor"},
		"outputs":  []string{"cells.geojson", "regions.geojson", "summary.csv", "gaps.geojson", "services.geojson", "run.json"},
	}
	b, err := json.MarshalIndent(run, "", "  ")
	must(err)
	must(os.WriteFile(filepath.Join(out, "run.json"), append(b, '\n'), 0o644))
}
