// Package progress draws one updating status line per long stage of a run
// ("cells walk [=====>    ]  52%  5 200/10 000  0:12 elapsed  ~0:11 left")
// on a terminal, and nothing at all elsewhere.
//
// A [P] is made once per command with [New]; the CLI enables it when
// standard error is a terminal ([IsTerminal]) and --quiet is not given, so
// logs piped to a file or collected by a batch system never hold carriage
// returns. Each stage calls [P.Stage] with the number of work items (origins,
// cells, categories...), workers call [Bar.Add] as items finish, and the
// stage ends with [Bar.Done], which draws the final state and ends the line.
//
// Add is safe for concurrent use and cheap: an atomic counter and, at most
// ten times a second, one redraw by whichever worker passes the time check
// first. No goroutine is started, so nothing leaks when a stage is cut
// short. A disabled P writes nothing and its bars only count.
//
// Log lines written to standard error while a bar is shown would land in the
// middle of the bar's line: route the logger through [P.Wrap], which clears
// the bar before each write; the next redraw puts it back.
//
// Counts are plain numbers of items; durations are wall-clock time.
package progress
