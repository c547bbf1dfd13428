package analyse

import (
	"fmt"
	"strings"

	"github.com/saavu/saavu/data/geojson"
)

// withheldMark is how Statistics Finland's grid marks a value withheld for
// privacy (age and sex breakdowns of cells with fewer than 10 people).
const withheldMark = -1

// countProp reads a count of people from a feature. The value -1, null and
// empty text are withheld: held is true and the count 0, never -1. A
// property absent from the feature is an error (a wrong field name), as
// is any other negative or non-numeric value.
func countProp(f geojson.Feature, key string) (v float64, held bool, err error) {
	raw, ok := f.Props[key]
	if !ok {
		return 0, false, fmt.Errorf("property %q is missing", key)
	}
	switch t := raw.(type) {
	case nil:
		return 0, true, nil
	case string:
		if strings.TrimSpace(t) == "" {
			return 0, true, nil
		}
	case float64:
		if t == withheldMark {
			return 0, true, nil
		}
	}
	if x, ok := f.PropFloat(key); ok && x == withheldMark {
		return 0, true, nil
	}
	v, err = numberProp(f, key)
	return v, false, err
}

// withheldWarnings says, per field, how many features had a withheld value
// and so counted nobody in it.
// withheldPop[k] is the total population of those features, the most the
// group can be undercounted by.
func withheldWarnings(o *Options, fields []string, withheld []int, withheldPop []float64) []string {
	var out []string
	for k, n := range withheld {
		if n == 0 {
			continue
		}
		if k == 0 {
			out = append(out, fmt.Sprintf("population: %s: %d features have the population %q withheld (-1, null or empty): they count 0 people",
				o.Population, n, fields[0]))
			continue
		}
		g := o.Groups[k-1]
		out = append(out, fmt.Sprintf("population: %s: %d features have %q withheld (-1, null or empty; Statistics Finland withholds age and sex breakdowns of cells with fewer than 10 inhabitants): "+
			"they count 0 people in group %s, which is undercounted by at most their total population, %.0f; that total still counts",
			o.Population, n, g.Field, g.Name, withheldPop[k]))
	}
	return out
}
