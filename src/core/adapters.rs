//! Other formats publishers already have, turned into article documents: a WordPress REST API post
//! (`/wp-json/wp/v2/posts/ID`) and a JSON Feed 1.1 item (or a feed, whose first item is taken).
//!
//! Their HTML content is turned into blocks by the one HTML allow-list ([`super::html`]); it is
//! never inserted as HTML. Parsing the HTML is the caller's job (the browser's own parser in the
//! widget, html5ever in the CLI). The documents produced here go through the same validation as
//! any other ([`crate::core::validate`]), which also applies the URL allowlist.

pub use super::format::Format;
pub use super::html::{html_to_blocks, HtmlNode};
use super::{
    article::{Article, Block, Person, Translation, SCHEMA},
    runs::collapse,
    text::Quoted,
    validate::{Rejection, MAX_TRANSLATIONS},
};
use serde::Serialize;
use serde_json::{Map, Value};

/// `YYYY-MM-DD` from an ISO 8601 date-time, when it starts with a day of the calendar.
fn iso_day(date: Option<&str>) -> Option<String> {
    super::date::Date::from_iso_prefix(date?).map(|d| d.to_string())
}

/// A language tag from a locale name (`fr_FR` → `fr-FR`).
fn tag_of(locale: &str) -> String {
    locale.trim().replace('_', "-")
}

/// One translation of an adapted document, before it joins the others (its `lang` is set by
/// [`assemble`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Adapted {
    pub lang: Option<String>,
    pub id: String,
    pub published: Option<String>,
    pub author: Option<String>,
    pub translation: Translation,
}

/// A translation with its title and body, the rest to be filled in.
fn translation(title: String, body: Vec<Block>) -> Translation {
    Translation { lang: String::new(), title, url: None, summary: None, author_name: None, author_bio: None, body }
}

/// A WordPress REST API post. `parse_html` parses an HTML fragment (title, content, excerpt).
pub fn from_wordpress(post: &Value, parse_html: &dyn Fn(&str) -> Vec<HtmlNode>) -> Result<Adapted, String> {
    let rendered = |key: &str| post.get(key).and_then(|v| v.get("rendered")).and_then(Value::as_str);
    let text_of = |html: &str| parse_html(html).iter().map(HtmlNode::text_content).collect::<Vec<_>>().join(" ");
    let title = rendered("title").map(text_of).filter(|t| !t.trim().is_empty()).ok_or("title.rendered is missing")?;
    let content = rendered("content").ok_or("content.rendered is missing")?;
    let mut t = translation(collapse(&title), html_to_blocks(&parse_html(content)));
    t.summary = rendered("excerpt").map(text_of).map(|s| collapse(&s)).filter(|s| !s.is_empty());
    t.url = post.get("link").and_then(Value::as_str).map(str::to_string);
    let author = post.pointer("/_embedded/author/0/name").and_then(Value::as_str).map(str::to_string);
    t.author_name = author.clone();
    // Polylang exposes `lang`; WPML `wpml_current_locale`.
    let lang = post
        .get("lang")
        .and_then(Value::as_str)
        .or_else(|| post.get("wpml_current_locale").and_then(Value::as_str))
        .map(tag_of);
    let id = match post.get("id") {
        Some(Value::Number(n)) => format!("wp-{n}"),
        Some(Value::String(s)) => s.clone(),
        _ => "wp-post".to_string(),
    };
    Ok(Adapted { lang, id, published: iso_day(post.get("date").and_then(Value::as_str)), author, translation: t })
}

