//! `article-reader render`: the embed snippet with the article already drawn in it.
//!
//! The snippet is the usual mount element and `embed.js`, plus a declarative shadow root
//! (`<template shadowrootmode="open">`) holding the widget's own HTML, drawn by the widget's own
//! components through Yew's server-side renderer. A browser paints it as it parses the page, before
//! any script runs; the widget, once its module has loaded, takes over without a flash (see
//! `src/embed/mod.rs`).
//!
//! The mount element's attributes are written first and the widget's settings are read back from
//! them with the core's own `WidgetConfig::from_element`, so the pre-rendered widget and the live
//! one are drawn from the same settings.

use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::Path;
use std::rc::Rc;

use article_reader::{
    components::{ArticleSource, Reader, ReaderProps},
    core::{
        config::{ShareList, WidgetConfig},
        lang::{is_valid_lang_tag, negotiate, Preferences},
        url::{lang_param, safe_url},
        validate::parse_article_bytes,
    },
    host::{HostHandle, NativeHost},
};
use yew::LocalServerRenderer;

use article_reader::core::config::{self, Theme, INLINE_DOCUMENT_TYPE, MOUNT_ATTRIBUTE};

use crate::failure::Failure;

pub use article_reader::core::config::PRERENDERED_ATTRIBUTE;

/// What the publisher chose, as given on the command line.
#[derive(Debug, Default)]
pub struct Options {
    /// `data-lang`: the language shown (and preferred by the live widget).
    pub lang: Option<String>,
    /// `data-src`: the document's URL, instead of an inline copy.
    pub src: Option<String>,
    /// Where the widget's files are served (`embed.js`, `article-reader.css`).
    pub base: String,
    /// The URL of the page the snippet goes into (for share links of translations without a URL).
    pub page_url: Option<String>,
    /// `data-ui-lang`.
    pub ui_lang: Option<String>,
    /// `data-theme`.
    pub theme: Option<Theme>,
    /// `data-share`.
    pub share: Option<String>,
    /// `data-share-url`.
    pub share_url: Option<String>,
    /// A `<style>` element instead of the `<link>` (not allowed by a strict `style-src 'self'`).
    pub inline_css: bool,
}

/// The widget's CSS, for `--inline-css`: the very file the widget compiles in and serves.
const CSS: &str = include_str!("../../style/article-reader.css");

