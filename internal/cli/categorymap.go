package cli

import (
	"maps"
	"slices"
	"strings"

	"github.com/saavu/saavu/internal/analyse"
	"github.com/spf13/pflag"
)

// categoryMapValue is the --category-map flag: FROM=TO pairs, or CSV
// files of them, merged into one map as the flag is given.
type categoryMapValue struct {
	m     *map[string]string
	items []string
}

func (v *categoryMapValue) String() string {
	if v.m == nil || len(*v.m) == 0 {
		return ""
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(*v.m)) {
		parts = append(parts, k+"="+(*v.m)[k])
	}
	return strings.Join(parts, ",")
}

func (v *categoryMapValue) Set(s string) error {
	items := append(v.items, strings.Split(s, ",")...)
	m, err := analyse.ParseCategoryMap(items)
	if err != nil {
		return err
	}
	v.items, *v.m = items, m
	return nil
}

func (v *categoryMapValue) Type() string { return "FROM=TO,..." }

func registerCategoryMap(fs *pflag.FlagSet, o *analyse.Options) {
	fs.Var(&categoryMapValue{m: &o.CategoryMap}, "category-map",
		"merge service categories as they are read: FROM=TO,... e.g. hospital=health,health_station=health, or a CSV file of FROM,TO rows")
}
