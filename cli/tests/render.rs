//! `article-reader render`: the pre-rendered embed snippet, read back with an HTML5 parser as a
//! browser would read it.

mod common;

use article_reader::core::validate::parse_article;
use common::{fixture, project_file, run, stderr, stdout};
use scraper::{ElementRef, Html, Selector};

fn default_article() -> String {
    project_file("content/default-article.json").display().to_string()
}

/// Runs `render` with `args`; it must succeed. Returns the snippet.
fn render(args: &[&str]) -> String {
    let out = run(&[&["render"], args].concat());
    assert_eq!(out.status.code(), Some(0), "render failed: {}", stderr(&out));
    stdout(&out)
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

/// The snippet as a browser parses it: the mount element, its pre-rendered content (the
/// template's contents), and the text of its inline JSON script, if any.
struct Parsed {
    mount_attributes: Vec<(String, String)>,
    /// The template's contents, parsed on their own (the shadow root's children).
    shadow: Html,
    shadow_source: String,
    json: Option<String>,
    module_src: String,
}

fn parse(snippet: &str) -> Parsed {
    let doc = Html::parse_fragment(snippet);
    let mounts = select(&doc, "div[data-article-reader]");
    assert_eq!(mounts.len(), 1, "one mount element: {snippet}");
    let mount = mounts[0];
    let mount_attributes = mount.value().attrs().map(|(n, v)| (n.to_string(), v.to_string())).collect();
    let children: Vec<ElementRef> = mount.children().filter_map(ElementRef::wrap).collect();
    let names: Vec<&str> = children.iter().map(|c| c.value().name()).collect();
    assert!(names == ["template"] || names == ["template", "script"], "the mount element's children: {names:?}");
    let template = children[0];
    assert_eq!(template.value().attr("shadowrootmode"), Some("open"));
    // The template's contents as the source wrote them, parsed again as a fragment.
    let start =
        snippet.find(r#"<template shadowrootmode="open">"#).unwrap() + r#"<template shadowrootmode="open">"#.len();
    let end = snippet.rfind("</template>").unwrap();
    assert_eq!(snippet.matches("</template>").count(), 1, "one closing template tag");
    let shadow_source = snippet[start..end].to_string();
    let json = children.get(1).map(|s| {
        assert_eq!(s.value().attr("type"), Some("application/json"));
        s.text().collect::<String>()
    });
    let modules = select(&doc, r#"script[type="module"]"#);
    assert_eq!(modules.len(), 1, "one module script");
    Parsed {
        mount_attributes,
        shadow: Html::parse_fragment(&shadow_source),
        shadow_source,
        json,
        module_src: modules[0].value().attr("src").unwrap().to_string(),
    }
}

fn text(el: &ElementRef) -> String {
    el.text().collect::<String>()
}

#[test]
fn the_default_article_is_pre_rendered_with_its_title_and_paragraphs() {
    let file = default_article();
    let snippet = render(&[&file]);
    let p = parse(&snippet);
    assert_eq!(p.mount_attributes, vec![("data-article-reader".to_string(), String::new())]);
    assert_eq!(p.module_src, "./embed.js");

    let article = parse_article(&std::fs::read_to_string(&file).unwrap()).unwrap().article;
    let en = &article.translations[0];
    let links = select(&p.shadow, r#"link[rel="stylesheet"]"#);
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].value().attr("href"), Some("./article-reader.css"));
    let pre = select(&p.shadow, "div[data-prerendered]");
    assert_eq!(pre.len(), 1);
    assert!(pre[0].value().attr("hidden").is_some(), "shown by the widget's CSS only");
    let titles = select(&p.shadow, "article h1.title");
    assert_eq!(titles.len(), 1);
    assert_eq!(text(&titles[0]), en.title);
    let paragraphs = select(&p.shadow, "article div.body > p");
    assert_eq!(paragraphs.len(), 9);
    for (block, p) in en.body.iter().zip(&paragraphs) {
        assert_eq!(text(p), block.plain_text());
    }
    // The toggle, the share row and the follow links are the widget's own.
    let pressed: Vec<String> =
        select(&p.shadow, r#"button.lang[aria-pressed="true"]"#).iter().map(|b| text(b)).collect();
    assert_eq!(pressed, ["English"]);
    assert!(select(&p.shadow, "nav.share a.share-link").len() >= 5);

    // The inline copy is the same document.
    let inline = parse_article(&p.json.expect("the article inline")).expect("the inline JSON is valid").article;
    assert_eq!(inline, article);
    // No inline style anywhere: hosts run under style-src 'self'.
    assert!(!snippet.contains("style="), "a style attribute in the snippet");
    assert!(!snippet.contains("<style"), "a style element without --inline-css");
}

#[test]
fn lang_and_page_url_choose_the_translation_and_its_share_links() {
    let snippet = render(&[&default_article(), "--lang", "fr", "--page-url", "https://blog.example/post?id=7#top"]);
    let p = parse(&snippet);
    assert!(p.mount_attributes.contains(&("data-lang".into(), "fr".into())));
    let article = select(&p.shadow, "article");
    assert_eq!(article[0].value().attr("lang"), Some("fr"));
    assert!(text(&select(&p.shadow, "h1.title")[0]).starts_with("L’Irak"));
    let pressed: Vec<String> =
        select(&p.shadow, r#"button.lang[aria-pressed="true"]"#).iter().map(|b| text(b)).collect();
    assert_eq!(pressed, ["Français"]);
    // French has no URL of its own: links carry the page with reader-lang=fr, percent-encoded.
    let telegram = select(&p.shadow, r#"a[data-target="telegram"]"#);
    let href = telegram[0].value().attr("href").unwrap();
    assert!(
        href.starts_with(
            "https://t.me/share/url?url=https%3A%2F%2Fblog.example%2Fpost%3Fid%3D7%26reader-lang%3Dfr%23top&text="
        ),
        "{href}"
    );
    for link in select(&p.shadow, "nav.share a.share-link") {
        let href = link.value().attr("href").unwrap();
        assert!(href.contains("reader-lang%3Dfr"), "{href}");
        assert_eq!(link.value().attr("rel"), Some("noopener noreferrer"));
    }
    // The labels follow the article's language.
    assert!(p.shadow_source.contains("Partager"), "French labels");
}

#[test]
fn a_translation_without_url_needs_the_page_url() {
    let out = run(&["render", &default_article(), "--lang", "ru"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("--page-url"), "{}", stderr(&out));
    // English has its own URL: no page URL needed.
    let p = parse(&render(&[&default_article(), "--lang", "en"]));
    let x = select(&p.shadow, r#"a[data-target="x"]"#);
    assert!(x[0].value().attr("href").unwrap().contains("journal-neo.su%2F2021%2F07%2F16"));
    // --share-url serves every language.
    let p = parse(&render(&[&default_article(), "--lang", "ru", "--share-url", "https://news.example/iraq"]));
    let x = select(&p.shadow, r#"a[data-target="x"]"#);
    assert!(x[0].value().attr("href").unwrap().contains("news.example%2Firaq%3Freader-lang%3Dru"));
}

#[test]
fn a_hostile_article_cannot_break_out_of_the_script_or_the_template() {
    let file = fixture("json/hostile-render.json");
    let out = run(&["render", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let snippet = stdout(&out);
    // The dropped URL is reported as `validate` reports it.
    assert!(stderr(&out).contains(&format!("{file}: warning: translations.en.body[1].runs[1].href")));
    // Exactly the elements we wrote: one template, one JSON script, one module script.
    assert_eq!(snippet.to_ascii_lowercase().matches("</script").count(), 2, "{snippet}");
    assert_eq!(snippet.matches("<script").count(), 2);
    assert_eq!(snippet.matches("<!--").count(), 0);
    let p = parse(&snippet);
    let json = p.json.expect("the article inline");
    assert!(!json.contains('<') && !json.contains('>'), "{json}");
    // ... and it still reads as the very same document.
    let original: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap(), original);
    // The texts are text in the pre-rendered HTML too.
    assert!(select(&p.shadow, "script, img, style, template").is_empty(), "{}", p.shadow_source);
    let title = select(&p.shadow, "h1.title");
    assert_eq!(text(&title[0]), "</script><script>alert(1)</script><!-- & </template>");
    assert!(!p.shadow_source.contains("javascript:") && !p.shadow_source.contains("href=\"https://news.example/?q="));
}

#[test]
fn attribute_values_are_escaped() {
    let hostile_src = r#"/a.json?x=1&y="2"><script>alert(1)</script>"#;
    let hostile_base = r#"https://cdn.example/"'><img src=x onerror=alert(1)>/"#;
    let snippet = render(&[&default_article(), "--src", hostile_src, "--base", hostile_base, "--share", "x,email"]);
    assert!(!snippet.contains("<img") && !snippet.contains("<script>alert"), "{snippet}");
    let p = parse(&snippet);
    assert!(p.mount_attributes.contains(&("data-src".into(), hostile_src.into())), "{:?}", p.mount_attributes);
    assert!(p.mount_attributes.contains(&("data-share".into(), "x,email".into())));
    assert_eq!(p.module_src, format!("{hostile_base}embed.js"));
    let links = select(&p.shadow, r#"link[rel="stylesheet"]"#);
    assert_eq!(links[0].value().attr("href"), Some(format!("{hostile_base}article-reader.css").as_str()));
    // With --src the document is not inlined, but it is still pre-rendered.
    assert_eq!(p.json, None);
    assert_eq!(select(&p.shadow, "h1.title").len(), 1);
    let targets: Vec<&str> =
        select(&p.shadow, "nav.share .share-link").iter().map(|l| l.value().attr("data-target").unwrap()).collect();
    assert_eq!(targets, ["x", "email"]);
}

#[test]
fn theme_ui_lang_and_base_reach_the_snippet() {
    let p = parse(&render(&[
        &default_article(),
        "--theme",
        "sepia",
        "--ui-lang",
        "de",
        "--base",
        "https://cdn.example/reader",
    ]));
    assert!(p.mount_attributes.contains(&("data-theme".into(), "sepia".into())));
    assert!(p.mount_attributes.contains(&("data-ui-lang".into(), "de".into())));
    let reader = select(&p.shadow, "div.reader");
    assert!(reader[0].value().classes().any(|c| c == "theme-sepia"));
    assert_eq!(reader[0].value().attr("lang"), Some("de"));
    assert_eq!(p.module_src, "https://cdn.example/reader/embed.js");
}

#[test]
fn inline_css_puts_the_stylesheet_in_the_template() {
    let snippet = render(&[&default_article(), "--inline-css"]);
    let p = parse(&snippet);
    assert!(select(&p.shadow, "link").is_empty());
    let styles = select(&p.shadow, "style");
    assert_eq!(styles.len(), 1);
    assert!(text(&styles[0]).contains("[data-prerendered][hidden]"));
    assert!(!snippet.contains("style="));
}

#[test]
fn inline_css_prints_the_hash_a_strict_policy_needs() {
    use base64::Engine;
    use sha2::Digest;
    let out = run(&["render", &default_article(), "--inline-css"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let p = parse(&stdout(&out));
    let style = text(&select(&p.shadow, "style")[0]);
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style.as_bytes()));
    assert!(stderr(&out).contains(&format!("style-src 'self' 'sha256-{hash}'")), "{}", stderr(&out));
}

#[test]
fn the_document_can_come_from_standard_input() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = common::bin()
        .args(["render", "-", "--lang", "en"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(default_article()).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), render(&[&default_article(), "--lang", "en"]));
    // With --lang there is nothing to warn about; without it, a note says what may change.
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let out = run(&["render", &default_article()]);
    assert!(stderr(&out).contains("note: without --lang"), "{}", stderr(&out));
}

#[test]
fn output_goes_to_a_file() {
    let dir = std::env::temp_dir().join(format!("article-reader-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("snippet.html");
    let out = run(&["render", &default_article(), "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), render(&[&default_article()]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn invalid_input_fails_as_validate_does() {
    let file = fixture("json/no-title.json");
    let out = run(&["render", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty(), "no snippet for an invalid document");
    assert_eq!(stderr(&out), format!("{file}: translations.en.title: required field is missing\n"));
    let validate = run(&["validate", &file]);
    assert_eq!(validate.status.code(), Some(1));
    assert_eq!(stdout(&validate), stderr(&out), "the same lines as validate");

    let broken = fixture("json/not-json.json");
    let out = run(&["render", &broken]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with(&format!("{broken}: not valid JSON at line 1")), "{}", stderr(&out));

    let out = run(&["render", "no/such/article.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read no/such/article.json"), "{}", stderr(&out));
}

#[test]
fn bad_options_are_usage_errors() {
    for args in [
        vec!["--lang", "<b>"],
        vec!["--ui-lang", "x y"],
        vec!["--share", "x,myspace"],
        vec!["--share-url", "javascript:alert(1)"],
        vec!["--page-url", "/relative"],
        vec!["--theme", "neon"],
        vec!["--src", " "],
    ] {
        let out = run(&[&["render", &default_article()], &args[..]].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn rendering_is_deterministic() {
    let args = [default_article(), "--lang".into(), "fr".into(), "--page-url".into(), "https://a.example/".into()];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_eq!(render(&args), render(&args));
}
