package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func scriptJSONString(raw []byte) string {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	_ = writeScriptJSON(w, raw)
	w.Flush()
	return buf.String()
}

func TestWriteScriptJSON(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"a":1}`, `{"a":1}`},
		{`"</script>"`, `"\u003c/script\u003e"`},
		{`"<!--x-->"`, `"\u003c!--x--\u003e"`},
		{`"a&b"`, `"a\u0026b"`},
		{"\"line\u2028para\u2029end\"", `"line\u2028para\u2029end"`},
		{`"ä€—"`, `"ä€—"`}, // other multi-byte characters untouched (— is E2 80 94)
		{``, ``},
	}
	for _, c := range cases {
		if got := scriptJSONString([]byte(c.in)); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzWriteScriptJSON: for any valid JSON, the escaped text holds no
// character that could end a script element and decodes to the same value.
func FuzzWriteScriptJSON(f *testing.F) {
	f.Add([]byte(`{"name":"</script><script>alert(1)</script>","n":[1,2.5,null]}`))
	f.Add([]byte("\"\u2028\u2029<>&\""))
	f.Add([]byte(`{"type":"FeatureCollection","features":[]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var want any
		if json.Unmarshal(raw, &want) != nil {
			return
		}
		out := scriptJSONString(raw)
		if strings.ContainsAny(out, "<>&\u2028\u2029") {
			t.Fatalf("unsafe character left in %q", out)
		}
		var got any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("escaped JSON does not parse: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("value changed: %v != %v", got, want)
		}
	})
}
