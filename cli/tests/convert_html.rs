//! `article-reader convert --from html`: JSON-LD metadata, an allow-listed body, nothing hostile.

mod common;

use article_reader::core::article::{Article, Block, Person, Run};
use article_reader::core::validate::parse_article;
use common::{convert, fixture, run};

#[test]
fn json_ld_gives_title_author_date_and_more() {
    let a = convert(&["convert", "--from", "html", &fixture("html/harbour.html")]);
    assert_eq!(a.id, "CT-2023-0914");
    assert_eq!(a.published.as_deref(), Some("2023-09-14"));
    assert_eq!(
        a.author,
        Some(Person { name: "Sam Rivera".into(), url: Some("https://coastal.example/authors/sam".into()) })
    );
    let publication = a.publication.unwrap();
    assert_eq!(
        (publication.name.as_str(), publication.url.as_deref()),
        ("Coastal Times", Some("https://coastal.example"))
    );
    assert_eq!(a.default_lang, "en-GB");
    let t = &a.translations[0];
    assert_eq!(t.title, "The Harbour Reopens After Two Years");
    assert_eq!(t.url.as_deref(), Some("https://coastal.example/2023/09/harbour-reopens"));
    assert_eq!(t.summary.as_deref(), Some("After two years of works, the harbour is open again."));
    assert_eq!(t.author_name.as_deref(), Some("Sam Rivera"));
}

#[test]
fn the_article_element_becomes_allow_listed_blocks() {
    let a = convert(&["convert", "--from", "html", &fixture("html/harbour.html")]);
    let plain = Run::plain;
    let expected = vec![
        Block::Paragraph {
            runs: vec![
                plain("After "),
                // A space beside a styled run goes to the plain run next to it (core::runs).
                Run { strong: true, ..plain("two years") },
                plain(" of works, the "),
                // Relative links resolve against the article's URL.
                Run { href: Some("https://coastal.example/harbour".into()), ..plain("harbour") },
                plain(" is "),
                Run { em: true, ..plain("open") },
                // `&nbsp;` stays a no-break space, as the author wrote it.
                plain("\u{a0}again."),
            ],
        },
        Block::Heading { text: "What changed".into() },
        Block::List { ordered: false, items: vec!["A longer quay".into(), "New cranes".into()] },
        Block::Quote { text: "We are ready for the ships.".into(), cite: Some("The harbour master".into()) },
        Block::Image {
            src: "https://coastal.example/img/harbour.jpg".into(),
            alt: "The new quay".into(),
            caption: Some("The new quay at dawn.".into()),
        },
        Block::List { ordered: true, items: vec!["Boats return".into(), "Markets reopen".into()] },
        Block::Paragraph { runs: vec![plain("Ships are expected from Monday.")] },
    ];
    // The <h1> repeats the title and the header's byline is page furniture: neither is body text.
    assert_eq!(a.translations[0].body, expected);
}

#[test]
fn command_line_options_override_the_page() {
    let a = convert(&[
        "convert",
        "--from",
        "html",
        &fixture("html/harbour.html"),
        "--lang",
        "en",
        "--id",
        "HARBOUR1",
        "--publication",
        "The Coast",
    ]);
    assert_eq!((a.default_lang.as_str(), a.id.as_str()), ("en", "HARBOUR1"));
    assert_eq!(a.publication.unwrap().name, "The Coast");
}

