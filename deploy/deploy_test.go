package deploy_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// job is the part of a batch/v1 Job the checks read.
type job struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    *int   `yaml:"completions"`
		Parallelism    *int   `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				RestartPolicy string      `yaml:"restartPolicy"`
				Containers    []container `yaml:"containers"`
				Volumes       []volume    `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

type container struct {
	Name      string   `yaml:"name"`
	Image     string   `yaml:"image"`
	Command   []string `yaml:"command"`
	Args      []string `yaml:"args"`
	Resources struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
	} `yaml:"volumeMounts"`
}

type volume struct {
	Name                  string `yaml:"name"`
	PersistentVolumeClaim *struct {
		ClaimName string `yaml:"claimName"`
	} `yaml:"persistentVolumeClaim"`
}

func readJob(t *testing.T, path string) job {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var j job
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(false)
	if err := dec.Decode(&j); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return j
}

// flagValue returns the value after --name in args ("--name value" or
// "--name=value"), and whether the flag is there.
func flagValue(args []string, name string) (string, bool) {
	for i, a := range args {
		if a == name && i+1 < len(args) {
			return args[i+1], true
		}
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v, true
		}
	}
	return "", false
}

// onlyContainer returns the one container of a job's pod, which must
// mount a PersistentVolumeClaim-backed volume at /data.
func onlyContainer(t *testing.T, j job) container {
	t.Helper()
	cs := j.Spec.Template.Spec.Containers
	if len(cs) != 1 {
		t.Fatalf("%s: %d containers, want 1", j.Metadata.Name, len(cs))
	}
	return cs[0]
}

// dataClaim returns the claim mounted at /data by the job's container.
func dataClaim(t *testing.T, j job) string {
	t.Helper()
	c := onlyContainer(t, j)
	mount := ""
	for _, m := range c.VolumeMounts {
		if m.MountPath == "/data" {
			mount = m.Name
		}
	}
	if mount == "" {
		t.Fatalf("%s: nothing mounted at /data", j.Metadata.Name)
	}
	for _, v := range j.Spec.Template.Spec.Volumes {
		if v.Name == mount {
			if v.PersistentVolumeClaim == nil || v.PersistentVolumeClaim.ClaimName == "" {
				t.Fatalf("%s: volume %q is not a PersistentVolumeClaim", j.Metadata.Name, mount)
			}
			return v.PersistentVolumeClaim.ClaimName
		}
	}
	t.Fatalf("%s: volume %q mounted but not declared", j.Metadata.Name, mount)
	return ""
}

// saavuArgs returns the saavu subcommand line of a container: command
// (after the binary) followed by args.
func saavuArgs(t *testing.T, c container) []string {
	t.Helper()
	line := append(slices.Clone(c.Command), c.Args...)
	if len(line) < 2 || filepath.Base(line[0]) != "saavu" {
		t.Fatalf("container %q does not run saavu: %q", c.Name, line)
	}
	return line[1:]
}

