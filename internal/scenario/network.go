package scenario

import (
	"fmt"
	"slices"
	"strings"

	"github.com/saavu/saavu/data/links"
	sfile "github.com/saavu/saavu/data/scenario"
	"github.com/saavu/saavu/internal/graph"
)

// ClosedFerries returns the OSM way ids of the ferries the scenario
// closes, for graph.Params.ClosedFerries. ferries are those of the graphs
// built without the scenario: a way id or a name (equal up to case; every
// ferry way of that name) that none of them has is an error listing the
// ferries there are.
func ClosedFerries(sc *sfile.Scenario, ferries []graph.Ferry) (map[int64]bool, error) {
	closed := map[int64]bool{}
	if sc == nil {
		return closed, nil
	}
	for _, r := range sc.CloseFerries {
		found := false
		for _, f := range ferries {
			if r.WayID != 0 && f.WayID == r.WayID || r.WayID == 0 && strings.EqualFold(strings.TrimSpace(f.Name), r.Name) {
				closed[f.WayID] = true
				found = true
			}
		}
		if !found {
			what := fmt.Sprintf("way id %d", r.WayID)
			if r.WayID == 0 {
				what = fmt.Sprintf("name %q", r.Name)
			}
			return nil, errAt(sc, r.Path, ErrNotFound, "no ferry of the road network has %s (ferries: %s)", what, ferryList(ferries))
		}
	}
	return closed, nil
}

// ferryList names up to ten ferries, by name and way id.
func ferryList(ferries []graph.Ferry) string {
	if len(ferries) == 0 {
		return "none"
	}
	var names []string
	seen := map[int64]bool{}
	for _, f := range ferries {
		if seen[f.WayID] {
			continue
		}
		seen[f.WayID] = true
		name := f.Name
		if name == "" {
			name = "unnamed"
		}
		names = append(names, fmt.Sprintf("%s (way %d)", name, f.WayID))
	}
	slices.Sort(names)
	if len(names) > 10 {
		names = append(names[:10], fmt.Sprintf("and %d more", len(names)-10))
	}
	return strings.Join(names, ", ")
}

// Sketches returns the sketch lines the scenario adds (none: nil), to be
// compiled with the run's other sketch lines under an id prefix of their
// own (transit.Sketch{Prefix: "scenario", File: f}).
func Sketches(sc *sfile.Scenario) []*links.File {
	if sc == nil || sc.Links == nil {
		return nil
	}
	return []*links.File{sc.Links}
}

// ScaleRoutes returns the route scaling factors for
// transit.DayOptions.ScaleRoutes (nil when there are none): keyed by
// "feed:route" (a namespaced route id) when the scenario names the feed,
// by the route alone (a short name, or a full namespaced id) otherwise.
func ScaleRoutes(sc *sfile.Scenario) map[string]float64 {
	if sc == nil || len(sc.ScaleRoutes) == 0 {
		return nil
	}
	m := make(map[string]float64, len(sc.ScaleRoutes))
	for _, r := range sc.ScaleRoutes {
		m[r.Key()] = r.Factor
	}
	return m
}

// Notes describes the scenario's changes to the networks, one line each,
// for the run's notes: sketch lines added, routes scaled, ferries closed.
// ApplyServices describes the changes to services.
func Notes(sc *sfile.Scenario) []string {
	if sc == nil {
		return nil
	}
	var out []string
	if sc.Links != nil {
		for _, l := range sc.Links.Lines {
			out = append(out, fmt.Sprintf("added sketch line %q (%d stops, %d trips a day on %s)", l.Name, len(l.Stops), l.Trips(), l.Days))
		}
	}
	for _, r := range sc.ScaleRoutes {
		out = append(out, fmt.Sprintf("route %q runs %gx as often", r.Key(), r.Factor))
	}
	for _, f := range sc.CloseFerries {
		if f.WayID != 0 {
			out = append(out, fmt.Sprintf("closed ferry way %d", f.WayID))
		} else {
			out = append(out, fmt.Sprintf("closed ferry %q", f.Name))
		}
	}
	return out
}
