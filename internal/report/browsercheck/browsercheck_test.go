package browsercheck

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckFindsProblems opens hand-made pages and checks that the check
// sees what it must: overlapping chart texts, a text outside its chart, a
// cut-off heading and a map layer that drew less than its data hold; and
// nothing on a clean page.
func TestCheckFindsProblems(t *testing.T) {
	bin := Find()
	if bin == "" {
		t.Skip("no Chromium on PATH (apt-get install chromium): browser check skipped")
	}
	if testing.Short() {
		t.Skip("browser check skipped in -short mode")
	}
	const head = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font:14px sans-serif}</style></head><body data-ready="1">`
	cells := `<script type="application/json" id="saavu-cells">{"type":"FeatureCollection","features":[` +
		`{"type":"Feature","properties":{"c":"a"}},{"type":"Feature","properties":{"c":"a"}},{"type":"Feature","properties":{"c":"x"}}]}</script>` +
		`<script type="application/json" id="saavu-config">{"noValue":"#e4e4e4","layers":[{"value":"c","label":"C","prop":"c","classes":[{"value":"a","label":"A","color":"#000000"}]}]}</script>`
	cases := []struct {
		name string
		body string
		want []string // parts of the problems, in any order
	}{
		{"clean", `<section id="s1"><h2>Fine</h2><svg class="chart" width="300" height="100" viewBox="0 0 300 100">` +
			`<text x="10" y="20">one</text><text x="10" y="60">two</text></svg></section>` + cells +
			`<svg><path class="saavu-cell" fill="#000000"></path><path class="saavu-cell" fill="#000000"></path><path class="saavu-cell" fill="#e4e4e4"></path></svg>`,
			nil},
		{"overlap", `<svg class="chart" aria-label="T" width="300" height="100" viewBox="0 0 300 100">` +
			`<text x="10" y="20">overlapping text</text><text x="30" y="24">another text</text></svg>`,
			[]string{`chart "T"`, "overlaps"}},
		{"outside", `<svg class="chart" aria-label="T" width="300" height="100" viewBox="0 0 300 100">` +
			`<text x="250" y="20">runs past the right edge</text></svg>`,
			[]string{"runs outside the chart"}},
		{"clipped", `<h2 style="width:80px;overflow:hidden;white-space:nowrap">A heading far too long for its box</h2>`,
			[]string{"clipped: ", "A heading far too long"}},
		{"layer", cells + `<svg><path class="saavu-cell" fill="#000000"></path></svg>`,
			[]string{"map layer c", "1 cells drawn with a value, the data hold 2"}},
		{"not ready", `<p>no script</p>`, []string{"did not finish"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			page := filepath.Join(dir, "page.html")
			h := head
			if c.name == "not ready" {
				h = strings.Replace(h, ` data-ready="1"`, "", 1)
			}
			if err := os.WriteFile(page, []byte(h+c.body+"</body></html>"), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := Check(context.Background(), bin, page, dir)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(res.Problems(), "\n")
			if c.want == nil && all != "" {
				t.Errorf("problems on a clean page:\n%s", all)
			}
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("problems lack %q:\n%s", w, all)
				}
			}
			if c.name == "clean" && (!res.HasSection("s1") || len(res.Charts) != 1 || res.Charts[0].Section != "s1") {
				t.Errorf("sections %v, charts %+v", res.Sections, res.Charts)
			}
		})
	}
}
