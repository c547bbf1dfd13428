package plan

import "testing"

// FuzzFromOriginLists feeds arbitrary per-origin lists: the builder
// either rejects them or returns a valid matrix whose nearest times match
// the lists'.
func FuzzFromOriginLists(f *testing.F) {
	f.Add(uint8(2), []byte{0, 2, 2, 5}, []byte{1, 0, 1, 1, 0}, []byte{5, 7, 9, 3, 255})
	f.Add(uint8(0), []byte{0}, []byte{}, []byte{})
	f.Add(uint8(3), []byte{0, 3, 1}, []byte{0, 1, 2}, []byte{1, 1, 1})
	f.Fuzz(func(t *testing.T, sites uint8, start, site, tms []byte) {
		st := make([]int32, len(start))
		for i, b := range start {
			st[i] = int32(b)
		}
		si := make([]int32, len(site))
		for i, b := range site {
			si[i] = int32(b) - 1 // -1 included
		}
		tm := make([]uint32, len(tms))
		for i, b := range tms {
			tm[i] = uint32(b)
			if b == 255 {
				tm[i] = Unreachable
			}
		}
		s, err := FromOriginLists(int(sites), st, si, tm)
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("built an invalid matrix: %v", err)
		}
		near := s.Nearest()
		for i := range len(st) - 1 {
			want := uint32(Unreachable)
			for k := st[i]; k < st[i+1]; k++ {
				want = min(want, tm[k])
			}
			if near[i] != want {
				t.Fatalf("origin %d: nearest %d, lists say %d", i, near[i], want)
			}
		}
	})
}
