//! `article-reader convert --from html`: JSON-LD metadata, an allow-listed body, nothing hostile.

mod common;

use article_reader::core::article::{Block, Person, Run};
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
                // A space between runs ends the run before it, unless that run is a link.
                Run { strong: true, ..plain("two years ") },
                plain("of works, the "),
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
