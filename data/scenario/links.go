package scenario

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/saavu/saavu/data/links"
)

// linkColumns are the members of an add_links row: the columns of the
// sketch links CSV format.
var linkColumns = []string{"line", "mode", "stops", "minutes", "headway_min", "first", "last", "departures", "days", "direction"}

// readLinks converts the add_links rows into one CSV table and reads it
// with package links, so that a row is checked exactly as a CSV line
// would be; errors are reported at the row's JSON path.
func (sc *Scenario) readLinks(top *object) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	// The first column is the row index: package links ignores it, and a
	// row can never start with '#' (a CSV comment).
	_ = w.Write(append([]string{"row"}, linkColumns...))
	names := map[string]string{}
	n := 0
	err := each(top, "add_links", linkColumns, func(o *object) error {
		rec := []string{strconv.Itoa(n)}
		for _, col := range linkColumns {
			v, err := linkField(o, col)
			if err != nil {
				return err
			}
			rec = append(rec, v)
		}
		if prev, dup := names[rec[1]]; dup && rec[1] != "" {
			return o.d.errf(o.member("line"), "line %q is already added by %s", rec[1], prev)
		}
		names[rec[1]] = o.path
		_ = w.Write(rec)
		n++
		return nil
	})
	if err != nil || n == 0 {
		return err
	}
	w.Flush()
	f, err := links.Read(&buf, sc.File+" add_links")
	if err != nil {
		var re *links.RowError
		if !errors.As(err, &re) || re.Line < 2 {
			return top.d.errf("add_links", "%v", err)
		}
		path := element("add_links", re.Line-2)
		if re.Field != "" {
			path += "." + re.Field
		}
		return top.d.errf(path, "%v", re.Err)
	}
	for i := range f.Lines {
		f.Lines[i].Row = i
	}
	sc.Links = f
	return nil
}

// linkField renders one member of an add_links row as its CSV text.
func linkField(o *object, col string) (string, error) {
	if !o.has(col) {
		return "", nil
	}
	raw := o.vals[col]
	path := o.member(col)
	switch kind(raw) {
	case "a string", "a number":
		s, err := o.text(col, false)
		if err == nil && strings.ContainsAny(s, "\r\n") {
			err = o.d.errf(path, "may not contain a line break")
		}
		return s, err
	case "an array":
	default:
		return "", o.d.errf(path, "must be a string, a number or an array, not %s", kind(raw))
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return "", o.d.errf(path, "%v", err)
	}
	parts := make([]string, len(elems))
	for i, e := range elems {
		epath := element(path, i)
		switch {
		case col == "stops" && kind(e) == "an object":
			so, err := o.d.object(e, epath, "name", "lon", "lat")
			if err != nil {
				return "", err
			}
			name, err := so.str("name", true)
			if err != nil {
				return "", err
			}
			if strings.ContainsAny(name, "|\r\n") {
				return "", o.d.errf(so.member("name"), "a stop name may not contain | or a line break")
			}
			lon, lat, err := coords(so)
			if err != nil {
				return "", err
			}
			parts[i] = name + "@" + strconv.FormatFloat(lon, 'f', -1, 64) + " " + strconv.FormatFloat(lat, 'f', -1, 64)
		case kind(e) == "a string" || kind(e) == "a number":
			var v any
			_ = json.Unmarshal(e, &v)
			s, ok := v.(string)
			if !ok {
				s = string(bytes.TrimSpace(e))
			}
			if strings.ContainsAny(s, "|\r\n") {
				return "", o.d.errf(epath, "may not contain | or a line break")
			}
			parts[i] = strings.TrimSpace(s)
		default:
			return "", o.d.errf(epath, "must be a string or a number, not %s", kind(e))
		}
	}
	sep := "|"
	switch col {
	case "departures":
		sep = " "
	case "days":
		sep = ","
	}
	return strings.Join(parts, sep), nil
}
