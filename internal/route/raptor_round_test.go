package route

import "testing"

func TestNextBit(t *testing.T) {
	words := []uint64{1<<3 | 1<<63, 0, 1 << 5}
	cases := []struct{ from, want int }{
		{0, 3}, {3, 3}, {4, 63}, {63, 63}, {64, 133}, {100, 133}, {133, 133}, {134, 192}, {500, 192},
	}
	for _, c := range cases {
		if got := nextBit(words, c.from); got != c.want {
			t.Errorf("nextBit(%d) = %d, want %d", c.from, got, c.want)
		}
	}
}
