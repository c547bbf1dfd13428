package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestReportsRenderInChromium opens the report.html of real runs (the demo
// and, when ../shared/data is there, the Tampere extract) in headless
// Chromium without network, and checks that the map script finished
// without error and drew every cell.
func TestReportsRenderInChromium(t *testing.T) {
	var bin string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("no Chromium on PATH (apt-get install chromium): reports not rendered")
	}
	if testing.Short() {
		t.Skip("browser check skipped in -short mode")
	}
	runs := map[string][]string{"demo": {"demo", "-q"}}
	tampere := filepath.Join(repoRoot(t), "..", "shared", "data", "tampere", "tampere.osm.pbf")
	if _, err := os.Stat(tampere); err == nil {
		runs["tampere"] = []string{"analyse", "-q", "--osm", tampere, "--services-osm", "amenity=pharmacy,amenity=doctors",
			"--cell-size", "250", "--modes", "walk,car"}
	} else {
		t.Logf("Tampere report not checked: %v", err)
	}
	for name, args := range runs {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if code, _, stderr := run(t, append(args, "--out", out)...); code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			cells, err := os.ReadFile(filepath.Join(out, "cells.geojson"))
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Count(string(cells), `"type":"Feature"`)
			cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
				"--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
				"--user-data-dir="+filepath.Join(t.TempDir(), "profile"), "--virtual-time-budget=20000",
				"--window-size=1280,900", "--dump-dom", "file://"+filepath.Join(out, "report.html"))
			dom, err := cmd.Output()
			if err != nil {
				t.Fatalf("chromium: %v", err)
			}
			if !strings.Contains(string(dom), `data-ready="1"`) {
				t.Fatalf("the report's map script did not finish")
			}
			if regexp.MustCompile(`<body[^>]*data-js-errors`).Match(dom) {
				t.Errorf("script errors in the page")
			}
			m := regexp.MustCompile(`data-cells="(\d+)"`).FindSubmatch(dom)
			if m == nil {
				t.Fatalf("no data-cells count on the page")
			}
			if got, _ := strconv.Atoi(string(m[1])); got != want {
				t.Errorf("map drew %d cells, cells.geojson has %d", got, want)
			}
			if !strings.Contains(string(dom), "chart-share") {
				t.Errorf("no region comparison chart")
			}
		})
	}
}
