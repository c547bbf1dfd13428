package osm

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Restriction is a turn restriction for cars: a relation type=restriction
// read for motor cars (see the package documentation).
//
// A relation whose value allows several from ways (no_entry) or several
// to ways (no_exit) becomes one Restriction per from/to pair, all with the
// relation's ID.
type Restriction struct {
	ID       int64   // relation id
	From, To int64   // way ids
	Via      []int64 // one node id, or one or more way ids (ViaIsWay) in relation order
	ViaIsWay bool
	Only     bool   // only_*: the turn is the only one allowed from From at Via
	Kind     string // the value: "no_left_turn", "only_straight_on"...
}

// restrictionValues are the values read; no_* forbid the turn from From to
// To, only_* forbid every other turn from From.
var restrictionValues = map[string]bool{
	"no_left_turn": false, "no_right_turn": false, "no_straight_on": false,
	"no_u_turn": false, "no_entry": false, "no_exit": false,
	"only_left_turn": true, "only_right_turn": true, "only_straight_on": true,
	"only_u_turn": true,
}

// relMember is one member of a relation.
type relMember struct {
	typ  uint8 // memberNode, memberWay or memberRelation
	ref  int64
	role string
}

// Member types, as PBF numbers them.
const (
	memberNode     = 0
	memberWay      = 1
	memberRelation = 2
)

// restrictionOutcome says what became of a relation.
type restrictionOutcome uint8

const (
	relOther     restrictionOutcome = iota // not a restriction: ignored, not counted
	relKept                                // one or more Restrictions
	relNotForCar                           // binds other vehicles, exempts cars, or only under a condition
	relMalformed                           // members or value that cannot be read
)

// isRestrictionType reports whether a relation type tag value may make a
// restriction; other relations need not have their members decoded.
func isRestrictionType(t string) bool {
	return t == "restriction" || strings.HasPrefix(t, "restriction:")
}

// carRestriction reads one relation as a restriction for cars. The
// message of a malformed or not-for-car relation says why.
func carRestriction(id int64, tags Tags, members []relMember) ([]Restriction, restrictionOutcome, string) {
	typ := tags.Get("type")
	if !isRestrictionType(typ) {
		return nil, relOther, ""
	}
	// The value for cars: restriction:motorcar, then
	// restriction:motor_vehicle, then restriction; a relation typed
	// restriction:motorcar or restriction:motor_vehicle may carry its value
	// under that key or under restriction.
	value := ""
	switch typ {
	case "restriction", "restriction:motorcar", "restriction:motor_vehicle":
		for _, k := range []string{"restriction:motorcar", "restriction:motor_vehicle", "restriction"} {
			if v, ok := tags.Find(k); ok {
				value = strings.TrimSpace(v)
				break
			}
		}
	default:
		return nil, relNotForCar, "type=" + typ + " does not bind cars"
	}
	if value == "" {
		for _, t := range tags {
			if strings.HasPrefix(t.Key, "restriction:") {
				return nil, relNotForCar, "only " + t.Key + " is given, nothing for cars"
			}
		}
		return nil, relMalformed, "no restriction value"
	}
	if ex := tags.Get("except"); ex != "" {
		for _, v := range strings.Split(ex, ";") {
			switch strings.TrimSpace(v) {
			case "motorcar", "motor_vehicle", "vehicle":
				return nil, relNotForCar, "except=" + ex + " exempts cars"
			}
		}
	}
	only, known := restrictionValues[value]
	if !known {
		return nil, relMalformed, "unknown value restriction=" + value
	}
	var from, to, viaNodes, viaWays []int64
	for _, m := range members {
		switch m.role {
		case "from", "to":
			if m.typ != memberWay {
				return nil, relMalformed, m.role + " member is not a way"
			}
			if m.role == "from" {
				from = append(from, m.ref)
			} else {
				to = append(to, m.ref)
			}
		case "via":
			switch m.typ {
			case memberNode:
				viaNodes = append(viaNodes, m.ref)
			case memberWay:
				viaWays = append(viaWays, m.ref)
			default:
				return nil, relMalformed, "via member is a relation"
			}
		}
	}
	switch {
	case len(from) == 0:
		return nil, relMalformed, "no from way"
	case len(to) == 0:
		return nil, relMalformed, "no to way"
	case len(viaNodes) == 0 && len(viaWays) == 0:
		return nil, relMalformed, "no via member"
	case len(viaNodes) > 1:
		return nil, relMalformed, strconv.Itoa(len(viaNodes)) + " via nodes"
	case len(viaNodes) == 1 && len(viaWays) > 0:
		return nil, relMalformed, "via node and via ways together"
	case len(from) > 1 && value != "no_entry":
		return nil, relMalformed, strconv.Itoa(len(from)) + " from ways for " + value
	case len(to) > 1 && value != "no_exit":
		return nil, relMalformed, strconv.Itoa(len(to)) + " to ways for " + value
	}
	via, viaIsWay := viaNodes, false
	if len(viaWays) > 0 {
		via, viaIsWay = viaWays, true
	}
	out := make([]Restriction, 0, len(from)*len(to))
	for _, f := range from {
		for _, t := range to {
			out = append(out, Restriction{ID: id, From: f, To: t, Via: via, ViaIsWay: viaIsWay, Only: only, Kind: value})
		}
	}
	return out, relKept, ""
}

