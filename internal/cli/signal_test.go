package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalLeavesNoOutput runs the real binary on a workload that takes
// well over a second, sends SIGINT or SIGTERM once a given stage has
// logged that it is done (so the process is certainly mid-run, its signal
// handler installed), and checks the exit code and that --out holds
// nothing new: no result file and no staging folder.
func TestSignalLeavesNoOutput(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("signal test runs on Linux only")
	}
	if testing.Short() {
		t.Skip("builds the binary and runs a large analysis")
	}
	bin := buildSaavu(t)
	osmPath, services := signalWorkload(t)

	cases := []struct {
		name     string
		sig      syscall.Signal
		after    string // stage log line after which the signal is sent
		want     int
		previous bool // --out already holds a file from an earlier run
	}{
		{"SIGINT after reading the extract", syscall.SIGINT, `msg="read osm"`, 130, false},
		{"SIGTERM while routing", syscall.SIGTERM, `msg="snap points"`, 143, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			const earlier = "from an earlier run\n"
			if c.previous {
				if err := os.MkdirAll(out, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(out, "summary.csv"), []byte(earlier), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			args := []string{"analyse", "--osm", osmPath, "--cell-size", "250", "--modes", "walk,bike,car", "--out", out}
			args = append(args, services...)
			cmd := exec.CommandContext(ctx, bin, args...)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stdout = io.Discard
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			log, signalled, sigErr := signalAfter(stderr, c.after, cmd.Process, c.sig)
			waitErr := cmd.Wait()
			if !signalled {
				t.Fatalf("the run ended without logging %s; stderr:\n%s", c.after, log)
			}
			if sigErr != nil {
				t.Fatalf("could not signal the run (did it finish first? make the workload bigger): %v\n%s", sigErr, log)
			}
			var ee *exec.ExitError
			if !errors.As(waitErr, &ee) {
				t.Fatalf("run ended with %v after %v, want exit code %d\n%s", waitErr, c.sig, c.want, log)
			}
			if got := ee.ExitCode(); got != c.want {
				t.Fatalf("exit code %d (%v) after %v, want %d\n%s", got, ee, c.sig, c.want, log)
			}
			if !strings.Contains(log, "interrupted by "+signalName(c.sig)) {
				t.Errorf("stderr does not say the run was interrupted:\n%s", log)
			}
			ents, err := os.ReadDir(out)
			switch {
			case !c.previous && errors.Is(err, os.ErrNotExist):
				// The folder the run would have created is gone too.
			case err != nil:
				t.Fatal(err)
			default:
				var names []string
				for _, e := range ents {
					names = append(names, e.Name())
				}
				want := ""
				if c.previous {
					want = "summary.csv"
				}
				if strings.Join(names, ",") != want {
					t.Errorf("--out holds %q after the interrupted run, want %q", names, want)
				}
			}
			if c.previous {
				if b, err := os.ReadFile(filepath.Join(out, "summary.csv")); err != nil || string(b) != earlier {
					t.Errorf("the earlier output changed: %q, %v", b, err)
				}
			}
		})
	}
}

// signalAfter reads the process's stderr until a line contains marker,
// sends sig, and returns everything read once the stream ends.
func signalAfter(r io.Reader, marker string, p *os.Process, sig os.Signal) (log string, signalled bool, sigErr error) {
	var b strings.Builder
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		b.WriteString(line)
		b.WriteByte('\n')
		if !signalled && strings.Contains(line, marker) {
			signalled = true
			sigErr = p.Signal(sig)
		}
	}
	return b.String(), signalled, sigErr
}

// buildSaavu builds the command into a temporary folder.
func buildSaavu(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "saavu")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/saavu")
	cmd.Dir = repoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// signalWorkload returns an OSM extract and service flags for a run that
// lasts well over a second: the real Tampere extract with its points of
// interest when the shared data is there, otherwise a generated street grid
// of 90,000 nodes with generated services.
func signalWorkload(t *testing.T) (osmPath string, serviceArgs []string) {
	t.Helper()
	tampere := filepath.Join(repoRoot(t), "..", "shared", "data", "tampere", "tampere.osm.pbf")
	if _, err := os.Stat(tampere); err == nil {
		return tampere, []string{"--services-osm", "amenity=pharmacy,amenity=doctors,amenity=school,amenity=hospital,shop=supermarket"}
	}
	t.Logf("%s absent: using a generated street grid", tampere)
	dir := t.TempDir()
	osmPath = filepath.Join(dir, "grid.osm")
	svc := filepath.Join(dir, "services.csv")
	writeGridOSM(t, osmPath, svc, 300)
	return osmPath, []string{"--services", svc}
}

// writeGridOSM writes an n x n grid of residential streets about 80 m
// apart near Tampere, and a services CSV with points in three categories
// spread over it.
func writeGridOSM(t *testing.T, osmPath, svcPath string, n int) {
	t.Helper()
	f, err := os.Create(osmPath)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	const lon0, lat0, dlon, dlat = 23.40, 61.30, 0.0015, 0.0007
	fmt.Fprintln(w, `<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintln(w, `<osm version="0.6" generator="saavu signal test">`)
	id := func(i, j int) int { return 1 + i*n + j }
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			fmt.Fprintf(w, "  <node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\"/>\n", id(i, j), lat0+float64(i)*dlat, lon0+float64(j)*dlon)
		}
	}
	way := 1
	for i := 0; i < n; i++ {
		for _, rows := range []bool{true, false} {
			fmt.Fprintf(w, "  <way id=\"%d\">\n", way)
			way++
			for j := 0; j < n; j++ {
				k := id(i, j)
				if !rows {
					k = id(j, i)
				}
				fmt.Fprintf(w, "    <nd ref=\"%d\"/>\n", k)
			}
			fmt.Fprintln(w, `    <tag k="highway" v="residential"/>`)
			fmt.Fprintln(w, "  </way>")
		}
	}
	fmt.Fprintln(w, "</osm>")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("name,category,lon,lat\n")
	cats := []string{"health", "library", "school"}
	for k := 0; k < 60; k++ {
		i, j := (k*37)%n, (k*53)%n
		fmt.Fprintf(&b, "s%d,%s,%.7f,%.7f\n", k, cats[k%3], lon0+float64(j)*dlon, lat0+float64(i)*dlat)
	}
	if err := os.WriteFile(svcPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
