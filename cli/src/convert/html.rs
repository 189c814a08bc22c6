//! `--from html`: an article page, read the way a reader mode would read it.
//!
//! - Metadata comes from the page's schema.org JSON-LD (`<script type="application/ld+json">` whose
//!   `@type` is `NewsArticle`, `Article`, `BlogPosting`…): `headline`, `author.name`,
//!   `datePublished`, `url`/`mainEntityOfPage`, `inLanguage`, `identifier`, `description`,
//!   `publisher.name`. Without it: `<h1>`/`<title>`, `<meta name="author">`, `<html lang>`,
//!   `<link rel="canonical">`.
//! - The body comes from the first `<article>` (else `<main>`, else `<body>`), by an allow-list:
//!   `p`, `h2`–`h6`, `blockquote`, `ul`/`ol`, `img`/`figure`, and inside text `a`, `em`/`i`,
//!   `strong`/`b`. Only text and the `href`, `src` and `alt` of those elements are ever read, so
//!   scripts, styles, frames, forms and `on*` attributes cannot reach the document; the URLs then
//!   pass the core's allow-list like any other.

use article_reader::core::article::{Article, Block, Person, Publication, Translation, SCHEMA};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;
use url::Url;

use super::date::Date;
use super::runs::{collapse, RunsBuilder, Style};
use super::{base_url, resolve_url, slug, Options};
use crate::failure::Failure;

/// Elements whose content is never article text: code, embedded documents, forms, media,
/// navigation and page furniture. (`noscript` and `template` hold markup as text: skip them too.)
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "frame",
    "frameset",
    "noframes",
    "object",
    "embed",
    "applet",
    "noembed",
    "xmp",
    "plaintext",
    "textarea",
    "title",
    "head",
    "meta",
    "link",
    "base",
    "form",
    "input",
    "button",
    "select",
    "option",
    "datalist",
    "output",
    "svg",
    "math",
    "canvas",
    "video",
    "audio",
    "source",
    "track",
    "map",
    "dialog",
    "nav",
    "aside",
    "header",
    "footer",
];

/// Elements that sit inside a line of text rather than starting a block.
const INLINE: &[&str] = &[
    "a", "em", "i", "strong", "b", "span", "code", "small", "sub", "sup", "mark", "abbr", "time", "cite", "q", "u",
    "s", "del", "ins", "kbd", "var", "dfn", "bdi", "bdo", "data", "font", "label", "picture", "samp", "wbr",
];

/// The metadata of the page, wherever it came from.
#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    authors: Vec<(String, Option<String>)>,
    date: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    id: Option<String>,
    summary: Option<String>,
    publisher: Option<(String, Option<String>)>,
}

pub fn convert(source: &str, options: &Options) -> Result<Article, Failure> {
    let page = Html::parse_document(source);
    let mut meta = json_ld(&page).unwrap_or_default();
    fallback_meta(&page, &mut meta);

    let url = options.url.clone().or(meta.url.clone());
    let base = base_url(url.as_deref());
    let root = first(&page, "article").or_else(|| first(&page, "main")).or_else(|| first(&page, "body"));
    let Some(root) = root else { return Err(Failure::invalid("the page has no <article>, <main> or <body>")) };
    if root.value().name() != "article" {
        eprintln!("note: the page has no <article>; reading the body from <{}>", root.value().name());
    }
    if meta.title.is_none() {
        meta.title = first_in(root, "h1").map(text_of).filter(|t| !t.is_empty());
    }
    let title = meta.title.clone().unwrap_or_default();

    let mut walker = Walker { base: base.as_ref(), title: &title, blocks: Vec::new(), text: RunsBuilder::default() };
    walker.children(root, &Style::default());
    walker.flush();
    let body = walker.blocks;

    let lang = options.lang.clone().or(meta.lang).ok_or_else(|| {
        Failure::invalid("the page does not say its language (no inLanguage, no <html lang>); pass --lang")
    })?;
    let id = match options.id.clone().or(meta.id) {
        Some(id) => id,
        None => {
            let from = url
                .as_deref()
                .and_then(|u| Url::parse(u).ok())
                .and_then(|u| u.path_segments().and_then(|mut s| s.rfind(|seg| !seg.is_empty()).map(str::to_string)));
            let id = slug(from.as_deref().unwrap_or(&title));
            if id.is_empty() {
                return Err(Failure::invalid(
                    "the page gives no identifier, URL or title to name the article; pass --id",
                ));
            }
            eprintln!("note: the page gives no article identifier; using {id:?} (pass --id to choose)");
            id
        }
    };
    let author_name =
        (!meta.authors.is_empty()).then(|| meta.authors.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "));
    let author = author_name
        .clone()
        .map(|name| Person { name, url: if meta.authors.len() == 1 { meta.authors[0].1.clone() } else { None } });
    let publication = match (&options.publication, meta.publisher) {
        (Some(name), _) => Some(Publication { name: name.clone(), url: None, follow: Vec::new() }),
        (None, Some((name, url))) => Some(Publication { name, url, follow: Vec::new() }),
        (None, None) => None,
    };
    Ok(Article {
        schema: SCHEMA.to_string(),
        id,
        published: meta.date,
        author,
        publication,
        default_lang: lang.clone(),
        translations: vec![Translation {
            lang,
            title,
            url,
            summary: meta.summary,
            author_name,
            author_bio: None,
            body,
        }],
    })
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the converter's selectors are valid")
}

fn first<'a>(page: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    page.select(&selector(css)).next()
}

