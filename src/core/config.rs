//! A widget's settings, read from its mount element's attributes (SPEC section 2).

use super::{
    format::Format,
    images::parse_images_from,
    lang::is_valid_lang_tag,
    networks::{ShareTarget, DEFAULT_SHARE},
    text::Quoted,
};

/// Milliseconds before a `data-src` fetch gives up, when `data-timeout` is absent or unusable.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
/// The shortest `data-timeout` honoured: a shorter one is raised to it.
pub const MIN_TIMEOUT_MS: u32 = 1_000;
/// The longest `data-timeout` honoured (ten minutes): a longer one is lowered to it. It keeps the
/// value far below the 2^31 ms at which browsers' timers wrap around and fire at once.
pub const MAX_TIMEOUT_MS: u32 = 600_000;

/// `data-timeout`: whole milliseconds in decimal digits, kept within [`MIN_TIMEOUT_MS`] and
/// [`MAX_TIMEOUT_MS`]. Anything else (`-5`, `1.5`, `1e3`, `0x10`, `soon`) is not a number of
/// milliseconds and gives the default. This is the one reading of the attribute: the loader in
/// `embed.js` sets no timer of its own (the module's timer also stops the prefetched request).
/// `Err` carries the console warning for a value that was not used as written.
pub fn parse_timeout(value: &str) -> Result<u32, (u32, String)> {
    let digits = value.trim();
    let ms = if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // Digits past what a u32 holds are simply very large.
        digits.parse::<u32>().unwrap_or(u32::MAX).clamp(MIN_TIMEOUT_MS, MAX_TIMEOUT_MS)
    } else {
        DEFAULT_TIMEOUT_MS
    };
    if ms.to_string() == digits {
        return Ok(ms);
    }
    let why = format!(
        "data-timeout {} is not whole milliseconds from {MIN_TIMEOUT_MS} to {MAX_TIMEOUT_MS}: {ms} used",
        Quoted(value)
    );
    Err((ms, why))
}

/// `data-share`: the share targets it names (a comma list, names in any case), in its order and each
/// once; absent, the SPEC default. A name the widget does not know is skipped, and kept in `unknown`
/// for the console's warning (and for `render --share`, which refuses it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareList {
    pub targets: Vec<ShareTarget>,
    pub unknown: Vec<String>,
}

impl ShareList {
    pub fn parse(attr: Option<&str>) -> ShareList {
        let Some(list) = attr else { return ShareList::default() };
        let mut share = ShareList { targets: Vec::new(), unknown: Vec::new() };
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match ShareTarget::named(name) {
                Some(t) if !share.targets.contains(&t) => share.targets.push(t),
                Some(_) => {}
                None => share.unknown.push(name.to_string()),
            }
        }
        share
    }
}

impl Default for ShareList {
    fn default() -> Self {
        ShareList { targets: DEFAULT_SHARE.to_vec(), unknown: Vec::new() }
    }
}

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
    pub const ALL: [Theme; 4] = [Theme::Auto, Theme::Light, Theme::Dark, Theme::Sepia];

    /// Its name in `data-theme`, in saved settings and on the CLI's `--theme`.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Sepia => "sepia",
        }
    }

    /// The theme a name gives; anything else is `None`.
    pub fn named(value: &str) -> Option<Theme> {
        let value = value.trim();
        Theme::ALL.into_iter().find(|t| t.name().eq_ignore_ascii_case(value))
    }

    pub fn parse(value: Option<&str>) -> Theme {
        value.and_then(Theme::named).unwrap_or_default()
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
    pub share: ShareList,
    pub share_url: Option<String>,
    pub theme: Theme,
    pub ui_lang: Option<String>,
    pub timeout_ms: u32,
    /// `data-format`: the document's format when it must not be detected.
    pub format: Option<Format>,
    /// `data-src-<lang>`: one more document per language (WordPress posts, JSON Feed items).
    pub extra_sources: Vec<(String, String)>,
    /// `data-images-from`: the origins whose images load without the reader's click (see `images`).
    pub images_from: Vec<String>,
    /// Why an attribute was not used as written, for the console (the widget still works).
    pub warnings: Vec<String>,
}

