package browsercheck

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

//go:embed check.js
var checkJS string

// Find returns the first Chromium-like browser on PATH, or "".
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Overlap names two texts of a chart whose boxes intersect, or (B empty)
// a text outside its chart.
type Overlap struct {
	Chart string `json:"chart"`
	A     string `json:"a"`
	B     string `json:"b"`
	Text  string `json:"text"`
}

// Chart is one svg.chart of the page.
type Chart struct {
	Class   string  `json:"class"`
	Title   string  `json:"title"`
	Texts   int     `json:"texts"`
	Bars    int     `json:"bars"`
	Width   float64 `json:"width"`
	Section string  `json:"section"` // id of the closest article or section
}

// Layer is one map layer shown for a category and mode: the cells whose
// data hold a value (Want) and the cell paths drawn in a colour other
// than "no value" (Drawn).
type Layer struct {
	Layer    string `json:"layer"`
	Category string `json:"category"`
	Mode     string `json:"mode"`
	Prop     string `json:"prop"`
	Want     int    `json:"want"`
	Drawn    int    `json:"drawn"`
	Legend   string `json:"legend"`
}

// Result is what the check script found in the page.
type Result struct {
	Ready    bool              `json:"ready"`
	Errors   []string          `json:"errors"`
	Sections []string          `json:"sections"`
	Charts   []Chart           `json:"charts"`
	Overlaps []Overlap         `json:"overlaps"`
	Outside  []Overlap         `json:"outside"`
	Clipped  []string          `json:"clipped"`
	Layers   []Layer           `json:"layers"`
	Counts   map[string]int    `json:"counts"`
	Body     map[string]string `json:"body"`
}

// HasSection reports whether an element with the id was found.
func (r *Result) HasSection(id string) bool {
	for _, s := range r.Sections {
		if s == id {
			return true
		}
	}
	return false
}

// ChartsIn counts the charts with a class whose closest section or
// article has an id starting with prefix.
func (r *Result) ChartsIn(class, prefix string) int {
	n := 0
	for _, c := range r.Charts {
		if strings.Contains(" "+c.Class+" ", " "+class+" ") && strings.HasPrefix(c.Section, prefix) {
			n++
		}
	}
	return n
}

// Problems lists what a reader would stumble on: script errors, a page
// whose script did not finish, overlapping or escaping chart text, cut-off
// headings, and map layers that drew fewer features than their data hold.
func (r *Result) Problems() []string {
	var p []string
	if !r.Ready {
		p = append(p, "the page's script did not finish (no data-ready on body)")
	}
	for _, e := range r.Errors {
		p = append(p, "script error: "+e)
	}
	for _, o := range r.Overlaps {
		p = append(p, fmt.Sprintf("chart %q: %s overlaps %s", o.Chart, o.A, o.B))
	}
	for _, o := range r.Outside {
		p = append(p, fmt.Sprintf("chart %q: %s runs outside the chart", o.Chart, o.Text))
	}
	for _, c := range r.Clipped {
		p = append(p, "clipped: "+c)
	}
	for _, l := range r.Layers {
		if l.Drawn != l.Want {
			p = append(p, fmt.Sprintf("map layer %s (%s by %s, %s): %d cells drawn with a value, the data hold %d",
				l.Layer, l.Category, l.Mode, l.Prop, l.Drawn, l.Want))
		}
	}
	return p
}

// args are Chromium's flags: headless, and every host unreachable.
func args(profile string, extra ...string) []string {
	a := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
		"--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
		"--user-data-dir=" + profile, "--virtual-time-budget=10000",
	}
	return append(a, extra...)
}

func run(ctx context.Context, bin string, a []string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, a...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("browsercheck: %s: %w\n%s", bin, err, stderr.String())
	}
	return out, nil
}

// inject writes a copy of page into work with script before </body>.
func inject(page, work, name, script string) (string, error) {
	b, err := os.ReadFile(page)
	if err != nil {
		return "", err
	}
	i := bytes.LastIndex(b, []byte("</body>"))
	if i < 0 {
		return "", fmt.Errorf("browsercheck: %s has no </body>", page)
	}
	var buf bytes.Buffer
	buf.Write(b[:i])
	buf.WriteString("<script>" + script + "</script>\n")
	buf.Write(b[i:])
	out := filepath.Join(work, name)
	return out, os.WriteFile(out, buf.Bytes(), 0o644)
}

var resultRE = regexp.MustCompile(`(?s)<pre id="saavu-dom-check">(.*?)</pre>`)

// Check opens page (a file) in headless Chromium, 1280 px wide, runs the
// check script after the page's own and returns its findings. work is a
// scratch folder.
func Check(ctx context.Context, bin, page, work string) (*Result, error) {
	p, err := inject(page, work, "checked-"+filepath.Base(page), checkJS)
	if err != nil {
		return nil, err
	}
	dom, err := run(ctx, bin, args(filepath.Join(work, "profile-check"), "--dump-dom", "--window-size=1280,900", "file://"+p))
	if err != nil {
		return nil, err
	}
	m := resultRE.FindSubmatch(dom)
	if m == nil {
		return nil, errors.New("browsercheck: the check script wrote no result (did the page load?)")
	}
	var r Result
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &r); err != nil {
		return nil, fmt.Errorf("browsercheck: reading the result: %w", err)
	}
	return &r, nil
}

// Screenshot writes a PNG of the page, width x height pixels. With
// sectionID, the page shows only that element of <main> (and the map
// keeps its size), so that one part of a long page can be pictured.
func Screenshot(ctx context.Context, bin, page, work, png, sectionID string, width, height int) error {
	script := ""
	if sectionID != "" {
		script = `(function(){var keep=document.getElementById(` + jsString(sectionID) + `);` +
			`if(!keep){return;}document.querySelectorAll('header.top, main > *').forEach(function(e){` +
			`if(e!==keep&&!e.contains(keep)){e.style.display='none';}});window.scrollTo(0,0);})();`
	}
	p, err := inject(page, work, "shot-"+sectionID+"-"+filepath.Base(page), script)
	if err != nil {
		return err
	}
	_, err = run(ctx, bin, args(filepath.Join(work, "profile-shot"), "--screenshot="+png,
		fmt.Sprintf("--window-size=%d,%d", width, height), "file://"+p))
	return err
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
