package osm

import (
	"strings"
	"testing"
)

// FuzzPOIKind: the kind of an element is empty or "key=value" of one of its
// own tags, under a point-of-interest key; healthcare=no never makes one;
// and an amenity that makes a kind wins over any other key.
func FuzzPOIKind(f *testing.F) {
	f.Add("amenity", "pharmacy", "healthcare", "doctor", "shop", "supermarket")
	f.Add("healthcare", "no", "office", "employment_agency", "name", "Apteekki")
	f.Add("shop", "bakery", "amenity", "cafe", "office", "government")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2, k3, v3 string) {
		tags := Tags{{k1, v1}, {k2, v2}, {k3, v3}}
		kind := POIKind(tags)
		if kind == "" {
			for _, tg := range tags {
				if tg.Key == "amenity" && poiAmenities[tg.Value] {
					t.Fatalf("amenity=%s gave no kind", tg.Value)
				}
			}
			return
		}
		key, value, ok := strings.Cut(kind, "=")
		if !ok || !isPOIKey(key) || (key == "healthcare" && value == "no") {
			t.Fatalf("kind %q from %v", kind, tags)
		}
		own := false
		for _, tg := range tags {
			own = own || (tg.Key == key && tg.Value == value)
			if tg.Key == "amenity" && poiAmenities[tg.Value] && key != "amenity" {
				t.Fatalf("kind %q though amenity=%s is a point of interest", kind, tg.Value)
			}
		}
		if !own {
			t.Fatalf("kind %q is none of the tags %v", kind, tags)
		}
	})
}
