//! The reader's comfort settings (text size, theme, line width), remembered across articles.

use super::config::Theme;

/// Text size steps, as CSS classes; index 1 is the publisher's size.
pub const TEXT_SIZES: [&str; 5] = ["size-0", "size-1", "size-2", "size-3", "size-4"];
/// The publisher's size.
pub const DEFAULT_TEXT_SIZE: usize = 1;

/// The measure of the reading column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Measure {
    Narrow,
    /// The publisher's `--reader-max-width`.
    #[default]
    Normal,
    Wide,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Narrow, Measure::Normal, Measure::Wide];

    pub fn class(self) -> &'static str {
        match self {
            Measure::Narrow => "measure-narrow",
            Measure::Normal => "measure-normal",
            Measure::Wide => "measure-wide",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Measure::Narrow => "narrow",
            Measure::Normal => "normal",
            Measure::Wide => "wide",
        }
    }
}

/// What a reader chose; `theme: None` keeps the host's `data-theme`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadingPrefs {
    pub text_size: usize,
    pub theme: Option<Theme>,
    pub measure: Measure,
}

impl Default for ReadingPrefs {
    fn default() -> Self {
        ReadingPrefs { text_size: DEFAULT_TEXT_SIZE, theme: None, measure: Measure::Normal }
    }
}

impl ReadingPrefs {
    /// The stored form: `size=2;theme=dark;measure=wide`.
    pub fn to_setting(self) -> String {
        let theme = self.theme.map_or("host", Theme::name);
        format!("size={};theme={theme};measure={}", self.text_size, self.measure.name())
    }

    /// Reads the stored form; anything unreadable keeps its default.
    pub fn from_setting(stored: &str) -> ReadingPrefs {
        let mut prefs = ReadingPrefs::default();
        for (key, value) in stored.split(';').filter_map(|kv| kv.split_once('=')) {
            match key {
                "size" => {
                    if let Some(n) = value.parse::<usize>().ok().filter(|n| *n < TEXT_SIZES.len()) {
                        prefs.text_size = n;
                    }
                }
                "theme" => prefs.theme = (value != "host").then(|| Theme::parse(Some(value))),
                "measure" => prefs.measure = Measure::ALL.into_iter().find(|m| m.name() == value).unwrap_or_default(),
                _ => {}
            }
        }
        prefs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_tolerate_garbage() {
        let prefs = ReadingPrefs { text_size: 3, theme: Some(Theme::Sepia), measure: Measure::Wide };
        assert_eq!(ReadingPrefs::from_setting(&prefs.to_setting()), prefs);
        assert_eq!(ReadingPrefs::from_setting(&ReadingPrefs::default().to_setting()), ReadingPrefs::default());
        assert_eq!(
            ReadingPrefs::from_setting("size=99;theme=<x>;measure=huge;junk"),
            ReadingPrefs { theme: Some(Theme::Auto), ..ReadingPrefs::default() }
        );
    }
}
