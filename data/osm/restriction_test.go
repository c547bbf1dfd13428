package osm

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestCarRestriction(t *testing.T) {
	way := func(ref int64, role string) relMember { return relMember{typ: memberWay, ref: ref, role: role} }
	node := func(ref int64) relMember { return relMember{typ: memberNode, ref: ref, role: "via"} }
	tg := func(kv ...string) Tags {
		var ts Tags
		for i := 0; i+1 < len(kv); i += 2 {
			ts = append(ts, Tag{Key: kv[i], Value: kv[i+1]})
		}
		return ts
	}
	basic := []relMember{way(1, "from"), node(5), way(2, "to")}
	cases := []struct {
		name    string
		tags    Tags
		members []relMember
		want    restrictionOutcome
		kinds   []string // Kind of each Restriction
		only    bool
	}{
		{"no left turn", tg("type", "restriction", "restriction", "no_left_turn"), basic, relKept, []string{"no_left_turn"}, false},
		{"only straight on", tg("type", "restriction", "restriction", "only_straight_on"), basic, relKept, []string{"only_straight_on"}, true},
		{"motorcar value wins", tg("type", "restriction", "restriction", "no_left_turn", "restriction:motorcar", "only_right_turn"), basic, relKept, []string{"only_right_turn"}, true},
		{"motor_vehicle value", tg("type", "restriction", "restriction:motor_vehicle", "no_u_turn"), basic, relKept, []string{"no_u_turn"}, false},
		{"typed motorcar", tg("type", "restriction:motorcar", "restriction:motorcar", "no_u_turn"), basic, relKept, []string{"no_u_turn"}, false},
		{"typed motorcar, plain value", tg("type", "restriction:motorcar", "restriction", "no_entry"), basic, relKept, []string{"no_entry"}, false},
		{"spaces trimmed", tg("type", "restriction", "restriction", " no_exit "), basic, relKept, []string{"no_exit"}, false},
		{"bicycle only", tg("type", "restriction", "restriction:bicycle", "no_left_turn"), basic, relNotForCar, nil, false},
		{"hgv type", tg("type", "restriction:hgv", "restriction", "no_left_turn"), basic, relNotForCar, nil, false},
		{"except motorcar", tg("type", "restriction", "restriction", "no_left_turn", "except", "bicycle; motorcar"), basic, relNotForCar, nil, false},
		{"except motor_vehicle", tg("type", "restriction", "restriction", "no_left_turn", "except", "motor_vehicle"), basic, relNotForCar, nil, false},
		{"except bicycle", tg("type", "restriction", "restriction", "no_left_turn", "except", "bicycle"), basic, relKept, []string{"no_left_turn"}, false},
		{"conditional only", tg("type", "restriction", "restriction:conditional", "no_left_turn @ (Mo-Fr)"), basic, relNotForCar, nil, false},
		{"no value", tg("type", "restriction"), basic, relMalformed, nil, false},
		{"unknown value", tg("type", "restriction", "restriction", "no_parking"), basic, relMalformed, nil, false},
		{"not a restriction", tg("type", "route", "route", "bus"), basic, relOther, nil, false},
		{"no from", tg("type", "restriction", "restriction", "no_left_turn"), []relMember{node(5), way(2, "to")}, relMalformed, nil, false},
		{"no to", tg("type", "restriction", "restriction", "no_left_turn"), []relMember{way(1, "from"), node(5)}, relMalformed, nil, false},
		{"no via", tg("type", "restriction", "restriction", "no_left_turn"), []relMember{way(1, "from"), way(2, "to")}, relMalformed, nil, false},
		{"two via nodes", tg("type", "restriction", "restriction", "no_left_turn"), []relMember{way(1, "from"), node(5), node(6), way(2, "to")}, relMalformed, nil, false},
		{"from is a node", tg("type", "restriction", "restriction", "no_left_turn"), []relMember{{typ: memberNode, ref: 1, role: "from"}, node(5), way(2, "to")}, relMalformed, nil, false},
		{"two from ways", tg("type", "restriction", "restriction", "no_left_turn"), []relMember{way(1, "from"), way(3, "from"), node(5), way(2, "to")}, relMalformed, nil, false},
		{"no_entry, two from ways", tg("type", "restriction", "restriction", "no_entry"), []relMember{way(1, "from"), way(3, "from"), node(5), way(2, "to")}, relKept, []string{"no_entry", "no_entry"}, false},
		{"no_exit, two to ways", tg("type", "restriction", "restriction", "no_exit"), []relMember{way(1, "from"), node(5), way(2, "to"), way(4, "to")}, relKept, []string{"no_exit", "no_exit"}, false},
		{"via ways", tg("type", "restriction", "restriction", "no_u_turn"), []relMember{way(1, "from"), way(7, "via"), way(8, "via"), way(1, "to")}, relKept, []string{"no_u_turn"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs, out, msg := carRestriction(42, c.tags, c.members)
			if out != c.want {
				t.Fatalf("outcome %d (%q), want %d", out, msg, c.want)
			}
			if (out == relMalformed || out == relNotForCar) && msg == "" {
				t.Error("no message")
			}
			var kinds []string
			for _, r := range rs {
				kinds = append(kinds, r.Kind)
				if r.ID != 42 || r.Only != c.only || len(r.Via) == 0 {
					t.Errorf("restriction %+v", r)
				}
			}
			if !slices.Equal(kinds, c.kinds) {
				t.Errorf("kinds %v, want %v", kinds, c.kinds)
			}
		})
	}
}

