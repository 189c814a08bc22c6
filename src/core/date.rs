//! Calendar dates: the document's `published` (`YYYY-MM-DD`), checked against the calendar, and
//! the date at the start of an ISO 8601 date-time as other formats give it
//! (`2021-07-16T09:00:00+03:00`). The one date rule of the project: the validator, the widget's
//! adapters, page extraction and every CLI converter use this type.

use std::fmt;

/// A checked calendar date (years 1 to 9999).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Exactly `YYYY-MM-DD`, a day that exists (`2021-02-31` does not).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
        if !shape {
            return None;
        }
        // The shape is checked: every part is ASCII digits, read as numbers without `str::parse`
        // (whose signed-integer parser the widget's module would otherwise carry).
        let number = |part: &str| part.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
        Date::new(number(&s[..4]) as i32, number(&s[5..7]), number(&s[8..]))
    }

    /// The date at the start of an ISO 8601 date or date-time (`2021-07-16T10:00:00+03:00`).
    pub fn from_iso_prefix(s: &str) -> Option<Date> {
        let s = s.trim();
        let rest = s.get(10..)?;
        if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
            return None;
        }
        Date::parse(&s[..10])
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_days_of_the_calendar() {
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
        for bad in ["2021-02-31", "2023-02-29", "2021-13-01", "2021-00-10", "0000-01-01", "2021-1-01", "2021-01-01T"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::from_iso_prefix("2021-07-16T09:00:00Z"), Date::new(2021, 7, 16));
        assert_eq!(Date::from_iso_prefix(" 2021-07-16 "), Date::new(2021, 7, 16));
        assert_eq!(Date::from_iso_prefix("2021-07-160"), None);
        assert_eq!(Date::from_iso_prefix("2021-06-31T00:00"), None);
    }
}
