package osm

import (
	"encoding/binary"
	"math"
	"testing"
)

func TestUvarint(t *testing.T) {
	cases := []struct {
		name  string
		in    []byte
		want  uint64
		wantN int
	}{
		{"zero", []byte{0}, 0, 1},
		{"one byte", []byte{0x7f}, 127, 1},
		{"two bytes", []byte{0xac, 0x02}, 300, 2},
		{"max", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, math.MaxUint64, 10},
		{"empty", nil, 0, 0},
		{"unterminated", []byte{0x80, 0x80}, 0, 0},
		{"eleven bytes", []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, n := uvarint(c.in)
			if v != c.want || n != c.wantN {
				t.Errorf("uvarint(%x) = %d, %d; want %d, %d", c.in, v, n, c.want, c.wantN)
			}
		})
	}
}

func TestZigzag(t *testing.T) {
	cases := []struct {
		in   uint64
		want int64
	}{{0, 0}, {1, -1}, {2, 1}, {3, -2}, {4294967294, 2147483647}, {4294967295, -2147483648}}
	for _, c := range cases {
		if got := zigzag(c.in); got != c.want {
			t.Errorf("zigzag(%d) = %d, want %d", c.in, got, c.want)
		}
	}
}

func TestFieldsPackedAndUnpacked(t *testing.T) {
	// Field 2 packed [1, 300], then field 2 unpacked 5, then field 3 bytes.
	var p pb
	p.bytes(2, packedU([]uint64{1, 300}))
	p.varint(2, 5)
	p.bytes(3, []byte("abc"))
	f := newFields(p.b)
	var vals []uint64
	var s string
	for f.next() {
		switch f.num {
		case 2:
			var err error
			if vals, err = f.appendVarints(vals); err != nil {
				t.Fatal(err)
			}
		case 3:
			b, err := f.bytesField()
			if err != nil {
				t.Fatal(err)
			}
			s = string(b)
		}
	}
	if f.err != nil {
		t.Fatal(f.err)
	}
	if len(vals) != 3 || vals[0] != 1 || vals[1] != 300 || vals[2] != 5 || s != "abc" {
		t.Errorf("got %v %q", vals, s)
	}
}

func TestFieldsErrors(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
	}{
		{"length past end", append(binary.AppendUvarint(nil, 2<<3|wireBytes), 10, 'a')},
		{"bad key", []byte{0x80}},
		{"group wire type", []byte{1<<3 | 3}},
		{"fixed64 short", []byte{1<<3 | wireFixed64, 1, 2}},
		{"fixed32 short", []byte{1<<3 | wireFixed32, 1}},
		{"varint unterminated", []byte{1 << 3, 0x80}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFields(c.in)
			for f.next() {
			}
			if f.err == nil {
				t.Errorf("no error for %x", c.in)
			}
		})
	}
}

func TestSortIDs(t *testing.T) {
	// Compare with insertion sort on pseudo-random data including negative
	// ids and a run of equal high bits.
	var a []int64
	x := uint64(88172645463325252)
	for range 5000 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		v := int64(x >> 20)
		if x&1 == 1 {
			v = -v
		}
		a = append(a, v, 1e10+int64(x%1000))
	}
	want := append([]int64(nil), a...)
	insertionSort(want)
	got := sortIDs(a, make([]int64, len(a)))
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("position %d: got %d, want %d", i, got[i], want[i])
		}
	}
}