/// The documents to fetch besides the first: the `data-src-<lang>` ones (`extra`), then, for a
/// WordPress post (`post`, with the URL it was fetched from), its other languages as API URLs next
/// to that one (Polylang's `translations` map, `{"fr": 123}`, then WPML's `wpml_translations` list);
/// one per language, the first named winning. An article holds at most [`MAX_TRANSLATIONS`]
/// languages, the first document's included: `Err` as soon as more are named, before anything is
/// fetched and without reading the rest of the list (a post may name any number).
pub fn translation_sources(
    extra: &[(String, String)],
    post: Option<(&Value, &str)>,
) -> Result<Vec<(String, String)>, Rejection> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |lang: String, url: String| {
        // A search of at most MAX_TRANSLATIONS entries: the list stops growing there.
        if out.iter().any(|(l, _)| l.eq_ignore_ascii_case(&lang)) {
            return Ok(());
        }
        if out.len() + 1 >= MAX_TRANSLATIONS {
            return Err(Rejection::too_many_translations());
        }
        out.push((lang, url));
        Ok(())
    };
    for (lang, url) in extra {
        add(lang.clone(), url.clone())?;
    }
    if let Some((post, post_url)) = post {
        let own = post.get("id").and_then(Value::as_u64);
        // The query (`?_embed` for the author's name) is kept for the translations too.
        let (path, query) = post_url.find('?').map_or((post_url, ""), |q| post_url.split_at(q));
        let Some(at) = path.rfind("/posts/") else { return Ok(out) };
        let base = &path[..at + "/posts/".len()];
        let mut named = |locale: &str, id: Option<u64>| match id.filter(|id| Some(*id) != own) {
            Some(id) => add(tag_of(locale), format!("{base}{id}{query}")),
            None => Ok(()),
        };
        if let Some(map) = post.get("translations").and_then(Value::as_object) {
            for (lang, id) in map {
                named(lang, id.as_u64())?;
            }
        }
        for t in post.get("wpml_translations").and_then(Value::as_array).map_or(&[][..], Vec::as_slice) {
            if let Some(locale) = t.get("locale").and_then(Value::as_str) {
                named(locale, t.get("id").and_then(Value::as_u64))?;
            }
        }
    }
    Ok(out)
}

/// A JSON Feed 1.1 item, or a feed (its first item).
pub fn from_json_feed(doc: &Value, parse_html: &dyn Fn(&str) -> Vec<HtmlNode>) -> Result<Adapted, String> {
    let feed_lang = doc.get("language").and_then(Value::as_str);
    let item = match doc.get("items").and_then(Value::as_array) {
        Some(items) => items.first().ok_or("the feed has no items")?,
        None => doc,
    };
    let title = item.get("title").and_then(Value::as_str).filter(|t| !t.trim().is_empty()).ok_or("title is missing")?;
    let body =
        match (item.get("content_html").and_then(Value::as_str), item.get("content_text").and_then(Value::as_str)) {
            (Some(html), _) => html_to_blocks(&parse_html(html)),
            (None, Some(text)) => text.split("\n\n").map(collapse).filter(|p| !p.is_empty()).map(Block::text).collect(),
            (None, None) => return Err("content_html or content_text is missing".into()),
        };
    let mut t = translation(collapse(title), body);
    t.url = item.get("url").and_then(Value::as_str).map(str::to_string);
    t.summary = item.get("summary").and_then(Value::as_str).map(collapse);
    let author = item
        .pointer("/authors/0/name")
        .or_else(|| item.pointer("/author/name"))
        .or_else(|| doc.pointer("/authors/0/name"))
        .and_then(Value::as_str)
        .map(str::to_string);
    t.author_name = author.clone();
    let id = item.get("id").and_then(|v| v.as_str().map(str::to_string).or_else(|| Some(v.to_string())));
    Ok(Adapted {
        lang: item.get("language").and_then(Value::as_str).or(feed_lang).map(tag_of),
        id: id.unwrap_or_else(|| "feed-item".into()),
        published: iso_day(item.get("date_published").and_then(Value::as_str)),
        author,
        translation: t,
    })
}

/// Joins adapted translations into one article document (JSON text), in order; the first one's
/// language (or `fallback_lang`) is the default, and a second one in the same language is left
/// out. The result still has to pass validation.
pub fn assemble(parts: Vec<Adapted>, fallback_lang: &str) -> String {
    let mut translations: Vec<Translation> = Vec::new();
    let mut first: Option<(String, Option<String>, Option<String>)> = None;
    for part in parts {
        first.get_or_insert_with(|| (part.id.clone(), part.published.clone(), part.author.clone()));
        let lang = part.lang.unwrap_or_else(|| fallback_lang.to_string());
        if !translations.iter().any(|t| t.lang == lang) {
            translations.push(Translation { lang, ..part.translation });
        }
    }
    let (id, published, author) = first.unwrap_or_default();
    let article = Article {
        schema: SCHEMA.to_string(),
        id,
        published,
        author: author.map(|name| Person { name, url: None }),
        publication: None,
        default_lang: translations.first().map_or_else(|| fallback_lang.to_string(), |t| t.lang.clone()),
        translations,
    };
    serde_json::to_string(&article).unwrap_or_default()
}

