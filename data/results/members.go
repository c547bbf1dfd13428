package results

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// MembersFile holds, for runs whose regions dissolve several areas
// (analyse --group-by), the figures of each member area: the columns of
// summary.csv plus member_id and member. It is optional.
const MembersFile = "summary_members.csv"

// MemberRow is one row of summary_members.csv: a summary row of one
// member area (a municipality) of the region RegionID.
type MemberRow struct {
	MemberID string
	Member   string
	SummaryRow
}

// readMembers parses summary_members.csv; columns are found by name.
func readMembers(dir string, data []byte) ([]MemberRow, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = true
	bad := func(line int, field string, err error) error {
		return &Error{Dir: dir, File: MembersFile, Line: line, Feature: -1, Field: field, Err: err}
	}
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, bad(0, "", fmt.Errorf("%w: %v", ErrSyntax, err))
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[h] = i
	}
	idx := make([]int, len(SummaryHeader))
	for i, name := range SummaryHeader {
		j, ok := col[name]
		if !ok {
			return nil, bad(1, name, fmt.Errorf("%w: column missing from the header", ErrInvalid))
		}
		idx[i] = j
	}
	mid, ok1 := col["member_id"]
	mname, ok2 := col["member"]
	if !ok1 || !ok2 {
		return nil, bad(1, "member_id", fmt.Errorf("%w: columns member_id and member are required", ErrInvalid))
	}
	var rows []MemberRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, bad(0, "", fmt.Errorf("%w: %v", ErrSyntax, err))
		}
		line, _ := cr.FieldPos(0)
		row, field, err := parseSummaryRow(rec, idx)
		if err != nil {
			return nil, bad(line, field, err)
		}
		row.Line = line
		m := MemberRow{MemberID: rec[mid], Member: rec[mname], SummaryRow: row}
		if m.MemberID == "" {
			return nil, bad(line, "member_id", fmt.Errorf("%w: empty", ErrInvalid))
		}
		rows = append(rows, m)
	}
	return rows, nil
}
