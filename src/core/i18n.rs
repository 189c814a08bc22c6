//! The widget's own labels ("Share", "Copy link", errors…) in each UI language.
//!
//! The words live in `locales/<lang>.json`, one file per language that a translator edits without
//! reading Rust; build.rs turns them into the typed constants included here.

use super::lang::base_lang;

include!(concat!(env!("OUT_DIR"), "/ui_strings.rs"));

/// The strings for `tag` (`pt-BR` uses `pt`), English when the language has no file.
pub fn ui_strings(tag: &str) -> &'static UiStrings {
    let base = base_lang(tag);
    let find = |lang: &str| LOCALES.iter().find(|s| s.lang.eq_ignore_ascii_case(lang));
    // build.rs requires locales/en.json, so the last fallback always finds it.
    find(tag).or_else(|| find(&base)).or_else(|| find(super::lang::FALLBACK_LANG)).unwrap_or(&LOCALES[0])
}

/// Each language's strings are one entry of the static [`LOCALES`] table, so two are the same
/// strings exactly when they are the same entry: components compare their `ui` by address instead
/// of field by field.
impl PartialEq for UiStrings {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for UiStrings {}

/// Fills `{name}` placeholders in a UI string.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_languages_are_present_and_fall_back_to_english() {
        for lang in ["en", "fr", "ru", "de", "es", "ar"] {
            assert_eq!(ui_strings(lang).lang, lang);
        }
        assert_eq!(ui_strings("fr-CA").copy_link, "Copier le lien");
        assert_eq!(ui_strings("ja").copy_link, "Copy link");
        assert_eq!(fill(ui_strings("ru").min_read, &[("minutes", "7")]), "7 мин чтения");
    }

    #[test]
    fn every_translation_keeps_its_placeholders() {
        for s in LOCALES {
            assert!(s.share_on.contains("{network}"), "{}", s.lang);
            assert!(s.min_read.contains("{minutes}"), "{}", s.lang);
            assert!(s.error_status.contains("{status}"), "{}", s.lang);
            assert!(s.now_reading.contains("{language}"), "{}", s.lang);
            assert!(s.by_author.contains("{author}"), "{}", s.lang);
        }
    }
}
