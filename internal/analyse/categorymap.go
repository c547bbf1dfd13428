package analyse

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
)

// ParseCategoryMap reads --category-map items: FROM=TO pairs
// ("hospital=health"), or the path of a CSV file whose first two columns
// are FROM and TO (a header row whose first value is from, source or
// category is skipped). Spaces around each part are ignored. One FROM
// mapped to two different TOs is an error.
func ParseCategoryMap(items []string) (map[string]string, error) {
	out := map[string]string{}
	add := func(from, to, where string) error {
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if from == "" || to == "" {
			return fmt.Errorf("--category-map %s: want FROM=TO, e.g. hospital=health", where)
		}
		if prev, ok := out[from]; ok && prev != to {
			return fmt.Errorf("--category-map %s: category %q is mapped to both %q and %q", where, from, prev, to)
		}
		out[from] = to
		return nil
	}
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		from, to, ok := strings.Cut(it, "=")
		if ok {
			if err := add(from, to, fmt.Sprintf("%q", it)); err != nil {
				return nil, err
			}
			continue
		}
		if st, err := os.Stat(it); err != nil || st.IsDir() {
			return nil, fmt.Errorf("--category-map %q: want FROM=TO, e.g. hospital=health, or a CSV file of FROM,TO rows", it)
		}
		if err := readCategoryMapFile(it, add); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readCategoryMapFile(path string, add func(from, to, where string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("--category-map: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("--category-map: %s: %w", path, err)
		}
		if line == 1 && len(rec) > 0 {
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
			switch strings.ToLower(strings.TrimSpace(rec[0])) {
			case "from", "source", "category", "source_category":
				continue
			}
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) < 2 {
			return fmt.Errorf("--category-map: %s line %d: want two columns FROM,TO, found %d", path, line, len(rec))
		}
		if err := add(rec[0], rec[1], fmt.Sprintf("%s line %d", path, line)); err != nil {
			return err
		}
	}
}

// applyCategoryMap renames service categories by m and returns a warning
// naming the map's source categories that no service has.
func applyCategoryMap(svcs []Service, m map[string]string) []string {
	if len(m) == 0 {
		return nil
	}
	used := map[string]bool{}
	present := map[string]bool{}
	for i := range svcs {
		present[svcs[i].Category] = true
		if to, ok := m[svcs[i].Category]; ok {
			used[svcs[i].Category] = true
			svcs[i].Category = to
		}
	}
	var unknown []string
	for from := range m {
		if !used[from] {
			unknown = append(unknown, from)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	have := make([]string, 0, len(present))
	for c := range present {
		have = append(have, c)
	}
	slices.Sort(have)
	return []string{fmt.Sprintf("--category-map: no service has the categories %s, left unused (categories present: %s)",
		strings.Join(unknown, ", "), strings.Join(have, ", "))}
}
