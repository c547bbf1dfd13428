// Package cli holds saavu's subcommands: it parses flags (one pflag
// FlagSet per command), builds each command's options, calls into the
// packages that do the work, and maps errors to exit codes: 0 ok,
// 1 failure, 2 bad input or usage. Logs go to stderr through log/slog;
// results go to files or stdout, never mixed with logs.
package cli
