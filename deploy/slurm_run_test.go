package deploy_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/saavu/saavu/internal/testutil"
)

// TestSlurmArray runs the Slurm scripts on a real scheduler, exactly as
// slurm/README.md says to: analyse.sbatch as an array of 16 tasks over a
// prepared Tampere network, merge.sbatch held on it with
// --dependency=afterok, and checks that the merged outputs are the
// outputs of a single run, byte for byte. It needs a running cluster
// (scripts/slurm-setup.sh starts a one-node one) and SAAVU_SLURM=1; the
// CI sets both.
func TestSlurmArray(t *testing.T) {
	if os.Getenv("SAAVU_SLURM") == "" {
		t.Skip("set SAAVU_SLURM=1 with a running Slurm cluster (scripts/slurm-setup.sh) to submit the scripts")
	}
	if _, err := exec.LookPath("sbatch"); err != nil {
		t.Fatal("SAAVU_SLURM is set but sbatch is not on the PATH")
	}
	osmPath := sharedData(t, "tampere/tampere.osm.pbf")
	data := t.TempDir()
	bin := filepath.Join(data, "saavu")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "../cmd/saavu")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	writeTampereInputs(t, data)
	saavu := func(args ...string) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{args[0], "-q"}, args[1:]...)...)
		cmd.Dir = data
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("saavu %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	saavu("prepare", "--osm", osmPath, "--regions", "regions.geojson", "--modes", "walk,car", "--out", "network.saavu")

	// The single run: analyse.sbatch's command without the shard flags,
	// with the same paths ($DATA/...), which run.json records.
	single := filepath.Join(data, "single")
	in := func(name string) string { return filepath.Join(data, name) }
	saavu("analyse", "--network", in("network.saavu"), "--regions", in("regions.geojson"), "--population", in("population.geojson"),
		"--services", in("services.csv"), "--modes", "walk,car", "--cell-size", "1000", "--workers", "1", "--out", single)

	// The array and the merge, as the README submits them. The test node
	// has fewer CPUs and less memory than the scripts ask for a real
	// cluster: the command line overrides the #SBATCH lines.
	env := append(os.Environ(), "DATA="+data, "SAAVU="+bin)
	sbatch := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("sbatch", append([]string{"--parsable"}, args...)...)
		cmd.Dir, cmd.Env = data, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("sbatch %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		id, _, _ := strings.Cut(strings.TrimSpace(string(out)), ";")
		return id
	}
	slurm, err := filepath.Abs("slurm")
	if err != nil {
		t.Fatal(err)
	}
	array := sbatch("--cpus-per-task=1", "--mem=2G", filepath.Join(slurm, "analyse.sbatch"))
	merge := sbatch("--cpus-per-task=1", "--mem=2G", "--dependency=afterok:"+array, filepath.Join(slurm, "merge.sbatch"))
	t.Logf("array job %s, merge job %s", array, merge)

	// Wait for both to leave the queue.
	deadline := time.Now().Add(8 * time.Minute)
	for {
		out, _ := exec.Command("squeue", "-h", "-j", array+","+merge, "-o", "%i %T %r").Output()
		if strings.TrimSpace(string(out)) == "" {
			break
		}
		if time.Now().After(deadline) {
			exec.Command("scancel", array, merge).Run()
			t.Fatalf("jobs still queued after 8 minutes:\n%s", out)
		}
		time.Sleep(time.Second)
	}
	if state := jobState(t, merge); state != "COMPLETED" {
		logs, _ := filepath.Glob(filepath.Join(data, "saavu-*.log"))
		var b strings.Builder
		for _, l := range logs {
			c, _ := os.ReadFile(l)
			fmt.Fprintf(&b, "== %s\n%s\n", filepath.Base(l), c)
		}
		t.Fatalf("merge job %s ended %s\n%s", merge, state, b.String())
	}
	parts, _ := filepath.Glob(filepath.Join(data, "out", "part-*-of-16.saavu-part"))
	if len(parts) != 16 {
		t.Errorf("%d parts written, want 16", len(parts))
	}

	// The merged outputs are the single run's.
	compared := testutil.SameFiles(t, single, filepath.Join(data, "results"), "timings.json")
	if compared < 8 {
		t.Errorf("only %d output files compared", compared)
	}
	t.Logf("%d files of the merged results equal the single run's", compared)
}

// jobState is the state Slurm records for a finished job.
func jobState(t *testing.T, id string) string {
	t.Helper()
	out, err := exec.Command("scontrol", "-o", "show", "job", id).Output()
	if err != nil {
		t.Fatalf("scontrol show job %s: %v", id, err)
	}
	for _, f := range strings.Fields(string(out)) {
		if s, ok := strings.CutPrefix(f, "JobState="); ok {
			return s
		}
	}
	return "unknown"
}

// writeTampereInputs writes two regions over central Tampere, a grid of
// population points and six services in two categories.
func writeTampereInputs(t *testing.T, dir string) {
	t.Helper()
	box := func(id, name string, w, s, e, n float64) string {
		return fmt.Sprintf(`{"type":"Feature","properties":{"id":%q,"name":%q},"geometry":{"type":"Polygon","coordinates":[[[%g,%g],[%g,%g],[%g,%g],[%g,%g],[%g,%g]]]}}`,
			id, name, w, s, e, s, e, n, w, n, w, s)
	}
	regions := `{"type":"FeatureCollection","features":[` + box("w", "Tampere west", 23.70, 61.47, 23.78, 61.52) + "," +
		box("e", "Tampere east", 23.78, 61.47, 23.86, 61.52) + "]}\n"
	var pop strings.Builder
	pop.WriteString(`{"type":"FeatureCollection","features":[`)
	k := 0
	for i := range 16 {
		for j := range 10 {
			if k > 0 {
				pop.WriteString(",")
			}
			fmt.Fprintf(&pop, `{"type":"Feature","properties":{"population":%d},"geometry":{"type":"Point","coordinates":[%.4f,%.4f]}}`,
				10+(i*7+j*13)%90, 23.705+float64(i)*0.0095, 61.4725+float64(j)*0.0045)
			k++
		}
	}
	pop.WriteString("]}\n")
	services := "name,category,lon,lat\n" +
		"Keskusta health,health,23.7610,61.4978\nHervanta health,health,23.8500,61.4510\nLielahti health,health,23.6800,61.5150\n" +
		"Keskusta library,library,23.7600,61.4990\nKaleva library,library,23.7950,61.4990\nHervanta library,library,23.8480,61.4500\n"
	for name, body := range map[string]string{"regions.geojson": regions, "population.geojson": pop.String(), "services.csv": services} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// sharedData is the path of a file under ../shared/data; the test is
// skipped when it is absent.
func sharedData(t *testing.T, rel string) string {
	t.Helper()
	return testutil.SharedData(t, rel)
}
