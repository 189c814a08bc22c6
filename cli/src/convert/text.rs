//! `--from text`: a plain text page shaped like the seed article.
//!
//! ```text
//! EN|FR|RU                      page chrome (language lists, "Follow us on:"), skipped
//! Follow us on:
//! Title
//! Author, Month Day             the byline; --year gives the year when it has none
//! IRQ6532                       the article code, which becomes the document's id
//! Paragraph…                    paragraphs, separated by blank lines
//! Author, a line about them.    the closing bio, when it starts with "Author,"
//! ```

use article_reader::core::article::{Article, Block, Person, Run, Translation, SCHEMA};
use article_reader::core::lang::is_valid_lang_tag;

use super::date::{self, Date};
use super::{publication_named, Options};
use crate::failure::Failure;
use article_reader::core::runs::collapse;

/// The language when `--lang` is not given.
pub use article_reader::core::lang::FALLBACK_LANG as DEFAULT_LANG;

/// A paragraph of the page: its first line number (1-based, for messages) and its text.
#[derive(Debug)]
struct Chunk {
    line: usize,
    text: String,
}

pub fn convert(source: &str, options: &Options) -> Result<Article, Failure> {
    let chunks = chunks(source);
    let mut chunks = chunks.into_iter();
    let title = chunks.next().ok_or_else(|| Failure::invalid("the page has no text after its chrome"))?;

    let byline = chunks
        .next()
        .ok_or_else(|| Failure::invalid(format!("line {}: the title is not followed by a byline", title.line)))?;
    let (author, date::Written { month, day, year: byline_year }) = parse_byline(&byline.text).ok_or_else(|| {
        Failure::invalid(format!(
            "line {}: expected the byline \"Author, Month Day\" after the title, found {:?}",
            byline.line, byline.text
        ))
    })?;
    let year = match (byline_year, options.year) {
        (Some(a), Some(b)) if a != b => {
            return Err(Failure::invalid(format!("line {}: the byline says {a} but --year says {b}", byline.line)))
        }
        (a, b) => a.or(b),
    };
    let published = match year {
        Some(year) => Some(
            Date::new(year, month, day)
                .ok_or_else(|| {
                    Failure::invalid(format!("line {}: {year}-{month:02}-{day:02} is not a date", byline.line))
                })?
                .to_string(),
        ),
        None => {
            eprintln!("note: the byline gives no year, so \"published\" is left out (pass --year)");
            None
        }
    };

    let mut rest: Vec<Chunk> = chunks.collect();
    let code = match rest.first() {
        Some(c) if is_article_code(&c.text) => Some(rest.remove(0).text),
        _ => None,
    };
    let id = options.id.clone().or(code).ok_or_else(|| {
        Failure::invalid(format!(
            "line {}: no article code (like IRQ6532) after the byline; pass --id",
            byline.line + 1
        ))
    })?;

    let bio_prefix = format!("{author},");
    let author_bio = match rest.last() {
        Some(last) if rest.len() > 1 && last.text.starts_with(&bio_prefix) => rest.pop().map(|c| c.text),
        _ => None,
    };
    let body = rest.into_iter().map(|c| Block::Paragraph { runs: vec![Run::plain(c.text)] }).collect();

    let lang = options.lang.clone().unwrap_or_else(|| DEFAULT_LANG.to_string());
    Ok(Article {
        schema: SCHEMA.to_string(),
        id,
        published,
        author: Some(Person { name: author.clone(), url: None }),
        publication: publication_named(options.publication.as_deref()),
        default_lang: lang.clone(),
        translations: vec![Translation {
            lang,
            title: title.text,
            url: options.url.clone(),
            summary: None,
            author_name: Some(author),
            author_bio,
            body,
        }],
    })
}

/// The page's paragraphs after the leading chrome: blank lines separate them, and the lines of one
/// paragraph are joined, with white space (U+00A0 included) collapsed.
fn chunks(source: &str) -> Vec<Chunk> {
    let mut lines = source.lines().enumerate().map(|(i, l)| (i + 1, collapse(l))).peekable();
    while lines.next_if(|(_, l)| l.is_empty() || is_chrome(l)).is_some() {}

    let mut out: Vec<Chunk> = Vec::new();
    let mut current: Option<Chunk> = None;
    for (number, line) in lines {
        match (&mut current, line.is_empty()) {
            (Some(_), true) => out.extend(current.take()),
            (None, true) => {}
            (Some(chunk), false) => {
                chunk.text.push(' ');
                chunk.text.push_str(&line);
            }
            (None, false) => current = Some(Chunk { line: number, text: line }),
        }
    }
    out.extend(current);
    out
}

