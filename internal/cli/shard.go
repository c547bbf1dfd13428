package cli

import (
	"github.com/saavu/saavu/data/csvio"
	"github.com/saavu/saavu/internal/analyse"
	"github.com/spf13/pflag"
)

// shardFlags split a matrix by origin: shard I of N computes the rows of
// the origins I*n/N .. (I+1)*n/N-1 in file order, so that the parts, put
// one after the other ('saavu merge --matrix'), are the whole matrix.
type shardFlags struct{ index, count int }

func registerShardFlags(fs *pflag.FlagSet) *shardFlags {
	sh := &shardFlags{}
	fs.IntVar(&sh.index, "shard-index", 0, "compute only this shard of the origins (0-based); default from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm)")
	fs.IntVar(&sh.count, "shard-count", 0, "split the origins into this many shards; join the CSV parts with 'saavu merge --matrix' (0 = no sharding)")
	return sh
}

// origins returns the origins of this shard.
func (sh *shardFlags) origins(fs *pflag.FlagSet, env *Env, op []csvio.Point, format string) ([]csvio.Point, error) {
	if sh.count == 0 {
		return op, nil
	}
	if sh.count < 0 {
		return nil, usagef("--shard-count %d: must be >= 0", sh.count)
	}
	if format != "csv" {
		return nil, usagef("--shard-count: sharded matrices are written as CSV parts; use --format csv")
	}
	if err := sh.resolve(fs, env); err != nil {
		return nil, err
	}
	lo, hi := analyse.ShardRange(len(op), sh.index, sh.count)
	return op[lo:hi], nil
}

// resolve takes the shard index from the scheduler when --shard-index is
// not given, and checks it.
func (sh *shardFlags) resolve(fs *pflag.FlagSet, env *Env) error {
	if !fs.Changed("shard-index") {
		i, err := schedulerShardIndex(env, sh.count)
		if err != nil {
			return err
		}
		sh.index = i
	}
	if sh.index < 0 || sh.index >= sh.count {
		return usagef("--shard-index %d: must be 0..%d", sh.index, sh.count-1)
	}
	return nil
}

// matrixPoints reads the origins (this shard's share of them) and the
// destinations of a matrix; no destinations file means the origins file.
func (sh *shardFlags) matrixPoints(fs *pflag.FlagSet, env *Env, origins, dests, format string) (op, dp []csvio.Point, err error) {
	if dests == "" {
		dests = origins
	}
	if op, err = csvio.ReadPoints(origins); err != nil {
		return nil, nil, inputErr(err, "")
	}
	if op, err = sh.origins(fs, env, op, format); err != nil {
		return nil, nil, err
	}
	if dp, err = csvio.ReadPoints(dests); err != nil {
		return nil, nil, inputErr(err, "")
	}
	return op, dp, nil
}
