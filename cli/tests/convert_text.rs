//! `article-reader convert --from text`: the seed page becomes the bundled English translation.

mod common;

use std::fs;

use article_reader::core::validate::parse_article;
use common::{convert, fixture, run, stderr};

/// The project's copy of the seed page (content/seed/; tests/default_article.rs checks it against
/// the shared original).
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../content/seed/article-en.txt");

#[test]
fn the_seed_page_converts_to_the_bundled_english_translation() {
    let converted = convert(&["convert", "--from", "text", SEED, "--year", "2021"]);
    let bundled = parse_article(include_str!("../../content/default-article.json")).unwrap().article;

    assert_eq!(converted.id, "IRQ6532");
    assert_eq!(converted.id, bundled.id);
    assert_eq!(converted.published.as_deref(), Some("2021-07-16"));
    assert_eq!(converted.published, bundled.published);
    assert_eq!(converted.author, bundled.author);
    assert_eq!(converted.default_lang, "en");

    let (got, want) = (converted.translation("en").unwrap(), bundled.translation("en").unwrap());
    assert_eq!(got.title, want.title);
    assert_eq!(got.body.len(), 9);
    assert_eq!(got.body, want.body);
    assert_eq!(got.author_bio, want.author_bio);
    assert_eq!(got.author_name, want.author_name);
}

#[test]
fn options_fill_url_publication_and_language() {
    let a = convert(&[
        "convert",
        "--from",
        "text",
        SEED,
        "--year",
        "2021",
        "--lang",
        "en-GB",
        "--url",
        "https://journal-neo.su/2021/07/16/iraq/",
        "--publication",
        "New Eastern Outlook",
    ]);
    assert_eq!(a.default_lang, "en-GB");
    assert_eq!(a.publication.unwrap().name, "New Eastern Outlook");
    assert_eq!(a.translations[0].url.as_deref(), Some("https://journal-neo.su/2021/07/16/iraq/"));
}

#[test]
fn output_file_is_written_and_validates() {
    let out_file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("seed-en.json");
    let path = out_file.display().to_string();
    let out = run(&["convert", "--from", "text", SEED, "--year", "2021", "-o", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("(1 translation: en)"));
    let written = fs::read_to_string(&out_file).unwrap();
    assert!(parse_article(&written).is_ok());
    // Plain paragraphs use the short form people write by hand.
    assert!(written.contains("\"type\": \"paragraph\",\n          \"text\": "), "{written}");
    let validated = run(&["validate", &path]);
    assert_eq!(validated.status.code(), Some(0));
}

#[test]
fn an_invalid_result_is_not_written() {
    // A language tag the core refuses: the problems go to stderr, nothing to stdout.
    let out = run(&["convert", "--from", "text", SEED, "--year", "2021", "--lang", "english"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("translations.english: \"english\" is not a language tag"), "{}", stderr(&out));
}

#[test]
fn misuse_and_unreadable_input_exit_with_2() {
    let md = fixture("markdown/walk.en.md");
    assert_eq!(run(&["convert", "--from", "markdown", &md, "--year", "2021"]).status.code(), Some(2));
    assert_eq!(run(&["convert", "--from", "text", SEED, SEED]).status.code(), Some(2));
    assert_eq!(run(&["convert", "--from", "text", "no-such-page.txt"]).status.code(), Some(2));
    assert_eq!(run(&["convert", "--from", "pdf", SEED]).status.code(), Some(2));
}
