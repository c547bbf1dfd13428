package cli

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/saavu/saavu/data/outdir"
	"github.com/saavu/saavu/internal/access"
	"github.com/saavu/saavu/internal/analyse"
	"github.com/saavu/saavu/internal/graph"
)

// The matrix stage of plan (the time from every candidate site to every
// cell) splits by site: shard I of N computes the reach lists of the
// sites I*n/N .. (I+1)*n/N-1 and writes them to --out; 'saavu plan ...
// --parts DIR' (the same flags otherwise) joins them and chooses the sites.

const sitePartMagic = "saavu-plan-part 1\n"

type sitePart struct {
	Index, Count   int
	Sites, Cells   int
	LimitMs        uint32
	Objective      string
	Start, Service []int32
	TimeMs         []uint32
}

func sitePartName(i, n int) string { return fmt.Sprintf("sites-%d-of-%d.saavu-part", i, n) }

// writeSitePart computes the reach lists of this shard's sites and writes
// them into the output folder.
func (pr *planRun) writeSitePart(ctx context.Context, i, n int) (string, error) {
	lo, hi := analyse.ShardRange(len(pr.site), i, n)
	sub := make([]graph.Snap, len(pr.snap))
	for j := range sub {
		sub[j] = pr.snap[j]
		if j < lo || j >= hi {
			sub[j].Seg = -1
		}
	}
	r, _, err := pr.siteReach(ctx, sub, pr.limitMs())
	if err != nil {
		return "", err
	}
	p := sitePart{Index: i, Count: n, Sites: len(pr.site), Cells: len(pr.cells), LimitMs: r.LimitMs,
		Objective: pr.p.Objective.String(), Start: r.Start, Service: r.Service, TimeMs: r.TimeMs}
	if err := os.MkdirAll(pr.o.Out, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(pr.o.Out, sitePartName(i, n))
	err = outdir.WriteFileAtomic(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, sitePartMagic); err != nil {
			return err
		}
		return gob.NewEncoder(w).Encode(&p)
	})
	return path, err
}

// readSiteParts joins the parts in pr.pf.parts into the reach lists of all
// sites (each cell's sites in ascending order, as WithinReach gives them).
func (pr *planRun) readSiteParts(limit uint32) (access.Reach, error) {
	dir := pr.pf.parts
	found, _ := filepath.Glob(filepath.Join(dir, "sites-*-of-*.saavu-part"))
	if len(found) == 0 {
		return access.Reach{}, inputErr(fmt.Errorf("plan: %s holds no sites-*-of-*.saavu-part file", dir), "run saavu plan with --shard-count into it first")
	}
	var parts []*sitePart
	for _, f := range found {
		b, err := os.ReadFile(f)
		if err != nil {
			return access.Reach{}, inputErr(err, "")
		}
		if !bytes.HasPrefix(b, []byte(sitePartMagic)) {
			return access.Reach{}, inputErr(fmt.Errorf("plan: %s is not a part written by saavu plan --shard-count", f), "")
		}
		var p sitePart
		if err := gob.NewDecoder(bytes.NewReader(b[len(sitePartMagic):])).Decode(&p); err != nil {
			return access.Reach{}, inputErr(fmt.Errorf("plan: %s: damaged part: %w", f, err), "")
		}
		parts = append(parts, &p)
	}
	n := parts[0].Count
	byIndex := make([]*sitePart, n)
	for k, p := range parts {
		switch {
		case p.Count != n || p.Index < 0 || p.Index >= n || byIndex[p.Index] != nil:
			return access.Reach{}, inputErr(fmt.Errorf("plan: %s: parts of different splits, or a shard given twice", found[k]), "")
		case p.Sites != len(pr.site) || p.Cells != len(pr.cells) || p.LimitMs != limit || p.Objective != pr.p.Objective.String():
			return access.Reach{}, inputErr(fmt.Errorf("plan: %s was made with other inputs or flags (%d sites, %d cells, limit %d ms, %s)",
				found[k], p.Sites, p.Cells, p.LimitMs, p.Objective), "give the same flags as the shards")
		}
		byIndex[p.Index] = p
	}
	for i, p := range byIndex {
		if p == nil {
			return access.Reach{}, inputErr(fmt.Errorf("plan: shard %d of %d is missing from %s", i, n, dir), "")
		}
	}
	cells := len(pr.cells)
	r := access.Reach{Origins: cells, Services: len(pr.site), LimitMs: limit, Start: make([]int32, 1, cells+1)}
	for c := 0; c < cells; c++ {
		for _, p := range byIndex { // shards hold ascending, disjoint ranges of sites
			a, b := p.Start[c], p.Start[c+1]
			r.Service = append(r.Service, p.Service[a:b]...)
			r.TimeMs = append(r.TimeMs, p.TimeMs[a:b]...)
		}
		r.Start = append(r.Start, int32(len(r.Service)))
	}
	return r, nil
}
