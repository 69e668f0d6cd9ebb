//! Proleptic Gregorian calendar dates and the little arithmetic the stages need: day counts,
//! weekdays, adding days and months, month lengths, ISO 8601 formatting and parsing. Shared here so
//! that normalize (publish dates) and extract (time expressions) count days the same way.
//!
//! It deliberately knows nothing about time zones or times of day: a publish date is a calendar day.

use std::fmt;

/// A calendar day (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year (astronomical numbering).
    pub year: i32,
    /// The month, 1..=12.
    pub month: u8,
    /// The day of the month, 1..=31.
    pub day: u8,
}

/// Whether `year` is a leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` of `year` (0 when the month is out of range).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date `year-month-day`, or `None` when no such day exists.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month) && (-9999..=9999).contains(&year))
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), after Howard Hinnant's `days_from_civil`.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, the inverse of [`Date::to_days`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The day of the week, 0 = Monday .. 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.to_days() + 3).rem_euclid(7) as u8
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// The date `n` months later, with the day clamped to the target month's length.
    pub fn add_months(self, n: i32) -> Date {
        let total = self.year * 12 + i32::from(self.month) - 1 + n;
        let year = total.div_euclid(12);
        let month = (total.rem_euclid(12) + 1) as u8;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// The first day of this date's month.
    pub fn month_start(self) -> Date {
        Date { day: 1, ..self }
    }

    /// The last day of this date's month.
    pub fn month_end(self) -> Date {
        Date {
            day: days_in_month(self.year, self.month),
            ..self
        }
    }

    /// Parses the ISO 8601 date that starts `s` ("2021-12-05", "2021-12-05T09:28:38Z", "2021-12-05 10:00").
    /// Anything after the date must start with `T`, `t` or a space.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.trim().as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        Date::new(
            digits(0..4)? as i32,
            digits(5..7)? as u8,
            digits(8..10)? as u8,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_days(iso: &str, days: i64, weekday: u8) {
        let d = Date::parse_iso(iso).expect(iso);
        assert_eq!(d.to_days(), days, "{iso}");
        assert_eq!(Date::from_days(days), d, "{iso}");
        assert_eq!(d.weekday(), weekday, "{iso}");
        assert_eq!(d.to_string(), iso);
    }

    #[test]
    fn day_counts_and_weekdays() {
        check_days("1970-01-01", 0, 3);
        check_days("2021-12-05", 18966, 6);
        check_days("2021-12-07", 18968, 1);
        check_days("2000-02-29", 11016, 1);
        check_days("1969-12-31", -1, 2);
        check_days("2022-02-24", 19047, 3);
    }

    fn check_parse(s: &str, expected: Option<&str>) {
        assert_eq!(
            Date::parse_iso(s).map(|d| d.to_string()).as_deref(),
            expected,
            "{s}"
        );
    }

    #[test]
    fn parsing() {
        check_parse("2021-12-05T09:28:38.493Z", Some("2021-12-05"));
        check_parse(" 2021-12-05 ", Some("2021-12-05"));
        check_parse("2021-02-29", None);
        check_parse("2021-13-01", None);
        check_parse("2021-12-051", None);
        check_parse("21-12-05", None);
        check_parse("２０２１-12-05", None);
    }

    fn check_add(iso: &str, months: i32, days: i64, expected: &str) {
        let d = Date::parse_iso(iso).expect(iso);
        assert_eq!(d.add_months(months).add_days(days).to_string(), expected);
    }

    #[test]
    fn arithmetic() {
        check_add("2021-12-05", 0, 21, "2021-12-26");
        check_add("2021-12-05", 1, 0, "2022-01-05");
        check_add("2021-03-31", -1, 0, "2021-02-28");
        check_add("2020-01-31", 1, 0, "2020-02-29");
        check_add("2021-01-01", -13, -1, "2019-11-30");
    }
}
