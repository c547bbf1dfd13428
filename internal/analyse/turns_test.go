package analyse

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestComputeTurnCounts adds two turn restrictions to the fixture's
// streets, one applied and one via a way (not applied), and reads the
// counts that go into run.json.
func TestComputeTurnCounts(t *testing.T) {
	dir := t.TempDir()
	writeFixture(t, dir)
	path := filepath.Join(dir, "roads.osm")
	b, err := os.ReadFile(path)
	must(t, err)
	rels := `<relation id="1"><member type="way" ref="100" role="from"/><member type="node" ref="4" role="via"/><member type="way" ref="100" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_u_turn"/></relation>
<relation id="2"><member type="way" ref="100" role="from"/><member type="way" ref="101" role="via"/><member type="way" ref="102" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_u_turn"/></relation>
</osm>`
	must(t, os.WriteFile(path, bytes.Replace(b, []byte("</osm>"), []byte(rels), 1), 0o644))

	o := fixtureOptions(dir, filepath.Join(dir, "out"))
	res, err := Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	car := res.Counts.Graph["car"]
	if car["turn_restrictions"] != 1 || car["turn_restrictions_skipped_via_way"] != 1 || car["turn_restrictions_skipped_via_not_at_end"] != 0 {
		t.Errorf("car graph counts %v", car)
	}
	if _, ok := res.Counts.Graph["walk"]["turn_restrictions"]; ok {
		t.Errorf("walk graph counts %v", res.Counts.Graph["walk"])
	}

	o = fixtureOptions(dir, filepath.Join(dir, "out2"))
	o.Graph.IgnoreTurnRestrictions = true
	res, err = Compute(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if car := res.Counts.Graph["car"]; car["turn_restrictions_ignored"] != 2 || car["turn_restrictions"] != 0 {
		t.Errorf("car graph counts with restrictions off %v", car)
	}
}
