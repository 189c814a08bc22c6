//! Other formats publishers already have, turned into article documents: a WordPress REST API post
//! (`/wp-json/wp/v2/posts/ID`) and a JSON Feed 1.1 item (or a feed, whose first item is taken).
//!
//! Their HTML content is converted to blocks through an allowlist (paragraphs, headings, quotes,
//! lists, images, links, emphasis); it is never inserted as HTML. Parsing the HTML is the caller's
//! job (the browser's own parser in the widget, html5ever in the CLI): this module works on the
//! resulting tree, so it stays pure. The documents produced here go through the same validation as
//! any other ([`crate::core::validate`]), which also applies the URL allowlist.

use super::{
    text::{is_blank, Quoted},
    validate::{Rejection, MAX_TRANSLATIONS},
};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// A parsed HTML node, as much of it as the allowlist needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HtmlNode {
    Element { tag: String, attrs: Vec<(String, String)>, children: Vec<HtmlNode> },
    Text(String),
}

impl HtmlNode {
    pub fn element(tag: &str, attrs: &[(&str, &str)], children: Vec<HtmlNode>) -> HtmlNode {
        HtmlNode::Element {
            tag: tag.to_string(),
            attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            children,
        }
    }

    pub fn text(text: &str) -> HtmlNode {
        HtmlNode::Text(text.to_string())
    }

    fn attr(&self, name: &str) -> Option<&str> {
        match self {
            HtmlNode::Element { attrs, .. } => attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
            HtmlNode::Text(_) => None,
        }
    }

    /// All the text below this node, white space collapsed.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        collapse(&out)
    }

    fn collect_text(&self, out: &mut String) {
        match self {
            HtmlNode::Text(t) => out.push_str(t),
            HtmlNode::Element { tag, children, .. } if !is_dropped(tag) => {
                // A block's text never runs into its neighbours' (`<li><p>a</p><p>b</p></li>`).
                let sep = if is_block(tag) { " " } else { "" };
                out.push_str(sep);
                children.iter().for_each(|c| c.collect_text(out));
                out.push_str(sep);
            }
            HtmlNode::Element { .. } => {}
        }
    }
}

/// How deep an HTML tree is read for the allow-list, by both of its readers (the browser's
/// `DOMParser` tree in the adapters' module, html5ever's in `core::extract`): article structure
/// is never this deep, and the walk is recursive.
pub const MAX_HTML_DEPTH: usize = 128;

/// The attributes the allow-list reads from an element, given how to read one: `href`, `alt`,
/// and `src`, else `data-src` (an image that a script would load lazily). Both readers of HTML
/// call this, so they keep the same attributes.
pub fn kept_attributes(attr: &dyn Fn(&str) -> Option<String>) -> Vec<(String, String)> {
    ["href", "src", "alt"]
        .into_iter()
        .filter_map(|name| {
            let value = attr(name).or_else(|| if name == "src" { attr("data-src") } else { None })?;
            Some((name.to_string(), value))
        })
        .collect()
}

/// The formats the widget reads (`data-format`, or detected).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Article,
    WordPress,
    JsonFeed,
    /// An article web page (`data-format="html"` only, never detected), read by
    /// `core::extract` in a module of its own.
    Html,
}

