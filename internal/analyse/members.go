package analyse

import (
	"io"

	"github.com/paulmach/orb"

	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/geo"
	"github.com/saavu/saavu/internal/access"
)

// MembersFile is written when regions dissolve several features
// (--group-by): the summary of each member area, such as the
// municipalities of an economic region.
const MembersFile = "summary_members.csv"

// MembersHeader is the header of summary_members.csv: summary.csv's
// columns without the reasons, with the member's id and name.
var MembersHeader = []string{"region_id", "region", "member_id", "member", "group", "category", "mode", "threshold_min",
	"population", "within", "share", "unreachable", "mean_min", "median_min", "p90_min"}

// member is one feature dissolved into region Region.
type member struct {
	Region   int32
	ID, Name string
	Geom     orb.MultiPolygon
}

// members lists the member areas of every region, region by region, or
// nil when no region was dissolved from named features.
func (res *Result) members() []member {
	var out []member
	for r, reg := range res.Regions {
		for k, g := range reg.MemberGeoms {
			out = append(out, member{Region: int32(r), ID: reg.Members[k], Name: reg.MemberNames[k], Geom: g})
		}
	}
	return out
}

// memberOf locates each cell in a member of its own region; -1 where its
// centre falls in none (on a shared edge, after dissolving).
func memberOf(c *Cells, ms []member) []int32 {
	polys := make([]orb.MultiPolygon, len(ms))
	for i, m := range ms {
		polys[i] = m.Geom
	}
	idx := geo.NewPolygonIndex(polys)
	out := make([]int32, len(c.Cell))
	for i := range c.Cell {
		k := idx.Locate(c.loc(i))
		if k < 0 || ms[k].Region != c.Region[i] {
			k = -1
		}
		out[i] = int32(k)
	}
	return out
}

// writeMembers writes summary_members.csv: per member area, group,
// category, mode and threshold, the figures of summary.csv.
func writeMembers(w io.Writer, res *Result, o *Options, ms []member) error {
	cw := csvio.NewWriter(w, MembersHeader)
	c := res.Cells
	of := memberOf(c, ms)
	// stats[m][c][g] per member.
	stats := make([][][][]access.RegionStats, len(res.Modes))
	for mi := range res.Modes {
		stats[mi] = make([][][]access.RegionStats, len(res.Categories))
		for ci := range res.Categories {
			stats[mi][ci] = make([][]access.RegionStats, len(c.Groups))
			for g := range c.Groups {
				stats[mi][ci][g] = access.Summarise(res.Nearest[mi][ci].TimeMs, c.Weight[g], of, len(ms), o.ThresholdsMin)
			}
		}
	}
	for k, m := range ms {
		reg := res.Regions[m.Region]
		for g, gname := range c.Groups {
			for ci, cat := range res.Categories {
				for mi, mode := range res.Modes {
					st := stats[mi][ci][g][k]
					for t, th := range o.ThresholdsMin {
						if err := cw.WriteRow(reg.ID, reg.Name, m.ID, m.Name, gname, cat, mode.String(), th,
							round(st.Population, 1), round(st.Within[t], 1), finiteOrNil(st.Share(t), 4),
							round(st.Unreachable, 1), finiteOrNil(st.Mean, 2), finiteOrNil(st.Median, 2), finiteOrNil(st.P90, 2)); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	return cw.Flush()
}