fn first_in<'a>(el: ElementRef<'a>, css: &str) -> Option<ElementRef<'a>> {
    el.select(&selector(css)).next()
}

/// The metadata of the first JSON-LD article object on the page.
fn json_ld(page: &Html) -> Option<Meta> {
    let script_selector = selector("script[type]");
    let scripts = page
        .select(&script_selector)
        .filter(|s| s.value().attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")));
    for script in scripts {
        let text: String = script.text().collect();
        match serde_json::from_str::<Value>(&text) {
            Ok(value) => {
                if let Some(article) = find_article(&value) {
                    return Some(meta_from_ld(article));
                }
            }
            Err(e) => eprintln!("warning: a JSON-LD script is not valid JSON ({e}); ignored"),
        }
    }
    None
}

/// Finds an article object in JSON-LD, which may be one object, a list, or an `@graph`.
fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(o) => {
            let is_article = |t: &Value| {
                t.as_str().is_some_and(|t| {
                    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
                    t.ends_with("Article") || t == "BlogPosting"
                })
            };
            let typed = match o.get("@type") {
                Some(Value::Array(types)) => types.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                Some(value)
            } else {
                o.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}

/// A JSON-LD string, or the `@id`/`name`/`value` of an object standing for one.
fn ld_str<'a>(value: Option<&'a Value>, keys: &[&str]) -> Option<&'a str> {
    match value? {
        Value::String(s) => Some(s.as_str()),
        Value::Array(items) => items.iter().find_map(|v| ld_str(Some(v), keys)),
        Value::Object(o) => keys.iter().find_map(|k| ld_str(o.get(*k), &[])),
        _ => None,
    }
    .map(str::trim)
    .filter(|s| !s.is_empty())
}

fn meta_from_ld(ld: &Value) -> Meta {
    let text = |key: &str| ld_str(ld.get(key), &["name"]).map(markup_text).filter(|s| !s.is_empty());
    let authors = match ld.get("author") {
        Some(Value::Array(items)) => items.iter().filter_map(person).collect(),
        Some(one) => person(one).into_iter().collect(),
        None => Vec::new(),
    };
    let date = ld_str(ld.get("datePublished"), &[]).map(|d| match Date::from_iso_prefix(d) {
        Some(date) => Some(date.to_string()),
        None => {
            eprintln!("warning: datePublished {d:?} is not an ISO date; ignored");
            None
        }
    });
    Meta {
        title: text("headline").or_else(|| text("name")),
        authors,
        date: date.flatten(),
        url: ld_str(ld.get("url"), &["@id", "url"])
            .or_else(|| ld_str(ld.get("mainEntityOfPage"), &["@id", "url"]))
            .map(str::to_string),
        lang: ld_str(ld.get("inLanguage"), &["alternateName", "identifier"]).map(str::to_string),
        id: match ld.get("identifier") {
            Some(Value::Number(n)) => Some(n.to_string()),
            other => ld_str(other, &["value", "@id"]).map(str::to_string),
        },
        summary: text("description"),
        publisher: ld.get("publisher").and_then(person),
    }
}

/// A schema.org Person or Organization (or just a name): its name and URL.
fn person(value: &Value) -> Option<(String, Option<String>)> {
    let name = markup_text(ld_str(Some(value), &["name"])?);
    let url = ld_str(value.get("url"), &["@id"]).map(str::to_string);
    (!name.is_empty()).then_some((name, url))
}

