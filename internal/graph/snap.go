package graph

// Anchor is a way from a snapped point to a vertex (or back) along the
// segment it lies on.
type Anchor struct {
	V      int32  // vertex; -1 when unused
	TimeMs uint32 // along the segment; NoTime when the direction is closed
	LenM   float32
}

// Snap is a point attached to the nearest point of the nearest segment.
type Snap struct {
	Seg      int32   // segment index
	Frac     float64 // position along the segment from SegU (0) to SegV (1)
	Lon, Lat float64 // the snapped point on the segment
	ConnM    float64 // straight-line connector length from the input point
	ConnMs   uint32  // connector time at walking speed
	Out      [2]Anchor
	In       [2]Anchor
}
