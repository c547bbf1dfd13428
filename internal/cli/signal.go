package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// ExitInterrupted is the exit code after SIGINT (Ctrl-C): 128 + 2, as
// shells report a process stopped by that signal. SIGTERM gives 143
// (128 + 15).
const ExitInterrupted = 130

// interruptedError is the cause of a context cancelled by a signal.
type interruptedError struct{ sig os.Signal }

func (e *interruptedError) Error() string { return "interrupted by " + signalName(e.sig) }

// exitCode is 128 plus the signal number.
func (e *interruptedError) exitCode() int {
	if s, ok := e.sig.(syscall.Signal); ok && s > 0 && s < 128 {
		return 128 + int(s)
	}
	return ExitInterrupted
}

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// notifyInterrupt returns a context cancelled, with an *interruptedError
// as its cause, by the first SIGINT or SIGTERM. After that first signal
// the default handling is restored, so a second one ends the process at
// once (without removing staged outputs). stop releases the handler.
func notifyInterrupt(parent context.Context) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			signal.Stop(ch)
			cancel(&interruptedError{s})
		case <-done:
		}
	}()
	return ctx, func() {
		close(done)
		signal.Stop(ch)
		cancel(nil)
	}
}

// interruption returns the signal error that cancelled ctx, or nil.
func interruption(ctx context.Context) *interruptedError {
	ie, _ := context.Cause(ctx).(*interruptedError)
	return ie
}

// reportInterrupt writes what happened to an interrupted run and returns
// its exit code.
func reportInterrupt(ie *interruptedError, stderr io.Writer) int {
	fmt.Fprintf(stderr, "saavu: %v: stopped; files staged by this run were removed, earlier outputs are unchanged\n", ie)
	return ie.exitCode()
}