/// What the widget asks of the adapters: one document of another format (its JSON text), fetched
/// from `url`, and its translations, fetched or not. The widget builds it; the adapters' own WASM
/// module (loaded only when such a document shows up) answers it with [`adapt`].
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub format: Format,
    pub url: String,
    pub text: String,
    pub translations: Vec<TranslationSource>,
    /// The language of a document that names none (`data-lang`, else `en`).
    pub fallback_lang: String,
}

impl Request {
    /// The JSON form that [`Request::from_json`] reads, built by hand (the widget's module has no
    /// serde serializer).
    pub fn to_json(&self) -> Value {
        let text = |s: &str| Value::String(s.to_string());
        let translations = self.translations.iter().map(|t| {
            Value::Object(Map::from_iter([
                ("lang".to_string(), text(&t.lang)),
                ("url".to_string(), text(&t.url)),
                ("text".to_string(), result_to_json(&t.text)),
            ]))
        });
        Value::Object(Map::from_iter([
            ("format".to_string(), text(self.format.name())),
            ("url".to_string(), text(&self.url)),
            ("text".to_string(), text(&self.text)),
            ("translations".to_string(), Value::Array(translations.collect())),
            ("fallback_lang".to_string(), text(&self.fallback_lang)),
        ]))
    }

    /// Reads a request from its JSON form by hand, as [`Reply::from_json`] does, for the same reason
    /// (a derived `Deserialize` costs the adapters' module serde's error formatting).
    pub fn from_json(request: &Value) -> Option<Request> {
        let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let format = Format::named(request.get("format")?.as_str()?)?;
        let mut translations = Vec::new();
        for t in request.get("translations")?.as_array()? {
            let text_or_reason = result_from_json(t.get("text")?)?;
            translations.push(TranslationSource { lang: text(t, "lang")?, url: text(t, "url")?, text: text_or_reason });
        }
        Some(Request {
            format,
            url: text(request, "url")?,
            text: text(request, "text")?,
            translations,
            fallback_lang: text(request, "fallback_lang")?,
        })
    }
}

/// A translation of the requested document: its JSON text, or why it could not be fetched.
#[derive(Clone, Debug, PartialEq)]
pub struct TranslationSource {
    pub lang: String,
    pub url: String,
    pub text: Result<String, String>,
}

/// The answer to a [`Request`]: the article document (JSON text, still to be validated) or why the
/// document could not be converted, and one warning per translation that was left out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reply {
    pub article: Result<String, String>,
    pub warnings: Vec<String>,
}

impl Reply {
    pub fn failed(reason: String) -> Reply {
        Reply { article: Err(reason), warnings: Vec::new() }
    }

    /// Reads a reply from its JSON form (`{"article":{"Ok":"…"},"warnings":[…]}`) by hand: a derived
    /// `Deserialize` would bring serde's error machinery, float formatting included (about 17 KB
    /// of WASM), into the widget's module, which otherwise never needs it.
    pub fn from_json(reply: &Value) -> Option<Reply> {
        let article = result_from_json(reply.get("article")?)?;
        let warnings =
            reply.get("warnings")?.as_array()?.iter().filter_map(|w| w.as_str().map(str::to_string)).collect();
        Some(Reply { article, warnings })
    }
}

/// A text or the reason there is none, in the JSON form of a derived `Serialize`
/// (`{"Ok":"…"}` or `{"Err":"…"}`), as requests and replies carry it.
fn result_to_json(result: &Result<String, String>) -> Value {
    let (key, text) = match result {
        Ok(doc) => ("Ok", doc),
        Err(reason) => ("Err", reason),
    };
    Value::Object(Map::from_iter([(key.to_string(), Value::String(text.clone()))]))
}

/// Reads what [`result_to_json`] writes.
fn result_from_json(result: &Value) -> Option<Result<String, String>> {
    let text = |key: &str| result.get(key).and_then(Value::as_str).map(str::to_string);
    match (text("Ok"), text("Err")) {
        (Some(doc), _) => Some(Ok(doc)),
        (None, Some(reason)) => Some(Err(reason)),
        (None, None) => None,
    }
}

