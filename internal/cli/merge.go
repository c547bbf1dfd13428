package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/internal/analyse"
)

func mergeCommand() command {
	c := command{
		name:    "merge",
		summary: "join the parts of a sharded analyse run into the outputs of a single run",
		usage:   "DIR|PART... --out DIR   or   --matrix PART.csv... --out FILE",
		example: `saavu analyse ... --shard-count 4 --shard-index 0 --out parts/   (and 1, 2, 3)
saavu merge parts/ --out results/`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		var out, outCRS string
		var matrix bool
		fs.StringVar(&out, "out", "", "output directory for the merged outputs (with --matrix: the output CSV file)")
		fs.BoolVar(&matrix, "matrix", false, "join the CSV parts of a sharded 'saavu matrix' run, given in shard order")
		fs.StringVar(&outCRS, "out-crs", "", outCRSUsage+" (default: the parts' --out-crs)")
		lf.register(fs)
		if err := fs.Parse(args); err != nil {
			return flagErr(fs, err)
		}
		if out == "" || fs.NArg() == 0 {
			return usagef("merge: give the folders (or part files) of the shards and --out DIR")
		}
		if fs.Changed("out-crs") {
			if matrix {
				return usagef("merge: --out-crs is for the GeoPackage of analyse parts, not --matrix")
			}
			if err := checkOutCRS(&outCRS); err != nil {
				return err
			}
		}
		log, err := lf.logger(env.Stderr)
		if err != nil {
			return err
		}
		if matrix {
			return mergeMatrix(fs.Args(), out, lf.summaries(env))
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
		if outCRS != "" {
			o.OutCRS = outCRS
		}
		if err := analyse.Write(res, o); err != nil {
			return classify(err)
		}
		fmt.Fprintf(lf.summaries(env).Stdout, "Merged %d parts.\n", len(parts))
		printAnalyseSummary(lf.summaries(env), res, o)
		return nil
	}
	return c
}

// mergeMatrix joins CSV parts of a sharded matrix, in the order given:
// the header once, then every part's rows.
func mergeMatrix(parts []string, out string, env *Env) error {
	var header string
	rows := 0
	err := outdir.WriteFileAtomic(out, func(w io.Writer) error {
		for i, p := range parts {
			b, err := os.ReadFile(p)
			if err != nil {
				return inputErr(fmt.Errorf("merge: %w", err), "")
			}
			h, body, _ := strings.Cut(string(b), "\n")
			if i == 0 {
				header = h
				if _, err := io.WriteString(w, h+"\n"); err != nil {
					return err
				}
			} else if h != header {
				return inputErr(fmt.Errorf("merge: %s: header %q differs from %s's %q: not parts of one matrix", p, h, parts[0], header), "")
			}
			rows += strings.Count(body, "\n")
			if _, err := io.WriteString(w, body); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Merged %d parts, %d rows, into %s\n", len(parts), rows, out)
	return nil
}
