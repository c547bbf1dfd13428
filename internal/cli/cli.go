package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/internal/names"
	"github.com/spf13/pflag"
)

// Version is set at build time (-ldflags "-X github.com/saavu/saavu/internal/cli.Version=v1.2.3");
// otherwise it comes from the module build information.
var Version = ""

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// Env is what a command may touch of the process.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

type command struct {
	name    string
	summary string
	usage   string // after "saavu NAME "
	example string
	run     func(ctx context.Context, env *Env, args []string) error
}

func commands() []command {
	return []command{
		analyseCommand(),
		matrixCommand(),
		routeCommand(),
		validateCommand(),
		demoCommand(),
		reportCommand(),
		diffCommand(),
		planCommand(),
		isochronesCommand(),
		prepareCommand(),
		mergeCommand(),
		versionCommand(),
	}
}

// Main runs saavu with the given arguments (without the program name)
// and returns the exit code.
//
// SIGINT or SIGTERM cancels the run: staged outputs are removed and the
// exit code is 128 plus the signal number (130, 143). A command that
// finished before it noticed the signal has written complete outputs and
// exits 0.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := notifyInterrupt(context.Background())
	defer stop()
	env := &Env{Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}
	err := Run(ctx, env, args)
	if ie := interruption(ctx); ie != nil && err != nil {
		// Remove whatever was staged; the command's own error is only
		// the cancellation showing through.
		outdir.Cleanup()
		return reportInterrupt(ie, stderr)
	}
	if err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return ExitOK
		}
		fmt.Fprintf(stderr, "saavu: %v\n", err)
		return ExitCode(err)
	}
	return ExitOK
}

// Run dispatches to a subcommand.
func Run(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		printHelp(env.Stderr)
		return usagef("no command given")
	}
	name := args[0]
	switch name {
	case "help", "-h", "--help":
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] {
					return c.run(ctx, env, []string{"--help"})
				}
			}
			return unknownCommand(args[1])
		}
		printHelp(env.Stdout)
		return nil
	case "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, env, args[1:])
		}
	}
	return unknownCommand(name)
}

// unknownCommand says so, with the command meant when one is close.
func unknownCommand(name string) error {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if s := suggest(name, names); s != "" {
		return usagef("unknown command %q: did you mean %q? see 'saavu help'", name, s)
	}
	return usagef("unknown command %q: see 'saavu help'", name)
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "saavu: who can reach which public service, how fast, by which mode, and where the gaps are.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: saavu COMMAND [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  help       show help for a command: saavu help COMMAND")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'saavu COMMAND --help' for the flags and an example.")
}

// flagSet makes a FlagSet for a command with the shared logging flags.
func flagSet(c command, env *Env) (*pflag.FlagSet, *logFlags) {
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.SortFlags = false
	lf := &logFlags{}
	fs.Usage = func() {
		out := env.Stdout
		fmt.Fprintf(out, "Usage: saavu %s\n\n%s\n", strings.TrimSpace(c.name+" "+c.usage), c.summary)
		if u := fs.FlagUsages(); u != "" {
			fmt.Fprintf(out, "\nFlags:\n%s", u)
		}
		if c.example != "" {
			fmt.Fprintf(out, "\nExample:\n  %s\n", strings.ReplaceAll(strings.TrimSpace(c.example), "\n", "\n  "))
		}
	}
	return fs, lf
}

type logFlags struct {
	quiet, verbose bool
	format         string
}

func (lf *logFlags) register(fs *pflag.FlagSet) {
	fs.BoolVarP(&lf.quiet, "quiet", "q", false, "print only errors")
	fs.BoolVarP(&lf.verbose, "verbose", "v", false, "print debugging detail")
	fs.StringVar(&lf.format, "log-format", "text", "log format on stderr: text or json")
}

// summaries is env for the summaries a command prints once its files are
// written (tables, "written to" lines): with -q they go nowhere, as -q
// prints only errors. Results printed to standard output (a route, a
// matrix without --out) do not use it.
func (lf *logFlags) summaries(env *Env) *Env {
	if !lf.quiet {
		return env
	}
	q := *env
	q.Stdout = io.Discard
	return &q
}

func (lf *logFlags) logger(w io.Writer) (*slog.Logger, error) {
	level := slog.LevelInfo
	if lf.quiet {
		level = slog.LevelError
	}
	if lf.verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	switch lf.format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usagef("--log-format %q: use text or json", lf.format)
}

// parse parses args, turning flag errors into usage errors.
func parse(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return flagErr(fs, err)
	}
	if fs.NArg() > 0 {
		return usagef("%s: unexpected argument %q (see 'saavu %s --help')", fs.Name(), fs.Arg(0), fs.Name())
	}
	return nil
}

var (
	unknownFlagRe = regexp.MustCompile(`^unknown (?:shorthand )?flag: '?-{0,2}([^' ]+)'?`)
	badValueRe    = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?--([a-z0-9-]+)" flag`)
)

// flagErr turns a pflag error into a usage error that says what to do:
// the flag meant for an unknown one, the form a list takes for a bad
// value.
func flagErr(fs *pflag.FlagSet, err error) error {
	if errors.Is(err, pflag.ErrHelp) {
		return err
	}
	see := fmt.Sprintf("(see 'saavu %s --help')", fs.Name())
	msg := err.Error()
	if m := unknownFlagRe.FindStringSubmatch(msg); m != nil {
		var names []string
		fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		if s := suggest(m[1], names); s != "" {
			return usagef("%s: unknown flag --%s: did you mean --%s? %s", fs.Name(), m[1], s, see)
		}
		return usagef("%s: unknown flag --%s %s", fs.Name(), m[1], see)
	}
	if m := badValueRe.FindStringSubmatch(msg); m != nil {
		if f := fs.Lookup(m[2]); f != nil {
			switch t := f.Value.Type(); {
			case strings.HasSuffix(t, "Slice"):
				return usagef("%s: --%s %q: give %s separated by commas, e.g. --%s %s %s", fs.Name(), m[2], m[1],
					listNoun(t), m[2], listExample(t), see)
			case t == "int" || t == "int32" || t == "float64":
				return usagef("%s: --%s %q: give a number %s", fs.Name(), m[2], m[1], see)
			}
		}
	}
	return usagef("%s: %v %s", fs.Name(), err, see)
}

func listNoun(t string) string {
	switch t {
	case "float64Slice", "intSlice", "int32Slice":
		return "numbers"
	}
	return "values"
}

func listExample(t string) string {
	switch t {
	case "float64Slice", "intSlice", "int32Slice":
		return "10,20,30"
	}
	return "a,b"
}

// suggest returns the candidate closest to name: at most two edits away,
// or, failing that, one that name starts with (followed by "-") or that
// starts with name; "" when none is.
func suggest(name string, candidates []string) string {
	if c := names.Closest(name, candidates, 2); c != "" {
		return c
	}
	for _, c := range candidates {
		if strings.HasPrefix(name, c+"-") || strings.HasPrefix(c, name) {
			return c
		}
	}
	return ""
}

func versionCommand() command {
	c := command{name: "version", summary: "print the version", usage: ""}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, _ := flagSet(c, env)
		if err := parse(fs, args); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "saavu %s\n", version())
		return nil
	}
	return c
}

// checkBasemap refuses a tile URL template without the {z}, {x} and {y}
// a map needs to fetch tiles.
func checkBasemap(url string) error {
	if url == "" {
		return nil
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(url, p) {
			return usagef("--basemap %q: a tile URL template needs {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png", url)
		}
	}
	return nil
}
