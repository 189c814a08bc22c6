//! Text utilities: word counts, reading time, and quoting untrusted text in messages.

use std::fmt::{self, Write};

use super::article::Translation;
use super::lang::base_lang;

/// How every console message of the widget begins (the module's, the adapters' and `embed.js`'s,
/// which gets it through `core::loader_table`), so that a publisher can filter them. A macro, so
/// that `format!(concat!(console_prefix!(), "…"))` keeps it a literal piece of the message.
#[macro_export]
macro_rules! console_prefix {
    () => {
        "article-reader: "
    };
}

/// [`console_prefix!`] as a constant.
pub const CONSOLE_PREFIX: &str = console_prefix!();

/// Whether a text has nothing to show: only white space, the no-break space included. The one
/// rule of what counts as empty text: the validator refuses such a text, and the HTML allow-list
/// never writes one.
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// Untrusted text in double quotes, for error and console messages: `"`, `\` and control
/// characters escaped as Rust's `{:?}` escapes them, and so are the invisible characters that could
/// disguise a message (bidirectional controls, zero-width characters), which `{:?}` also escapes.
/// The release build prints no `Debug` output (`-Zfmt-debug=none`, docs/size.md), so the widget's
/// messages quote with this rather than with `{:?}`.
pub struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                '\0' => f.write_str("\\0")?,
                c if c.is_control() || is_invisible(c) => write!(f, "\\u{{{:x}}}", u32::from(c))?,
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

/// Format characters that change how the text around them shows, or show nothing themselves.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

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

/// Words in `text`: what lies between spaces or dashes (— and –) and holds at least one letter or
/// digit ("–" and "?" are not words, "“Friendly”" and "2021," are).
///
/// One pass, ASCII a byte at a time and other characters decoded where they start: a long article's
/// reading time is counted before its first screen is drawn, and in a module built for size a
/// split into words cost 3.8 times the instructions (BENCHMARKS.md).
pub fn word_count(text: &str) -> usize {
    let mut words = 0;
    // Whether the word being read has been counted (it has a letter or digit).
    let mut counted = false;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let (separator, letter) = match b {
            b' ' | b'\t'..=b'\r' => (true, false),
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => (false, true),
            // Other ASCII, and the bytes that continue a character decoded at its first.
            0..=0xbf => (false, false),
            _ => match text[i..].chars().next() {
                Some(c) => (c.is_whitespace() || c == '—' || c == '–', c.is_alphanumeric()),
                None => (false, false),
            },
        };
        if separator {
            counted = false;
        } else if letter && !counted {
            words += 1;
            counted = true;
        }
    }
    words
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
    fn quotes_like_debug_and_escapes_what_could_disguise_a_message() {
        for text in [
            "plain",
            "",
            "with \"quotes\" and \\ backslash",
            "line\nbreak\ttab\r\0",
            "\u{7}bell",
            "accents é ü ß",
            "кириллица",
            "日本語",
            "emoji 🎉",
        ] {
            assert_eq!(Quoted(text).to_string(), format!("{text:?}"), "{text}");
        }
        // Bidirectional overrides and zero-width characters would reorder or hide the rest.
        assert_eq!(Quoted("a\u{202e}b\u{200b}c\u{feff}").to_string(), r#""a\u{202e}b\u{200b}c\u{feff}""#);
        assert_eq!(format!("{:?}", "a\u{202e}b\u{200b}c\u{feff}"), r#""a\u{202e}b\u{200b}c\u{feff}""#);
    }

    #[test]
    fn the_one_pass_count_is_the_split_into_words() {
        // The definition, as it was written before the count was made one pass.
        let by_split = |text: &str| {
            text.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        let seed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/default-article.json"));
        let mut texts = vec![
            String::new(),
            " \t\n\x0b\x0c\r ".into(),
            "a\tb\nc\x0bd\x0ce\rf g".into(),
            "a\u{a0}b\u{85}c\u{2003}d\u{3000}e".into(),
            "x—y–z - w".into(),
            "« Déjà vu » — 42 ! ¿Qué? ١٢٣ 日本語のテキスト".into(),
            "\u{1F600} 🎉emoji\u{200b}joined".into(),
        ];
        texts.extend(seed.expect("the default article").split('"').map(str::to_string));
        for text in &texts {
            assert_eq!(word_count(text), by_split(text), "{}", Quoted(text));
        }
    }

    #[test]
    fn counts_words_not_punctuation() {
        assert_eq!(word_count("Iraq – Caught in the “Friendly” Embrace"), 6);
        assert_eq!(word_count("нефть — наше богатство, нефть — наше бремя."), 6);
        assert_eq!(word_count("  « amicale »  "), 1);
        assert_eq!(word_count(""), 0);
    }
}
