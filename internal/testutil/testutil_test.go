package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRepoRootHoldsGoMod(t *testing.T) {
	root := RepoRoot(t)
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || len(b) == 0 {
		t.Fatalf("go.mod at %s: %v", root, err)
	}
	if got := Fixture(t, "osm", "town.osm"); got != filepath.Join(root, "testdata", "osm", "town.osm") {
		t.Errorf("Fixture = %s", got)
	}
}
