package netfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/saavu/saavu/internal/graph"
)

// encoded returns the town fixture as file bytes.
func encoded(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, fixture(t)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// headerEnd returns the offset of the payload in a file.
func headerEnd(b []byte) int {
	return 16 + int(binary.LittleEndian.Uint32(b[12:])) + 12
}

func TestReadRefuses(t *testing.T) {
	good := encoded(t)
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	with := func(f func(b []byte)) []byte {
		b := bytes.Clone(good)
		f(b)
		return b
	}
	payload := headerEnd(good)
	// Format 7 with the header left as written: the message names the
	// saavu that wrote it.
	newer := with(func(b []byte) { binary.LittleEndian.PutUint32(b[8:], 7) })
	// Format 0 with a header too long for the file: no version to name.
	older := with(func(b []byte) {
		binary.LittleEndian.PutUint32(b[8:], 0)
		binary.LittleEndian.PutUint32(b[12:], 1<<30)
	})
	cases := []struct {
		name    string
		path    string
		is      error
		message string
	}{
		{"missing", filepath.Join(dir, "nope.saavu"), fs.ErrNotExist, "nope.saavu: cannot open"},
		{"directory", dir, ErrNotNetwork, "not a saavu network file: it is a directory"},
		{"empty", write("empty.saavu", nil), ErrNotNetwork, "empty.saavu: not a saavu network file: the file is empty"},
		{"wrong magic", write("magic.saavu", with(func(b []byte) { b[0] = 'X' })), ErrNotNetwork, "magic.saavu: not a saavu network file"},
		{"zip", write("feed.zip", []byte("PK\x03\x04 rest of a zip archive")), ErrNotNetwork, "feed.zip: not a saavu network file: it is a zip archive"},
		{"osm pbf", write("fi.osm.pbf", []byte("\x00\x00\x00\x0d\x0a\x09OSMHeader\x18\x7b")), ErrNotNetwork, "looks like an OpenStreetMap PBF"},
		{"geojson", write("regions.geojson", []byte(`{"type":"FeatureCollection"}`)), ErrNotNetwork, "it is JSON text"},
		{"newer format", write("newer.saavu", newer), ErrFormat,
			"newer.saavu: unsupported format version: made by saavu test with format 7; this saavu reads format 2: run saavu prepare again"},
		{"older format", write("older.saavu", older), ErrFormat, "made with format 0; this saavu reads format 2: run saavu prepare again"},
		{"cut in the fixed part", write("cut10.saavu", good[:10]), ErrTruncated, "cut10.saavu: truncated"},
		{"cut in the header", write("cut100.saavu", good[:100]), ErrTruncated, "cut100.saavu: truncated"},
		{"cut in the payload", write("half.saavu", good[:len(good)/2]), ErrTruncated, "half.saavu: truncated: the file has"},
		{"last byte missing", write("short.saavu", good[:len(good)-1]), ErrTruncated, "short.saavu: truncated"},
		{"bytes after the end", write("long.saavu", append(bytes.Clone(good), 0)), ErrCorrupt, "1 bytes after the end"},
		{"header damaged", write("hdr.saavu", with(func(b []byte) { b[20] ^= 1 })), ErrCorrupt, "hdr.saavu: corrupt: header checksum"},
		{"payload damaged", write("pay.saavu", with(func(b []byte) { b[payload+100] ^= 0x40 })), ErrCorrupt, "pay.saavu: walk graph: "},
		{"last section damaged", write("end.saavu", with(func(b []byte) { b[len(b)-5] ^= 0x40 })), ErrCorrupt, "end.saavu: points of interest: IsWay: corrupt: checksum"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, err := Read(c.path)
			if err == nil {
				t.Fatalf("read %d graphs, want an error", len(n.Graphs))
			}
			if !errors.Is(err, c.is) {
				t.Errorf("error %v does not wrap %v", err, c.is)
			}
			if !strings.Contains(err.Error(), c.message) {
				t.Errorf("error %q does not contain %q", err, c.message)
			}
			var e *Error
			if !errors.As(err, &e) || e.File != c.path {
				t.Errorf("error %v does not name the file %s", err, c.path)
			}
			// ReadHeader reads only the header, which checks the file
			// size too: it refuses everything but damage to the payload.
			_, herr := ReadHeader(c.path)
			if payloadOnly := strings.Contains(c.name, "damaged") && c.name != "header damaged"; (herr == nil) != payloadOnly {
				t.Errorf("ReadHeader: %v", herr)
			}
		})
	}
}

