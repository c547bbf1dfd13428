package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/data/results"
	"github.com/saavu/saavu/internal/report"
)

func reportCommand() command {
	c := command{
		name:    "report",
		summary: "write the HTML report of an analyse output folder again (e.g. with another title or a basemap)",
		usage:   "DIR [--out FILE] [--title TEXT] [--basemap URL]",
		example: `saavu report results/ --title "South Savo: access to health services" --out results/report.html`,
	}
	c.run = func(ctx context.Context, env *Env, args []string) error {
		fs, lf := flagSet(c, env)
		var out string
		var opts report.Options
		fs.StringVar(&out, "out", "", "output HTML file (default: DIR/report.html)")
		fs.StringVar(&opts.Title, "title", "", "report title")
		fs.StringVar(&opts.BasemapURL, "basemap", "", "tile URL template for a background map (default: none, works offline)")
		fs.StringVar(&opts.BasemapAttribution, "basemap-attribution", "", "attribution shown for --basemap tiles")
		lf.register(fs)
		if err := fs.Parse(args); err != nil {
			return flagErr(fs, err)
		}
		if fs.NArg() != 1 {
			return usagef("report: give the analyse output folder, e.g. 'saavu report results/'")
		}
		if err := checkBasemap(opts.BasemapURL); err != nil {
			return err
		}
		dir := fs.Arg(0)
		if out == "" {
			out = filepath.Join(dir, "report.html")
		}
		r, err := results.Load(dir)
		if err != nil {
			return inputErr(err, "run 'saavu analyse --out "+dir+"' first, or give the folder it wrote")
		}
		if err := outdir.WriteFileAtomic(out, func(w io.Writer) error { return report.Write(w, r, opts) }); err != nil {
			return err
		}
		fmt.Fprintf(lf.summaries(env).Stdout, "Report written to %s\n", out)
		return nil
	}
	return c
}
