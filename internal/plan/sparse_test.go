package plan

import (
	"reflect"
	"testing"
)

func TestFromDense(t *testing.T) {
	u := uint32(Unreachable)
	s, err := FromDense([]uint32{
		4, u, 6,
		u, u, u,
		0, 1, u,
	}, 3, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := Sparse{Sites: 3, Origins: 3, Start: []int32{0, 2, 2, 4}, Origin: []int32{0, 2, 0, 1}, TimeMs: []uint32{4, 6, 0, 1}}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("got %+v\nwant %+v", s, want)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := s.Nearest(); !reflect.DeepEqual(got, []uint32{0, 1, 6}) {
		t.Fatalf("nearest %v, want [0 1 6]", got)
	}
	if got := (Sparse{Origins: 2, Start: []int32{0}}).Nearest(); !reflect.DeepEqual(got, []uint32{u, u}) {
		t.Fatalf("no site: nearest %v", got)
	}
	if _, err := FromDense([]uint32{1, 2, 3}, 2, 2); err == nil {
		t.Fatal("short dense matrix accepted")
	}
}

func TestFromOriginLists(t *testing.T) {
	// Origin 0 reaches sites 1 (5 ms) and 0 (7 ms); origin 1 nothing;
	// origin 2 site 1 twice (9 and 3 ms: 3 stays) and site 0 unreachable.
	start := []int32{0, 2, 2, 5}
	site := []int32{1, 0, 1, 1, 0}
	tms := []uint32{5, 7, 9, 3, Unreachable}
	s, err := FromOriginLists(2, start, site, tms)
	if err != nil {
		t.Fatal(err)
	}
	want := Sparse{Sites: 2, Origins: 3, Start: []int32{0, 1, 3}, Origin: []int32{0, 0, 2}, TimeMs: []uint32{7, 5, 3}}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("got %+v\nwant %+v", s, want)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		name  string
		start []int32
		site  []int32
		tms   []uint32
	}{
		{"site out of range", []int32{0, 1}, []int32{2}, []uint32{1}},
		{"offsets past the entries", []int32{0, 2}, []int32{0}, []uint32{1}},
		{"times short", []int32{0, 1}, []int32{0}, nil},
		{"no offsets", nil, nil, nil},
		{"decreasing offsets", []int32{0, 2, 1, 2}, []int32{0, 1}, []uint32{1, 1}},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			if _, err := FromOriginLists(2, c.start, c.site, c.tms); err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

func TestSparseValidate(t *testing.T) {
	good := func() Sparse {
		return Sparse{Sites: 2, Origins: 3, Start: []int32{0, 2, 3}, Origin: []int32{0, 2, 1}, TimeMs: []uint32{1, 2, 3}}
	}
	if err := good().Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		edit func(*Sparse)
	}{
		{"origin repeated", func(s *Sparse) { s.Origin[1] = 0 }},
		{"origins descending", func(s *Sparse) { s.Origin[0], s.Origin[1] = 2, 0 }},
		{"origin out of range", func(s *Sparse) { s.Origin[2] = 3 }},
		{"negative origin", func(s *Sparse) { s.Origin[0] = -1 }},
		{"offsets short", func(s *Sparse) { s.Start = s.Start[:2] }},
		{"offsets decrease", func(s *Sparse) { s.Start = []int32{0, 4, 3} }},
		{"times short", func(s *Sparse) { s.TimeMs = s.TimeMs[:2] }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := good()
			c.edit(&s)
			if err := s.Validate(); err == nil {
				t.Fatalf("accepted %+v", s)
			}
		})
	}
}
