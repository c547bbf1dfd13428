package gpkg

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// tokenKeys lists the top-level keys of a JSON object with encoding/json's
// token decoder: the slow, obviously right way.
func tokenKeys(raw []byte) ([]string, bool) {
	d := json.NewDecoder(bytes.NewReader(raw))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	var keys []string
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return nil, false
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := d.Decode(&skip); err != nil {
			return nil, false
		}
	}
	return keys, true
}

func TestObjectKeys(t *testing.T) {
	cases := []string{
		`{}`,
		` { } `,
		`{"a":1,"b":"x","c":null}`,
		"{\n  \"a\" : [1, {\"x\": \"}\"}],\n  \"b\":{\"c\":{\"d\":[]}}, \"e\":true\t}",
		`{"quote \" in key":"value with \\ and \" and }","k\u00e4":-1.5e3}`,
		`{"a":"[","b":"{","c":"]"}`,
		`{"":0,"same":1,"same":2}`,
	}
	for _, c := range cases {
		want, ok := tokenKeys([]byte(c))
		if !ok {
			t.Fatalf("bad case %s", c)
		}
		got, err := objectKeys([]byte(c), nil)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: %q %v, want %q", c, got, err, want)
		}
	}
	for _, bad := range []string{``, `[]`, `{"a":1`, `{"a" 1}`, `{"a":"x}`, `{1:2}`} {
		if _, err := objectKeys([]byte(bad), nil); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzObjectKeys checks the fast key scan against the token decoder on
// every valid JSON object.
func FuzzObjectKeys(f *testing.F) {
	f.Add([]byte(`{"a":1,"b":[{"c":"}"}],"d\"":null}`))
	f.Add([]byte(`{"id":"1kmN6830E500","region":"Mikkeli","population":120,"x":{"y":[1,2,{"z":"]"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := objectKeys(data, nil)
		if !json.Valid(data) {
			return // the decoder rejects these before objectKeys sees them
		}
		want, ok := tokenKeys(data)
		if !ok {
			if err == nil {
				t.Fatalf("%q is no object, yet keys %q", data, got)
			}
			return
		}
		if err != nil || !slices.Equal(got, want) {
			t.Fatalf("%q: %q %v, want %q", data, got, err, want)
		}
	})
}
