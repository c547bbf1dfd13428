package osm

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"strconv"
)

// source is a file format read in the two passes described in the package
// documentation.
type source interface {
	pass1(ctx context.Context, skipPOIs bool, emit func(*wayBatch) error) error
	pass2(ctx context.Context, needed []int64, skipPOIs bool, emit func(*nodeBatch) error) error
	headerBounds() (Bounds, bool)
	// pass0 and setClip serve Options.Clip: pass0 lists the nodes
	// inside the area, setClip filters the passes that follow.
	pass0(ctx context.Context, clip *Clip, emit func(*insideBatch) error) error
	setClip(clip *Clip, inside *idSet)
}

// Read reads the OSM file at path (PBF or XML, told apart by content).
// Errors are *Error values naming the file.
func Read(ctx context.Context, path string, opts Options) (*Extract, error) {
	fi, err := os.Stat(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fileError(path, fmt.Errorf("cannot open: %w", err))
	}
	if fi.IsDir() {
		return nil, fileError(path, fmt.Errorf("%w: it is a directory", ErrNotOSM))
	}
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fileError(path, fmt.Errorf("cannot open: %w", err))
	}
	defer f.Close()
	return ReadReader(ctx, f, path, opts)
}

// ReadReader reads OSM data from r, which is read twice (it must be
// seekable). name is used in errors and Extract.Name.
func ReadReader(ctx context.Context, r io.ReadSeeker, name string, opts Options) (*Extract, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if r == nil {
		return nil, fileError(name, errors.New("nil reader"))
	}
	format, err := sniff(r, name)
	if err != nil {
		return nil, err
	}
	var src source
	switch format {
	case FormatPBF:
		pf, err := newPBFFile(r, name)
		if err != nil {
			return nil, err
		}
		src = &pbfReader{file: pf, workers: opts.Workers}
	case FormatXML, FormatGzip, FormatBzip2:
		outer := format
		open := func() (io.Reader, error) {
			if _, err := r.Seek(0, io.SeekStart); err != nil {
				return nil, fileError(name, fmt.Errorf("cannot seek: %w", err))
			}
			br := bufio.NewReaderSize(r, 64<<10)
			switch outer {
			case FormatGzip:
				zr, err := gzip.NewReader(br)
				if err != nil {
					return nil, fileError(name, fmt.Errorf("%w: gzip: %v", ErrCorrupt, err))
				}
				return bufio.NewReaderSize(zr, 64<<10), nil
			case FormatBzip2:
				return bufio.NewReaderSize(bzip2.NewReader(br), 64<<10), nil
			}
			return br, nil
		}
		if format != FormatXML {
			if err := checkCompressed(open, name, format); err != nil {
				return nil, err
			}
		}
		format = FormatXML
		src = &xmlReader{name: name, open: open}
	default:
		return nil, fileError(name, notOSM(r))
	}
	ext, err := read(ctx, src, name, opts)
	if err != nil {
		return nil, err
	}
	ext.Format = format
	return ext, nil
}

// sniff detects the format of r and rewinds it.
func sniff(r io.ReadSeeker, name string) (Format, error) {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return 0, fileError(name, fmt.Errorf("cannot seek: %w", err))
	}
	buf := make([]byte, sniffLen)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return 0, fileError(name, fmt.Errorf("read error: %w", err))
	}
	if n == 0 {
		return 0, fileError(name, fmt.Errorf("%w: the file is empty", ErrNotOSM))
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return 0, fileError(name, fmt.Errorf("cannot seek: %w", err))
	}
	return DetectFormat(buf[:n]), nil
}

