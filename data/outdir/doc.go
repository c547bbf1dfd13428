// Package outdir makes a run's output files appear all together or not at
// all.
//
// [Open] creates a hidden staging folder (".saavu-tmp-<random>") inside the
// output folder; [Dir.Create] writes files there; [Dir.Commit] syncs them to
// disk and renames each into the output folder, replacing files of the same
// name, then removes the staging folder. [Dir.Abort] removes the staging
// folder and everything in it, leaving the output folder as it was before
// Open (a folder that Open had to create is removed again if still empty).
// Renames within one folder are atomic, so a reader of the output folder
// sees each file either old or new, never half written; a run that fails
// before Commit changes nothing.
//
// [WriteFileAtomic] does the same for a single file.
//
// [Cleanup] aborts every Dir still open and removes every temporary file of
// a WriteFileAtomic in progress; call it from the handler of SIGINT and
// SIGTERM so an interrupted run leaves no staging folders behind. A process
// killed without running it (SIGKILL, power loss) leaves a ".saavu-tmp-*"
// folder that may be deleted by hand; the output files are untouched.
package outdir
