package demo

import "testing"

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
