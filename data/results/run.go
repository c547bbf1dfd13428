package results

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
)

// Run is the content of run.json: how the results were made.
type Run struct {
	Tool    string `json:"tool"`
	Version string `json:"version"`
	Command string `json:"command"`
	// Args are the command line words, when the run records them.
	Args   []string `json:"args"`
	Inputs []Input  `json:"inputs"`
	// Parameters are kept as raw JSON values: every one is shown in a
	// report so that the run can be reproduced, whatever its type.
	Parameters map[string]json.RawMessage `json:"parameters"`
	Categories []string                   `json:"categories"`
	Modes      []string                   `json:"modes"`
	Counts     map[string]json.RawMessage `json:"counts"`
	Warnings   []string                   `json:"warnings"`
	// Notes are caveats the run wants its readers to see first, such as
	// "the road network is schematic". Absent in older runs.
	Notes   []string `json:"notes"`
	Outputs []string `json:"outputs"`
}

// Input is one input file of the run.
type Input struct {
	Role   string `json:"role"`
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Param is a parameter name with its value as compact JSON text.
type Param struct {
	Name  string
	Value string
}

// Params returns every parameter sorted by name, values as compact JSON.
func (r *Run) Params() []Param {
	return sortedRaw(r.Parameters)
}

// CountList returns the counts sorted by name, values as compact JSON.
func (r *Run) CountList() []Param {
	return sortedRaw(r.Counts)
}

func sortedRaw(m map[string]json.RawMessage) []Param {
	out := make([]Param, 0, len(m))
	for k, v := range m {
		var b bytes.Buffer
		if err := json.Compact(&b, v); err != nil {
			b.Reset()
			b.Write(v)
		}
		out = append(out, Param{Name: k, Value: b.String()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// readRun decodes run.json and the parameters the report relies on.
func readRun(dir string, data []byte) (Run, []Minutes, Opt[Minutes], error) {
	var run Run
	var none Opt[Minutes]
	if err := json.Unmarshal(data, &run); err != nil {
		return run, nil, none, jsonErr(dir, RunFile, data, err)
	}
	var ths []Minutes
	if raw, ok := run.Parameters["thresholds_min"]; ok && string(raw) != "null" {
		var vals []float64
		if err := json.Unmarshal(raw, &vals); err != nil {
			return run, nil, none, fileErr(dir, RunFile, "parameters.thresholds_min",
				fmt.Errorf("%w: want an array of numbers, got %s", ErrInvalid, clip(raw)))
		}
		for i, v := range vals {
			if v <= 0 {
				return run, nil, none, fileErr(dir, RunFile, "parameters.thresholds_min",
					fmt.Errorf("%w: threshold %d is %v, want > 0", ErrInvalid, i, v))
			}
			if i > 0 && v <= vals[i-1] {
				return run, nil, none, fileErr(dir, RunFile, "parameters.thresholds_min",
					fmt.Errorf("%w: thresholds must increase, got %v after %v", ErrInvalid, v, vals[i-1]))
			}
			ths = append(ths, Minutes(v))
		}
	}
	gap, ok := jsonOpt[Minutes](run.Parameters["gap_min"])
	if !ok {
		return run, nil, none, fileErr(dir, RunFile, "parameters.gap_min",
			fmt.Errorf("%w: want a number, got %s", ErrInvalid, clip(run.Parameters["gap_min"])))
	}
	for _, list := range []struct {
		name string
		vals []string
	}{{"categories", run.Categories}, {"modes", run.Modes}} {
		for i, v := range list.vals {
			if v == "" {
				return run, nil, none, fileErr(dir, RunFile, list.name, fmt.Errorf("%w: entry %d is empty", ErrInvalid, i))
			}
			if slices.Index(list.vals, v) != i {
				return run, nil, none, fileErr(dir, RunFile, list.name, fmt.Errorf("%w: %q is listed twice", ErrInvalid, v))
			}
		}
	}
	return run, ths, gap, nil
}

// clip shortens raw JSON for an error message.
func clip(raw []byte) string {
	const max = 60
	if len(raw) > max {
		return string(raw[:max]) + "..."
	}
	return string(raw)
}
