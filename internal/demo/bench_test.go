package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// BenchmarkGenerate measures a whole demo: building the scenario and
// writing all files.
func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	b.ReportAllocs()
	var m *Manifest
	for b.Loop() {
		var err error
		m, err = Generate(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(m.Cells), "cells")
	b.ReportMetric(float64(m.RoadNodes), "nodes")
}

// BenchmarkBuild measures building the scenario in memory, without
// encoding or writing.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	var sc *scenario
	for b.Loop() {
		var err error
		sc, err = build(2026)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(sc.cells)), "cells")
}

// BenchmarkBoundaries measures the power-diagram fit and dissolve alone.
func BenchmarkBoundaries(b *testing.B) {
	b.ReportAllocs()
	var bd *boundaries
	for b.Loop() {
		var err error
		bd, err = buildBoundaries()
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(bd.cells)), "fragments")
}

// BenchmarkNearest compares the bucket index with a scan of every node
// (the baseline) for the 24 nearest nodes, as access roads ask.
func BenchmarkNearest(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		r := rand.New(rand.NewPCG(3, 4))
		ix := newNodeIndex(2000)
		pts := make([]xy, n)
		for i := range pts {
			pts[i] = xy{r.Float64() * 150000, r.Float64() * 150000}
			ix.add(int32(i), pts[i])
		}
		queries := make([]xy, 256)
		for i := range queries {
			queries[i] = xy{r.Float64() * 150000, r.Float64() * 150000}
		}
		b.Run(fmt.Sprintf("index/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			sum := 0
			i := 0
			for b.Loop() {
				sum += len(ix.nearest(queries[i%len(queries)], accessCandidates, accessReach))
				i++
			}
			if sum == 0 {
				b.Fatal("nothing found")
			}
		})
		b.Run(fmt.Sprintf("scan/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			sum := 0
			i := 0
			ids := make([]int32, n)
			for b.Loop() {
				p := queries[i%len(queries)]
				ids = ids[:0]
				for k := range pts {
					if p.dist(pts[k]) <= accessReach {
						ids = append(ids, int32(k))
					}
				}
				slices.SortFunc(ids, func(a, c int32) int { return cmpF(p.dist(pts[a]), p.dist(pts[c])) })
				sum += min(len(ids), accessCandidates)
				i++
			}
			if sum == 0 {
				b.Fatal("nothing found")
			}
		})
	}
}
