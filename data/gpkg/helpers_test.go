package gpkg

import (
	"database/sql"
	"encoding/binary"
	"math"
	"testing"

	"github.com/saavu/saavu/internal/testutil"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// repoRoot is the folder holding go.mod.
func repoRoot(t testing.TB) string { return testutil.RepoRoot(t) }

// openRO opens a GeoPackage read-only with database/sql.
func openRO(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryInt(t testing.TB, db *sql.DB, q string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// gpBlob is a GeoPackage binary geometry taken apart, read here byte by
// byte rather than through the writer's code.
type gpBlob struct {
	version, flags byte
	srs            int32
	env            []float64 // as many as the envelope indicator says
	geom           orb.Geometry
}

func decodeGP(t testing.TB, b []byte) gpBlob {
	t.Helper()
	if len(b) < 8 || b[0] != 'G' || b[1] != 'P' {
		t.Fatalf("blob %x does not start with GP", b[:min(len(b), 8)])
	}
	g := gpBlob{version: b[2], flags: b[3]}
	if g.flags&1 == 0 {
		t.Fatalf("flags %08b: header not little-endian", g.flags)
	}
	g.srs = int32(binary.LittleEndian.Uint32(b[4:8]))
	n := map[byte]int{0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[(g.flags>>1)&7]
	off := 8
	for range n {
		g.env = append(g.env, math.Float64frombits(binary.LittleEndian.Uint64(b[off:])))
		off += 8
	}
	if b[off] != 1 {
		t.Fatalf("WKB byte order %d, want 1 (little-endian)", b[off])
	}
	geom, err := wkb.Unmarshal(b[off:])
	if err != nil {
		t.Fatalf("WKB: %v", err)
	}
	g.geom = geom
	return g
}
