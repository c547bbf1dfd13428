package geojson

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// crsMember reads the legacy (2008) "crs" member: {"type":"name",
// "properties":{"name":"urn:ogc:def:crs:EPSG::3067"}} or the older
// {"type":"EPSG","properties":{"code":3067}}. ok is false when the member is
// absent or null.
func crsMember(raw json.RawMessage) (name string, ok bool, err error) {
	if len(raw) == 0 || isNull(raw) {
		return "", false, nil
	}
	var m struct {
		Type       string `json:"type"`
		Properties struct {
			Name string          `json:"name"`
			Code json.RawMessage `json:"code"`
			Href string          `json:"href"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return "", false, fmt.Errorf("crs member is malformed: want {\"type\":\"name\",\"properties\":{\"name\":...}}")
	}
	switch m.Type {
	case "name":
		if m.Properties.Name == "" {
			return "", false, fmt.Errorf("crs member has no properties.name")
		}
		return m.Properties.Name, true, nil
	case "EPSG", "epsg":
		return "EPSG:" + string(m.Properties.Code), true, nil
	case "link":
		return "", false, fmt.Errorf("%w: crs member links to %q; linked CRS definitions are not supported, use a named CRS (%s)",
			ErrUnknownCRS, m.Properties.Href, Supported)
	}
	return "", false, fmt.Errorf("crs member has type %q, want \"name\"", m.Type)
}

// resolveCRS picks the CRS (option, crs member, detection) and checks every
// coordinate against it.
func (d *decoder) resolveCRS() error {
	name, hasMember, merr := crsMember(d.crsRaw)
	var memberCRS CRS
	if merr == nil && hasMember {
		memberCRS, merr = ParseCRS(name)
	}
	switch {
	case d.opts.CRS != 0:
		if d.opts.CRS != WGS84 && d.opts.CRS != EPSG3067 {
			return d.errf(-1, "", ErrUnknownCRS, "unsupported CRS option %s: supported are %s", d.opts.CRS, Supported)
		}
		if merr != nil || (hasMember && memberCRS != d.opts.CRS) {
			d.warn(-1, "", fmt.Sprintf("crs member %q ignored: CRS set to %s by option", name, d.opts.CRS))
		}
		d.c.CRS = d.opts.CRS
	case merr != nil:
		return &Error{File: d.name, Index: -1, Err: merr, Msg: trimPkg(merr.Error())}
	case hasMember:
		d.c.CRS = memberCRS
	default:
		return d.detect()
	}
	return d.check()
}

func trimPkg(s string) string {
	const p = "geojson: "
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}

func inDegrees(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90
}

func inFinland3067(p orb.Point) bool {
	return p[0] >= finMinE && p[0] <= finMaxE && p[1] >= finMinN && p[1] <= finMaxN
}

func inTM(p orb.Point) bool {
	return math.Abs(p[0]) <= tmMaxAbsE && p[1] >= 0 && p[1] <= tmMaxN
}

// firstWhere returns the first feature and position for which bad is true.
func (d *decoder) firstWhere(bad func(orb.Point) bool) (fi int, pt orb.Point, found bool) {
	for i, f := range d.c.Features {
		eachPoint(f.Geometry, func(p orb.Point) bool {
			if bad(p) {
				pt, found = p, true
				return false
			}
			return true
		})
		if found {
			return i, pt, true
		}
	}
	return 0, pt, false
}

// detect chooses the CRS of a file without a crs member: WGS84 unless the
// coordinates are clearly EPSG:3067 metres in Finland.
func (d *decoder) detect() error {
	notDeg := func(p orb.Point) bool { return !inDegrees(p) }
	i, p, projected := d.firstWhere(notDeg)
	if !projected {
		d.c.CRS = WGS84
		d.swapWarning()
		return nil
	}
	f := d.c.Features[i]
	if !inFinland3067(p) {
		return d.errf(f.Index, f.ID, ErrCoordinates,
			"coordinate %s is neither lon/lat degrees nor EPSG:3067 metres in Finland (E %d..%d, N %d..%d); set the crs member or the CRS option",
			fmtPoint(p), finMinE, finMaxE, finMinN, finMaxN)
	}
	if j, q, mixed := d.firstWhere(func(p orb.Point) bool { return !inFinland3067(p) }); mixed {
		g := d.c.Features[j]
		return d.errf(g.Index, g.ID, ErrCoordinates,
			"coordinate %s is outside the EPSG:3067 extent of Finland, but %s has projected coordinate %s: mixed or unknown CRS; set the crs member or the CRS option",
			fmtPoint(q), featureLabel(f.Index, f.ID), fmtPoint(p))
	}
	d.c.CRS = EPSG3067
	d.warn(-1, "", "no crs member and all coordinates are projected metres inside Finland: read as EPSG:3067 (ETRS-TM35FIN)")
	return nil
}

// check verifies every coordinate against the chosen CRS.
func (d *decoder) check() error {
	switch d.c.CRS {
	case WGS84:
		if i, p, bad := d.firstWhere(func(p orb.Point) bool { return !inDegrees(p) }); bad {
			f := d.c.Features[i]
			hint := ""
			if inFinland3067(p) {
				hint = "; it looks like EPSG:3067 metres"
			}
			return d.errf(f.Index, f.ID, ErrCoordinates,
				"coordinate %s is outside lon -180..180, lat -90..90 for %s%s", fmtPoint(p), d.c.CRS, hint)
		}
		d.swapWarning()
	case EPSG3067:
		if i, p, bad := d.firstWhere(func(p orb.Point) bool { return !inTM(p) }); bad {
			f := d.c.Features[i]
			return d.errf(f.Index, f.ID, ErrCoordinates,
				"coordinate %s is not plausible for EPSG:3067 (|E| <= %d, N 0..%d)", fmtPoint(p), tmMaxAbsE, tmMaxN)
		}
		if _, _, far := d.firstWhere(func(p orb.Point) bool { return !inDegrees(p) }); !far && d.hasPoints() {
			d.warn(-1, "", "CRS is EPSG:3067 but every coordinate is within lon/lat degree ranges: is the data really in metres?")
		}
	}
	return nil
}

func (d *decoder) hasPoints() bool {
	_, _, any := d.firstWhere(func(orb.Point) bool { return true })
	return any
}

func (d *decoder) swapWarning() {
	if SuspectSwapped(d.c) {
		d.warn(-1, "", "every coordinate has x in 59..71 and y in 19..32: lon and lat look swapped for Finland")
	}
}