impl Format {
    /// Its name in a [`Request`]'s JSON form.
    pub fn name(self) -> &'static str {
        match self {
            Format::Article => "Article",
            Format::WordPress => "WordPress",
            Format::JsonFeed => "JsonFeed",
            Format::Html => "Html",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "article" | "article-reader" => Some(Format::Article),
            "wordpress" | "wp" => Some(Format::WordPress),
            "jsonfeed" | "json-feed" => Some(Format::JsonFeed),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    /// Recognises a document by its shape.
    pub fn detect(doc: &Value) -> Format {
        let Some(obj) = doc.as_object() else { return Format::Article };
        if obj.contains_key("schema") {
            Format::Article
        } else if obj.get("content").and_then(|c| c.get("rendered")).is_some() {
            Format::WordPress
        } else if obj.contains_key("content_html")
            || obj.contains_key("content_text")
            || obj.get("version").and_then(Value::as_str).is_some_and(|v| v.contains("jsonfeed.org"))
        {
            Format::JsonFeed
        } else {
            Format::Article
        }
    }
}

/// Elements whose content is never text for the reader.
fn is_dropped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "noscript"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "form"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "head"
            | "title"
            | "canvas"
            | "audio"
            | "video"
            | "frame"
            | "frameset"
            | "noframes"
            | "applet"
            | "noembed"
            | "xmp"
            | "plaintext"
            | "meta"
            | "link"
            | "base"
            | "option"
            | "datalist"
            | "output"
            | "source"
            | "track"
            | "map"
            | "dialog"
    )
}

/// Elements whose blocks are the blocks of their children.
fn is_container(tag: &str) -> bool {
    matches!(
        tag,
        "div"
            | "section"
            | "article"
            | "main"
            | "body"
            | "html"
            | "header"
            | "footer"
            | "aside"
            | "center"
            | "details"
            | "summary"
            | "table"
            | "tbody"
            | "thead"
            | "tr"
            | "td"
            | "th"
            | "dl"
            | "dd"
            | "dt"
    )
}

/// Elements that stand apart from the text around them: in plain text, a space separates them.
fn is_block(tag: &str) -> bool {
    is_container(tag)
        || matches!(
            tag,
            "p" | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "blockquote"
                | "ul"
                | "ol"
                | "li"
                | "figure"
                | "figcaption"
                | "br"
                | "hr"
                | "pre"
                | "address"
                | "nav"
                | "caption"
        )
}

/// Collapses runs of white space as HTML does: ASCII white space only, so the no-break spaces of
/// French and Russian typography stay where the author put them. The allow-list's rule, and the
/// extraction's (`core::extract`).
pub(crate) fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Converts HTML content to body blocks (as JSON values of the article format).
pub fn html_to_blocks(nodes: &[HtmlNode]) -> Vec<Value> {
    let mut blocks = Vec::new();
    let mut loose = Vec::new();
    for node in nodes {
        block_of(node, &mut blocks, &mut loose);
    }
    flush_loose(&mut loose, &mut blocks);
    blocks
}

/// Inline content met outside any paragraph becomes a paragraph of its own.
fn flush_loose(loose: &mut Vec<Value>, blocks: &mut Vec<Value>) {
    let runs = tidy_runs(std::mem::take(loose));
    if !runs.is_empty() {
        blocks.push(json!({ "type": "paragraph", "runs": runs }));
    }
}

fn block_of(node: &HtmlNode, blocks: &mut Vec<Value>, loose: &mut Vec<Value>) {
    let HtmlNode::Element { tag, children, .. } = node else {
        runs_of(node, false, false, None, loose);
        return;
    };
    match tag.as_str() {
        t if is_dropped(t) => {}
        "p" => {
            flush_loose(loose, blocks);
            let mut runs = Vec::new();
            let mut images = Vec::new();
            for c in children {
                collect_images(c, &mut images);
                runs_of(c, false, false, None, &mut runs);
            }
            let runs = tidy_runs(runs);
            if !runs.is_empty() {
                blocks.push(json!({ "type": "paragraph", "runs": runs }));
            }
            blocks.extend(images);
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            flush_loose(loose, blocks);
            let text = node.text_content();
            if !is_blank(&text) {
                blocks.push(json!({ "type": "heading", "text": text }));
            }
        }
        "blockquote" => {
            flush_loose(loose, blocks);
            blocks.extend(quote_block(node, None));
        }
        "ul" | "ol" => {
            flush_loose(loose, blocks);
            let items: Vec<String> = children
                .iter()
                .filter(|c| matches!(c, HtmlNode::Element { tag, .. } if tag == "li"))
                .map(HtmlNode::text_content)
                .filter(|t| !is_blank(t))
                .collect();
            if !items.is_empty() {
                blocks.push(json!({ "type": "list", "ordered": tag == "ol", "items": items }));
            }
        }
        "figure" => {
            flush_loose(loose, blocks);
            let caption = find(node, "figcaption").map(|c| c.text_content()).filter(|c| !is_blank(c));
            let mut images = Vec::new();
            collect_images(node, &mut images);
            match (images.len(), find(node, "blockquote")) {
                (_, Some(q)) => blocks.extend(quote_block(q, caption)),
                (1, None) => {
                    let mut image = images.remove(0);
                    if let Some(caption) = caption {
                        image["caption"] = Value::String(caption);
                    }
                    blocks.push(image);
                }
                _ => blocks.extend(images),
            }
        }
        "img" => {
            flush_loose(loose, blocks);
            collect_images(node, blocks);
        }
        "br" | "hr" => flush_loose(loose, blocks),
        t if is_container(t) => {
            flush_loose(loose, blocks);
            for c in children {
                block_of(c, blocks, loose);
            }
            flush_loose(loose, blocks);
        }
        // Inline content outside a paragraph.
        _ => runs_of(node, false, false, None, loose),
    }
}

