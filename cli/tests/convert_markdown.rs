//! `article-reader convert --from markdown`: one file per language, merged, with typed blocks.

mod common;

use article_reader::core::article::{Block, Run};
use common::{convert, fixture, run, stderr};

fn plain(text: &str) -> Run {
    Run::plain(text)
}

#[test]
fn two_languages_merge_into_one_document() {
    let (en, fr) = (fixture("markdown/walk.en.md"), fixture("markdown/walk.fr.md"));
    let a = convert(&["convert", "--from", "markdown", &en, &fr]);
    assert_eq!(a.langs(), ["en", "fr"]);
    assert_eq!(a.default_lang, "en", "the first file's language");
    assert_eq!(a.id, "WALK2024");
    assert_eq!(a.published.as_deref(), Some("2024-05-02"));
    assert_eq!(a.author.as_ref().map(|p| p.name.as_str()), Some("Jane Doe"));

    let fr = a.translation("fr").unwrap();
    assert_eq!(fr.title, "Promenade dans la vieille ville");
    assert_eq!(fr.author_name.as_deref(), Some("Jeanne Dupont"));
    assert_eq!(fr.url.as_deref(), Some("https://news.example/fr/promenade"));
    assert_eq!(
        fr.body,
        [
            Block::Paragraph {
                runs: vec![plain("La vieille ville est "), Run { em: true, ..plain("calme") }, plain(" le matin.")]
            },
            Block::List { ordered: false, items: vec!["de l'eau".into(), "un chapeau".into()] },
        ]
    );
}

#[test]
fn markdown_blocks_become_the_expected_article_blocks() {
    let out = run(&["convert", "--from", "markdown", &fixture("markdown/walk.en.md")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The unsafe link is reported, and the document keeps its text without the URL.
    assert!(stderr(&out).contains("warning: translations.en.body[6].runs[1].href: URL \"javascript:alert(1)\" dropped"));

    let a = convert(&["convert", "--from", "markdown", &fixture("markdown/walk.en.md")]);
    let en = a.translation("en").unwrap();
    assert_eq!(en.title, "A Walk Through the Old City");
    let expected = vec![
        Block::Paragraph {
            runs: vec![
                plain("The old city is "),
                Run { em: true, ..plain("quiet") },
                plain(" in the morning and "),
                Run { strong: true, ..plain("crowded") },
                plain(" by noon. See the "),
                Run { href: Some("https://maps.example/old-city".into()), ..plain("official map") },
                plain(" before you go."),
            ],
        },
        Block::Heading { text: "What to bring".into() },
        Block::List { ordered: false, items: vec!["water".into(), "a hat".into(), "comfortable shoes".into()] },
        Block::Quote { text: "The streets were made for feet, not for cars.".into(), cite: None },
        Block::Image {
            // Relative to the front matter's url.
            src: "https://news.example/en/images/tower.jpg".into(),
            alt: "The clock tower at dawn".into(),
            caption: None,
        },
        Block::List { ordered: true, items: vec!["Start at the gate.".into(), "Follow the river.".into()] },
        // Raw HTML: the <script> block is gone, the <span> tag is dropped and its text kept.
        Block::Paragraph { runs: vec![plain("Closing words with a span and a bad link.")] },
    ];
    assert_eq!(en.body, expected);
}

#[test]
fn the_output_has_no_raw_html_or_unsafe_url() {
    let out = run(&["convert", "--from", "markdown", &fixture("markdown/walk.en.md"), &fixture("markdown/walk.fr.md")]);
    let json = String::from_utf8(out.stdout).unwrap();
    for bad in ["<script", "alert", "onclick", "steal", "javascript:"] {
        assert!(!json.contains(bad), "{bad:?} in {json}");
    }
}

#[test]
fn the_same_language_twice_is_refused() {
    let en = fixture("markdown/walk.en.md");
    let out = run(&["convert", "--from", "markdown", &en, &en]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("language \"en\" is already given"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}
