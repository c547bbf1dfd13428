package plan

// Lazy greedy opening. The gain of opening a site never grows as other
// sites open (each origin's best cost only falls), so a gain computed
// earlier bounds the current one from above. The sites wait in a heap by
// their last computed gain; the top is recomputed and taken when it still
// leads the heap, else pushed back with its new gain. The site taken is
// exactly the one a full scan would take: the largest current gain, the
// lowest index among equals.

// gainItem is a site and an upper bound of its gain.
type gainItem struct {
	g float64
	j int32
}

// before orders items by larger gain, then lower index.
func (a gainItem) before(b gainItem) bool { return a.g > b.g || (a.g == b.g && a.j < b.j) }

// gainHeap is a binary heap of items, the best first.
type gainHeap []gainItem

// newGainHeap holds every site with its gain.
func newGainHeap(gains []float64) gainHeap {
	h := make(gainHeap, len(gains))
	for j, g := range gains {
		h[j] = gainItem{g, int32(j)}
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
	return h
}

func (h gainHeap) down(i int) {
	n := len(h)
	x := h[i]
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && h[c+1].before(h[c]) {
			c++
		}
		if !h[c].before(x) {
			break
		}
		h[i] = h[c]
		i = c
	}
	h[i] = x
}

func (h *gainHeap) pop() gainItem {
	a := *h
	top := a[0]
	n := len(a) - 1
	a[0] = a[n]
	*h = a[:n]
	if n > 0 {
		h.down(0)
	}
	return top
}

func (h *gainHeap) push(x gainItem) {
	a := append(*h, x)
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !x.before(a[p]) {
			break
		}
		a[i] = a[p]
		i = p
	}
	a[i] = x
	*h = a
}

// bestAddition returns the closed site whose opening lowers the cost
// most, the lowest index among equals, drawing on the heap of bounds.
func (e *engine) bestAddition(h *gainHeap) int32 {
	for len(*h) > 0 {
		top := h.pop()
		if e.isOpen[top.j] {
			continue
		}
		cur := gainItem{e.gain(top.j), top.j}
		if len(*h) == 0 || !(*h)[0].before(cur) {
			return cur.j
		}
		h.push(cur)
	}
	return -1
}
