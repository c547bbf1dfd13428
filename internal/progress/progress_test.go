package progress

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newFake(buf *bytes.Buffer) (*P, *fakeClock) {
	c := &fakeClock{t: time.Date(2024, 1, 15, 8, 0, 0, 0, time.UTC)}
	p := New(buf, true)
	p.now = c.now
	return p, c
}

// frames splits the output into the states drawn, carriage returns and
// padding removed.
func frames(s string) []string {
	var out []string
	for _, f := range strings.Split(s, "\r") {
		if f = strings.TrimRight(f, " \n"); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func TestDisabledWritesNothing(t *testing.T) {
	var buf bytes.Buffer
	p := New(&buf, false)
	b := p.Stage("cells", 10)
	for range 10 {
		b.Add(1)
	}
	b.Done()
	fmt.Fprint(p.Wrap(&buf), "")
	if buf.Len() != 0 {
		t.Errorf("disabled progress wrote %q", buf.String())
	}
	if b.Count() != 10 {
		t.Errorf("count %d, want 10: a disabled bar still counts", b.Count())
	}
	var nilP *P
	nb := nilP.Stage("x", 3)
	nb.Add(1)
	nb.Done()
	var nilBar *Bar
	nilBar.Add(1)
	nilBar.Done()
	if nilBar.Count() != 0 {
		t.Error("nil bar counted")
	}
}

func TestLineFormat(t *testing.T) {
	var buf bytes.Buffer
	p, clk := newFake(&buf)
	b := p.Stage("cells walk", 1000)
	clk.advance(10 * time.Second)
	b.Add(250) // drawn: more than 100 ms since the start frame
	clk.advance(30 * time.Second)
	b.Add(750)
	b.Done()
	got := buf.String()
	if !strings.HasSuffix(got, "\n") {
		t.Errorf("final line not ended: %q", got)
	}
	// 250 of 1000 after 10 s: a quarter of 24 cells is 6, and 30 s left at
	// that rate. The state at 1000 is drawn by the last Add and again by
	// Done, with no time left shown.
	full := "cells walk [========================] 100%  1 000/1 000  0:40 elapsed"
	want := []string{
		"cells walk [>                       ]   0%  0/1 000  0:00 elapsed",
		"cells walk [======>                 ]  25%  250/1 000  0:10 elapsed  ~0:30 left",
		full, full,
	}
	if f := frames(got); strings.Join(f, "|") != strings.Join(want, "|") {
		t.Errorf("frames:\n%s\nwant:\n%s", strings.Join(f, "\n"), strings.Join(want, "\n"))
	}
	// Only the final line is followed by the newline.
	if strings.Count(got, "\n") != 1 {
		t.Errorf("%d newlines in %q, want 1", strings.Count(got, "\n"), got)
	}
}

func TestRedrawAtMostTenTimesASecond(t *testing.T) {
	var buf bytes.Buffer
	p, clk := newFake(&buf)
	b := p.Stage("origins", 0)
	for range 1000 {
		b.Add(1) // same instant as the start frame: no redraw
	}
	if n := len(frames(buf.String())); n != 1 {
		t.Fatalf("%d frames after 1000 adds in the same instant, want only the start frame", n)
	}
	clk.advance(99 * time.Millisecond)
	b.Add(1)
	if n := len(frames(buf.String())); n != 1 {
		t.Fatalf("redrawn after 99 ms")
	}
	clk.advance(1 * time.Millisecond)
	b.Add(1)
	b.Add(1)
	f := frames(buf.String())
	if len(f) != 2 || f[1] != "origins  1 002  0:00 elapsed" {
		t.Fatalf("frames after 100 ms: %q, want one new frame at 1 002 (no total: no percentage)", f)
	}
	clk.advance(2 * time.Hour)
	b.Add(1)
	b.Done()
	b.Done()
	b.Add(1) // after Done: counted, not drawn
	f = frames(buf.String())
	if len(f) != 4 || f[3] != "origins  1 004  2:00:00 elapsed" {
		t.Errorf("frames %q", f)
	}
}

func TestShorterLineBlanksTheRest(t *testing.T) {
	var buf bytes.Buffer
	p, clk := newFake(&buf)
	b := p.Stage("a", 0)
	clk.advance(time.Second)
	b.Add(123456789)
	before := buf.Len()
	clk.advance(time.Second)
	b.Add(-123456788) // the count shrinks to 1: the line gets shorter
	last := buf.String()[before:]
	long, short := "a  123 456 789  0:01 elapsed", "a  1  0:02 elapsed"
	if want := "\r" + short + strings.Repeat(" ", len(long)-len(short)); last != want {
		t.Errorf("redraw %q, want %q", last, want)
	}
}

func TestWrapClearsTheBar(t *testing.T) {
	var buf bytes.Buffer
	p, _ := newFake(&buf)
	b := p.Stage("gaps", 4)
	log := slog.New(slog.NewTextHandler(p.Wrap(&buf), &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	log.Info("region done")
	b.Done()
	bar := "gaps [>                       ]   0%  0/4  0:00 elapsed"
	want := "\r" + bar + "\r" + strings.Repeat(" ", len(bar)) + "\r" + "level=INFO msg=\"region done\"\n" + "\r" + bar + "\n"
	if got := buf.String(); got != want {
		t.Errorf("output\n%q\nwant\n%q", got, want)
	}
}

func TestConcurrentAdd(t *testing.T) {
	var buf bytes.Buffer
	p := New(&buf, true) // real clock: redraws happen whenever they happen
	const workers, each = 8, 5000
	b := p.Stage("routes", workers*each)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				b.Add(1)
			}
		}()
	}
	wg.Wait()
	b.Done()
	f := frames(buf.String())
	last := f[len(f)-1]
	if !strings.HasPrefix(last, "routes [========================] 100%  40 000/40 000  ") {
		t.Errorf("final frame %q", last)
	}
	for _, fr := range f {
		if !strings.HasPrefix(fr, "routes [") {
			t.Errorf("garbled frame %q: concurrent draws interleaved", fr)
		}
	}
}

func TestGroupAndClock(t *testing.T) {
	cases := []struct {
		n    int64
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1 000"}, {-1234567, "-1 234 567"}, {100000, "100 000"},
	}
	for _, c := range cases {
		if got := group(c.n); got != c.want {
			t.Errorf("group(%d) = %q, want %q", c.n, got, c.want)
		}
	}
	clocks := []struct {
		d    time.Duration
		want string
	}{
		{-time.Second, "0:00"}, {1999 * time.Millisecond, "0:01"}, {61 * time.Second, "1:01"},
		{3599 * time.Second, "59:59"}, {3600*time.Second + 62*time.Second, "1:01:02"},
	}
	for _, c := range clocks {
		if got := clock(c.d); got != c.want {
			t.Errorf("clock(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

func TestIsTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if IsTerminal(f) {
		t.Error("a regular file is not a terminal")
	}
	if IsTerminal(nil) {
		t.Error("nil is not a terminal")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if IsTerminal(w) {
		t.Error("a pipe is not a terminal")
	}
	if dn, err := os.Open(os.DevNull); err == nil {
		defer dn.Close()
		if !IsTerminal(dn) {
			t.Logf("%s is not a character device here", os.DevNull)
		}
	}
}
