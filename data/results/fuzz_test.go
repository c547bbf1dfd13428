package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func seed(f *testing.F, file string) {
	b, err := os.ReadFile(filepath.Join(fixtureDir, file))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
}

// FuzzReadSummary: never panics; rows that parse have their ids, a
// non-negative population and a share within 0..1; errors are *Error.
func FuzzReadSummary(f *testing.F) {
	seed(f, SummaryFile)
	f.Add([]byte("region_id,region\n1,a\n"))
	f.Add([]byte("\xef\xbb\xbf" + "region_id,region,group,category,mode,threshold_min,population,within,share,unreachable,mean_min,median_min,p90_min\n1,,g,c,m,10,5,2,,0,,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := readSummary("d", data)
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) || fe.File != SummaryFile {
				t.Fatalf("error %v is not an *Error about %s", err, SummaryFile)
			}
			return
		}
		for _, r := range rows {
			if r.RegionID == "" || r.Group == "" || r.Category == "" || r.Mode == "" {
				t.Fatalf("row %+v lacks an id", r)
			}
			if r.Population < 0 || r.Within < 0 || r.Unreachable < 0 {
				t.Fatalf("row %+v has a negative count", r)
			}
			if r.Share.Valid && (r.Share.Value < 0 || r.Share.Value > 1.0000001) {
				t.Fatalf("row %+v has share out of range", r)
			}
			if r.Line < 2 {
				t.Fatalf("row %+v has line %d", r, r.Line)
			}
		}
	})
}

// FuzzSplitCollection: never panics; an accepted collection is valid JSON
// with exactly Count features.
func FuzzSplitCollection(f *testing.F) {
	seed(f, GapsFile)
	seed(f, ServicesFile)
	f.Add([]byte(`{"type":"FeatureCollection","features":[]}`))
	f.Add([]byte(`{"features":[{}],"type":"FeatureCollection","bbox":[1,2,3,4]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		col, feats, err := splitCollection("d", "x.geojson", data)
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not an *Error", err)
			}
			return
		}
		var fc struct {
			Features []json.RawMessage `json:"features"`
		}
		if err := json.Unmarshal(col.Raw, &fc); err != nil {
			t.Fatalf("compacted collection does not parse: %v", err)
		}
		if len(fc.Features) != col.Count || len(feats) != col.Count {
			t.Fatalf("count %d, features %d, split %d", col.Count, len(fc.Features), len(feats))
		}
		// The hand-written splitter agrees with encoding/json on the
		// input itself (the last "features" member wins in both), except
		// that encoding/json also matches "Features" and other spellings,
		// which GeoJSON does not.
		if bytes.Count(bytes.ToLower(data), []byte(`"features"`)) != bytes.Count(data, []byte(`"features"`)) {
			return
		}
		var ref struct {
			Features []json.RawMessage `json:"features"`
		}
		if err := json.Unmarshal(data, &ref); err != nil {
			t.Fatalf("accepted input that encoding/json rejects: %v", err)
		}
		for k, ft := range feats {
			if ft.off < 0 || ft.off >= int64(len(data)) || data[ft.off] != ft.raw[0] {
				t.Fatalf("feature %d offset %d does not point at it", k, ft.off)
			}
			if !bytes.Equal(ft.raw, ref.Features[k]) {
				t.Fatalf("feature %d: split %q, encoding/json %q", k, ft.raw, ref.Features[k])
			}
		}
	})
}

// FuzzReadRun: never panics; accepted thresholds are positive and increasing.
func FuzzReadRun(f *testing.F) {
	seed(f, RunFile)
	f.Add([]byte(`{"parameters":{"thresholds_min":[5,5]}}`))
	f.Add([]byte(`{"parameters":{"gap_min":"x"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, ths, _, err := readRun("d", data)
		if err != nil {
			return
		}
		for i, v := range ths {
			if v <= 0 || (i > 0 && v <= ths[i-1]) {
				t.Fatalf("thresholds %v", ths)
			}
		}
	})
}
