package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/saavu/saavu/data/outdir"
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
			return usagef("unknown command %q: see 'saavu help'", args[1])
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
		fmt.Fprintf(out, "Usage: saavu %s %s\n\n%s\n\nFlags:\n", c.name, c.usage, c.summary)
		fmt.Fprint(out, fs.FlagUsages())
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
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return usagef("%s: %v (see 'saavu %s --help')", fs.Name(), err, fs.Name())
	}
	if fs.NArg() > 0 {
		return usagef("%s: unexpected argument %q (see 'saavu %s --help')", fs.Name(), fs.Arg(0), fs.Name())
	}
	return nil
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
