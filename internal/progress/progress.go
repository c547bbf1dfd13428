package progress

import (
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// redrawEvery is the shortest time between two redraws of a bar: ten
// updates a second look continuous and cost nothing measurable.
const redrawEvery = 100 * time.Millisecond

// P writes the progress lines of one command. Its methods are safe for
// concurrent use; a nil *P is disabled.
type P struct {
	w       io.Writer
	enabled bool
	now     func() time.Time // replaced in tests

	mu    sync.Mutex
	shown int // width of the unterminated line on screen, 0 when none
}

// New returns a progress writer to w. When enabled is false nothing is ever
// written to w.
func New(w io.Writer, enabled bool) *P {
	return &P{w: w, enabled: enabled && w != nil, now: time.Now}
}

// Enabled reports whether p draws anything.
func (p *P) Enabled() bool { return p != nil && p.enabled }

// IsTerminal reports whether f is a character device, as a terminal is. It
// needs no system-specific call; the price is that /dev/null also counts
// as a terminal, which only means the lines are discarded there.
func IsTerminal(f *os.File) bool {
	if f == nil {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Stage starts a bar for a stage of total items (0 or less when the total
// is not known: the bar then shows the count without a percentage).
func (p *P) Stage(name string, total int64) *Bar {
	b := &Bar{p: p, name: name, total: total}
	if p.Enabled() {
		b.start = p.now()
		b.draw(false)
		b.next.Store(b.start.Add(redrawEvery).UnixNano())
	}
	return b
}

// Wrap returns a writer to w that first erases the progress line, if one is
// shown, so that a log line written through it starts at the beginning of
// the line. Each call to Write is one log record for slog's handlers.
func (p *P) Wrap(w io.Writer) io.Writer {
	if !p.Enabled() {
		return w
	}
	return &clearingWriter{p: p, w: w}
}

type clearingWriter struct {
	p *P
	w io.Writer
}

func (c *clearingWriter) Write(b []byte) (int, error) {
	c.p.mu.Lock()
	defer c.p.mu.Unlock()
	c.p.clearLocked()
	return c.w.Write(b)
}

// clearLocked erases the line on screen; p.mu must be held.
func (p *P) clearLocked() {
	if p.shown == 0 {
		return
	}
	io.WriteString(p.w, "\r"+strings.Repeat(" ", p.shown)+"\r")
	p.shown = 0
}

// showLocked draws line over the current one; p.mu must be held. With end
// set the line is terminated and stays on screen.
func (p *P) showLocked(line string, end bool) {
	var sb strings.Builder
	sb.WriteByte('\r')
	sb.WriteString(line)
	width := utf8.RuneCountInString(line)
	if pad := p.shown - width; pad > 0 {
		// Blank out the tail of a longer previous line.
		sb.WriteString(strings.Repeat(" ", pad))
		width = p.shown
	}
	p.shown = width
	if end {
		sb.WriteByte('\n')
		p.shown = 0
	}
	io.WriteString(p.w, sb.String())
}
