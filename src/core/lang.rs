//! Language tags: validation, names, writing direction and the choice of the initial language.

/// The language of a document that names none, and of the UI when no table matches: English,
/// as the SPEC's fallback.
pub const FALLBACK_LANG: &str = "en";

/// A loose BCP 47 check: a 2–3 letter primary language, then subtags of 1–8 letters or digits.
/// Enough to refuse garbage and markup; the browser is the judge of finer points.
pub fn is_valid_lang_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok =
        parts.next().is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The primary language subtag, lower-cased: `pt` for `pt-BR`.
pub fn base_lang(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_ascii_lowercase()
}

/// Languages written right to left.
pub fn is_rtl(tag: &str) -> bool {
    matches!(base_lang(tag).as_str(), "ar" | "he" | "iw" | "fa" | "ur" | "ps" | "sd" | "yi" | "dv" | "ckb" | "ug")
}

/// `"rtl"` or `"ltr"`, for the `dir` attribute.
pub fn dir(tag: &str) -> &'static str {
    if is_rtl(tag) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The language's own name for itself, as the toggle shows it (never a flag).
/// Unknown languages show their tag, upper-cased, which is still unambiguous.
pub fn autonym(tag: &str) -> String {
    let name = match base_lang(tag).as_str() {
        "ar" => "العربية",
        "bg" => "Български",
        "cs" => "Čeština",
        "da" => "Dansk",
        "de" => "Deutsch",
        "el" => "Ελληνικά",
        "en" => "English",
        "es" => "Español",
        "fa" => "فارسی",
        "fi" => "Suomi",
        "fr" => "Français",
        "he" => "עברית",
        "hi" => "हिन्दी",
        "hu" => "Magyar",
        "hy" => "Հայերեն",
        "id" => "Bahasa Indonesia",
        "it" => "Italiano",
        "ja" => "日本語",
        "ka" => "ქართული",
        "kk" => "Қазақ тілі",
        "ko" => "한국어",
        "ku" => "Kurdî",
        "nl" => "Nederlands",
        "no" | "nb" => "Norsk",
        "pl" => "Polski",
        "pt" => "Português",
        "ro" => "Română",
        "ru" => "Русский",
        "sr" => "Српски",
        "sv" => "Svenska",
        "tr" => "Türkçe",
        "uk" => "Українська",
        "ur" => "اردو",
        "uz" => "Oʻzbekcha",
        "vi" => "Tiếng Việt",
        "zh" => "中文",
        _ => return tag.to_ascii_uppercase(),
    };
    name.to_string()
}

/// Where a language preference came from, in the order SPEC section 4 gives them precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    DeepLink,
    Saved,
    Attribute,
    Browser,
    Default,
}

/// The reader's preferences, gathered by the embedding layer, strongest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preferences {
    /// `reader-lang` from the page URL's query or fragment.
    pub deep_link: Option<String>,
    /// The reader's saved choice for this publication.
    pub saved: Option<String>,
    /// The mount element's `data-lang`.
    pub attribute: Option<String>,
    /// `navigator.languages`, in the browser's order.
    pub browser: Vec<String>,
}

/// Picks the initial language: the first preference, in SPEC order, that the article has.
///
/// Each preference is tried exactly first, then by its base language (`pt-BR` finds `pt`), then as
/// a base for a regional translation (`pt` finds `pt-BR`), before the next preference is tried.
/// Falls back to `default_lang`. Returns an index into `available`.
pub fn negotiate(available: &[String], default_lang: &str, prefs: &Preferences) -> (usize, Source) {
    let singles = [
        (prefs.deep_link.as_deref(), Source::DeepLink),
        (prefs.saved.as_deref(), Source::Saved),
        (prefs.attribute.as_deref(), Source::Attribute),
    ];
    let candidates = singles
        .into_iter()
        .filter_map(|(tag, source)| tag.map(|t| (t, source)))
        .chain(prefs.browser.iter().map(|t| (t.as_str(), Source::Browser)));
    for (wanted, source) in candidates {
        if let Some(i) = best_match(available, wanted) {
            return (i, source);
        }
    }
    let default = available.iter().position(|a| a.eq_ignore_ascii_case(default_lang)).unwrap_or(0);
    (default, Source::Default)
}

/// The index of the translation that best serves a reader who wants `wanted`.
pub fn best_match(available: &[String], wanted: &str) -> Option<usize> {
    if !is_valid_lang_tag(wanted) {
        return None;
    }
    let base = base_lang(wanted);
    available
        .iter()
        .position(|a| a.eq_ignore_ascii_case(wanted))
        .or_else(|| available.iter().position(|a| a.eq_ignore_ascii_case(&base)))
        .or_else(|| available.iter().position(|a| base_lang(a) == base))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tags_are_checked() {
        for ok in ["en", "fr", "pt-BR", "zh-Hant-TW", "ckb", "es-419"] {
            assert!(is_valid_lang_tag(ok), "{ok}");
        }
        for bad in ["", "e", "english", "en_US", "en-", "<script>", "fr-toolongsubtag", "1a"] {
            assert!(!is_valid_lang_tag(bad), "{bad}");
        }
    }

    #[test]
    fn names_and_directions() {
        assert_eq!(autonym("fr"), "Français");
        assert_eq!(autonym("ru"), "Русский");
        assert_eq!(autonym("pt-BR"), "Português");
        assert_eq!(autonym("xx"), "XX");
        assert_eq!(dir("ar"), "rtl");
        assert_eq!(dir("fa-IR"), "rtl");
        assert_eq!(dir("ru"), "ltr");
    }

    #[test]
    fn negotiation_follows_spec_order() {
        let available = langs(&["en", "fr", "ru"]);
        let all = Preferences {
            deep_link: Some("ru".into()),
            saved: Some("fr".into()),
            attribute: Some("en".into()),
            browser: langs(&["fr"]),
        };
        assert_eq!(negotiate(&available, "en", &all), (2, Source::DeepLink));
        let no_link = Preferences { deep_link: Some("de".into()), ..all.clone() };
        assert_eq!(negotiate(&available, "en", &no_link), (1, Source::Saved));
        let attr = Preferences { deep_link: None, saved: None, ..all.clone() };
        assert_eq!(negotiate(&available, "en", &attr), (0, Source::Attribute));
        let browser = Preferences { browser: langs(&["de-DE", "ru-RU", "fr"]), ..Default::default() };
        assert_eq!(negotiate(&available, "en", &browser), (2, Source::Browser));
        let none = Preferences { browser: langs(&["ja"]), ..Default::default() };
        assert_eq!(negotiate(&available, "fr", &none), (1, Source::Default));
    }

    #[test]
    fn regional_tags_fall_back_both_ways() {
        assert_eq!(best_match(&langs(&["en", "pt"]), "pt-BR"), Some(1));
        assert_eq!(best_match(&langs(&["en", "pt-PT", "pt-BR"]), "pt-BR"), Some(2));
        assert_eq!(best_match(&langs(&["en", "pt-BR"]), "pt"), Some(1));
        assert_eq!(best_match(&langs(&["en"]), "de"), None);
    }
}
