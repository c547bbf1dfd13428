package osm

// sortIDs sorts node ids ascending. It is an LSD radix sort on 11-bit
// digits that skips digits all keys share, much faster than a comparison
// sort for the tens of millions of references of a country extract. buf is
// scratch space of at least len(a); the sorted result is returned and is
// either a or buf.
func sortIDs(a, buf []int64) []int64 {
	const bits = 11
	const size = 1 << bits
	const mask = size - 1
	if len(a) < 256 {
		insertionSort(a)
		return a
	}
	buf = buf[:len(a)]
	// Flipping the sign bit makes signed order unsigned order.
	const flip = uint64(1) << 63
	var or, and uint64 = 0, ^uint64(0)
	for _, v := range a {
		u := uint64(v) ^ flip
		or |= u
		and &= u
	}
	diff := or ^ and // bits that vary between keys
	var count [size]int
	src, dst := a, buf
	for shift := uint(0); shift < 64; shift += bits {
		if (diff>>shift)&mask == 0 {
			continue
		}
		clear(count[:])
		for _, v := range src {
			count[((uint64(v)^flip)>>shift)&mask]++
		}
		pos := 0
		for i, c := range count {
			count[i] = pos
			pos += c
		}
		for _, v := range src {
			d := ((uint64(v) ^ flip) >> shift) & mask
			dst[count[d]] = v
			count[d]++
		}
		src, dst = dst, src
	}
	return src
}

func insertionSort(a []int64) {
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i
		for j > 0 && a[j-1] > v {
			a[j] = a[j-1]
			j--
		}
		a[j] = v
	}
}
