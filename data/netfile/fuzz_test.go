package netfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// FuzzDecode feeds damaged files to Decode: it must return a network or
// an *Error, never panic, and a network it returns must encode again.
func FuzzDecode(f *testing.F) {
	var good bytes.Buffer
	if err := Encode(&good, fixture(f)); err != nil {
		f.Fatal(err)
	}
	b := good.Bytes()
	f.Add(b)
	f.Add(b[:len(b)/3])
	f.Add([]byte(Magic))
	// A file with a payload that is all zero bytes.
	zero := bytes.Clone(b)
	clear(zero[headerEnd(b):])
	f.Add(zero)
	var turns bytes.Buffer
	if err := Encode(&turns, turnsNetwork(f)); err != nil {
		f.Fatal(err)
	}
	f.Add(turns.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		// Keep the header checksum right so that the payload decoder is
		// reached: recompute it over whatever the fuzzer made.
		if len(data) >= 16 && string(data[:8]) == Magic {
			if end := headerEnd(data); end <= len(data) && end >= 28 {
				binary.LittleEndian.PutUint64(data[end-12:], uint64(len(data)-end))
				binary.LittleEndian.PutUint32(data[end-4:], crc(data[:end-4]))
			}
		}
		n, err := Decode(bytes.NewReader(data), "fuzz.saavu", int64(len(data)), ReadOptions{})
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.saavu" {
				t.Fatalf("error %v is not an *Error naming the file", err)
			}
			return
		}
		var out bytes.Buffer
		if err := Encode(&out, n); err != nil {
			t.Fatalf("a decoded network does not encode: %v", err)
		}
		for _, g := range n.Graphs {
			g.Snap(23.7, 61.5, 100)
		}
	})
}