impl Default for WidgetConfig {
    fn default() -> Self {
        WidgetConfig {
            src: None,
            lang: None,
            share: ShareList::default(),
            share_url: None,
            theme: Theme::Auto,
            ui_lang: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            format: None,
            extra_sources: Vec::new(),
            images_from: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// The attributes a widget reads, each named once.
pub const SRC: &str = "data-src";
pub const LANG: &str = "data-lang";
pub const SHARE: &str = "data-share";
pub const SHARE_URL: &str = "data-share-url";
pub const THEME: &str = "data-theme";
pub const UI_LANG: &str = "data-ui-lang";
pub const TIMEOUT: &str = "data-timeout";
pub const FORMAT: &str = "data-format";
pub const IMAGES_FROM: &str = "data-images-from";
/// The attribute that marks a pre-rendered article inside a mount element's declarative shadow
/// root (`article-reader render` writes it; the widget keeps that content on screen until its own
/// render is ready).
pub const PRERENDERED_ATTRIBUTE: &str = "data-prerendered";

/// The attributes a widget reads; the embed layer watches exactly these for changes (and the
/// `data-src-<lang>` ones it finds at mount).
pub const ATTRIBUTES: &[&str] = &[SRC, LANG, SHARE, SHARE_URL, THEME, UI_LANG, TIMEOUT, FORMAT, IMAGES_FROM];

/// The attribute that marks a mount element (`[data-article-reader]` finds them).
pub const MOUNT_ATTRIBUTE: &str = "data-article-reader";
/// The name of the global symbol (`Symbol.for(…)`) under which `embed.js` keeps the object it
/// shares with the module (`embed/browser/bridge.rs` declares its shape): one per page, however
/// many copies of the script it loads.
pub const LOADER_KEY: &str = "article-reader";
/// A widget's inline document, when it has no `data-src`: a script of [`INLINE_DOCUMENT_TYPE`],
/// child of its mount element.
pub const INLINE_DOCUMENT: &str = r#":scope > script[type="application/json"]"#;
/// The `type` of an inline document's script (`article-reader render` writes it).
pub const INLINE_DOCUMENT_TYPE: &str = "application/json";
/// The widget's stylesheet, served beside `embed.js` (linked where constructable stylesheets are
/// missing, and by `article-reader render`'s snippets).
pub const STYLESHEET_FILE: &str = "article-reader.css";
/// The bundled default article, served beside `embed.js` and fetched only by widgets that need it.
pub const DEFAULT_ARTICLE_FILE: &str = "default-article.json";

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
        let mut warnings = Vec::new();
        let timeout_ms = match get(TIMEOUT).map(|v| parse_timeout(&v)) {
            None => DEFAULT_TIMEOUT_MS,
            Some(Ok(ms)) => ms,
            Some(Err((ms, why))) => {
                warnings.push(why);
                ms
            }
        };
        let (images_from, image_warnings) = get(IMAGES_FROM).map(|v| parse_images_from(&v)).unwrap_or_default();
        warnings.extend(image_warnings);
        WidgetConfig {
            src: get(SRC),
            lang: tag(LANG),
            share: ShareList::parse(attr(SHARE).as_deref()),
            share_url: get(SHARE_URL).and_then(|u| super::url::safe_url(&u)),
            theme: Theme::parse(get(THEME).as_deref()),
            ui_lang: tag(UI_LANG),
            timeout_ms,
            format: get(FORMAT).and_then(|f| Format::parse(&f)),
            extra_sources: Vec::new(),
            images_from,
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inline_document_selector_finds_the_type_render_writes() {
        assert!(INLINE_DOCUMENT.contains(&format!(r#"[type="{INLINE_DOCUMENT_TYPE}"]"#)));
    }

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
        assert_eq!(bad_timeout.warnings.len(), 1);
    }

    #[test]
    fn share_list_follows_attribute_order_and_reports_unknowns() {
        let default = ShareList::parse(None);
        assert_eq!(default.targets, DEFAULT_SHARE);
        let names: Vec<_> = default.targets.iter().map(|t| t.id()).collect();
        assert_eq!(names, ["x", "facebook", "telegram", "whatsapp", "linkedin", "email", "copy", "native"]);
        assert!(default.unknown.is_empty());
        let share = ShareList::parse(Some(" email, X ,myspace,copy,email,rss"));
        assert_eq!(share.targets, [ShareTarget::Email, ShareTarget::X, ShareTarget::Copy]);
        assert_eq!(share.unknown, ["myspace", "rss"]);
        // Read once, with the other attributes; an empty value names no target.
        let cfg = WidgetConfig::from_attributes(|n| (n == "data-share").then(|| "telegram, Mastodon".to_string()));
        assert_eq!(cfg.share.targets, [ShareTarget::Telegram, ShareTarget::Mastodon]);
        let cfg = WidgetConfig::from_attributes(|n| (n == "data-share").then(String::new));
        assert_eq!(cfg.share, ShareList { targets: Vec::new(), unknown: Vec::new() });
    }

    #[test]
    fn timeouts_are_whole_milliseconds_within_range() {
        let read = |v: &str| parse_timeout(v).unwrap_or_else(|(ms, _)| ms);
        assert_eq!(parse_timeout(" 2500 "), Ok(2500));
        assert_eq!(parse_timeout("600000"), Ok(MAX_TIMEOUT_MS));
        // Not a number of milliseconds: the default, never an almost immediate abort.
        for junk in ["-5", "1.5", "1e3", "0x10", "+20", "15 s", "\u{661}\u{662}"] {
            assert_eq!(read(junk), DEFAULT_TIMEOUT_MS, "{junk:?}");
            assert!(parse_timeout(junk).is_err(), "{junk:?} is reported");
        }
        // Numbers outside the range are brought into it, however large (2^31 ms wraps browsers' timers).
        assert_eq!(read("0"), MIN_TIMEOUT_MS);
        assert_eq!(read("5"), MIN_TIMEOUT_MS);
        assert_eq!(read("2147483648"), MAX_TIMEOUT_MS);
        assert_eq!(read("99999999999999999999999999"), MAX_TIMEOUT_MS);
        let (_, why) = parse_timeout("1e3\n").unwrap_err();
        assert!(why.contains(r#""1e3\n""#), "the value is quoted: {why}");
    }
}
