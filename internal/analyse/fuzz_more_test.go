package analyse

import (
	"strings"
	"testing"
)

// FuzzParseOSMRules: every accepted rule has a key, a value and a category,
// trimmed, with no ':' in the key or value and no '=' in the key, and the
// rules written back as KEY=VALUE:CATEGORY parse to the same rules.
func FuzzParseOSMRules(f *testing.F) {
	for _, s := range []string{"amenity=pharmacy", "amenity=doctors:health", " shop = supermarket : food ", "a=b=c", "a:b=c", "=x", "k=", "office=employment_agency:te-toimisto"} {
		f.Add(s, "healthcare=centre")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		rules, err := ParseOSMRules([]string{a, b})
		if err != nil {
			if !strings.Contains(err.Error(), "--services-osm") {
				t.Fatalf("error %v does not name the flag", err)
			}
			return
		}
		items := make([]string, len(rules))
		for i, r := range rules {
			for _, s := range []string{r.Key, r.Value, r.Category} {
				if s == "" || s != strings.TrimSpace(s) {
					t.Fatalf("rule %+v from %q, %q", r, a, b)
				}
			}
			if strings.ContainsAny(r.Key, ":=") || strings.Contains(r.Value, ":") {
				t.Fatalf("rule %+v from %q, %q", r, a, b)
			}
			items[i] = r.Key + "=" + r.Value + ":" + r.Category
		}
		back, err := ParseOSMRules(items)
		if err != nil || len(back) != len(rules) {
			t.Fatalf("%q do not read back: %v %v", items, back, err)
		}
		for i := range back {
			if back[i] != rules[i] {
				t.Fatalf("rule %d: %+v read back as %+v", i, rules[i], back[i])
			}
		}
	})
}