/// Converts one document of `format` into an [`Adapted`] translation.
pub fn convert(format: Format, doc: &Value, parse_html: &dyn Fn(&str) -> Vec<HtmlNode>) -> Result<Adapted, String> {
    match format {
        Format::WordPress => from_wordpress(doc, parse_html).map_err(|e| format!("not a WordPress post: {e}")),
        Format::JsonFeed => from_json_feed(doc, parse_html).map_err(|e| format!("not a JSON Feed item: {e}")),
        Format::Article => Err("already an article document".into()),
        Format::Html => Err("an HTML page is read by core::extract, not converted".into()),
    }
}

/// Answers a [`Request`]: the document and each translation converted, then assembled. A
/// translation that cannot be used costs that language, not the article.
pub fn adapt(request: &Request, parse_html: &dyn Fn(&str) -> Vec<HtmlNode>) -> Reply {
    if request.format == Format::Html {
        return adapt_page(request);
    }
    let first = serde_json::from_str::<Value>(&request.text)
        .map_err(|e| format!("not a JSON document: {e}"))
        .and_then(|doc| convert(request.format, &doc, parse_html));
    let first = match first {
        Ok(first) => first,
        Err(e) => return Reply::failed(e),
    };
    let mut parts = vec![first];
    let mut warnings = Vec::new();
    for t in &request.translations {
        let part = t
            .text
            .clone()
            .and_then(|text| serde_json::from_str::<Value>(&text).map_err(|_| "not a JSON document".to_string()))
            .and_then(|doc| convert(request.format, &doc, parse_html));
        match part {
            Ok(mut part) => {
                part.lang = Some(t.lang.clone());
                parts.push(part);
            }
            Err(e) => warnings.push(format!(
                concat!(crate::console_prefix!(), "translation {} from {} skipped: {}"),
                Quoted(&t.lang),
                Quoted(&t.url),
                e
            )),
        }
    }
    Reply { article: Ok(assemble(parts, &request.fallback_lang)), warnings }
}

/// Answers an HTML [`Request`] (`data-format="html"`): the page read by [`super::extract`], the
/// reader mode's extraction shared with the CLI, relative links resolved against `request.url` (the
/// page's address). Its notes (a detected language, a cut) become the reply's warnings.
#[cfg(feature = "extract")]
fn adapt_page(request: &Request) -> Reply {
    use super::extract::{document, extract, Choices, Version};
    let page = match extract(&request.text, Some(&request.url)) {
        Ok(page) => page,
        Err(e) => return Reply::failed(format!("not an article page: {e}")),
    };
    let lang = page.lang.clone().map_or_else(|| request.fallback_lang.clone(), |(tag, _)| tag);
    // The page's address stands for its canonical URL when it names none.
    let choices = Choices { url: page.url.is_none().then(|| request.url.clone()), ..Choices::default() };
    let mut notes = page.notes.clone();
    let version = Version { name: request.url.clone(), page, lang };
    match document(&[version], &choices) {
        Ok((doc, more)) => {
            notes.extend(more);
            let warnings = notes
                .iter()
                .map(|n| format!(concat!(crate::console_prefix!(), "{}: {}"), Quoted(&request.url), n))
                .collect();
            Reply { article: Ok(serde_json::to_string(&doc).unwrap_or_default()), warnings }
        }
        Err(e) => Reply::failed(format!("not an article page: {e}")),
    }
}

