package netfile

import (
	"bytes"
	"reflect"
	"testing"
)

// TestPortableCodec runs the encoder and decoder through the path of
// big-endian machines (values converted with encoding/binary instead of
// read in place) and checks that it writes the same bytes and reads the
// same network.
func TestPortableCodec(t *testing.T) {
	n := fixture(t)
	var native bytes.Buffer
	if err := Encode(&native, n); err != nil {
		t.Fatal(err)
	}
	want, err := Decode(bytes.NewReader(native.Bytes()), "x", int64(native.Len()), ReadOptions{NoSnapIndex: true})
	if err != nil {
		t.Fatal(err)
	}

	saved := littleEndian
	littleEndian = false
	defer func() { littleEndian = saved }()
	var portable bytes.Buffer
	if err := Encode(&portable, n); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(portable.Bytes(), native.Bytes()) {
		t.Fatal("the portable encoder writes other bytes")
	}
	got, err := Decode(bytes.NewReader(native.Bytes()), "x", int64(native.Len()), ReadOptions{NoSnapIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Timetable, want.Timetable) || !reflect.DeepEqual(got.POIs, want.POIs) {
		t.Error("the portable decoder reads another timetable or other points of interest")
	}
	for m, g := range want.Graphs {
		compareGraphs(t, "portable "+m.String(), got.Graphs[m], g)
	}
}