/// A `<blockquote>` as a quote block. Its source is its `<footer>` or `<cite>` (`— ` before it is
/// left out), else `caption` (the caption of the figure it is in); the source is not quote text.
fn quote_block(node: &HtmlNode, caption: Option<String>) -> Option<Value> {
    let source = find(node, "footer").or_else(|| find(node, "cite")).map(HtmlNode::text_content);
    let cite = source
        .or(caption)
        .map(|c| c.trim_start_matches(['—', '–', '-', ' ', '\u{a0}']).to_string())
        .filter(|c| !is_blank(c));
    let text = collapse(&quote_text(node));
    if is_blank(&text) {
        return None;
    }
    let mut quote = json!({ "type": "quote", "text": text });
    if let Some(cite) = cite {
        quote["cite"] = Value::String(cite);
    }
    Some(quote)
}

fn quote_text(node: &HtmlNode) -> String {
    match node {
        HtmlNode::Text(t) => t.clone(),
        HtmlNode::Element { tag, .. } if tag == "cite" || tag == "footer" || is_dropped(tag) => String::new(),
        HtmlNode::Element { tag, children, .. } => {
            let inner: Vec<String> = children.iter().map(quote_text).collect();
            let sep = if is_block(tag) { " " } else { "" };
            format!("{sep}{}{sep}", inner.concat())
        }
    }
}

fn find<'a>(node: &'a HtmlNode, wanted: &str) -> Option<&'a HtmlNode> {
    let HtmlNode::Element { tag, children, .. } = node else { return None };
    if tag == wanted {
        return Some(node);
    }
    children.iter().find_map(|c| find(c, wanted))
}

fn collect_images(node: &HtmlNode, out: &mut Vec<Value>) {
    let HtmlNode::Element { tag, children, .. } = node else { return };
    if tag == "img" {
        if let Some(src) = node.attr("src").filter(|s| !s.trim().is_empty()) {
            out.push(json!({ "type": "image", "src": src.trim(), "alt": collapse(node.attr("alt").unwrap_or("")) }));
        }
        return;
    }
    if !is_dropped(tag) {
        children.iter().for_each(|c| collect_images(c, out));
    }
}

/// Inline content as runs: text, emphasis, strong, links. Anything else contributes its text.
fn runs_of(node: &HtmlNode, em: bool, strong: bool, href: Option<&str>, out: &mut Vec<Value>) {
    match node {
        HtmlNode::Text(text) => {
            if text.is_empty() {
                return;
            }
            let mut run = Map::new();
            run.insert("text".into(), Value::String(text.clone()));
            if let Some(h) = href {
                run.insert("href".into(), Value::String(h.to_string()));
            }
            if em {
                run.insert("em".into(), Value::Bool(true));
            }
            if strong {
                run.insert("strong".into(), Value::Bool(true));
            }
            out.push(Value::Object(run));
        }
        HtmlNode::Element { tag, children, .. } => {
            if is_dropped(tag) || tag == "img" {
                return;
            }
            let em = em || matches!(tag.as_str(), "em" | "i" | "cite");
            let strong = strong || matches!(tag.as_str(), "strong" | "b");
            let link = if tag == "a" { node.attr("href").map(str::trim).filter(|h| !h.is_empty()) } else { None };
            let href = link.or(href);
            if tag == "br" {
                out.push(json!({ "text": " " }));
            }
            for c in children {
                runs_of(c, em, strong, href, out);
            }
        }
    }
}

