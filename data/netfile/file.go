package netfile

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"sync"

	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/internal/graph"
)

// Magic are the first bytes of every network file.
const Magic = "SAAVUNET"

// FormatVersion is the format this package writes and reads. It changes
// whenever the payload layout or the meaning of a field changes; files
// of another version are refused, not converted.
const FormatVersion = 2

// maxHeader bounds the JSON header, so that a damaged length cannot ask
// for a huge allocation.
const maxHeader = 16 << 20

// Write writes n to path atomically (a temporary file in the same folder,
// renamed into place): a failed write leaves path as it was. The header's
// Format is set to FormatVersion.
func Write(path string, n *Network) error {
	err := outdir.WriteFileAtomic(path, func(w io.Writer) error { return Encode(w, n) })
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return err
		}
		return &Error{File: path, Err: err}
	}
	return nil
}

// Encode writes n in the network file format:
//
//	magic      8 bytes "SAAVUNET"
//	format     uint32 (FormatVersion)
//	headerLen  uint32
//	header     headerLen bytes of JSON (Header)
//	payloadLen uint64
//	crc        uint32: CRC-32C of everything above
//	payload    payloadLen bytes of sections (see codec.go)
//
// The payload holds: the modes (one byte each, ascending), then each
// graph, a byte telling whether a timetable follows, the timetable, and
// the points of interest. All integers are little-endian.
func Encode(w io.Writer, n *Network) error {
	if n == nil {
		return errors.New("netfile: nil network")
	}
	h := n.Header
	h.Format = FormatVersion
	hdr, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("netfile: header: %w", err)
	}
	if len(hdr) > maxHeader {
		return fmt.Errorf("netfile: header of %d bytes is too large", len(hdr))
	}

	e := &encoder{}
	modes := n.Modes()
	ms := make([]uint8, len(modes))
	for i, m := range modes {
		if m != graph.Walk && m != graph.Bike && m != graph.Car {
			return fmt.Errorf("netfile: no street graph for mode %s", m)
		}
		if n.Graphs[m].Mode != m {
			return fmt.Errorf("netfile: the %s graph says it is for %s", m, n.Graphs[m].Mode)
		}
		ms[i] = uint8(m)
	}
	section(e, ms)
	for _, m := range modes {
		encodeGraph(e, n.Graphs[m])
	}
	if n.Timetable != nil {
		one(e, uint8(1))
		encodeTimetable(e, n.Timetable)
	} else {
		one(e, uint8(0))
	}
	encodePOIs(e, n.POIs)
	if e.err != nil {
		return fmt.Errorf("netfile: %w", e.err)
	}

	pre := make([]byte, 0, 28+len(hdr))
	pre = append(pre, Magic...)
	pre = binary.LittleEndian.AppendUint32(pre, FormatVersion)
	pre = binary.LittleEndian.AppendUint32(pre, uint32(len(hdr)))
	pre = append(pre, hdr...)
	pre = binary.LittleEndian.AppendUint64(pre, uint64(e.n))
	pre = binary.LittleEndian.AppendUint32(pre, crc32.Checksum(pre, castagnoli))
	if _, err := w.Write(pre); err != nil {
		return err
	}
	return e.writeTo(w)
}

// ReadOptions tune ReadWith and Decode. The zero value is what Read does.
type ReadOptions struct {
	// NoSnapIndex leaves the graphs without their snapping index. Snap
	// builds it on first use, but that is not safe from several
	// goroutines at once: call PrepareSnap on each graph first. For
	// callers that never snap, or snap from one goroutine.
	NoSnapIndex bool
}

// Read reads the network file at path. It refuses, with an *Error naming
// the file, a file that is not a network file (ErrNotNetwork), one
// written in another format version (ErrFormat: prepare it again), and a
// truncated (ErrTruncated) or damaged (ErrCorrupt) one: every section
// carries a checksum and every index is checked to be in range.
//
// The graphs are ready for concurrent Snap calls: their snapping indexes
// are built while the rest of the file is read.
func Read(path string) (*Network, error) { return ReadWith(path, ReadOptions{}) }

// ReadWith is Read with options.
func ReadWith(path string, o ReadOptions) (*Network, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: path, Err: fmt.Errorf("cannot open: %w", unwrapPath(err))}
	}
	if fi.IsDir() {
		return nil, &Error{File: path, Err: fmt.Errorf("%w: it is a directory", ErrNotNetwork)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Err: fmt.Errorf("cannot open: %w", unwrapPath(err))}
	}
	defer f.Close()
	return Decode(f, path, fi.Size(), o)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadHeader reads only the header of the network file at path, with the
// same checks of magic, format and header checksum as Read.
func ReadHeader(path string) (*Header, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: path, Err: fmt.Errorf("cannot open: %w", unwrapPath(err))}
	}
	if fi.IsDir() {
		return nil, &Error{File: path, Err: fmt.Errorf("%w: it is a directory", ErrNotNetwork)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Err: fmt.Errorf("cannot open: %w", unwrapPath(err))}
	}
	defer f.Close()
	h, _, err := readPreamble(bufio.NewReader(f), path, fi.Size())
	return h, err
}

