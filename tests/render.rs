//! Native render tests: the widget drawn by Yew's server-side renderer, without a browser.

use std::rc::Rc;

use article_reader::{
    components::{ArticleSource, Reader, ReaderProps},
    core::{config::WidgetConfig, validate::parse_article},
    host::{Host, HostHandle, NativeHost},
};
use yew::LocalServerRenderer;

const DEFAULT_ARTICLE: &str = include_str!("../content/default-article.json");

fn render_with(source: &str, config: WidgetConfig, host: NativeHost) -> String {
    let props = ReaderProps {
        config: Rc::new(config),
        source: ArticleSource::Inline(Rc::from(source)),
        host: HostHandle(Rc::new(host)),
    };
    futures::executor::block_on(LocalServerRenderer::<Reader>::with_props(props).hydratable(false).render())
}

fn render_lang(lang: &str) -> String {
    let config = WidgetConfig { lang: Some(lang.to_string()), ..WidgetConfig::default() };
    let host = NativeHost { page: "https://blog.example/post".into(), ..Default::default() };
    render_with(DEFAULT_ARTICLE, config, host)
}

/// Text as it appears in the HTML (the renderer escapes quotes and ampersands).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[test]
fn each_language_renders_title_nine_paragraphs_and_toggle() {
    let article = parse_article(DEFAULT_ARTICLE).expect("the default article is valid").article;
    for t in &article.translations {
        let html = render_lang(&t.lang);
        assert!(html.contains(&format!(r#"<article lang="{}" dir="ltr""#, t.lang)), "{}: {}", t.lang, &html[..600]);
        assert!(html.contains(&escaped(&t.title)), "title of {}", t.lang);
        let body =
            html.split(r#"<div part="body" class="body">"#).nth(1).expect("body").split("</div>").next().unwrap();
        assert_eq!(body.matches("<p>").count(), 9, "paragraphs of {}", t.lang);
        for block in &t.body {
            let first_words: String = block.plain_text().chars().take(40).collect();
            assert!(html.contains(&escaped(&first_words)), "{}: {first_words}", t.lang);
        }
        // The toggle lists every language by its own name, the current one pressed.
        for (tag, name) in [("en", "English"), ("fr", "Français"), ("ru", "Русский")] {
            let pressed = if tag == t.lang { "true" } else { "false" };
            let button =
                format!(r#"lang="{tag}" data-lang="{tag}" aria-pressed="{pressed}" class="lang">{name}</button>"#);
            assert!(html.contains(&button), "toggle button {tag} in {}: {html}", t.lang);
        }
        assert!(html.contains(r#"<time datetime="2021-07-16">"#));
        assert!(html.contains("IRQ6532"));
        assert!(html.contains(r#"part="bio""#));
    }
}

#[test]
fn share_links_carry_the_current_language() {
    let html = render_lang("fr");
    // No URL of its own in French: the page URL with reader-lang, percent-encoded.
    assert!(html.contains(
        "https://t.me/share/url?url=https%3A%2F%2Fblog.example%2Fpost%3Freader-lang%3Dfr&amp;text=L%E2%80%99Irak"
    ));
    assert!(html.matches(r#"rel="noopener noreferrer""#).count() >= 6);
    let html = render_lang("en");
    assert!(html.contains(
        "url=https%3A%2F%2Fjournal-neo.su%2F2021%2F07%2F16%2Firaq-caught-in-the-friendly-embrace-of-the-us-python%2F"
    ));
    for target in ["x", "facebook", "telegram", "whatsapp", "linkedin", "email", "copy"] {
        assert!(html.contains(&format!(r#"data-target="{target}""#)), "{target}");
    }
    // The recording host has no Web Share API: no native button.
    assert!(!html.contains(r#"data-target="native""#));
}

#[test]
fn interface_labels_follow_the_article_language() {
    assert!(render_lang("ru").contains("Поделиться"));
    assert!(render_lang("fr").contains("Suivez-nous sur"));
    let config = WidgetConfig { lang: Some("ru".into()), ui_lang: Some("de".into()), ..WidgetConfig::default() };
    let html = render_with(DEFAULT_ARTICLE, config, NativeHost::default());
    assert!(html.contains(r#"<div lang="de" dir="ltr" class="reader theme-auto size-1 measure-normal">"#));
    assert!(html.contains("Folgen Sie uns auf"));
    assert!(html.contains(r#"<article lang="ru""#));
}

#[test]
fn browser_languages_choose_the_initial_translation() {
    let host = NativeHost { langs: vec!["de-DE".into(), "ru-RU".into()], ..Default::default() };
    let html = render_with(DEFAULT_ARTICLE, WidgetConfig::default(), host);
    assert!(html.contains(r#"<article lang="ru""#));
    let host = NativeHost { page: "https://blog.example/?reader-lang=fr".into(), ..Default::default() };
    host.set_setting("lang:https://blog.example https://journal-neo.su", "ru");
    let html = render_with(DEFAULT_ARTICLE, WidgetConfig::default(), host);
    assert!(html.contains(r#"<article lang="fr""#), "the deep link wins over the saved choice");
    // An inline document's choice is saved under the page's origin and the publication's URL.
    let saved_on = |page: &str, key: &str| {
        let host = NativeHost { page: page.into(), langs: vec!["fr".into()], ..Default::default() };
        host.set_setting(key, "ru");
        let config = WidgetConfig { lang: Some("en".into()), ..WidgetConfig::default() };
        render_with(DEFAULT_ARTICLE, config, host)
    };
    let html = saved_on("https://blog.example/a", "lang:https://blog.example https://journal-neo.su");
    assert!(html.contains(r#"<article lang="ru""#), "the saved choice wins over data-lang and the browser");
    // A choice saved for that publication on another site is not this page's to read (nor to
    // overwrite): a document naming journal-neo.su as its publication speaks for its own origin only.
    for other in ["lang:https://journal-neo.su", "lang:https://other.example https://journal-neo.su"] {
        let html = saved_on("https://blog.example/a", other);
        assert!(html.contains(r#"<article lang="en""#), "{other}: not this origin's choice");
    }
}

#[test]
fn a_broken_document_shows_a_message_not_a_blank_box() {
    let broken = r#"{"schema":"article-reader/1","id":"X","default_lang":"en","translations":{"en":{"body":[{"type":"paragraph","text":"x"}]}}}"#;
    let html = render_with(broken, WidgetConfig::default(), NativeHost::default());
    assert!(html.contains(r#"role="alert""#), "{html}");
    assert!(html.contains("This article cannot be shown"));
    assert!(html.contains(r#"data-code="invalid-article""#));
    // A bad document cannot be fixed by retrying.
    assert!(!html.contains("Try again"));
    let html =
        render_with("{oops", WidgetConfig { ui_lang: Some("fr".into()), ..Default::default() }, NativeHost::default());
    assert!(html.contains("Impossible d’afficher cet article"), "{html}");
}

#[test]
fn document_text_is_never_markup() {
    let hostile = r#"{"schema":"article-reader/1","id":"X","default_lang":"en","translations":{"en":{
        "title":"<img src=x onerror=alert(1)>",
        "body":[{"type":"paragraph","runs":[{"text":"<script>alert(1)</script>","href":"javascript:alert(1)"}]}]}}}"#;
    let html = render_with(hostile, WidgetConfig::default(), NativeHost::default());
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("javascript:"));
}

#[test]
fn code_keeps_its_lines_and_reads_left_to_right_and_tables_have_headings() {
    let doc = r#"{"schema":"article-reader/1","id":"x","default_lang":"ar","translations":{"ar":{"title":"T",
        "body":[{"type":"code","text":"if a < b {\n    go();\n}"},
        {"type":"table","header":true,"caption":"Crops","rows":[["Year","Tonnes"],["2020","12"],["2021"]]}]}}}"#;
    let html = render_with(doc, WidgetConfig::default(), NativeHost::default());
    assert!(html.contains(r#"<article lang="ar" dir="rtl""#), "{html}");
    // Scrollable blocks take the focus, so the keyboard scrolls them; code is left to right.
    assert!(
        html.contains(
            r#"<pre dir="ltr" tabindex="0"><code>if a &lt; b {
    go();
}</code></pre>"#
        ),
        "{html}"
    );
    assert!(
        html.contains(
            r#"<div tabindex="0" role="region" aria-label="Crops" class="table"><table><caption>Crops</caption>"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<tbody><tr><th scope="col">Year</th><th scope="col">Tonnes</th></tr><tr><td>2020</td><td>12</td></tr><tr><td>2021</td></tr></tbody>"#),
        "{html}"
    );
}

#[test]
fn a_pre_rendered_long_article_holds_every_block_in_order() {
    // The browser draws a long body first screen first; `render` (no browser) draws it whole, for
    // search engines, readers without JavaScript and find-in-page before the widget starts.
    let body: Vec<String> = (1..=1000).map(|i| format!(r#"{{"type":"paragraph","text":"Paragraph {i}."}}"#)).collect();
    let doc = format!(
        r#"{{"schema":"article-reader/1","id":"long","default_lang":"en","translations":{{"en":{{"title":"Long","body":[{}]}}}}}}"#,
        body.join(",")
    );
    let html = render_with(&doc, WidgetConfig::default(), NativeHost::default());
    let found: Vec<usize> = html.match_indices("<p>Paragraph ").map(|(at, _)| at).collect();
    assert_eq!(found.len(), 1000);
    for (i, at) in found.iter().enumerate() {
        assert!(html[*at..].starts_with(&format!("<p>Paragraph {}.</p>", i + 1)), "block {i} out of order");
    }
}