/// Collapses white space across runs, merges neighbours with the same style, and drops runs left
/// with no text (the article format refuses empty runs).
fn tidy_runs(runs: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let mut space_pending = false;
    for mut run in runs {
        let raw = run["text"].as_str().unwrap_or_default().to_string();
        let leading = raw.starts_with(|c: char| c.is_ascii_whitespace());
        let trailing = raw.ends_with(|c: char| c.is_ascii_whitespace());
        let core = collapse(&raw);
        if is_blank(&core) {
            // Only white space: a no-break space joins the run before it (the author put it
            // there), other white space is the space between two runs.
            match out.last_mut().and_then(|l| l.get_mut("text")) {
                Some(Value::String(prev)) if !core.is_empty() => prev.push_str(&core),
                _ => space_pending |= !raw.is_empty(),
            }
            continue;
        }
        let mut text = core;
        if (leading || space_pending) && !out.is_empty() {
            // The space between two runs goes where it cannot be seen: the end of the previous
            // run, unless that is a link (an underlined space shows), then the start of this one.
            match out.last_mut() {
                Some(prev) if prev.get("href").is_none() => {
                    if let Some(Value::String(p)) = prev.get_mut("text") {
                        p.push(' ');
                    }
                }
                _ => text.insert(0, ' '),
            }
        }
        space_pending = trailing;
        let same_style =
            out.last().is_some_and(|last: &Value| ["href", "em", "strong"].iter().all(|k| last.get(*k) == run.get(*k)));
        if same_style {
            if let Some(Value::String(prev)) = out.last_mut().and_then(|l| l.get_mut("text")) {
                prev.push_str(&text);
                continue;
            }
        }
        run["text"] = Value::String(text);
        out.push(run);
    }
    out
}

/// `YYYY-MM-DD` from an ISO 8601 date-time, when it starts with a day of the calendar.
fn iso_day(date: Option<&str>) -> Option<String> {
    super::date::Date::from_iso_prefix(date?).map(|d| d.to_string())
}

/// A language tag from a locale name (`fr_FR` → `fr-FR`).
fn tag_of(locale: &str) -> String {
    locale.trim().replace('_', "-")
}

/// One translation of an adapted document, before it joins the others.
#[derive(Clone, Debug, PartialEq)]
pub struct Adapted {
    pub lang: Option<String>,
    pub id: String,
    pub published: Option<String>,
    pub author: Option<String>,
    pub translation: Value,
}