// Decode reads a network file of size bytes from r; name is used in
// errors and as Network.Path.
func Decode(r io.Reader, name string, size int64, o ReadOptions) (*Network, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	h, payload, err := readPreamble(br, name, size)
	if err != nil {
		return nil, err
	}
	d := &decoder{r: br, name: name, left: payload}
	n := &Network{Path: name, Header: *h, Graphs: map[graph.Mode]*graph.Graph{}}
	d.part = "modes"
	ms := get[uint8](d, "list")
	for i, m := range ms {
		mode := graph.Mode(m)
		if (mode != graph.Walk && mode != graph.Bike && mode != graph.Car) || (i > 0 && m <= ms[i-1]) {
			d.failf("list", ErrCorrupt, "mode %d at %d is not a street mode in order", m, i)
		}
	}
	// Each graph's snapping index is built while the rest is decoded: a
	// graph assembled from slices has none, and building it lazily from
	// concurrent Snap calls would race.
	var indexing sync.WaitGroup
	defer indexing.Wait()
	for _, m := range ms {
		if d.err != nil {
			break
		}
		mode := graph.Mode(m)
		d.part = mode.String() + " graph"
		if g := decodeGraph(d, mode); g != nil {
			n.Graphs[mode] = g
			if !o.NoSnapIndex {
				indexing.Go(g.PrepareSnap)
			}
		}
	}
	d.part = "timetable"
	hasTT := getOne[uint8](d, "present")
	switch {
	case d.err != nil:
	case hasTT == 1:
		n.Timetable = decodeTimetable(d)
	case hasTT != 0:
		d.failf("present", ErrCorrupt, "flag %d is not 0 or 1", hasTT)
	}
	n.POIs = decodePOIs(d)
	if d.err != nil {
		return nil, d.err
	}
	if d.left != 0 {
		return nil, &Error{File: name, Err: fmt.Errorf("%w: %d bytes after the last section", ErrCorrupt, d.left)}
	}
	return n, nil
}

// readPreamble reads and checks everything before the payload, returning
// the header and the payload length.
func readPreamble(r *bufio.Reader, name string, size int64) (*Header, int64, error) {
	fail := func(err error) (*Header, int64, error) { return nil, 0, &Error{File: name, Err: err} }
	var fixed [16]byte
	n, err := io.ReadFull(r, fixed[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return fail(fmt.Errorf("read error: %w", err))
	}
	if n < len(Magic) || string(fixed[:len(Magic)]) != Magic {
		if n == 0 {
			return fail(fmt.Errorf("%w: the file is empty", ErrNotNetwork))
		}
		return fail(notNetwork(fixed[:n]))
	}
	if n < len(fixed) {
		return fail(fmt.Errorf("%w: the file ends %d bytes into the header", ErrTruncated, n))
	}
	format := binary.LittleEndian.Uint32(fixed[8:])
	hlen := int64(binary.LittleEndian.Uint32(fixed[12:]))
	if hlen > maxHeader || hlen > size-int64(len(fixed)) {
		if format != FormatVersion {
			return fail(fmt.Errorf("%w: made with format %d; this saavu reads format %d: run saavu prepare again", ErrFormat, format, FormatVersion))
		}
		return fail(fmt.Errorf("%w: the header of %d bytes does not fit in the %d-byte file", ErrTruncated, hlen, size))
	}
	hdr := make([]byte, hlen)
	if _, err := io.ReadFull(r, hdr); err != nil {
		return fail(fmt.Errorf("%w: the file ends inside the header", ErrTruncated))
	}
	if format != FormatVersion {
		var v struct {
			Version string `json:"saavu_version"`
		}
		by := "an unknown saavu"
		if json.Unmarshal(hdr, &v) == nil && v.Version != "" {
			by = "saavu " + v.Version
		}
		return fail(fmt.Errorf("%w: made by %s with format %d; this saavu reads format %d: run saavu prepare again", ErrFormat, by, format, FormatVersion))
	}
	var tail [12]byte
	if _, err := io.ReadFull(r, tail[:]); err != nil {
		return fail(fmt.Errorf("%w: the file ends inside the header", ErrTruncated))
	}
	crc := crc32.Update(crc32.Update(crc32.Checksum(fixed[:], castagnoli), castagnoli, hdr), castagnoli, tail[:8])
	if got := binary.LittleEndian.Uint32(tail[8:]); got != crc {
		return fail(fmt.Errorf("%w: header checksum %08x does not match its content (%08x): the file is damaged", ErrCorrupt, got, crc))
	}
	var h Header
	if err := json.Unmarshal(hdr, &h); err != nil {
		return fail(fmt.Errorf("%w: header: %v", ErrCorrupt, err))
	}
	payload := int64(binary.LittleEndian.Uint64(tail[:8]))
	start := int64(len(fixed)) + hlen + int64(len(tail))
	switch {
	case payload < 0 || payload > size-start:
		return fail(fmt.Errorf("%w: the file has %d bytes, its header announces %d", ErrTruncated, size, uint64(start)+uint64(payload)))
	case payload < size-start:
		return fail(fmt.Errorf("%w: %d bytes after the end the header announces", ErrCorrupt, size-start-payload))
	}
	return &h, payload, nil
}

// notNetwork returns ErrNotNetwork with a hint for the files most often
// given by mistake.
func notNetwork(p []byte) error {
	switch {
	case bytes.HasPrefix(p, []byte("PK\x03\x04")):
		return fmt.Errorf("%w: it is a zip archive (a GTFS feed?); give the file written by saavu prepare", ErrNotNetwork)
	case len(p) >= 8 && bytes.Contains(p[4:], []byte("OSMHeader"[:4])):
		return fmt.Errorf("%w: it looks like an OpenStreetMap PBF extract; prepare it with saavu prepare --osm", ErrNotNetwork)
	case bytes.HasPrefix(bytes.TrimLeft(p, " \t\r\n\xef\xbb\xbf"), []byte("{")):
		return fmt.Errorf("%w: it is JSON text (GeoJSON?); give the file written by saavu prepare", ErrNotNetwork)
	}
	return ErrNotNetwork
}
