// Package openinghours parses the common subset of the OpenStreetMap
// opening_hours syntax into a weekly [Schedule].
//
// Times are seconds since midnight of a day (0..86 400); weekdays are
// [time.Weekday] values. Nothing here knows about calendars, dates or time
// zones: a schedule is the same every week.
//
// # Supported syntax
//
//	24/7                               open all the time
//	Mo-Fr 08:00-16:00                  a weekday range and a time range
//	Mo,We,Fr 08:00-12:00,13:00-16:00   a weekday list and several time ranges
//	Mo-We,Fr 09:00-15:00               ranges and single days mixed
//	Fr-Mo 10:00-14:00                  a range may wrap past Sunday
//	Sa 22:00-02:00                     past midnight: open until 02:00 on Sunday
//	Sa 22:00-26:00                     the same with an extended hour (up to 48:00)
//	Mo-Fr                              open all day on those days
//	08:00-16:00                        no day selector: every day
//	Mo-Fr 08:00-16:00; We 10:00-12:00  rules separated by ";"
//	Mo-Fr 08:00-12:00, Sa 10:00-12:00  "," before a day: an additional rule
//	Mo-Fr 08:00-16:00; Sa,Su off       off (or closed): closed on those days
//	Mo-Fr 08:00-16:00; We 12:00-13:00 off   off with times: closed at those times only
//	Mo-Fr 08:00-16:00; PH off          public holidays: accepted and ignored
//
// Weekday names are the two-letter English abbreviations Mo Tu We Th Fr
// Sa Su, in any case. Hours have one or two digits and minutes two
// ("8:00" and "08:00"); a range is written with "-" (an en dash is read
// too). Anything else (months, dates, week numbers, school holidays,
// sunrise, comments, "||" fallback rules, open ends "+") is an error that
// names its position, so that a schedule is never silently misread.
//
// # Meaning of the rules
//
// Rules apply in order. A normal rule (after ";" or first) replaces, on
// the days it names, whatever earlier rules said for those days; days it
// does not name keep their hours. An additional rule (after ",") adds its
// times to the days it names. A rule ending with off or closed and no
// time closes the days it names; with times it closes only those times.
// Days that no rule names are closed. A schedule with no rules (an empty
// or absent value) is open all the time.
//
// Hours belong to the day the range starts on: "Sa 22:00-02:00" opens on
// Saturday at 22:00 and closes on Sunday at 02:00, and a later rule for
// Sunday replaces Sunday's own hours but not the Saturday night that
// spills into it. A time range whose end is not after its start
// ("22:00-02:00") runs past midnight; a range whose start equals its end
// is an error (write 00:00-24:00 for a whole day).
//
// Public holidays (PH) are not known here: a rule naming only PH is
// skipped, PH in a day list is dropped, and [Schedule.PublicHolidays]
// tells that the text had such rules.
//
// [Schedule.String] gives a normal form that parses back to the same
// schedule: days with the same hours grouped, time ranges merged and
// sorted, public-holiday rules left out.
package openinghours