func TestReadRestrictionsXML(t *testing.T) {
	ext, err := Read(context.Background(), filepath.Join("..", "..", "testdata", "osm", "turns.osm"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range ext.Restrictions {
		ids = append(ids, r.ID)
	}
	if want := []int64{1001, 1002, 1003, 1004, 1005, 1006, 1007}; !slices.Equal(ids, want) {
		t.Fatalf("restrictions %v, want %v", ids, want)
	}
	want0 := Restriction{ID: 1001, From: 25, To: 45, Via: []int64{5}, Kind: "no_left_turn"}
	if !reflect.DeepEqual(ext.Restrictions[0], want0) {
		t.Errorf("first restriction %+v, want %+v", ext.Restrictions[0], want0)
	}
	if r := ext.Restrictions[1]; !r.Only || r.Kind != "only_straight_on" {
		t.Errorf("1002: %+v", r)
	}
	if r := ext.Restrictions[5]; !r.ViaIsWay || !slices.Equal(r.Via, []int64{25}) {
		t.Errorf("1006: %+v", r)
	}
	c := ext.Counts
	if c.Relations != 15 || c.Restrictions != 7 || c.RestrictionsNotForCar != 3 || c.RestrictionsMalformed != 3 || c.RestrictionsOutside != 1 {
		t.Errorf("counts: relations %d, kept %d, not for cars %d, malformed %d, outside %d; want 15, 7, 3, 3, 1",
			c.Relations, c.Restrictions, c.RestrictionsNotForCar, c.RestrictionsMalformed, c.RestrictionsOutside)
	}
	var warned []int64
	for _, w := range ext.Warnings {
		if w.RelationID != 0 {
			warned = append(warned, w.RelationID)
			if !strings.Contains(w.Message, "turn restriction") {
				t.Errorf("warning %+v", w)
			}
		}
	}
	if want := []int64{1201, 1202, 1203, 1301}; !slices.Equal(warned, want) {
		t.Errorf("warnings for relations %v, want %v", warned, want)
	}
}

// restrictionData is a small grid with restrictions of each shape, and
// relations that are left out.
func restrictionData() tData {
	tg := func(kv ...string) []Tag {
		var ts []Tag
		for i := 0; i+1 < len(kv); i += 2 {
			ts = append(ts, Tag{Key: kv[i], Value: kv[i+1]})
		}
		return ts
	}
	street := tg("highway", "residential")
	m := func(typ string, ref int64, role string) tMember { return tMember{typ, ref, role} }
	return tData{
		nodes: []tNode{
			{id: 1, lat: 61.500, lon: 23.700}, {id: 2, lat: 61.500, lon: 23.704},
			{id: 4, lat: 61.501, lon: 23.700}, {id: 5, lat: 61.501, lon: 23.704},
			{id: 6, lat: 61.501, lon: 23.708},
		},
		ways: []tWay{
			{id: 12, refs: []int64{1, 2}, tags: street},
			{id: 25, refs: []int64{2, 5}, tags: street},
			{id: 45, refs: []int64{4, 5}, tags: street},
			{id: 56, refs: []int64{5, 6}, tags: street},
		},
		relations: 1,
		rels: []tRel{
			{id: 11, members: []tMember{m("way", 25, "from"), m("node", 5, "via"), m("way", 45, "to")}, tags: tg("type", "restriction", "restriction", "no_left_turn")},
			{id: 12, members: []tMember{m("way", 45, "from"), m("node", 5, "via"), m("way", 56, "to")}, tags: tg("type", "restriction", "restriction", "only_straight_on")},
			{id: 13, members: []tMember{m("way", 12, "from"), m("way", 25, "via"), m("way", 56, "to")}, tags: tg("type", "restriction", "restriction", "no_right_turn")},
			{id: 14, members: []tMember{m("way", 25, "from"), m("way", 45, "from"), m("node", 5, "via"), m("way", 56, "to")}, tags: tg("type", "restriction", "restriction", "no_entry")},
			{id: 15, members: []tMember{m("way", 25, "from"), m("node", 5, "via"), m("way", 56, "to")}, tags: tg("type", "restriction", "restriction:bicycle", "no_right_turn")},
			{id: 16, members: []tMember{m("node", 5, "via"), m("way", 56, "to")}, tags: tg("type", "restriction", "restriction", "no_right_turn")},
			{id: 17, members: []tMember{m("way", 25, "from"), m("node", 5, "via"), m("way", 99, "to")}, tags: tg("type", "restriction", "restriction", "no_right_turn")},
			{id: 18, members: []tMember{m("way", 25, "from"), m("node", 5, "via"), m("relation", 3, "to")}, tags: tg("type", "restriction", "restriction", "no_right_turn")},
			{id: 19, members: []tMember{m("way", 25, "from")}, tags: tg("type", "multipolygon")},
		},
	}
}

// TestReadRestrictionsPBF reads the same restrictions from PBF (raw and
// compressed blocks, whole and clipped) and XML.
func TestReadRestrictionsPBF(t *testing.T) {
	d := restrictionData()
	clip := &Clip{Box: Bounds{MinLon: 23.699, MinLat: 61.4995, MaxLon: 23.705, MaxLat: 61.5015}}
	read := func(b []byte, name string, o Options) *Extract {
		t.Helper()
		ext, err := ReadReader(context.Background(), bytes.NewReader(b), name, o)
		if err != nil {
			t.Fatal(err)
		}
		return ext
	}
	want := read(writeXML(d), "r.osm", Options{})
	var ids []int64
	for _, r := range want.Restrictions {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, []int64{11, 12, 13, 14, 14}) {
		t.Fatalf("XML restrictions %v", ids)
	}
	c := want.Counts
	if c.Relations != 10 || c.RestrictionsNotForCar != 1 || c.RestrictionsMalformed != 2 || c.RestrictionsOutside != 1 {
		t.Errorf("XML counts %+v", c)
	}
	for _, raw := range []bool{true, false} {
		for _, o := range []Options{{}, {Workers: 1}, {Clip: clip}} {
			got := read(writePBF(d, raw), "r.osm.pbf", o)
			if !reflect.DeepEqual(got.Restrictions, want.Restrictions) {
				t.Errorf("raw %v, clip %v: PBF restrictions %+v\nXML %+v", raw, o.Clip != nil, got.Restrictions, want.Restrictions)
			}
			g, w := got.Counts, want.Counts
			if g.Relations != w.Relations || g.Restrictions != w.Restrictions || g.RestrictionsNotForCar != w.RestrictionsNotForCar ||
				g.RestrictionsMalformed != w.RestrictionsMalformed || g.RestrictionsOutside != w.RestrictionsOutside {
				t.Errorf("raw %v, clip %v: PBF counts %+v, XML %+v", raw, o.Clip != nil, g, w)
			}
		}
	}
	// A clip that leaves way 56 out drops the restrictions to it.
	west := &Clip{Box: Bounds{MinLon: 23.699, MinLat: 61.4995, MaxLon: 23.701, MaxLat: 61.5015}}
	got := read(writePBF(d, true), "r.osm.pbf", Options{Clip: west})
	if len(got.Restrictions) != 0 || got.Counts.RestrictionsOutside != 6 {
		t.Errorf("west clip: %d restrictions, %d outside", len(got.Restrictions), got.Counts.RestrictionsOutside)
	}
}
