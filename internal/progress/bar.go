package progress

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// barWidth is the number of cells between the brackets of a bar.
const barWidth = 24

// Bar is the progress of one stage. Add may be called from many goroutines;
// a nil *Bar ignores every call.
type Bar struct {
	p     *P
	name  string
	total int64
	start time.Time

	count atomic.Int64
	next  atomic.Int64 // UnixNano before which Add does not redraw
	done  atomic.Bool
}

// Add records n more finished items and redraws the line if the last
// redraw is at least a tenth of a second old.
func (b *Bar) Add(n int64) {
	if b == nil {
		return
	}
	b.count.Add(n)
	if !b.p.Enabled() {
		return
	}
	next := b.next.Load()
	t := b.p.now().UnixNano()
	if t < next || !b.next.CompareAndSwap(next, t+int64(redrawEvery)) {
		return // drawn recently, or another worker is drawing now
	}
	b.draw(false)
}

// Count returns the number of items added so far.
func (b *Bar) Count() int64 {
	if b == nil {
		return 0
	}
	return b.count.Load()
}

// Done draws the final state of the stage (the count reached, which is the
// total when every item was added, and the time taken) and ends the line.
// Calls after the first do nothing.
func (b *Bar) Done() {
	if b == nil || b.done.Swap(true) || !b.p.Enabled() {
		return
	}
	b.draw(true)
}

// draw writes the bar's line; final ends it.
func (b *Bar) draw(final bool) {
	p := b.p
	p.mu.Lock()
	defer p.mu.Unlock()
	if !final && b.done.Load() {
		return // a late Add must not redraw over the final line
	}
	p.showLocked(b.line(b.count.Load(), p.now().Sub(b.start), final), final)
}

// line formats the state of a bar: name, bar and percentage when the total
// is known, count, elapsed time and, while running, the time left at the
// average rate so far.
func (b *Bar) line(count int64, elapsed time.Duration, final bool) string {
	var sb strings.Builder
	sb.WriteString(b.name)
	if b.total > 0 {
		frac := min(float64(count)/float64(b.total), 1)
		if count < 0 {
			frac = 0
		}
		filled := int(frac * barWidth)
		sb.WriteString(" [")
		sb.WriteString(strings.Repeat("=", filled))
		if filled < barWidth {
			sb.WriteByte('>')
			sb.WriteString(strings.Repeat(" ", barWidth-filled-1))
		}
		fmt.Fprintf(&sb, "] %3d%%  %s/%s", int(frac*100), group(count), group(b.total))
	} else {
		fmt.Fprintf(&sb, "  %s", group(count))
	}
	fmt.Fprintf(&sb, "  %s elapsed", clock(elapsed))
	if !final && b.total > 0 && count > 0 && count < b.total {
		left := time.Duration(float64(elapsed) * float64(b.total-count) / float64(count))
		fmt.Fprintf(&sb, "  ~%s left", clock(left))
	}
	return sb.String()
}

// group writes n with a space between groups of three digits (SI style,
// read the same way in Finnish and English): 1234567 -> "1 234 567".
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var sb strings.Builder
	if neg {
		sb.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteByte(' ')
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// clock writes d as m:ss, or h:mm:ss from an hour on, rounded down to the
// second.
func clock(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int64(d / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