/// A WordPress REST API post. `parse_html` parses an HTML fragment (title, content, excerpt).
pub fn from_wordpress(post: &Value, parse_html: &dyn Fn(&str) -> Vec<HtmlNode>) -> Result<Adapted, String> {
    let rendered = |key: &str| post.get(key).and_then(|v| v.get("rendered")).and_then(Value::as_str);
    let text_of = |html: &str| parse_html(html).iter().map(HtmlNode::text_content).collect::<Vec<_>>().join(" ");
    let title = rendered("title").map(text_of).filter(|t| !t.trim().is_empty()).ok_or("title.rendered is missing")?;
    let content = rendered("content").ok_or("content.rendered is missing")?;
    let mut translation = json!({ "title": collapse(&title), "body": html_to_blocks(&parse_html(content)) });
    if let Some(summary) = rendered("excerpt").map(text_of).map(|s| collapse(&s)).filter(|s| !s.is_empty()) {
        translation["summary"] = Value::String(summary);
    }
    if let Some(link) = post.get("link").and_then(Value::as_str) {
        translation["url"] = Value::String(link.to_string());
    }
    let author = post.pointer("/_embedded/author/0/name").and_then(Value::as_str).map(str::to_string);
    if let Some(a) = &author {
        translation["author_name"] = Value::String(a.clone());
    }
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
    Ok(Adapted { lang, id, published: iso_day(post.get("date").and_then(Value::as_str)), author, translation })
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
            (None, Some(text)) => text
                .split("\n\n")
                .map(collapse)
                .filter(|p| !p.is_empty())
                .map(|p| json!({ "type": "paragraph", "text": p }))
                .collect(),
            (None, None) => return Err("content_html or content_text is missing".into()),
        };
    let mut translation = json!({ "title": collapse(title), "body": body });
    if let Some(url) = item.get("url").and_then(Value::as_str) {
        translation["url"] = Value::String(url.to_string());
    }
    if let Some(summary) = item.get("summary").and_then(Value::as_str) {
        translation["summary"] = Value::String(collapse(summary));
    }
    let author = item
        .pointer("/authors/0/name")
        .or_else(|| item.pointer("/author/name"))
        .or_else(|| doc.pointer("/authors/0/name"))
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(a) = &author {
        translation["author_name"] = Value::String(a.clone());
    }
    let id = item.get("id").and_then(|v| v.as_str().map(str::to_string).or_else(|| Some(v.to_string())));
    Ok(Adapted {
        lang: item.get("language").and_then(Value::as_str).or(feed_lang).map(tag_of),
        id: id.unwrap_or_else(|| "feed-item".into()),
        published: iso_day(item.get("date_published").and_then(Value::as_str)),
        author,
        translation,
    })
}