// relBatch collects what the relations of one block or run of elements
// give.
type relBatch struct {
	restrictions []Restriction
	notForCar    int
	malformed    int
	warnings     []Warning // at most maxRelWarnings per batch
}

// maxRelWarnings bounds the warnings one batch keeps; counts stay exact.
const maxRelWarnings = 100

// add files one relation's outcome.
func (b *relBatch) add(id int64, rs []Restriction, out restrictionOutcome, msg string, in interner) {
	switch out {
	case relKept:
		for i := range rs {
			rs[i].Kind = in.str(rs[i].Kind)
		}
		b.restrictions = append(b.restrictions, rs...)
	case relNotForCar:
		b.notForCar++
	case relMalformed:
		b.malformed++
		if len(b.warnings) < maxRelWarnings {
			b.warnings = append(b.warnings, Warning{RelationID: id, Message: "turn restriction left out: " + msg})
		}
	}
}

// keepRestrictions sorts the restrictions by relation id (file order
// among equal ids), drops repeated copies and keeps those whose members
// are all in the extract; it returns them and how many were left out for
// a missing member, each reported to warn.
func keepRestrictions(ext *Extract, rs []Restriction, warn func(rel int64, msg string)) ([]Restriction, int) {
	slices.SortStableFunc(rs, func(a, b Restriction) int { return cmp.Compare(a.ID, b.ID) })
	rs = slices.CompactFunc(rs, func(a, b Restriction) bool {
		return a.ID == b.ID && a.From == b.From && a.To == b.To && a.Kind == b.Kind &&
			a.ViaIsWay == b.ViaIsWay && slices.Equal(a.Via, b.Via)
	})
	hasWay := func(id int64) bool {
		_, ok := slices.BinarySearchFunc(ext.Ways, id, func(w Way, id int64) int { return cmp.Compare(w.ID, id) })
		return ok
	}
	outside := 0
	kept := rs[:0]
	for _, r := range rs {
		missing := ""
		switch {
		case !hasWay(r.From):
			missing = "from way " + strconv.FormatInt(r.From, 10) + " is not a street of the extract"
		case !hasWay(r.To):
			missing = "to way " + strconv.FormatInt(r.To, 10) + " is not a street of the extract"
		}
		for _, v := range r.Via {
			if missing != "" {
				break
			}
			if r.ViaIsWay && !hasWay(v) {
				missing = "via way " + strconv.FormatInt(v, 10) + " is not a street of the extract"
			} else if _, ok := ext.Index(v); !r.ViaIsWay && !ok {
				missing = "via node " + strconv.FormatInt(v, 10) + " is not in the extract"
			}
		}
		if missing != "" {
			outside++
			warn(r.ID, "turn restriction left out: "+missing)
			continue
		}
		kept = append(kept, r)
	}
	return slices.Clip(kept), outside
}