// TestReadHeaderOnly reads the header of a file whose payload is damaged.
func TestReadHeaderOnly(t *testing.T) {
	b := encoded(t)
	b[len(b)-5] ^= 1
	p := filepath.Join(t.TempDir(), "x.saavu")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := ReadHeader(p)
	if err != nil {
		t.Fatal(err)
	}
	if h.SaavuVersion != "test" || h.Params.BufferKm != 2.5 || h.Format != FormatVersion {
		t.Errorf("header %+v", h)
	}
}

// TestDecodeChecksIndices: a file whose checksums are right but whose
// content is inconsistent is refused, naming the section.
func TestDecodeChecksIndices(t *testing.T) {
	cases := []struct {
		name    string
		break_  func(n *Network)
		message string
	}{
		{"head out of range", func(n *Network) { n.Graphs[graph.Walk].Head[0] = 1 << 20 }, "walk graph: Head: corrupt: value 1048576 at 0"},
		{"offsets", func(n *Network) { n.Graphs[graph.Car].FirstOut[1] = -1 }, "car graph: FirstOut: corrupt"},
		{"lengths differ", func(n *Network) { g := n.Graphs[graph.Bike]; g.SegV = g.SegV[:1] }, "bike graph: SegV: corrupt: 1 values for"},
		{"ferry vertex", func(n *Network) { n.Graphs[graph.Walk].Ferries[0].U = -2 }, "walk graph: Ferries.U: corrupt"},
		{"stop parent", func(n *Network) { n.Timetable.Stops[1].Parent = 99 }, "timetable: Stops.Parent: corrupt"},
		{"trip times", func(n *Network) { n.Timetable.Trips[0].Times = int32(len(n.Timetable.Arr)) }, "timetable: Trips.Times: corrupt"},
		{"pattern stop", func(n *Network) { n.Timetable.PatternStops[0] = -1 }, "timetable: PatternStops: corrupt"},
		{"zero headway", func(n *Network) { n.Timetable.Frequencies[0].Headway = 0 }, "timetable: Frequencies: corrupt: frequency 0: headway 0"},
		{"transfer stop", func(n *Network) { n.Timetable.Transfers[0].To = 1000 }, "timetable: Transfers.To: corrupt"},
		{"service dates", func(n *Network) {
			for i := range n.Timetable.Services {
				if s := &n.Timetable.Services[i]; len(s.Added) > 0 {
					s.Added = append(s.Added, s.Added[0]-1)
					return
				}
			}
		}, "timetable: Services.Added: corrupt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := fixture(t)
			c.break_(n)
			var b bytes.Buffer
			if err := Encode(&b, n); err != nil {
				t.Fatal(err)
			}
			_, err := Decode(bytes.NewReader(b.Bytes()), "bad.saavu", int64(b.Len()), ReadOptions{})
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "bad.saavu: "+c.message) {
				t.Errorf("error %v, want one containing %q", err, c.message)
			}
		})
	}
}

func TestWriteRefuses(t *testing.T) {
	dir := t.TempDir()
	n := fixture(t)
	// A folder where the file should go.
	if err := Write(dir, n); err == nil {
		t.Error("writing over a folder succeeded")
	}
	// A graph filed under the wrong mode.
	n.Graphs[graph.Walk], n.Graphs[graph.Car] = n.Graphs[graph.Car], n.Graphs[graph.Walk]
	p := filepath.Join(dir, "x.saavu")
	if err := Write(p, n); err == nil || !strings.Contains(err.Error(), "x.saavu") {
		t.Errorf("mismatched modes: %v", err)
	}
	if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed write left %s behind", p)
	}
}