/// Joins adapted translations into one article document (JSON text), in order; the first one's
/// language (or `fallback_lang`) is the default. The result still has to pass validation.
pub fn assemble(parts: Vec<Adapted>, fallback_lang: &str) -> String {
    let first = parts.first().cloned();
    let mut translations = Map::new();
    for part in parts {
        let lang = part.lang.clone().unwrap_or_else(|| fallback_lang.to_string());
        translations.entry(lang).or_insert(part.translation);
    }
    let default_lang = translations.keys().next().cloned().unwrap_or_else(|| fallback_lang.to_string());
    let mut doc = json!({
        "schema": "article-reader/1",
        "id": first.as_ref().map(|f| f.id.clone()).unwrap_or_default(),
        "default_lang": default_lang,
        "translations": translations,
    });
    if let Some(first) = first {
        if let Some(p) = first.published {
            doc["published"] = Value::String(p);
        }
        if let Some(a) = first.author {
            doc["author"] = json!({ "name": a });
        }
    }
    doc.to_string()
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
        let format = [Format::Article, Format::WordPress, Format::JsonFeed, Format::Html]
            .into_iter()
            .find(|f| Some(f.name()) == request.get("format").and_then(Value::as_str))?;
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
                "article-reader: translation {} from {} skipped: {e}",
                Quoted(&t.lang),
                Quoted(&t.url)
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
            let warnings = notes.iter().map(|n| format!("article-reader: {}: {n}", Quoted(&request.url))).collect();
            Reply { article: Ok(doc.to_string()), warnings }
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
    fn both_html_readers_keep_the_same_attributes() {
        let lazy = |name: &str| match name {
            "data-src" => Some("lazy.jpg".to_string()),
            "alt" => Some("A".to_string()),
            "onerror" => Some("alert(1)".to_string()),
            _ => None,
        };
        assert_eq!(kept_attributes(&lazy), [("src".to_string(), "lazy.jpg".to_string()), ("alt".into(), "A".into())]);
        let both = |name: &str| matches!(name, "src" | "data-src").then(|| name.to_string());
        assert_eq!(kept_attributes(&both), [("src".to_string(), "src".to_string())], "src wins over data-src");
    }

    #[test]
    fn no_break_spaces_alone_never_make_an_empty_run_heading_or_item() {
        let nbsp = "\u{a0}";
        let nodes = vec![
            el("p", vec![t("a"), el("i", vec![t(nbsp)]), t("b")]),
            el("p", vec![el("span", vec![t(nbsp)])]),
            el("h2", vec![t(nbsp)]),
            el("ul", vec![el("li", vec![t(nbsp)]), el("li", vec![t("kept")])]),
            el("blockquote", vec![t(nbsp)]),
        ];
        let blocks = html_to_blocks(&nodes);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert_eq!(blocks[0]["runs"][0]["text"], "a\u{a0}b", "the no-break space stays where it was");
        assert_eq!(blocks[1]["items"], json!(["kept"]));
        let doc = json!({"schema": "article-reader/1", "id": "x", "default_lang": "en",
            "translations": {"en": {"title": "T", "body": blocks}}});
        assert!(parse_article(&doc.to_string()).is_ok(), "the validator accepts what the allow-list writes");
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
                translation: json!({"title": "T", "body": html_to_blocks(&nodes)}),
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
    fn quotes_find_their_source() {
        let blocks = html_to_blocks(&[
            el("blockquote", vec![el("p", vec![t("Words.")]), el("footer", vec![t("— Someone")])]),
            el("figure", vec![el("blockquote", vec![t("Other words.")]), el("figcaption", vec![t("Another")])]),
            el(
                "figure",
                vec![
                    el("blockquote", vec![t("Own."), el("cite", vec![t("Its own")])]),
                    el("figcaption", vec![t("No")]),
                ],
            ),
        ]);
        assert_eq!(blocks[0], json!({"type": "quote", "text": "Words.", "cite": "Someone"}));
        assert_eq!(blocks[1], json!({"type": "quote", "text": "Other words.", "cite": "Another"}));
        assert_eq!(blocks[2], json!({"type": "quote", "text": "Own.", "cite": "Its own"}));
        assert_eq!(blocks.len(), 3);
    }

    #[test]
    fn blocks_do_not_run_their_text_together() {
        let blocks = html_to_blocks(&[
            el("ul", vec![el("li", vec![el("p", vec![t("One")]), el("p", vec![t("item")])])]),
            el("h2", vec![t("Part"), el("br", vec![]), t("two")]),
            el(
                "blockquote",
                vec![el("p", vec![t("A")]), el("p", vec![t("quote")]), el("ul", vec![el("li", vec![t("too")])])],
            ),
        ]);
        assert_eq!(blocks[0]["items"][0], "One item");
        assert_eq!(blocks[1]["text"], "Part two");
        assert_eq!(blocks[2]["text"], "A quote too");
    }

    #[test]
    fn elements_that_hold_no_reader_text_are_dropped() {
        let blocks = html_to_blocks(&[el(
            "div",
            vec![
                t("Kept"),
                el("noembed", vec![t("alert(1)")]),
                el("xmp", vec![t("<b>markup</b>")]),
                el("select", vec![el("option", vec![t("choice")])]),
                el("dialog", vec![t("closed")]),
                HtmlNode::element("img", &[("src", "https://e.example/a.jpg"), ("alt", " A\n  map ")], vec![]),
            ],
        )]);
        assert_eq!(blocks[0], json!({"type": "paragraph", "runs": [{"text": "Kept"}]}));
        assert_eq!(blocks[1]["alt"], "A map", "alt text is collapsed too");
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn no_break_spaces_survive() {
        let blocks = html_to_blocks(&[el("p", vec![t("  Ирак\u{a0}— «ok\u{a0}»\n ")])]);
        assert_eq!(blocks[0]["runs"][0]["text"], "Ирак\u{a0}— «ok\u{a0}»");
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
        assert_eq!(adapted.translation["title"], "Iraq & the US");
        assert_eq!(adapted.translation["summary"], "Short");
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
        assert_eq!(adapted.translation["body"][0]["runs"][0]["text"], "x");
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