/// The text of a JSON-LD string. Some CMSs put entities or tags in them (`Q&amp;A`, `<i>Title</i>`),
/// so the string is read as an HTML fragment, with the same rules as the body (no script text).
fn markup_text(value: &str) -> String {
    if !value.contains(['<', '&']) {
        return collapse(value);
    }
    let fragment = Html::parse_fragment(value);
    text_of(fragment.root_element())
}

/// Fills what JSON-LD did not give from ordinary HTML metadata.
fn fallback_meta(page: &Html, meta: &mut Meta) {
    let attr = |css: &str, name: &str| {
        first(page, css).and_then(|e| e.value().attr(name)).map(collapse).filter(|v| !v.is_empty())
    };
    if meta.lang.is_none() {
        meta.lang = attr("html[lang]", "lang");
    }
    if meta.url.is_none() {
        meta.url = attr("link[rel=canonical]", "href").or_else(|| attr("meta[property=\"og:url\"]", "content"));
    }
    if meta.authors.is_empty() {
        meta.authors = attr("meta[name=author]", "content").map(|a| (a, None)).into_iter().collect();
    }
    if meta.date.is_none() {
        meta.date = attr("meta[property=\"article:published_time\"]", "content")
            .and_then(|d| Date::from_iso_prefix(&d))
            .map(|d| d.to_string());
    }
    if meta.title.is_none() {
        meta.title = attr("meta[property=\"og:title\"]", "content");
    }
}

/// Whether an element is never read: skipped by name, or hidden from everyone.
fn is_skipped(el: ElementRef) -> bool {
    SKIPPED.contains(&el.value().name()) || el.value().attr("hidden").is_some()
}

/// The plain text of an element (for headings, quotes, list items, captions), without the text of
/// skipped elements; block boundaries inside it become spaces.
fn text_of(el: ElementRef) -> String {
    let mut b = RunsBuilder::default();
    collect_children(el, &mut b, &|_| false);
    b.take_text()
}

/// Collects the text of `el`'s children, leaving out the direct children `leave_out` picks.
fn collect_children(el: ElementRef, out: &mut RunsBuilder, leave_out: &dyn Fn(ElementRef) -> bool) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_plain(t),
            Node::Element(_) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                if is_skipped(child) || leave_out(child) {
                    continue;
                }
                let name = child.value().name();
                let block = !INLINE.contains(&name);
                if block || name == "br" {
                    out.space();
                }
                collect_children(child, out, &|_| false);
                if block {
                    out.space();
                }
            }
            _ => {}
        }
    }
}

/// Walks the body, turning allowed elements into blocks. Text outside any `<p>` (loose text in a
/// `<div>`) is gathered into paragraphs too, as a browser would show it.
struct Walker<'a> {
    base: Option<&'a Url>,
    title: &'a str,
    blocks: Vec<Block>,
    /// The paragraph being built.
    text: RunsBuilder,
}