func TestKubernetesJobs(t *testing.T) {
	an := readJob(t, filepath.Join("kubernetes", "analyse-job.yaml"))
	me := readJob(t, filepath.Join("kubernetes", "merge-job.yaml"))

	for _, j := range []job{an, me} {
		if j.APIVersion != "batch/v1" || j.Kind != "Job" {
			t.Errorf("%s: %s %s, want batch/v1 Job", j.Metadata.Name, j.APIVersion, j.Kind)
		}
		if p := j.Spec.Template.Spec.RestartPolicy; p != "Never" && p != "OnFailure" {
			t.Errorf("%s: restartPolicy %q: a Job needs Never or OnFailure", j.Metadata.Name, p)
		}
		c := onlyContainer(t, j)
		if c.Image == "" {
			t.Errorf("%s: no image", j.Metadata.Name)
		}
		for _, r := range []string{"cpu", "memory"} {
			if c.Resources.Requests[r] == "" || c.Resources.Limits[r] == "" {
				t.Errorf("%s: %s request or limit missing", j.Metadata.Name, r)
			}
		}
	}
	if an.Metadata.Name == me.Metadata.Name {
		t.Errorf("both jobs are named %q", an.Metadata.Name)
	}

	// Analyse: an Indexed Job whose completions equal --shard-count.
	if an.Spec.CompletionMode != "Indexed" {
		t.Errorf("analyse: completionMode %q, want Indexed", an.Spec.CompletionMode)
	}
	if an.Spec.Completions == nil || *an.Spec.Completions < 1 {
		t.Fatalf("analyse: completions missing or below 1")
	}
	n := *an.Spec.Completions
	if an.Spec.Parallelism == nil || *an.Spec.Parallelism < 1 || *an.Spec.Parallelism > n {
		t.Errorf("analyse: parallelism must be 1..completions (%d)", n)
	}
	args := saavuArgs(t, onlyContainer(t, an))
	if args[0] != "analyse" {
		t.Errorf("analyse job runs saavu %q", args[0])
	}
	sc, ok := flagValue(args, "--shard-count")
	if !ok {
		t.Fatalf("analyse: no --shard-count in %q", args)
	}
	if got, err := strconv.Atoi(sc); err != nil || got != n {
		t.Errorf("analyse: --shard-count %q, completions %d", sc, n)
	}
	if _, ok := flagValue(args, "--shard-index"); ok {
		t.Errorf("analyse: --shard-index given: every pod would compute the same shard; the index comes from JOB_COMPLETION_INDEX")
	}
	out, ok := flagValue(args, "--out")
	if !ok || !strings.HasPrefix(out, "/data/") {
		t.Errorf("analyse: --out %q is not on the /data volume", out)
	}
	if nw, ok := flagValue(args, "--network"); !ok || !strings.HasPrefix(nw, "/data/") {
		t.Errorf("analyse: --network %q is not on the /data volume", nw)
	}

	// Merge: reads the analyse job's --out, writes elsewhere, same volume.
	margs := saavuArgs(t, onlyContainer(t, me))
	if margs[0] != "merge" {
		t.Fatalf("merge job runs saavu %q", margs[0])
	}
	mout, ok := flagValue(margs, "--out")
	if !ok {
		t.Errorf("merge: no --out")
	}
	if !slices.Contains(margs[1:], out) {
		t.Errorf("merge: reads %q, analyse writes %q", margs[1:], out)
	}
	if filepath.Clean(mout) == filepath.Clean(out) {
		t.Errorf("merge writes into the parts folder %q", out)
	}
	if a, m := dataClaim(t, an), dataClaim(t, me); a != m {
		t.Errorf("analyse mounts claim %q, merge %q", a, m)
	}
}

func TestKubernetesClaim(t *testing.T) {
	an := readJob(t, filepath.Join("kubernetes", "analyse-job.yaml"))
	b, err := os.ReadFile(filepath.Join("kubernetes", "data-pvc.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var pvc struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Metadata   struct {
			Name string `yaml:"name"`
		} `yaml:"metadata"`
		Spec struct {
			AccessModes []string `yaml:"accessModes"`
		} `yaml:"spec"`
	}
	if err := yaml.Unmarshal(b, &pvc); err != nil {
		t.Fatalf("data-pvc.yaml: %v", err)
	}
	if pvc.APIVersion != "v1" || pvc.Kind != "PersistentVolumeClaim" {
		t.Errorf("data-pvc.yaml: %s %s", pvc.APIVersion, pvc.Kind)
	}
	if c := dataClaim(t, an); c != pvc.Metadata.Name {
		t.Errorf("jobs mount claim %q, data-pvc.yaml declares %q", c, pvc.Metadata.Name)
	}
	// Pods of one Indexed Job run on several nodes at once.
	if !slices.Contains(pvc.Spec.AccessModes, "ReadWriteMany") {
		t.Errorf("claim access modes %q: shards on several nodes need ReadWriteMany", pvc.Spec.AccessModes)
	}
}

// sbatch is what the checks read of an sbatch script: its #SBATCH options
// and its command lines (comments and blank lines left out, shell
// variables of the form ${NAME:-default} resolved to their default).
type sbatch struct {
	options map[string]string
	lines   []string
	vars    map[string]string
}

var defaultVar = regexp.MustCompile(`^([A-Z_]+)=\$\{[A-Z_]+:-(.*)\}$`)

