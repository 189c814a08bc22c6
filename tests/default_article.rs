//! The bundled default article: faithful to the seed text, complete in every language.

use article_reader::core::{article::Block, validate::parse_article};

const DEFAULT_ARTICLE: &str = include_str!("../content/default-article.json");

fn paragraphs(lang: &str) -> Vec<String> {
    let article = parse_article(DEFAULT_ARTICLE).expect("valid").article;
    let t = article.translation(lang).expect("translation");
    t.body
        .iter()
        .map(|b| match b {
            Block::Paragraph { .. } => b.plain_text(),
            other => panic!("unexpected block {other:?}"),
        })
        .collect()
}

/// Collapses every run of white space (including no-break spaces) to one space.
fn normalized(text: &str) -> String {
    text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The numbers of a text, thousands separators removed (`15,000` and `15 000` are both 15000).
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let joins = matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
            && chars.get(i + 4).is_none_or(|n| !n.is_ascii_digit());
        if c.is_ascii_digit() {
            current.push(*c);
        } else if !joins && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.sort();
    out
}

/// The project's copy of the English source page, the text the translations were made from.
const SEED: &str = include_str!("../content/seed/article-en.txt");

/// The copy is the shared original, where the shared folder sits beside the project (as in CI).
#[test]
fn the_seed_copy_is_the_shared_original() {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed/article-en.txt");
    match std::fs::read_to_string(shared) {
        Ok(original) => assert_eq!(SEED, original, "refresh content/seed/article-en.txt from {shared}"),
        Err(_) => eprintln!("{shared} is not beside the project; checked the project's copy only"),
    }
}

#[test]
fn english_is_the_seed_text_word_for_word() {
    let seed = SEED;
    let lines: Vec<String> = seed.lines().map(normalized).filter(|l| !l.is_empty()).collect();
    // Page chrome, title, byline, code, nine paragraphs, bio.
    assert_eq!(lines.len(), 15, "{lines:#?}");
    let article = parse_article(DEFAULT_ARTICLE).unwrap().article;
    let en = article.translation("en").unwrap();
    assert_eq!(normalized(&en.title), lines[2]);
    assert_eq!(lines[3], "Viktor Mikhin, July 16");
    assert_eq!(article.published.as_deref(), Some("2021-07-16"));
    assert_eq!(lines[4], article.id);
    let body: Vec<String> = paragraphs("en").iter().map(|p| normalized(p)).collect();
    assert_eq!(body, lines[5..14]);
    assert_eq!(normalized(en.author_bio.as_deref().unwrap()), lines[14]);
}

#[test]
fn translations_are_complete_and_keep_every_number() {
    let en = paragraphs("en");
    for lang in ["fr", "ru"] {
        let translated = paragraphs(lang);
        assert_eq!(translated.len(), 9, "{lang}");
        for (i, (source, target)) in en.iter().zip(&translated).enumerate() {
            assert_eq!(numbers(source), numbers(target), "{lang} paragraph {}", i + 1);
            // A translation is not much shorter than its source: nothing was left out.
            let ratio = target.chars().count() as f64 / source.chars().count() as f64;
            assert!((0.85..1.6).contains(&ratio), "{lang} paragraph {} length ratio {ratio:.2}", i + 1);
        }
    }
}
