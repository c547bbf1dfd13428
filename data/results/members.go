package results

import (
	"fmt"
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
	bad := func(line int, field string, err error) error {
		return &Error{Dir: dir, File: MembersFile, Line: line, Feature: -1, Field: field, Err: err}
	}
	var rows []MemberRow
	_, err := csvTable(dir, MembersFile, data, SummaryHeader, func(rec []string, line int, idx []int, col map[string]int) error {
		mid, ok1 := col["member_id"]
		mname, ok2 := col["member"]
		if !ok1 || !ok2 {
			return bad(1, "member_id", fmt.Errorf("%w: columns member_id and member are required", ErrInvalid))
		}
		row, field, err := parseSummaryRow(rec, idx)
		if err != nil {
			return bad(line, field, err)
		}
		row.Line = line
		m := MemberRow{MemberID: rec[mid], Member: rec[mname], SummaryRow: row}
		if m.MemberID == "" {
			return bad(line, "member_id", fmt.Errorf("%w: empty", ErrInvalid))
		}
		rows = append(rows, m)
		return nil
	})
	return rows, err
}
