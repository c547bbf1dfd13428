package results

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// csvTable reads one of saavu's CSV outputs: the header, whose columns are
// found by name (extra columns are ignored, the order may change, every
// column of want must be present, none twice), then each record. row gets
// the record, its line, the positions of want's columns in it and every
// column by name; its error is returned as it is. An empty file (not even
// a header) gives empty true and no rows.
func csvTable(dir, file string, data []byte, want []string, row func(rec []string, line int, idx []int, col map[string]int) error) (empty bool, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	if err != nil {
		return false, csvErr(dir, file, err)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		if _, dup := col[h]; dup {
			return false, &Error{Dir: dir, File: file, Line: 1, Feature: -1, Field: h, Err: fmt.Errorf("%w: column appears twice", ErrInvalid)}
		}
		col[h] = i
	}
	idx := make([]int, len(want))
	for i, name := range want {
		j, ok := col[name]
		if !ok {
			return false, &Error{Dir: dir, File: file, Line: 1, Feature: -1, Field: name, Err: fmt.Errorf("%w: column missing from the header", ErrInvalid)}
		}
		idx[i] = j
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		if err != nil {
			return false, csvErr(dir, file, err)
		}
		line, _ := cr.FieldPos(0)
		if err := row(rec, line, idx, col); err != nil {
			return false, err
		}
	}
}

// csvErr turns a CSV reading error into an *Error with its line and
// column.
func csvErr(dir, file string, err error) error {
	e := fileErr(dir, file, "", fmt.Errorf("%w: %v", ErrSyntax, err))
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		e.Line, e.Column = pe.Line, pe.Column
		e.Err = fmt.Errorf("%w: %v", ErrSyntax, pe.Err)
	}
	return e
}
