//! A widget's settings, read from its mount element's attributes (SPEC section 2).

use super::{adapters::Format, lang::is_valid_lang_tag};

/// Milliseconds before a `data-src` fetch gives up, when `data-timeout` is absent or unusable.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// The colour theme of a widget (`data-theme`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows the reader's `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
    Sepia,
}

impl Theme {
    pub fn parse(value: Option<&str>) -> Theme {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            Some("sepia") => Theme::Sepia,
            _ => Theme::Auto,
        }
    }

    /// The CSS class that selects the theme's colours.
    pub fn class(self) -> &'static str {
        match self {
            Theme::Auto => "theme-auto",
            Theme::Light => "theme-light",
            Theme::Dark => "theme-dark",
            Theme::Sepia => "theme-sepia",
        }
    }
}

/// Everything a host can set on one widget. Values are trimmed; unusable ones become defaults
/// (an invalid `data-lang` is ignored rather than shown as an error: the article still reads).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetConfig {
    pub src: Option<String>,
    pub lang: Option<String>,
    pub share: Option<String>,
    pub share_url: Option<String>,
    pub theme: Theme,
    pub ui_lang: Option<String>,
    pub timeout_ms: u32,
    /// `data-format`: the document's format when it must not be detected.
    pub format: Option<Format>,
    /// `data-src-<lang>`: one more document per language (WordPress posts, JSON Feed items).
    pub extra_sources: Vec<(String, String)>,
}

impl Default for WidgetConfig {
    fn default() -> Self {
        WidgetConfig {
            src: None,
            lang: None,
            share: None,
            share_url: None,
            theme: Theme::Auto,
            ui_lang: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            format: None,
            extra_sources: Vec::new(),
        }
    }
}

/// The attributes a widget reads; the embed layer watches exactly these for changes (and the
/// `data-src-<lang>` ones it finds at mount).
pub const ATTRIBUTES: &[&str] = &[
    "data-src",
    "data-lang",
    "data-share",
    "data-share-url",
    "data-theme",
    "data-ui-lang",
    "data-timeout",
    "data-format",
];

/// The prefix of the per-language source attributes (`data-src-fr`).
pub const SOURCE_PREFIX: &str = "data-src-";

impl WidgetConfig {
    /// Reads the settings through `attr`, which returns an attribute's value when present;
    /// `names` lists the element's attribute names (for the `data-src-<lang>` ones).
    pub fn from_element(names: &[String], attr: impl Fn(&str) -> Option<String>) -> WidgetConfig {
        let mut config = WidgetConfig::from_attributes(&attr);
        config.extra_sources = names
            .iter()
            .filter_map(|n| Some((n.strip_prefix(SOURCE_PREFIX)?.to_string(), attr(n)?)))
            .filter(|(lang, url)| is_valid_lang_tag(lang) && !url.trim().is_empty())
            .map(|(lang, url)| (lang, url.trim().to_string()))
            .collect();
        config
    }

    /// Reads the settings through `attr`, which returns an attribute's value when present.
    pub fn from_attributes(attr: impl Fn(&str) -> Option<String>) -> WidgetConfig {
        let get = |name: &str| attr(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let tag = |name: &str| get(name).filter(|v| is_valid_lang_tag(v));
        WidgetConfig {
            src: get("data-src"),
            lang: tag("data-lang"),
            share: attr("data-share"),
            share_url: get("data-share-url").and_then(|u| super::url::safe_url(&u)),
            theme: Theme::parse(get("data-theme").as_deref()),
            ui_lang: tag("data-ui-lang"),
            timeout_ms: get("data-timeout")
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|ms| *ms > 0)
                .unwrap_or(DEFAULT_TIMEOUT_MS),
            format: get("data-format").and_then(|f| Format::parse(&f)),
            extra_sources: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_attributes_with_defaults() {
        let cfg = WidgetConfig::from_attributes(|name| match name {
            "data-src" => Some(" /a.json ".into()),
            "data-lang" => Some("pt-BR".into()),
            "data-theme" => Some("Dark".into()),
            "data-timeout" => Some("2500".into()),
            "data-share-url" => Some("javascript:alert(1)".into()),
            "data-ui-lang" => Some("<b>".into()),
            _ => None,
        });
        assert_eq!(cfg.src.as_deref(), Some("/a.json"));
        assert_eq!(cfg.lang.as_deref(), Some("pt-BR"));
        assert_eq!(cfg.theme, Theme::Dark);
        assert_eq!(cfg.timeout_ms, 2500);
        assert_eq!(cfg.share_url, None);
        assert_eq!(cfg.ui_lang, None);
        let none = WidgetConfig::from_attributes(|_| None);
        assert_eq!(none, WidgetConfig::default());
        let names: Vec<String> = ["data-src", "data-src-fr", "data-src-<x>", "data-format"].map(String::from).into();
        let cfg = WidgetConfig::from_element(&names, |n| match n {
            "data-src" => Some("/wp/42".into()),
            "data-src-fr" => Some(" /wp/43 ".into()),
            "data-src-<x>" => Some("/evil".into()),
            "data-format" => Some("WordPress".into()),
            _ => None,
        });
        assert_eq!(cfg.extra_sources, vec![("fr".to_string(), "/wp/43".to_string())]);
        assert_eq!(cfg.format, Some(Format::WordPress));
        let bad_timeout = WidgetConfig::from_attributes(|n| (n == "data-timeout").then(|| "soon".to_string()));
        assert_eq!(bad_timeout.timeout_ms, DEFAULT_TIMEOUT_MS);
    }
}