/// Without the extraction (the WordPress / JSON Feed module): `embed.js` sends HTML pages to the
/// html module, never here.
#[cfg(not(feature = "extract"))]
fn adapt_page(_: &Request) -> Reply {
    Reply::failed("this module does not read HTML pages (article_reader_html_bg.wasm does)".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{
        article::{Block, Run},
        validate::parse_article,
    };
    use serde_json::json;

    fn el(tag: &str, children: Vec<HtmlNode>) -> HtmlNode {
        HtmlNode::element(tag, &[], children)
    }

    fn t(text: &str) -> HtmlNode {
        HtmlNode::text(text)
    }

    /// A tiny stand-in for an HTML parser in tests: the fragment is given as a tree already.
    fn fixed(nodes: Vec<HtmlNode>) -> impl Fn(&str) -> Vec<HtmlNode> {
        move |html: &str| if html.contains('<') { nodes.clone() } else { vec![t(html)] }
    }

    #[test]
    fn allowlisted_html_becomes_blocks() {
        let nodes = vec![
            el(
                "p",
                vec![
                    t("Hello "),
                    el("em", vec![t("dear")]),
                    t(" "),
                    HtmlNode::element("a", &[("href", "https://e.example")], vec![t("reader")]),
                    t("."),
                ],
            ),
            el("h2", vec![t("Part  two")]),
            el("script", vec![t("alert(1)")]),
            el("blockquote", vec![el("p", vec![t("Oil is our wealth.")]), el("cite", vec![t("A proverb")])]),
            el("ul", vec![el("li", vec![t("one")]), el("li", vec![el("strong", vec![t("two")])])]),
            el(
                "figure",
                vec![
                    HtmlNode::element("img", &[("src", "https://e.example/a.jpg"), ("alt", "A map")], vec![]),
                    el("figcaption", vec![t("The map")]),
                ],
            ),
            HtmlNode::element("div", &[("onclick", "alert(1)")], vec![t("loose "), el("b", vec![t("text")])]),
            HtmlNode::element(
                "p",
                &[],
                vec![HtmlNode::element("a", &[("href", "javascript:alert(1)")], vec![t("bad link")])],
            ),
        ];
        let doc = assemble(
            vec![Adapted {
                lang: Some("en".into()),
                id: "x".into(),
                published: None,
                author: None,
                translation: translation("T".into(), html_to_blocks(&nodes)),
            }],
            "en",
        );
        let parsed = parse_article(&doc).expect("adapted documents are valid");
        let body = &parsed.article.translations[0].body;
        assert_eq!(
            body[0],
            Block::Paragraph {
                runs: vec![
                    Run::plain("Hello "),
                    Run { text: "dear ".into(), href: None, em: true, strong: false },
                    Run { text: "reader".into(), href: Some("https://e.example".into()), em: false, strong: false },
                    Run::plain("."),
                ]
            }
        );
        assert_eq!(body[1], Block::Heading { text: "Part two".into() });
        assert_eq!(body[2], Block::Quote { text: "Oil is our wealth.".into(), cite: Some("A proverb".into()) });
        assert_eq!(body[3], Block::List { ordered: false, items: vec!["one".into(), "two".into()] });
        assert_eq!(
            body[4],
            Block::Image {
                src: "https://e.example/a.jpg".into(),
                alt: "A map".into(),
                caption: Some("The map".into())
            }
        );
        assert_eq!(
            body[5],
            Block::Paragraph {
                runs: vec![Run::plain("loose "), Run { text: "text".into(), href: None, em: false, strong: true }]
            }
        );
        // The javascript: link keeps its text, loses its link, and is reported.
        assert_eq!(body[6], Block::Paragraph { runs: vec![Run::plain("bad link")] });
        assert_eq!(parsed.warnings.len(), 1);
        assert!(!doc.contains("alert(1)</"), "script content is dropped");
        assert_eq!(body.len(), 7);
    }

    #[test]
    fn wordpress_posts_and_their_translations() {
        let post = json!({
            "id": 42, "date": "2021-07-16T09:00:00", "link": "https://blog.example/iraq",
            "title": {"rendered": "Iraq &amp; the US"},
            "content": {"rendered": "<p>Body</p>"},
            "excerpt": {"rendered": "<p>Short</p>"},
            "lang": "en", "translations": {"en": 42, "fr": 43},
            "_embedded": {"author": [{"name": "Viktor Mikhin"}]}
        });
        let parse = |html: &str| match html {
            "Iraq &amp; the US" => vec![t("Iraq & the US")],
            "<p>Short</p>" => vec![el("p", vec![t("Short")])],
            _ => vec![el("p", vec![t("Body")])],
        };
        let adapted = from_wordpress(&post, &parse).unwrap();
        assert_eq!(adapted.lang.as_deref(), Some("en"));
        assert_eq!(adapted.published.as_deref(), Some("2021-07-16"));
        assert_eq!(adapted.translation.title, "Iraq & the US");
        assert_eq!(adapted.translation.summary.as_deref(), Some("Short"));
        assert_eq!(
            translation_sources(&[], Some((&post, "https://blog.example/wp-json/wp/v2/posts/42?_embed=1"))).unwrap(),
            vec![("fr".to_string(), "https://blog.example/wp-json/wp/v2/posts/43?_embed=1".to_string())]
        );
        let doc = assemble(vec![adapted], "en");
        let article = parse_article(&doc).unwrap().article;
        assert_eq!(article.id, "wp-42");
        assert_eq!(article.author.unwrap().name, "Viktor Mikhin");
        assert_eq!(Format::detect(&post), Format::WordPress);
    }

    #[test]
    fn translations_are_limited_before_anything_is_fetched() {
        // 190,000 Polylang keys (what fits in 2 MiB): refused at once, at the first one too many.
        let keys: Map<String, Value> = (0..190_000).map(|i| (format!("l{i}"), json!(i + 100))).collect();
        let post = json!({"id": 42, "translations": keys});
        let url = "https://blog.example/wp-json/wp/v2/posts/42";
        let rejection = translation_sources(&[], Some((&post, url))).unwrap_err();
        assert_eq!(crate::core::failure::FailureKind::of(&rejection.first().kind).code(), "too-large");
        assert_eq!(rejection.first().to_string(), "translations: more than 100 translations");
        // One per language, data-src-<lang> first; 99 others plus the post itself is the most.
        let extra = vec![("FR".to_string(), "https://blog.example/fr".to_string())];
        let names = |n: usize| -> Map<String, Value> { (0..n).map(|i| (format!("l{i}"), json!(i + 100))).collect() };
        let mut translations = names(98);
        translations.insert("fr".into(), json!(7));
        translations.insert("en".into(), json!(42));
        let post = json!({"id": 42, "translations": translations});
        let sources = translation_sources(&extra, Some((&post, url))).unwrap();
        assert_eq!(sources.len(), MAX_TRANSLATIONS - 1);
        assert_eq!(sources[0], extra[0], "data-src-fr wins over the post's fr");
        assert!(sources.iter().all(|(l, _)| l != "en"), "the post's own id is not fetched again");
        let post = json!({"id": 42, "translations": names(99)});
        assert!(translation_sources(&extra, Some((&post, url))).is_err());
    }

    #[test]
    fn json_feed_items_and_feeds() {
        let feed = json!({
            "version": "https://jsonfeed.org/version/1.1", "language": "fr",
            "items": [{"id": "2", "title": "Titre", "content_text": "Un.\n\nDeux.", "date_published": "2021-07-16T10:00:00Z",
                        "authors": [{"name": "Viktor Mikhine"}], "url": "https://blog.example/fr/2"}]
        });
        assert_eq!(Format::detect(&feed), Format::JsonFeed);
        let adapted = from_json_feed(&feed, &fixed(vec![])).unwrap();
        assert_eq!(adapted.lang.as_deref(), Some("fr"));
        let article = parse_article(&assemble(vec![adapted], "en")).unwrap().article;
        assert_eq!(article.default_lang, "fr");
        assert_eq!(article.translations[0].body.len(), 2);
        assert_eq!(article.published.as_deref(), Some("2021-07-16"));
        let item = json!({"id": "1", "title": "T", "content_html": "<p>x</p>"});
        let adapted = from_json_feed(&item, &fixed(vec![el("p", vec![t("x")])])).unwrap();
        assert_eq!(adapted.translation.body, [Block::text("x")]);
        assert!(from_json_feed(&json!({"items": []}), &fixed(vec![])).is_err());
    }

    #[test]
    fn a_request_is_answered_with_the_assembled_article_and_warnings() {
        let item = |lang: &str, title: &str| {
            json!({"id": "7", "language": lang, "title": title, "content_text": "Un."}).to_string()
        };
        let request = Request {
            format: Format::JsonFeed,
            url: "https://blog.example/feed.json".into(),
            text: item("en", "Title"),
            translations: vec![
                TranslationSource {
                    lang: "fr".into(),
                    url: "https://blog.example/fr.json".into(),
                    text: Ok(item("fr", "Titre")),
                },
                TranslationSource {
                    lang: "ru".into(),
                    url: "https://blog.example/ru.json".into(),
                    text: Err("HTTP 404".into()),
                },
                TranslationSource {
                    lang: "de".into(),
                    url: "https://blog.example/de.json".into(),
                    text: Ok("<html>".into()),
                },
            ],
            fallback_lang: "en".into(),
        };
        // The request crosses from the widget's module to the adapters' as JSON.
        let received = Request::from_json(&request.to_json()).unwrap();
        assert_eq!(received, request);
        let request = received;
        assert_eq!(Request::from_json(&json!({"format": "Html"})), None);
        let reply = adapt(&request, &fixed(vec![]));
        // And the reply back, as JSON.
        assert_eq!(Reply::from_json(&serde_json::to_value(&reply).unwrap()).as_ref(), Some(&reply));
        let failed = Reply::failed("no".into());
        assert_eq!(Reply::from_json(&serde_json::to_value(&failed).unwrap()), Some(failed));
        assert_eq!(Reply::from_json(&json!({"article": 1, "warnings": []})), None);
        let article = parse_article(reply.article.as_ref().unwrap()).unwrap().article;
        let langs: Vec<&str> = article.translations.iter().map(|t| t.lang.as_str()).collect();
        assert_eq!(langs, ["en", "fr"]);
        assert_eq!(article.translations[1].title, "Titre");
        assert_eq!(reply.warnings.len(), 2, "{:?}", reply.warnings);
        assert!(reply.warnings[0].contains(r#"translation "ru" from "https://blog.example/ru.json" skipped: HTTP 404"#));
        assert!(reply.warnings[1].contains(r#"translation "de""#) && reply.warnings[1].contains("not a JSON document"));

        let broken = Request { text: json!({"title": "no content"}).to_string(), ..request.clone() };
        assert_eq!(
            adapt(&broken, &fixed(vec![])).article,
            Err("not a JSON Feed item: content_html or content_text is missing".into())
        );
        let not_json = Request { text: "{".into(), ..request };
        assert!(adapt(&not_json, &fixed(vec![])).article.unwrap_err().starts_with("not a JSON document"));
    }

    #[test]
    fn html_is_a_format_named_never_detected() {
        assert_eq!(Format::parse(" HTML "), Some(Format::Html));
        assert_eq!(Format::detect(&json!({"title": "<html>"})), Format::Article);
        let request = Request {
            format: Format::Html,
            url: "https://news.example/a.html".into(),
            text: "<p>x</p>".into(),
            translations: Vec::new(),
            fallback_lang: "en".into(),
        };
        assert_eq!(Request::from_json(&request.to_json()), Some(request));
    }

    #[cfg(feature = "extract")]
    #[test]
    fn a_page_becomes_one_translation_with_its_metadata() {
        let page = r#"<html lang="de"><head><title>Der Titel</title>
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Der Titel","author":{"name":"A. Autor","url":"https://news.example/a"},
            "datePublished":"2021-07-16","publisher":{"name":"Die Zeitung","url":"https://news.example/"}}</script></head>
            <body><article><p>Ein erster Absatz, lang genug, damit die Extraktion ihn als Haupttext der Seite behält und zählt.</p>
            <p>Ein zweiter Absatz mit <a href="b.html">einem relativen Link</a>, ebenfalls lang genug für die Schwellen.</p></article></body></html>"#;
        let request = Request {
            format: Format::Html,
            url: "https://news.example/2021/a.html?x=1".into(),
            text: page.into(),
            translations: Vec::new(),
            fallback_lang: "en".into(),
        };
        let reply = adapt(&request, &|_| Vec::new());
        let article = parse_article(&reply.article.unwrap()).unwrap().article;
        assert_eq!(article.default_lang, "de");
        // The CLI's rule (core::extract::document): no identifier on the page, so its URL's last segment.
        assert_eq!(article.id, "a-html");
        assert_eq!(article.published.as_deref(), Some("2021-07-16"));
        assert_eq!(article.author.as_ref().map(|a| a.name.as_str()), Some("A. Autor"));
        assert_eq!(article.publication.as_ref().and_then(|p| p.url.as_deref()), Some("https://news.example/"));
        assert_eq!(article.translations[0].title, "Der Titel");
        let links: Vec<_> = article.translations[0]
            .body
            .iter()
            .flat_map(|b| match b {
                Block::Paragraph { runs } => runs.iter().filter_map(|r| r.href.clone()).collect(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(links, ["https://news.example/2021/b.html"]);
    }
}