impl Walker<'_> {
    fn flush(&mut self) {
        let runs = self.text.take();
        if !runs.is_empty() {
            self.blocks.push(Block::Paragraph { runs });
        }
    }

    fn children(&mut self, el: ElementRef, style: &Style) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.text.push(t, style),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, style);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef, style: &Style) {
        if is_skipped(el) {
            return;
        }
        let name = el.value().name();
        match name {
            "a" => {
                let href = el.value().attr("href").map(|h| resolve_url(self.base, h)).filter(|h| !h.is_empty());
                // A link inside a link is not valid HTML; the outer one wins.
                let href = style.href.clone().or(href);
                self.children(el, &Style { href, ..style.clone() });
            }
            "em" | "i" => self.children(el, &Style { em: true, ..style.clone() }),
            "strong" | "b" => self.children(el, &Style { strong: true, ..style.clone() }),
            "br" => self.text.space(),
            "img" => {
                self.flush();
                self.image(el, None);
            }
            "figure" => {
                self.flush();
                self.figure(el, style);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let text = text_of(el);
                // The page's own title, repeated at the top of the article, is not body text.
                let repeats_title = name == "h1" && text == self.title;
                if !text.is_empty() && !repeats_title {
                    self.blocks.push(Block::Heading { text });
                }
            }
            "blockquote" => {
                self.flush();
                self.quote(el, None);
            }
            "ul" | "ol" => {
                self.flush();
                let items: Vec<String> = el
                    .child_elements()
                    .filter(|li| li.value().name() == "li" && !is_skipped(*li))
                    .map(text_of)
                    .filter(|t| !t.is_empty())
                    .collect();
                if !items.is_empty() {
                    self.blocks.push(Block::List { ordered: name == "ol", items });
                }
            }
            _ if INLINE.contains(&name) => self.children(el, style),
            // Any other element (p, div, section, table, custom elements…) is a block container:
            // its text is read, its paragraph breaks kept.
            _ => {
                self.flush();
                self.children(el, style);
                self.flush();
            }
        }
    }

    fn image(&mut self, img: ElementRef, caption: Option<String>) {
        let e = img.value();
        let Some(src) = e.attr("src").or_else(|| e.attr("data-src")).map(str::trim).filter(|s| !s.is_empty()) else {
            return;
        };
        let alt = e.attr("alt").map(collapse).unwrap_or_default();
        self.blocks.push(Block::Image { src: resolve_url(self.base, src), alt, caption });
    }

    /// A `<figure>` is an image with its caption, or a quote with its source; otherwise its
    /// content is read as usual.
    fn figure(&mut self, figure: ElementRef, style: &Style) {
        let caption = first_in(figure, "figcaption").map(text_of).filter(|c| !c.is_empty());
        if let Some(img) = first_in(figure, "img").filter(|i| !is_skipped(*i)) {
            self.image(img, caption);
        } else if let Some(quote) = first_in(figure, "blockquote") {
            self.quote(quote, caption);
        } else {
            self.children(figure, style);
            self.flush();
        }
    }

    /// A `<blockquote>`; its source is its own `<footer>` or `<cite>` child, or the figure caption.
    fn quote(&mut self, quote: ElementRef, caption: Option<String>) {
        let is_source = |c: &ElementRef| matches!(c.value().name(), "footer" | "cite");
        let cite = quote
            .child_elements()
            .find(is_source)
            .map(text_of)
            .or(caption)
            .map(|c| c.trim_start_matches(['—', '–', '-', ' ']).to_string())
            .filter(|c| !c.is_empty());
        let mut b = RunsBuilder::default();
        collect_children(quote, &mut b, &|c| is_source(&c));
        let text = b.take_text();
        if !text.is_empty() {
            self.blocks.push(Block::Quote { text, cite });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_reader::core::article::Run;

    fn body(html: &str) -> Vec<Block> {
        let options = Options { lang: Some("en".into()), id: Some("x".into()), ..Options::default() };
        convert(html, &options).unwrap().translations.remove(0).body
    }

    #[test]
    fn paragraphs_keep_links_and_emphasis() {
        let b =
            body(r#"<article><p>A <a href="https://e.example/">link</a>, <i>em</i> and <b>bold</b>.</p></article>"#);
        let Block::Paragraph { runs } = &b[0] else { panic!("{b:?}") };
        assert_eq!(runs[1], Run { href: Some("https://e.example/".into()), ..Run::plain("link") });
        assert_eq!(runs[3], Run { em: true, ..Run::plain("em") });
        assert_eq!(runs[5], Run { strong: true, ..Run::plain("bold") });
    }

    #[test]
    fn loose_text_and_divs_make_paragraphs_and_skipped_elements_vanish() {
        let b =
            body("<article><div>One<br>line</div>Two<script>alert(1)</script><noscript><p>x</p></noscript></article>");
        let texts: Vec<_> = b.iter().map(|b| b.plain_text()).collect();
        assert_eq!(texts, ["One line", "Two"]);
    }

    #[test]
    fn quotes_find_their_source() {
        let b = body(
            "<article><blockquote><p>Words.</p><footer>— Someone</footer></blockquote>\
                      <figure><blockquote>Other words.</blockquote><figcaption>Another</figcaption></figure></article>",
        );
        assert_eq!(b[0], Block::Quote { text: "Words.".into(), cite: Some("Someone".into()) });
        assert_eq!(b[1], Block::Quote { text: "Other words.".into(), cite: Some("Another".into()) });
    }

    #[test]
    fn json_ld_in_a_graph_with_object_values() {
        let page = r#"<html lang="fr"><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},
            {"@type":["NewsArticle"],"headline":"T","author":[{"name":"A"},{"name":"B"}],
             "mainEntityOfPage":{"@id":"https://e.example/a/b/"},"datePublished":"2021-07-16T09:00:00Z"}]}</script>
            <article><p>x</p></article></html>"#;
        let a = convert(page, &Options::default()).unwrap();
        assert_eq!(a.id, "b");
        assert_eq!(a.published.as_deref(), Some("2021-07-16"));
        assert_eq!(a.author.unwrap().name, "A, B");
        assert_eq!(a.default_lang, "fr");
        assert_eq!(a.translations[0].url.as_deref(), Some("https://e.example/a/b/"));
    }
}
