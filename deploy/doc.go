// Package deploy holds no code: it is the home of the files that run saavu
// split by origin on an existing cluster, and of the test that checks them.
//
//   - kubernetes/: an Indexed Job whose pods each compute one shard of the
//     grid cells (the shard index comes from JOB_COMPLETION_INDEX), and a
//     Job that merges the parts into the outputs of a single run.
//   - slurm/: the same as an sbatch array (SLURM_ARRAY_TASK_ID) and a merge
//     job submitted with --dependency=afterok on the array.
//
// Every shard reads the same inputs, best a network file from
// `saavu prepare`, and writes DIR/part-I-of-N.saavu-part; `saavu merge`
// combines the N parts. deploy_test.go parses the manifests and scripts and
// checks that the shard count, the output folder and the volume agree
// between the analyse and merge steps.
package deploy