/// Page chrome: a list of language switches (`EN|FR|RU`, `en / fr`) or a short label ending in a
/// colon (`Follow us on:`, `Share:`), whose links did not survive the copy to text.
fn is_chrome(line: &str) -> bool {
    let parts: Vec<&str> = line.split(['|', '/']).map(str::trim).collect();
    let language_list = parts.len() >= 2 && parts.iter().all(|p| p.len() <= 6 && is_valid_lang_tag(p));
    let label = line.ends_with(':') && line.chars().count() <= 40 && line.split_whitespace().count() <= 5;
    language_list || label
}

/// `Viktor Mikhin, July 16` → the author and the date; a leading "By " is dropped.
fn parse_byline(text: &str) -> Option<(String, date::Written)> {
    let (author, when) = text.split_once(',')?;
    let author = author.trim();
    let author = author.strip_prefix("By ").or_else(|| author.strip_prefix("by ")).unwrap_or(author).trim();
    if author.is_empty() {
        return None;
    }
    Some((author.to_string(), date::parse_written(when)?))
}

/// An article code is one short token of letters and digits, with at least one of each: `IRQ6532`.
fn is_article_code(text: &str) -> bool {
    (3..=32).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && text.bytes().any(|b| b.is_ascii_digit())
        && text.bytes().any(|b| b.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "EN|FR|RU\nFollow us on:\n\nA Title\n\nJane Doe, March 3\n\nABC123\n\nFirst\nparagraph.\n\n\
                        Second\u{a0}\u{a0} paragraph.\n\nJane Doe, a writer.\n";

    fn opts(year: Option<i32>) -> Options {
        Options { year, ..Options::default() }
    }

    #[test]
    fn chrome_is_skipped_and_the_parts_are_found() {
        let a = convert(PAGE, &opts(Some(2020))).unwrap();
        assert_eq!(a.id, "ABC123");
        assert_eq!(a.published.as_deref(), Some("2020-03-03"));
        let t = &a.translations[0];
        assert_eq!((t.lang.as_str(), t.title.as_str()), ("en", "A Title"));
        assert_eq!(t.author_bio.as_deref(), Some("Jane Doe, a writer."));
        let texts: Vec<_> = t.body.iter().map(|b| b.plain_text()).collect();
        // No-break spaces beside ordinary white space are part of it (core::runs).
        assert_eq!(texts, ["First paragraph.", "Second paragraph."]);
    }

    #[test]
    fn the_year_is_optional_and_must_agree() {
        assert_eq!(convert(PAGE, &opts(None)).unwrap().published, None);
        let dated = PAGE.replace("March 3", "March 3, 2019");
        assert_eq!(convert(&dated, &opts(None)).unwrap().published.as_deref(), Some("2019-03-03"));
        assert!(convert(&dated, &opts(Some(2020))).is_err());
    }

    #[test]
    fn a_missing_byline_or_code_is_explained() {
        let Err(Failure::Invalid(m)) = convert("Title\n\nNot a byline\n", &opts(None)) else { panic!() };
        assert!(m[0].starts_with("line 3: expected the byline"), "{m:?}");
        let no_code = PAGE.replace("ABC123\n\n", "");
        let Err(Failure::Invalid(m)) = convert(&no_code, &opts(None)) else { panic!() };
        assert!(m[0].contains("pass --id"), "{m:?}");
        let with_id = Options { id: Some("X1".into()), ..opts(None) };
        assert_eq!(convert(&no_code, &with_id).unwrap().id, "X1");
    }

    #[test]
    fn chrome_detection() {
        assert!(is_chrome("EN|FR|RU"));
        assert!(is_chrome("en / fr / pt-BR"));
        assert!(is_chrome("Follow us on:"));
        assert!(!is_chrome("Iraq – Caught in the “Friendly” Embrace of the US Python"));
        assert!(!is_chrome("In Iraq there is a saying, which has become something of a proverb:"));
    }
}