#[test]
fn a_hostile_page_yields_no_script_text_and_no_javascript_url() {
    let out = run(&["convert", "--from", "html", &fixture("html/hostile.html")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json = String::from_utf8(out.stdout).unwrap();
    let lower = json.to_lowercase();
    for bad in ["alert", "javascript:", "<script", "script>", "onerror", "onclick", "onload", "data:text"] {
        assert!(!lower.contains(bad), "{bad:?} in the output:\n{json}");
    }

    // What remains is the readable text, valid and with only safe URLs (checked by `convert`).
    let a = convert(&["convert", "--from", "html", &fixture("html/hostile.html")]);
    let t = &a.translations[0];
    assert_eq!(t.title, "A hostile page");
    assert_eq!(t.url, None, "the JSON-LD's javascript: url is dropped");
    let texts: Vec<String> = t.body.iter().map(Block::plain_text).collect();
    assert_eq!(texts, ["Safe text, a javascript link, mixed case, a tab and data.", "Last words."]);
    assert!(t.body.iter().all(|b| match b {
        Block::Paragraph { runs } => runs.iter().all(|r| r.href.is_none()),
        _ => false,
    }));
}

/// The default article as the widget ships it: what the seed's three pages must convert to.
fn default_article() -> Article {
    let text = std::fs::read_to_string(common::project_file("content/default-article.json")).unwrap();
    parse_article(&text).unwrap().article
}

/// What a reader sees of one translation: language, title, byline, bio and body text.
type Seen = (String, String, Option<String>, Option<String>, Vec<String>);

/// What a reader sees of an article, per language.
fn seen(a: &Article) -> Vec<Seen> {
    a.translations
        .iter()
        .map(|t| {
            let body = t.body.iter().map(Block::plain_text).collect();
            (t.lang.clone(), t.title.clone(), t.author_name.clone(), t.author_bio.clone(), body)
        })
        .collect()
}

#[test]
fn a_sites_three_language_versions_make_one_document() {
    let pages = ["en", "fr", "ru"].map(|l| fixture(&format!("html/seed/{l}.html")));
    let a = convert(&["convert", "--from", "html", &pages[0], &pages[1], &pages[2]]);
    let want = default_article();
    // One translation each, in the order given, with the text the widget shows for the seed.
    assert_eq!(seen(&a), seen(&want));
    // Metadata the pages share is taken once.
    assert_eq!((a.id.as_str(), a.published.as_deref(), a.default_lang.as_str()), ("IRQ6532", Some("2021-07-16"), "en"));
    assert_eq!(a.author.map(|p| p.name).as_deref(), Some("Viktor Mikhin"));
    assert_eq!(a.publication.map(|p| p.name).as_deref(), Some("New Eastern Outlook"));
    let urls: Vec<_> = a.translations.iter().map(|t| t.url.clone().unwrap_or_default()).collect();
    assert!(urls[1].starts_with("https://journal-neo.su/fr/"), "{urls:?}");
}

#[test]
fn one_page_brings_the_versions_it_lists_when_they_are_saved_beside_it() {
    let out = run(&["convert", "--from", "html", &fixture("html/seed/ru.html")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let a = parse_article(&String::from_utf8(out.stdout).unwrap()).unwrap().article;
    let langs: Vec<_> = a.translations.iter().map(|t| t.lang.as_str()).collect();
    assert_eq!(langs, ["ru", "en", "fr"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("the fr version is"));
}

#[test]
fn pages_of_different_articles_are_not_merged() {
    let out = run(&["convert", "--from", "html", &fixture("html/seed/en.html"), &fixture("html/harbour.html")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("harbour.html does not look like a version of"), "{err}");
    assert!(!err.contains("--id"), "an id would not make them one article: {err}");
    // Two pages in one language are not two versions either.
    let en = fixture("html/seed/en.html");
    let out = run(&["convert", "--from", "html", &en, &en]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("both in en"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_page_that_does_not_say_its_language_is_detected_and_lang_overrides() {
    let dir = std::env::temp_dir().join(format!("ar-detect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = std::fs::read_to_string(fixture("html/seed/fr.html"))
        .unwrap()
        .replace(r#"<html lang="fr">"#, "<html>")
        .replace(r#""inLanguage": "fr", "#, "")
        .replace("hreflang", "data-hreflang");
    let file = dir.join("page.html");
    std::fs::write(&file, page).unwrap();
    let file = file.display().to_string();
    let out = run(&["convert", "--from", "html", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("detected fr from its text"));
    assert_eq!(parse_article(&String::from_utf8(out.stdout).unwrap()).unwrap().article.default_lang, "fr");
    assert_eq!(convert(&["convert", "--from", "html", &file, "--lang", "fr-CA"]).default_lang, "fr-CA");
    std::fs::remove_dir_all(dir).ok();
}