/// Reads, validates and renders `file`, then writes the snippet to `output` (stdout when `None`).
pub fn run(file: &Path, options: &Options, output: Option<&Path>) -> Result<(), Failure> {
    let name = file.display().to_string();
    let bytes = if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map(|_| buf)
    } else {
        fs::read(file)
    }
    .map_err(|e| Failure::Usage(format!("cannot read {name}: {e}")))?;
    let html = snippet(&name, &bytes, options)?;
    match output {
        None => print!("{html}"),
        Some(path) => {
            fs::write(path, &html).map_err(|e| Failure::Usage(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(())
}

/// The snippet for the document `bytes` (named `name` in messages).
pub fn snippet(name: &str, bytes: &[u8], options: &Options) -> Result<String, Failure> {
    // The widget's own byte-level entry point: the same problems, with the same paths, as `validate`.
    let parsed = parse_article_bytes(bytes)
        .map_err(|rejection| Failure::Invalid(rejection.lines().iter().map(|p| format!("{name}: {p}")).collect()))?;
    for warning in parsed.warning_lines() {
        eprintln!("{name}: warning: {warning}");
    }
    let attributes = attributes(options)?;
    let names: Vec<String> = attributes.iter().map(|(n, _)| n.to_string()).collect();
    let config =
        WidgetConfig::from_element(&names, |n| attributes.iter().find(|(a, _)| *a == n).map(|(_, v)| v.clone()));

    let page = match &options.page_url {
        Some(url) => page_url(url)?,
        None => String::new(),
    };
    let article = &parsed.article;
    let prefs = Preferences { deep_link: lang_param(&page), attribute: config.lang.clone(), ..Preferences::default() };
    let (shown, _) = negotiate(&article.langs(), &article.default_lang, &prefs);
    let translation = &article.translations[shown];
    if config.lang.is_none() && article.translations.len() > 1 {
        eprintln!(
            "{name}: note: without --lang, a reader whose browser prefers another of the article's \
             languages sees it replace the pre-rendered {:?} once the widget starts",
            translation.lang
        );
    }
    if page.is_empty() && config.share_url.is_none() && translation.url.is_none() {
        return Err(Failure::Usage(format!(
            "translation {:?} has no url of its own, so its share links carry the page's URL: \
             pass --page-url URL (the page this snippet goes into), or --share-url URL",
            translation.lang
        )));
    }

    // The document as the widget will read it: compact, from the validated JSON.
    let text = String::from_utf8_lossy(bytes);
    let json: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Failure::invalid(format!("{name}: {e}")))?;
    let inner = render_reader(&json.to_string(), config, page);

    let mut out = format!("<div {MOUNT_ATTRIBUTE}");
    for (attr, value) in &attributes {
        let _ = write!(out, r#" {attr}="{}""#, escape_attribute(value));
    }
    out.push_str(">\n<template shadowrootmode=\"open\">");
    // `hidden` until the widget's CSS says otherwise (`[data-prerendered][hidden]` is shown by it):
    // without its styles the article is never painted, so there is no flash of unstyled content.
    // The stylesheet comes after the content: the browser parses the article while the CSS loads
    // (Chromium holds the parser at an in-body stylesheet until it has loaded).
    let _ = write!(out, "<div {PRERENDERED_ATTRIBUTE} hidden>{inner}</div>");
    if options.inline_css {
        let _ = write!(out, "<style>{}</style>", inline_style());
        eprintln!(
            "note: under a Content-Security-Policy, the snippet's <style> needs its hash in style-src: \
             style-src 'self' '{}'",
            style_hash()
        );
    } else {
        let _ = write!(out, r#"<link rel="stylesheet" href="{}">"#, escape_attribute(&asset(&options.base, CSS_FILE)));
    }
    out.push_str("</template>\n");
    if options.src.is_none() {
        let _ = writeln!(out, r#"<script type="{INLINE_DOCUMENT_TYPE}">{}</script>"#, script_json(&json));
    }
    out.push_str("</div>\n");
    let _ = writeln!(
        out,
        r#"<script type="module" src="{}"></script>"#,
        escape_attribute(&asset(&options.base, "embed.js"))
    );
    Ok(out)
}

/// The text of `--inline-css`'s `<style>`: the widget's CSS, which cannot contain `</style>` (this
/// keeps it so should it ever change).
fn inline_style() -> String {
    CSS.replace("</", r"<\/")
}

/// The CSP source that allows `--inline-css`'s `<style>` (`'sha256-…'`, the base64 of the SHA-256
/// of its text): a page with a strict policy then gets the snippet with no stylesheet request.
pub fn style_hash() -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(inline_style().as_bytes());
    format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// The stylesheet served beside `embed.js`.
const CSS_FILE: &str = config::STYLESHEET_FILE;

/// The mount element's attributes, in a fixed order; refuses values the widget would ignore.
fn attributes(options: &Options) -> Result<Vec<(&'static str, String)>, Failure> {
    let usage = |m: String| Err(Failure::Usage(m));
    let mut list = Vec::new();
    if let Some(src) = &options.src {
        if src.trim().is_empty() {
            return usage("--src must not be empty".into());
        }
        list.push((config::SRC, src.trim().to_string()));
    }
    for (option, attr, value) in
        [("--lang", config::LANG, &options.lang), ("--ui-lang", config::UI_LANG, &options.ui_lang)]
    {
        if let Some(tag) = value {
            if !is_valid_lang_tag(tag) {
                return usage(format!("{option} {tag:?} is not a language tag (en, fr, pt-BR)"));
            }
            list.push((attr, tag.clone()));
        }
    }
    if let Some(share) = &options.share {
        let unknown = ShareList::parse(Some(share)).unknown;
        if !unknown.is_empty() {
            return usage(format!("--share: unknown share target(s) {}", unknown.join(", ")));
        }
        list.push((config::SHARE, share.clone()));
    }
    if let Some(url) = &options.share_url {
        if safe_url(url).is_none() {
            return usage(format!("--share-url {url:?} is not an https: or http: URL"));
        }
        list.push((config::SHARE_URL, url.clone()));
    }
    if let Some(theme) = options.theme {
        list.push((config::THEME, theme.name().to_string()));
    }
    Ok(list)
}

/// The page URL as the widget will see it: absolute, http(s), normalised as a browser does.
fn page_url(raw: &str) -> Result<String, Failure> {
    match url::Url::parse(raw.trim()) {
        Ok(u) if matches!(u.scheme(), "https" | "http") => Ok(u.to_string()),
        _ => Err(Failure::Usage(format!("--page-url {raw:?} is not an absolute https: or http: URL"))),
    }
}

/// `base` joined with a file name (`./` and `https://cdn.example/reader/` alike).
fn asset(base: &str, file: &str) -> String {
    let base = base.trim();
    if base.is_empty() || base.ends_with('/') {
        format!("{base}{file}")
    } else {
        format!("{base}/{file}")
    }
}

/// The widget drawn by its own components: Yew's server renderer, the document inline, and a
/// host with no browser (no saved choice, no browser languages, no Web Share, ISO dates).
fn render_reader(document: &str, config: WidgetConfig, page: String) -> String {
    // What the widget would log (the document's dropped URLs) the tool has already printed.
    let host = Rc::new(NativeHost { page, ..NativeHost::default() });
    let props = ReaderProps {
        config: Rc::new(config),
        source: ArticleSource::Inline(Rc::from(document)),
        host: HostHandle(host),
    };
    futures::executor::block_on(LocalServerRenderer::<Reader>::with_props(props).hydratable(false).render())
}

/// Escapes a value for a quoted HTML attribute, or for text: `& < > " '` as entities, by the
/// `html-escape` crate (the CLI's one HTML escaper: `preview`'s page uses it too).
pub fn escape_attribute(value: &str) -> String {
    html_escape::encode_quoted_attribute(value).into_owned()
}

/// JSON that is safe as the text of a `<script>` element: `<`, `>` and `&` (which can only occur
/// inside strings) become `\u003c`, `\u003e` and `\u0026`, so neither `</script>` nor `<!--` can
/// appear, and the value parses to the same document.
pub fn script_json(value: &serde_json::Value) -> String {
    value.to_string().replace('<', r"\u003c").replace('>', r"\u003e").replace('&', r"\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_escaping_neutralises_hostile_values() {
        for hostile in [
            r#""><script>alert(1)</script>"#,
            "' onmouseover='alert(1)",
            "a&quot;b",
            "</template><img src=x onerror=alert(1)>",
        ] {
            let escaped = escape_attribute(hostile);
            assert!(!escaped.contains(['"', '\'', '<', '>']), "{escaped}");
            // Each & starts an entity we wrote: the browser decodes back to exactly the input.
            let decoded = escaped
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            assert_eq!(decoded, hostile);
        }
        assert_eq!(escape_attribute("https://a.example/?x=1&y=2"), "https://a.example/?x=1&amp;y=2");
    }

    #[test]
    fn script_json_cannot_close_its_script_and_reads_back_the_same() {
        let value: serde_json::Value =
            serde_json::from_str(r#"{"t":"</script><script>alert(1)</script><!-- x & y -->","u":"</SCRIPT >"}"#)
                .unwrap();
        let text = script_json(&value);
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }

    #[test]
    fn assets_are_beside_the_base() {
        assert_eq!(asset("./", "embed.js"), "./embed.js");
        assert_eq!(asset("https://cdn.example/reader", "embed.js"), "https://cdn.example/reader/embed.js");
        assert_eq!(asset("/v/abc/", "article-reader.css"), "/v/abc/article-reader.css");
        assert_eq!(asset("", "embed.js"), "embed.js");
    }

    #[test]
    fn page_urls_must_be_absolute_web_urls() {
        assert_eq!(page_url("https://blog.example/post?a=1").unwrap(), "https://blog.example/post?a=1");
        assert_eq!(page_url("https://blog.example").unwrap(), "https://blog.example/");
        for bad in ["/post", "javascript:alert(1)", "ftp://x.example/", ""] {
            assert!(page_url(bad).is_err(), "{bad}");
        }
    }
}