// notOSM returns ErrNotOSM with a hint at what the content looks like,
// for the common mistakes: a saved error page, a zip or a UTF-16 file.
func notOSM(r io.ReadSeeker) error {
	buf := make([]byte, sniffLen)
	n := 0
	if _, err := r.Seek(0, io.SeekStart); err == nil {
		n, _ = io.ReadFull(r, buf)
	}
	p := buf[:n]
	trimmed := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(p, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n"))
	switch {
	case len(p) >= 2 && (p[0] == 0xFF && p[1] == 0xFE || p[0] == 0xFE && p[1] == 0xFF),
		len(p) >= 2 && p[0] == '<' && p[1] == 0, len(p) >= 2 && p[0] == 0 && p[1] == '<':
		return fmt.Errorf("%w: it is UTF-16 text; save OSM XML as UTF-8", ErrNotOSM)
	case bytes.HasPrefix(trimmed, []byte("<!doctype html")), bytes.HasPrefix(trimmed, []byte("<html")):
		return fmt.Errorf("%w: it is an HTML page (a failed download?)", ErrNotOSM)
	case bytes.HasPrefix(p, []byte("PK\x03\x04")):
		return fmt.Errorf("%w: it is a zip archive; extract the .osm.pbf or .osm file from it", ErrNotOSM)
	}
	return ErrNotOSM
}

// checkCompressed makes sure compressed content is OSM XML.
func checkCompressed(open func() (io.Reader, error), name string, outer Format) error {
	zr, err := open()
	if err != nil {
		return err
	}
	buf := make([]byte, sniffLen)
	n, err := io.ReadFull(zr, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return fileError(name, fmt.Errorf("%w: %s: %v", ErrCorrupt, outer, err))
	}
	switch DetectFormat(buf[:n]) {
	case FormatXML:
		return nil
	case FormatPBF:
		return fileError(name, fmt.Errorf("%w: %s-compressed PBF (PBF blocks are compressed already: decompress the file)", ErrUnsupported, outer))
	}
	return fileError(name, fmt.Errorf("%w: %s-compressed data that is not OSM XML", ErrNotOSM, outer))
}

// read runs both passes and assembles the Extract.
func read(ctx context.Context, src source, name string, opts Options) (*Extract, error) {
	maxWarn := opts.MaxWarnings
	if maxWarn <= 0 {
		maxWarn = 100
	}
	ext := &Extract{Name: name}
	c := &ext.Counts
	warn := func(way int64, msg string) {
		c.Warnings++
		if len(ext.Warnings) < maxWarn {
			ext.Warnings = append(ext.Warnings, Warning{WayID: way, Message: msg})
		}
	}

	if opts.Clip != nil {
		if err := opts.Clip.check(); err != nil {
			return nil, fileError(name, err)
		}
		var inside []int64
		err := src.pass0(ctx, opts.Clip, func(b *insideBatch) error {
			inside = append(inside, b.ids...)
			c.Relations += b.nRelation
			return nil
		})
		if err != nil {
			return nil, err
		}
		set := newIDSet(inside)
		c.NodesInside = len(set.ids)
		src.setClip(opts.Clip, set)
	}

	relWarn := func(rel int64, msg string) {
		c.Warnings++
		if len(ext.Warnings) < maxWarn {
			ext.Warnings = append(ext.Warnings, Warning{RelationID: rel, Message: msg})
		}
	}
	var ways []Way
	var pws []poiWay
	var restrictions []Restriction
	err := src.pass1(ctx, opts.SkipPOIs, func(b *wayBatch) error {
		ways = append(ways, b.ways...)
		pws = append(pws, b.poiWays...)
		restrictions = append(restrictions, b.rels.restrictions...)
		c.RestrictionsNotForCar += b.rels.notForCar
		c.RestrictionsMalformed += b.rels.malformed
		for _, w := range b.rels.warnings {
			relWarn(w.RelationID, w.Message)
		}
		c.Warnings += b.rels.malformed - len(b.rels.warnings) // those beyond a batch's cap
		c.Ways += b.nWays
		if opts.Clip == nil { // else counted by pass 0
			c.Relations += b.nRelation
		}
		c.WaysOutside += b.nOutside
		return nil
	})
	if err != nil {
		return nil, err
	}
	ways, dups := sortUnique(ways, func(w Way) int64 { return w.ID })
	for _, id := range dups {
		warn(id, "way appears more than once; the first copy is kept")
	}
	c.DuplicateWays = len(dups)
	pws, _ = sortUnique(pws, func(p poiWay) int64 { return p.id })

	total := 0
	for _, w := range ways {
		total += len(w.Nodes)
	}
	for _, p := range pws {
		total += len(p.nodes)
	}
	needed := make([]int64, 0, total)
	for _, w := range ways {
		needed = append(needed, w.Nodes...)
	}
	for _, p := range pws {
		needed = append(needed, p.nodes...)
	}
	needed = sortIDs(needed, make([]int64, len(needed)))
	needed = slices.Clip(slices.Compact(needed))

	lon := make([]float64, len(needed))
	lat := make([]float64, len(needed))
	found := make([]bool, len(needed))
	var pois []POI
	err = src.pass2(ctx, needed, opts.SkipPOIs, func(b *nodeBatch) error {
		for j, i := range b.idx {
			if !found[i] { // the first copy of a node wins
				lon[i], lat[i], found[i] = b.lon[j], b.lat[j], true
			}
		}
		pois = append(pois, b.pois...)
		c.Nodes += b.nNodes
		return nil
	})
	if err != nil {
		return nil, err
	}

	// Drop references to nodes the file lacks.
	has := func(id int64) bool {
		i, ok := slices.BinarySearch(needed, id)
		return ok && found[i]
	}
	allFound := !slices.Contains(found, false)
	kept := ways[:0]
	for _, w := range ways {
		if !allFound {
			n := len(w.Nodes)
			w.Nodes = slices.DeleteFunc(w.Nodes, func(id int64) bool { return !has(id) })
			if lost := n - len(w.Nodes); lost > 0 {
				c.MissingRefs += int64(lost)
				c.WaysWithMissingRefs++
				warn(w.ID, strconv.Itoa(lost)+" of "+strconv.Itoa(n)+" node references point to nodes not in the file; dropped")
			}
		}
		if len(w.Nodes) < 2 {
			c.WaysTooShort++
			warn(w.ID, "fewer than two nodes with coordinates; way dropped")
			continue
		}
		kept = append(kept, w)
	}
	clear(ways[len(kept):])
	ext.Ways = slices.Clip(kept)

	// Keep the coordinates that were found.
	if allFound {
		ext.NodeIDs, ext.Lon, ext.Lat = needed, lon, lat
	} else {
		n := 0
		for i := range needed {
			if found[i] {
				needed[n], lon[n], lat[n] = needed[i], lon[i], lat[i]
				n++
			}
		}
		ext.NodeIDs = slices.Clip(needed[:n])
		ext.Lon = slices.Clip(lon[:n])
		ext.Lat = slices.Clip(lat[:n])
	}

	var outside int
	ext.Restrictions, outside = keepRestrictions(ext, restrictions, relWarn)

	// Points of interest mapped as closed ways: centroid of their nodes
	// (the closing node counted once).
	for _, p := range pws {
		var sx, sy float64
		var n int
		for _, id := range p.nodes[:len(p.nodes)-1] {
			if x, y, ok := ext.Coord(id); ok {
				sx, sy, n = sx+x, sy+y, n+1
			}
		}
		if n == 0 {
			continue
		}
		pois = append(pois, POI{ID: p.id, Kind: p.kind, Name: p.name, Lon: sx / float64(n), Lat: sy / float64(n), IsWay: true})
	}
	slices.SortStableFunc(pois, func(a, b POI) int {
		if c := cmp.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		if a.IsWay == b.IsWay {
			return 0
		}
		if a.IsWay {
			return 1
		}
		return -1
	})
	pois = slices.CompactFunc(pois, func(a, b POI) bool { return a.ID == b.ID && a.IsWay == b.IsWay })
	ext.POIs = pois

	if bb, ok := src.headerBounds(); ok && opts.Clip == nil {
		ext.Bounds = bb
	} else {
		ext.Bounds = computeBounds(ext)
	}
	c.WaysKept = len(ext.Ways)
	c.NodesKept = len(ext.NodeIDs)
	c.POIs = len(ext.POIs)
	c.Restrictions = len(ext.Restrictions)
	c.RestrictionsOutside = outside
	return ext, nil
}

// sortUnique sorts s by key (keeping file order among equal keys) and
// removes later copies of a key, returning the removed keys.
func sortUnique[T any](s []T, key func(T) int64) ([]T, []int64) {
	less := func(a, b T) int { return cmp.Compare(key(a), key(b)) }
	if !slices.IsSortedFunc(s, less) {
		slices.SortStableFunc(s, less)
	}
	var dups []int64
	out := s[:0]
	for _, v := range s {
		if len(out) > 0 && key(v) == key(out[len(out)-1]) {
			dups = append(dups, key(v))
			continue
		}
		out = append(out, v)
	}
	return out, dups
}

func computeBounds(ext *Extract) Bounds {
	b := Bounds{MinLon: math.Inf(1), MinLat: math.Inf(1), MaxLon: math.Inf(-1), MaxLat: math.Inf(-1)}
	add := func(x, y float64) {
		b.MinLon, b.MaxLon = min(b.MinLon, x), max(b.MaxLon, x)
		b.MinLat, b.MaxLat = min(b.MinLat, y), max(b.MaxLat, y)
	}
	for i := range ext.NodeIDs {
		add(ext.Lon[i], ext.Lat[i])
	}
	for _, p := range ext.POIs {
		add(p.Lon, p.Lat)
	}
	if b.Empty() {
		return Bounds{}
	}
	return b
}
