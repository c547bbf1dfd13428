package report

import (
	"html/template"

	"github.com/saavu/saavu/data/results"
)

// memberSection is one region dissolved from several areas (--group-by):
// its member areas' figures per category and mode.
type memberSection struct {
	ID     string
	Region string
	Modes  []memberMode
}

type memberMode struct {
	Title                string
	ShareSVG, MinutesSVG template.HTML
	Headers              []string
	Rows                 []tableRow
}

// buildMembers groups summary_members.csv by region; the total
// population group only.
func buildMembers(r *results.Results, colors []string) []memberSection {
	if len(r.Members) == 0 || len(r.Groups) == 0 {
		return nil
	}
	total := r.Groups[0]
	type key struct{ member, cat, mode string }
	type member struct{ id, name string }
	stats := map[key]*results.Stat{}
	byRegion := map[string][]member{}
	thIdx := map[results.Minutes]int{}
	for i, t := range r.Thresholds {
		thIdx[t] = i
	}
	for _, m := range r.Members {
		if m.Group != total {
			continue
		}
		k := key{m.MemberID, m.Category, m.Mode}
		st := stats[k]
		if st == nil {
			st = &results.Stat{Population: m.Population, Unreachable: m.Unreachable, MeanMin: m.MeanMin,
				MedianMin: m.MedianMin, P90Min: m.P90Min, Within: make([]float64, len(r.Thresholds))}
			stats[k] = st
			found := false
			for _, x := range byRegion[m.RegionID] {
				found = found || x.id == m.MemberID
			}
			if !found {
				name := m.Member
				if name == "" {
					name = m.MemberID
				}
				byRegion[m.RegionID] = append(byRegion[m.RegionID], member{m.MemberID, name})
			}
		}
		if i, ok := thIdx[m.ThresholdMin]; ok {
			st.Within[i] = m.Within
		}
	}
	headers := []string{"Municipality", "Population"}
	for _, t := range r.Thresholds {
		headers = append(headers, "≤ "+formatNumber(float64(t))+" min")
	}
	headers = append(headers, "Unreachable", "Mean min", "Median min", "P90 min")
	var out []memberSection
	for _, reg := range r.Regions {
		ms := byRegion[reg.ID]
		if len(ms) == 0 {
			continue
		}
		sec := memberSection{ID: slug("members", reg.ID), Region: regionName(reg)}
		for _, c := range r.Categories {
			for _, mode := range r.Modes {
				mm := memberMode{Title: sec.Region + ": " + categoryLabel(c) + " " + byMode(mode), Headers: headers}
				var regions []chartRegion
				for _, m := range ms {
					st := stats[key{m.id, c, mode}]
					if st == nil {
						continue
					}
					regions = append(regions, chartRegion{Name: m.name, Population: st.Population, Within: st.Within,
						Unreachable: st.Unreachable, Median: st.MedianMin, P90: st.P90Min})
					mm.Rows = append(mm.Rows, statRow("region-row", m.name, *st))
				}
				if len(regions) == 0 {
					continue
				}
				mm.ShareSVG = shareChart(mm.Title+": population by travel time", r.Thresholds, colors, regions)
				mm.MinutesSVG = minutesChart(mm.Title+": median and 90th percentile minutes", r.Thresholds, regions)
				sec.Modes = append(sec.Modes, mm)
			}
		}
		out = append(out, sec)
	}
	return out
}
