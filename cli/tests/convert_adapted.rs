//! `article-reader convert --from wordpress|jsonfeed`: the core's own converter, the one the
//! widget's adapters' module runs, on the example post and feed the demo pages show.

mod common;

use article_reader::core::article::Block;
use common::{convert, project_file, run};

#[test]
fn a_wordpress_post_converts_as_the_widget_reads_it() {
    let post = project_file("examples/wordpress/wp-json/wp/v2/posts/42").display().to_string();
    let out = run(&["convert", "--from", "wordpress", &post]);
    // The post's javascript: link loses its URL, with a warning naming it.
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"javascript:alert(1)\" dropped"));
    let a = convert(&["convert", "--from", "wordpress", &post]);
    assert_eq!((a.id.as_str(), a.published.as_deref()), ("wp-42", Some("2021-07-16")));
    assert_eq!(a.author.map(|p| p.name).as_deref(), Some("Viktor Mikhin"));
    let t = &a.translations[0];
    assert_eq!(t.title, "Iraq – Caught in the “Friendly” Embrace of the US Python");
    assert_eq!(t.url.as_deref(), Some("https://journal-neo.su/en/2021/07/16/iraq/"));
    assert!(t.body.contains(&Block::Quote {
        text: "Oil is our wealth; oil is our burden.".into(),
        cite: Some("An Iraqi saying".into())
    }));
    assert!(t.body.iter().any(|b| matches!(b, Block::Paragraph { runs }
        if runs.iter().any(|r| r.href.as_deref().is_some_and(|h| h.starts_with("https://journal-neo.su"))))));
    // Options override the post, as for the other formats.
    let a = convert(&["convert", "--from", "wordpress", &post, "--id", "IRQ", "--publication", "NEO"]);
    assert_eq!((a.id.as_str(), a.publication.map(|p| p.name).as_deref()), ("IRQ", Some("NEO")));
}

#[test]
fn a_json_feed_gives_its_first_item() {
    let feed = project_file("examples/feed/feed.json").display().to_string();
    let a = convert(&["convert", "--from", "jsonfeed", &feed]);
    assert_eq!((a.id.as_str(), a.published.as_deref(), a.default_lang.as_str()), ("IRQ6532", Some("2021-07-16"), "en"));
    let t = &a.translations[0];
    assert_eq!(t.title, "Iraq – Caught in the “Friendly” Embrace of the US Python");
    assert!(t.body.len() >= 2 && t.body.iter().all(|b| matches!(b, Block::Paragraph { .. })));
}

#[test]
fn what_is_not_a_post_or_a_feed_is_refused() {
    let page = project_file("content/default-article.json").display().to_string();
    let out = run(&["convert", "--from", "wordpress", &page]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a WordPress post"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let two = run(&["convert", "--from", "jsonfeed", &page, &page]);
    assert_eq!(two.status.code(), Some(2));
}
