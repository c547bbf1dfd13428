package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/saavu/saavu/internal/analyse"
)

func mergeCommand() command {
	c := command{
		name:    "merge",
		summary: "join the parts of a sharded analyse run into the outputs of a single run",
		usage:   "DIR|PART... --out DIR",
		example: `saavu analyse ... --shard-count 4 --shard-index 0 --out parts/   (and 1, 2, 3)
saavu merge parts/ --out results/`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		var out string
		fs.StringVar(&out, "out", "", "output directory for the merged outputs")
		lf.register(fs)
		if err := fs.Parse(args); err != nil {
			return parse(fs, args)
		}
		if out == "" || fs.NArg() == 0 {
			return usagef("merge: give the folders (or part files) of the shards and --out DIR")
		}
		log, err := lf.logger(env.Stderr)
		if err != nil {
			return err
		}
		var parts []string
		for _, a := range fs.Args() {
			st, err := os.Stat(a)
			if err != nil {
				return inputErr(fmt.Errorf("merge: %w", err), "")
			}
			if !st.IsDir() {
				parts = append(parts, a)
				continue
			}
			found, _ := filepath.Glob(filepath.Join(a, "part-*-of-*.saavu-part"))
			if len(found) == 0 {
				return inputErr(fmt.Errorf("merge: %s holds no part-*-of-*.saavu-part file", a), "run saavu analyse with --shard-count into it first")
			}
			parts = append(parts, found...)
		}
		sort.Strings(parts)
		res, o, err := analyse.Merge(parts)
		if err != nil {
			return classify(err)
		}
		o.Out, o.Log = out, log
		if err := analyse.Write(res, o); err != nil {
			return classify(err)
		}
		fmt.Fprintf(env.Stdout, "Merged %d parts.\n", len(parts))
		printAnalyseSummary(env, res, o)
		return nil
	}
	return c
}