func readSbatch(t *testing.T, path string) sbatch {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := sbatch{options: map[string]string{}, vars: map[string]string{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if opt, ok := strings.CutPrefix(l, "#SBATCH "); ok {
			k, v, _ := strings.Cut(strings.TrimSpace(opt), "=")
			s.options[k] = v
			continue
		}
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if m := defaultVar.FindStringSubmatch(l); m != nil {
			s.vars[m[1]] = m[2]
		}
		s.lines = append(s.lines, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

// expand resolves $NAME and ${NAME} from the script's defaults, as often
// as needed (OUT defaults to $DATA/out).
func (s sbatch) expand(v string) string {
	for range 4 {
		v = os.Expand(v, func(k string) string {
			if d, ok := s.vars[k]; ok {
				return d
			}
			return "$" + k
		})
	}
	return strings.Trim(v, `"`)
}

// srun returns the fields of the script's single srun line that runs saavu
// with the given subcommand, quotes and variables resolved.
func (s sbatch) srun(t *testing.T, sub string) []string {
	t.Helper()
	var found []string
	for _, l := range s.lines {
		f := strings.Fields(l)
		if len(f) < 3 || f[0] != "srun" {
			continue
		}
		for i := range f {
			f[i] = s.expand(f[i])
		}
		if filepath.Base(f[1]) == "saavu" && f[2] == sub {
			if found != nil {
				t.Fatalf("two srun saavu %s lines", sub)
			}
			found = f[2:]
		}
	}
	if found == nil {
		t.Fatalf("no 'srun saavu %s' line", sub)
	}
	return found
}

var arrayRange = regexp.MustCompile(`^0-(\d+)(%\d+)?$`)

// slurmProblems lists what disagrees between the analyse and merge
// scripts in dir.
func slurmProblems(t *testing.T, dir string) []string {
	t.Helper()
	an := readSbatch(t, filepath.Join(dir, "analyse.sbatch"))
	me := readSbatch(t, filepath.Join(dir, "merge.sbatch"))
	var bad []string
	m := arrayRange.FindStringSubmatch(an.options["--array"])
	if m == nil {
		return append(bad, fmt.Sprintf("analyse.sbatch: --array=%q, want 0-K", an.options["--array"]))
	}
	k, _ := strconv.Atoi(m[1])
	for _, o := range []string{"--cpus-per-task", "--mem", "--time"} {
		if an.options[o] == "" || me.options[o] == "" {
			bad = append(bad, o+" missing in analyse.sbatch or merge.sbatch")
		}
	}
	if _, ok := me.options["--array"]; ok {
		bad = append(bad, "merge.sbatch is an array: every task would merge")
	}
	args := an.srun(t, "analyse")
	sc, ok := flagValue(args, "--shard-count")
	if got, err := strconv.Atoi(sc); !ok || err != nil || got != k+1 {
		bad = append(bad, fmt.Sprintf("analyse.sbatch: --array=0-%d but --shard-count %q", k, sc))
	}
	if _, ok := flagValue(args, "--shard-index"); ok {
		bad = append(bad, "analyse.sbatch: --shard-index given; the index comes from SLURM_ARRAY_TASK_ID")
	}
	if w, _ := flagValue(args, "--workers"); w != "$SLURM_CPUS_PER_TASK" {
		bad = append(bad, fmt.Sprintf("analyse.sbatch: --workers %q, want $SLURM_CPUS_PER_TASK", w))
	}
	out, ok := flagValue(args, "--out")
	if !ok {
		return append(bad, "analyse.sbatch: no --out")
	}
	margs := me.srun(t, "merge")
	mout, _ := flagValue(margs, "--out")
	if !slices.Contains(margs[1:], out) {
		bad = append(bad, fmt.Sprintf("merge.sbatch merges %q, analyse.sbatch writes %q", margs[1:], out))
	}
	if mout == "" || mout == out {
		bad = append(bad, fmt.Sprintf("merge.sbatch: --out %q must be given and differ from the parts folder %q", mout, out))
	}
	return bad
}

func TestSlurmScripts(t *testing.T) {
	for _, p := range slurmProblems(t, "slurm") {
		t.Error(p)
	}
}

func TestSlurmSyntax(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found: syntax of the sbatch scripts not checked")
	}
	for _, f := range []string{"analyse.sbatch", "merge.sbatch"} {
		out, err := exec.Command(bash, "-n", filepath.Join("slurm", f)).CombinedOutput()
		if err != nil {
			t.Errorf("bash -n %s: %v\n%s", f, err, out)
		}
	}
}

// The checks above must be able to fail: a mismatched array and shard
// count, and a merge of the wrong folder, are caught on modified copies.
func TestSlurmMismatchCaught(t *testing.T) {
	cases := []struct {
		name, file, from, to string
	}{
		{"array larger than shard count", "analyse.sbatch", "--array=0-15", "--array=0-16"},
		{"merge of another folder", "merge.sbatch", `"$OUT" --out`, `"$DATA/other" --out`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range []string{"analyse.sbatch", "merge.sbatch"} {
				b, err := os.ReadFile(filepath.Join("slurm", f))
				if err != nil {
					t.Fatal(err)
				}
				s := string(b)
				if f == c.file {
					if !strings.Contains(s, c.from) {
						t.Fatalf("%s no longer holds %q: update this test", f, c.from)
					}
					s = strings.Replace(s, c.from, c.to, 1)
				}
				if err := os.WriteFile(filepath.Join(dir, f), []byte(s), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if len(slurmProblems(t, dir)) == 0 {
				t.Errorf("modified scripts pass the checks: %s is missed", c.name)
			}
		})
	}
}
