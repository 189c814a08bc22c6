//! Text utilities: word counts and reading time.

use super::article::Translation;
use super::lang::base_lang;

/// Average silent reading speed in words per minute, by language.
///
/// Figures from Trauzettel-Klosinski & Dietz (2012), "Standardized Assessment of Reading
/// Performance: The New International Reading Speed Texts IReST", which measured the same texts
/// in 17 languages; languages it did not measure use 200.
pub fn words_per_minute(lang: &str) -> u32 {
    match base_lang(lang).as_str() {
        "en" => 228,
        "fr" => 195,
        "ru" => 184,
        "de" => 179,
        "es" => 218,
        "it" => 188,
        "pt" => 181,
        "nl" => 202,
        "pl" => 166,
        "sv" => 199,
        "fi" => 161,
        "tr" => 166,
        "ar" => 138,
        "he" => 187,
        _ => 200,
    }
}

/// Words in `text`, counting runs of letters or digits separated by spaces or punctuation.
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Estimated minutes to read a translation (title and body), at least one.
pub fn reading_minutes(t: &Translation) -> u32 {
    let words: usize = word_count(&t.title) + t.body.iter().map(|b| word_count(&b.plain_text())).sum::<usize>();
    let wpm = words_per_minute(&t.lang) as usize;
    words.div_ceil(wpm).max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_not_punctuation() {
        assert_eq!(word_count("Iraq – Caught in the “Friendly” Embrace"), 6);
        assert_eq!(word_count("нефть — наше богатство, нефть — наше бремя."), 6);
        assert_eq!(word_count("  « amicale »  "), 1);
        assert_eq!(word_count(""), 0);
    }
}
