package graph

// nodeIndex finds positions in a sorted slice of node ids in about
// constant time: ids are bucketed by (id-min) >> shift, with about one id
// per bucket, and a lookup searches only its bucket. Building it costs one
// pass over the ids.
type nodeIndex struct {
	ids   []int64
	min   int64
	shift uint
	start []int32 // start[b] is the first position of bucket b; len = buckets+1
}

func newNodeIndex(ids []int64) *nodeIndex {
	ix := &nodeIndex{ids: ids}
	if len(ids) == 0 {
		ix.start = []int32{0, 0}
		return ix
	}
	ix.min = ids[0]
	span := uint64(ids[len(ids)-1] - ids[0])
	// Smallest shift giving at most len(ids) buckets.
	for span>>ix.shift >= uint64(len(ids)) {
		ix.shift++
	}
	nb := int(span>>ix.shift) + 1
	ix.start = make([]int32, nb+1)
	for _, id := range ids {
		ix.start[uint64(id-ix.min)>>ix.shift+1]++
	}
	for b := range nb {
		ix.start[b+1] += ix.start[b]
	}
	return ix
}

// find returns the position of id, or false.
func (ix *nodeIndex) find(id int64) (int32, bool) {
	if id < ix.min {
		return 0, false
	}
	b := uint64(id-ix.min) >> ix.shift
	if b+1 >= uint64(len(ix.start)) {
		return 0, false
	}
	lo, hi := ix.start[b], ix.start[b+1]
	for lo < hi {
		mid := int32(uint32(lo+hi) >> 1)
		switch v := ix.ids[mid]; {
		case v == id:
			return mid, true
		case v < id:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}
