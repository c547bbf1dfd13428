package cli

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/testutil"
)

// The plan fixture with a bus (testdata/plan-cli/gtfs): line K stops at
// cells 0, 8 and 16, eastbound from cell 0 at 08:05 and 08:25, westbound
// from cell 16 at 08:10 and 08:30, 3 minutes between stops. Departures
// 08:00-08:29 on Monday 8 January 2024.
//
// TestPlanTransitExhaustive checks that plan --mode transit and nocar
// choose what an exhaustive search over every set of candidates chooses,
// on the cells' times to each candidate and to the health station
// computed apart by saavu matrix.
func TestPlanTransitExhaustive(t *testing.T) {
	dir := t.TempDir()
	// The population cells' centres as matrix origins.
	pop := readCSV(t, fixture(t, "plan-cli", "population.csv"))
	var weights []float64
	origins := "id,lon,lat\n"
	for i, r := range pop[1:] {
		x, _ := strconv.ParseFloat(r[0], 64)
		y, _ := strconv.ParseFloat(r[1], 64)
		w, _ := strconv.ParseFloat(r[2], 64)
		lon, lat := geo.FromTM35(x, y)
		origins += fmt.Sprintf("c%d,%.8f,%.8f\n", i, lon, lat)
		weights = append(weights, w)
	}
	op := filepath.Join(dir, "origins.csv")
	if err := os.WriteFile(op, []byte(origins), 0o644); err != nil {
		t.Fatal(err)
	}
	health := filepath.Join(dir, "health.csv")
	if err := os.WriteFile(health, []byte("id,lon,lat\nH,23.81028961,61.47744106\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	kela := filepath.Join(dir, "kela.csv")
	if err := os.WriteFile(kela, []byte("id,lon,lat\nKW,23.81028961,61.47744106\nKM,23.83840395,61.47809649\nKE,23.86651965,61.47874614\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	transitArgs := []string{"--gtfs", fixture(t, "plan-cli", "gtfs"), "--date", "20240108", "--depart", "08:00", "--window", "30"}
	for _, mode := range []string{"transit", "nocar"} {
		// times[i][j]: cell i to candidate j (ms); fixed[i]: to the
		// health station.
		matrix := func(dests string) [][]float64 {
			out := filepath.Join(dir, mode+"-m.csv")
			args := append([]string{"matrix", "-q", "--mode", mode, "--osm", fixture(t, "plan-cli", "road.osm"), "--origins", op,
				"--destinations", dests, "--out", out}, transitArgs...)
			if code, _, stderr := run(t, args...); code != 0 {
				t.Fatalf("matrix: exit %d\n%s", code, stderr)
			}
			rows := readCSV(t, out)[1:]
			nd := len(rows) / len(weights)
			m := make([][]float64, len(weights))
			for k, r := range rows {
				v := math.Inf(1)
				if r[2] != "" {
					v, _ = strconv.ParseFloat(r[2], 64)
				}
				m[k/nd] = append(m[k/nd], v*1000)
			}
			return m
		}
		times := matrix(fixture(t, "plan-cli", "candidates.csv"))
		fixedM := matrix(health)
		ids := []string{"A", "B", "C", "D", "E"}
		// Closing: the kela offices W (cell 0), Middle (6), East (12);
		// the cost counts the offices that stay.
		kelaTimes := matrix(kela)
		for _, c := range []struct {
			objective string
			k         int
			limit     float64
		}{{"coverage", 1, 10}, {"coverage", 2, 6}, {"median", 1, 20}} {
			t.Run(fmt.Sprintf("%s close %s k=%d %g min", mode, c.objective, c.k, c.limit), func(t *testing.T) {
				names := []string{"Kela West", "Kela Middle", "Kela East"}
				cost := func(closed []int) float64 {
					v := 0.0
					for i, w := range weights {
						best := math.Inf(1)
						for j := range names {
							if !slices.Contains(closed, j) {
								best = min(best, kelaTimes[i][j])
							}
						}
						if c.objective == "coverage" && best > c.limit*60000 {
							v += w
						} else if c.objective == "median" {
							v += w * min(best, c.limit*60000) / 60000
						}
					}
					return v
				}
				best, bestSets := math.Inf(1), [][]string(nil)
				for a := range names {
					for b := a; b < len(names); b++ {
						set := []int{a, b}
						if c.k == 1 {
							if b != a {
								continue
							}
							set = []int{a}
						} else if b == a {
							continue
						}
						var ns []string
						for _, j := range set {
							ns = append(ns, names[j])
						}
						slices.Sort(ns)
						switch v := cost(set); {
						case v < best-1e-6:
							best, bestSets = v, [][]string{ns}
						case math.Abs(v-best) <= 1e-6:
							bestSets = append(bestSets, ns)
						}
					}
				}
				out := filepath.Join(dir, "close-"+mode)
				flag := "--threshold"
				if c.objective == "median" {
					flag = "--cap"
				}
				args := append(planArgs(t, out, "--category", "kela", "--mode", mode, "--remove", strconv.Itoa(c.k),
					"--objective", c.objective, flag, strconv.FormatFloat(c.limit, 'f', -1, 64)), transitArgs...)
				if code, _, stderr := run(t, args...); code != 0 {
					t.Fatalf("plan: exit %d\n%s", code, stderr)
				}
				var closed []string
				for _, f := range readPlanSites(t, out) {
					closed = append(closed, f.Properties.Name)
				}
				slices.Sort(closed)
				// Closing one site, the plan's choice is the closure missed
				// least alone: first in candidates.csv, marked chosen.
				if c.k == 1 {
					alone := testutil.ReadCSV(t, filepath.Join(out, PlanCandidatesFile))
					if len(alone) < 3 || alone[1][2] != closed[0] || alone[1][5] != "true" || alone[2][5] != "false" {
						t.Errorf("candidates.csv %v, closed %v", alone, closed)
					}
				}
				t.Logf("closed %v, best %v at %.1f", closed, bestSets, best)
				if !slices.ContainsFunc(bestSets, func(s []string) bool { return slices.Equal(s, closed) }) {
					t.Errorf("plan closed %v, exhaustive search %v (cost %.1f)", closed, bestSets, best)
				}
			})
		}
		for _, c := range []struct {
			objective string
			k         int
			limit     float64 // minutes: threshold, or cap for median
		}{{"coverage", 1, 10}, {"coverage", 2, 10}, {"coverage", 2, 6}, {"median", 2, 20}} {
			t.Run(fmt.Sprintf("%s %s k=%d %g min", mode, c.objective, c.k, c.limit), func(t *testing.T) {
				limitMs := c.limit * 60000
				cost := func(set []int) float64 {
					v := 0.0
					for i, w := range weights {
						best := fixedM[i][0]
						for _, j := range set {
							best = min(best, times[i][j])
						}
						switch {
						case c.objective == "coverage" && best > limitMs:
							v += w
						case c.objective == "median":
							v += w * min(best, limitMs) / 60000
						}
					}
					return v
				}
				bestCost, bestSets := math.Inf(1), [][]string(nil)
				var each func(start int, set []int)
				each = func(start int, set []int) {
					if len(set) == c.k {
						v := cost(set)
						var names []string
						for _, j := range set {
							names = append(names, ids[j])
						}
						switch {
						case v < bestCost-1e-6:
							bestCost, bestSets = v, [][]string{names}
						case math.Abs(v-bestCost) <= 1e-6:
							bestSets = append(bestSets, names)
						}
						return
					}
					for j := start; j < len(ids); j++ {
						each(j+1, append(slices.Clone(set), j))
					}
				}
				each(0, nil)
				out := filepath.Join(dir, "plan-"+mode)
				flag := "--threshold"
				if c.objective == "median" {
					flag = "--cap"
				}
				args := append(planArgs(t, out, "--category", "health", "--candidates", fixture(t, "plan-cli", "candidates.csv"),
					"--mode", mode, "--add", strconv.Itoa(c.k), "--objective", c.objective, flag, strconv.FormatFloat(c.limit, 'f', -1, 64)), transitArgs...)
				code, stdout, stderr := run(t, args...)
				if code != 0 {
					t.Fatalf("plan: exit %d\n%s", code, stderr)
				}
				var chosen []string
				for _, f := range readPlanSites(t, out) {
					chosen = append(chosen, f.ID)
				}
				slices.Sort(chosen)
				t.Logf("chosen %v, best %v at %.1f", chosen, bestSets, bestCost)
				if !slices.ContainsFunc(bestSets, func(s []string) bool { return slices.Equal(s, chosen) }) {
					t.Errorf("plan chose %v (cost %.1f), exhaustive search %v (cost %.1f)\n%s", chosen, cost(indexOf(ids, chosen)), bestSets, bestCost, stdout)
				}
				if c.objective == "coverage" {
					total := 0.0
					for _, w := range weights {
						total += w
					}
					rows := readPlanRegions(t, out)
					if got := rows[len(rows)-1][4]; got != strconv.FormatFloat(total-bestCost, 'f', 1, 64) {
						t.Errorf("covered after %s, exhaustive search covers %.1f", got, total-bestCost)
					}
				}
			})
		}
	}
}

func indexOf(ids, names []string) []int {
	var out []int
	for _, n := range names {
		out = append(out, slices.Index(ids, n))
	}
	return out
}

func readCSV(t *testing.T, path string) [][]string { return testutil.ReadCSV(t, path) }
