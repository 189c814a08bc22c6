//! Calendar dates as sources write them (`July 16`, `16 juillet 2021`, `2021-07-16T09:00:00Z`),
//! turned into the document's `YYYY-MM-DD`.

pub use article_reader::core::date::Date;

/// Month names in the languages of the project's articles (English, French, Russian in the
/// genitive that dates use), full and abbreviated.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan", "janvier", "janv", "января", "янв"],
    &["february", "feb", "février", "fevrier", "févr", "fevr", "февраля", "фев"],
    &["march", "mar", "mars", "марта", "мар"],
    &["april", "apr", "avril", "avr", "апреля", "апр"],
    &["may", "mai", "мая"],
    &["june", "jun", "juin", "июня", "июн"],
    &["july", "jul", "juillet", "juil", "июля", "июл"],
    &["august", "aug", "août", "aout", "августа", "авг"],
    &["september", "sep", "sept", "septembre", "сентября", "сен"],
    &["october", "oct", "octobre", "октября", "окт"],
    &["november", "nov", "novembre", "ноября", "ноя"],
    &["december", "dec", "décembre", "decembre", "déc", "декабря", "дек"],
];

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().position(|names| names.contains(&word.as_str())).map(|i| i as u32 + 1)
}

/// A date as a byline writes it, where the year is often left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    pub month: u32,
    pub day: u32,
    pub year: Option<i32>,
}

/// A date written in words: `July 16`, `July 16, 2021`, `16 juillet 2021`, `16 июля`, or ISO.
pub fn parse_written(text: &str) -> Option<Written> {
    if let Some(d) = Date::from_iso_prefix(text) {
        return Some(Written { month: d.month, day: d.day, year: Some(d.year) });
    }
    let (mut month, mut day, mut year) = (None, None, None);
    for word in text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()) {
        // "2021 г." (Russian "year") and ordinal suffixes ("16th") are decoration.
        if word == "г." || word == "г" {
            continue;
        }
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let n: i32 = digits.parse().ok()?;
            match digits.len() {
                1 | 2 if day.is_none() => day = Some(n as u32),
                4 if year.is_none() => year = Some(n),
                _ => return None,
            }
        } else if let (None, Some(m)) = (month, month_number(word)) {
            month = Some(m);
        } else {
            return None;
        }
    }
    let (month, day) = (month?, day?);
    // Check the day against the month (a leap year when the year is not known yet).
    Date::new(year.unwrap_or(2000), month, day)?;
    Some(Written { month, day, year })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates_in_several_languages() {
        let w = |month, day, year| Some(Written { month, day, year });
        assert_eq!(parse_written("July 16"), w(7, 16, None));
        assert_eq!(parse_written("July 16, 2021"), w(7, 16, Some(2021)));
        assert_eq!(parse_written("16 juillet 2021"), w(7, 16, Some(2021)));
        assert_eq!(parse_written("16 июля 2021 г."), w(7, 16, Some(2021)));
        assert_eq!(parse_written("Jul. 16th"), w(7, 16, None));
        assert_eq!(parse_written("2021-07-16"), w(7, 16, Some(2021)));
        assert_eq!(parse_written("February 30"), None);
        assert_eq!(parse_written("corresponding member of RANS"), None);
        assert_eq!(parse_written("July"), None);
    }

    #[test]
    fn iso_prefixes() {
        assert_eq!(
            Date::from_iso_prefix("2021-07-16T10:00:00+03:00").map(|d| d.to_string()),
            Some("2021-07-16".into())
        );
        assert_eq!(Date::from_iso_prefix("2021-02-29"), None);
        assert_eq!(Date::from_iso_prefix("2021-07-161"), None);
        assert_eq!(Date::from_iso_prefix("16/07/2021"), None);
    }
}
