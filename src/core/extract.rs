//! An article page from the web, read the way a reader mode reads it: the one extraction of the
//! project, used by `article-reader convert --from html` and by the adapters' module for a
//! widget's `data-format="html"`.
//!
//! - **The article** is found by [`dom_smoothie`], a Rust port of Mozilla Readability (Firefox's
//!   Reader View): it scores the page's blocks by text and link density and class/id hints, keeps
//!   the best candidate with its siblings and cleans it. Measured against Readability's own test
//!   pages before it was chosen (docs/extraction.md).
//! - **What reaches a document** is decided by the core's one HTML allow-list
//!   ([`super::html::html_to_blocks`]), the same as for a WordPress post: only text and the
//!   `href`, `src` and `alt` attributes are read from the extracted HTML, so scripts, styles,
//!   frames, forms and `on*` attributes cannot reach it, and URLs then pass the core's URL rules.
//! - **Metadata**: schema.org JSON-LD first (`headline`, `author`, `datePublished`,
//!   `inLanguage`, `identifier`, `publisher`, `url`), then what Readability reads (OpenGraph,
//!   `<meta>`, the visible byline), then `<html lang>`, `<link rel="canonical">`.
//! - **The language**, when the page does not declare it, is detected from the article's text
//!   ([`whatlang`]), and the page says so in [`Page::notes`].
//!
//! Limits are checked before the work that grows with them: the page's size before it is
//! parsed, its element count before it is scored, the depth and the blocks while it is walked.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};
use serde_json::Value;

use super::article::{Article, Block, Person, Publication, Translation, SCHEMA};
use super::date::Date;
use super::html::{html_to_blocks, kept_attributes, HtmlNode, MAX_HTML_DEPTH};
use super::runs::collapse;
use super::text::{is_blank, Quoted};
use super::validate::MAX_BLOCKS;

/// The largest page read, in bytes (the widget's loader holds a fetched page to the same limit).
pub use super::validate::MAX_PAGE_BYTES;

/// The most elements a page may have before it is scored (Readability's own option).
pub const MAX_PAGE_ELEMENTS: usize = 100_000;

/// How deep a page may nest its elements at all. HTML parsers take time that grows with the square
/// of the nesting (each start tag looks through the open elements), so this is checked on the
/// page's text before it is parsed; real pages nest a few dozen deep.
pub const MAX_TAG_NESTING: usize = 4096;

/// How deep the page is read (the rest is left out before it is scored, so that no recursion
/// can exhaust the stack). Real pages nest a few dozen elements deep.
pub const MAX_PAGE_DEPTH: usize = 256;

/// How a page's language was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangSource {
    /// JSON-LD `inLanguage`, `<html lang>` or `Content-Language`.
    Declared,
    /// Detected from the article's text.
    Detected,
}

/// What was read from one page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub title: String,
    /// The byline: authors' names as the page shows them.
    pub byline: Option<String>,
    /// The author's page, when the page names exactly one author with a URL.
    pub author_url: Option<String>,
    /// A few lines about the author that end the article ("Viktor Mikhin, corresponding member…").
    pub bio: Option<String>,
    pub published: Option<Date>,
    pub lang: Option<(String, LangSource)>,
    /// `rtl` or `ltr`, as the page's markup says.
    pub dir: Option<String>,
    pub summary: Option<String>,
    /// The publication: its name and URL.
    pub publisher: Option<(String, Option<String>)>,
    /// The page's canonical URL.
    pub url: Option<String>,
    /// The article's identifier (JSON-LD `identifier`).
    pub id: Option<String>,
    /// The lead image (`og:image`, JSON-LD `image`), already in the body when the article has it.
    pub image: Option<String>,
    /// The page's language versions: `(hreflang, href)` from `<link rel="alternate" hreflang>`.
    pub alternates: Vec<(String, String)>,
    /// The article's body, still to be validated.
    pub body: Vec<Block>,
    /// What the reader of a conversion should know (a detected language, a cut).
    pub notes: Vec<String>,
}

/// Reads an article page. `url` is the page's address, for its relative links (the page's
/// canonical URL is used when it is not given).
pub fn extract(html: &str, url: Option<&str>) -> Result<Page, String> {
    if html.len() > MAX_PAGE_BYTES {
        return Err(format!("the page is {} bytes; at most {MAX_PAGE_BYTES} are read", html.len()));
    }
    let depth = nesting(html);
    if depth > MAX_TAG_NESTING {
        return Err(format!("the page nests elements {depth} deep; at most {MAX_TAG_NESTING} are read"));
    }
    let doc = Document::from(html);
    let mut page = Page::default();
    let ld = json_ld(&doc);
    let attr = |css: &str, name: &str| first_attr(&doc, css, name);
    let (canonical, alternates) = links_of(&doc);
    page.url = ld.as_ref().and_then(|ld| ld.url.clone()).or(canonical);
    page.alternates = alternates;
    let base = url.or(page.url.as_deref()).filter(|u| is_web_url(u)).map(str::to_string);
    let declared = ld
        .as_ref()
        .and_then(|ld| ld.lang.clone())
        .or_else(|| attr("html[lang]", "lang"))
        .or_else(|| attr(r#"meta[http-equiv="content-language" i]"#, "content"));
    page.dir = attr("html[dir]", "dir").or_else(|| attr("body[dir]", "dir")).map(|d| d.to_ascii_lowercase());

    if prune(&doc.root(), MAX_PAGE_DEPTH) {
        page.notes.push(format!("parts of the page nested over {MAX_PAGE_DEPTH} deep were left out"));
    }
    let elements = doc.select("*").length();
    if elements > MAX_PAGE_ELEMENTS {
        return Err(format!("the page has {elements} elements; at most {MAX_PAGE_ELEMENTS} are read"));
    }
    // Readability drops every <footer>; a quote's own footer is its source, which the allow-list
    // reads from a <cite>.
    doc.select("blockquote footer").rename("cite");
    // The element count is checked above, with its own message: the crate's own check
    // (`max_elements_to_parse`) is left off rather than counted a second time.
    let mut reader =
        Readability::with_document(doc, base.as_deref(), Some(Config::default())).map_err(|e| e.to_string())?;
    let article = reader.parse().map_err(|e| format!("no article found in the page ({e})"))?;

    page.title = collapse(&article.title);
    if is_blank(&page.title) {
        page.title = ld.as_ref().and_then(|ld| ld.title.clone()).unwrap_or_default();
    }
    page.byline = article.byline.as_deref().map(|b| clean_byline(&collapse(b))).filter(|b| !is_blank(b));
    page.byline = page.byline.or_else(|| ld.as_ref().and_then(|ld| ld.byline()));
    page.author_url = ld.as_ref().and_then(|ld| match ld.authors.as_slice() {
        [(_, url)] => url.clone(),
        _ => None,
    });
    let published = ld.as_ref().and_then(|ld| ld.date.clone()).or(article.published_time.clone());
    page.published = published.as_deref().and_then(|d| {
        let date = Date::from_iso_prefix(d);
        if date.is_none() {
            page.notes.push(format!("the publication date {} is not an ISO date; left out", Quoted(d)));
        }
        date
    });
    page.summary = ld.as_ref().and_then(|ld| ld.summary.clone()).or(article.excerpt.as_deref().map(collapse));
    page.summary = page.summary.filter(|s| !s.is_empty());
    page.publisher = ld.as_ref().and_then(|ld| ld.publisher.clone());
    page.publisher = page.publisher.or_else(|| article.site_name.as_deref().map(|n| (collapse(n), None)));
    page.publisher = page.publisher.filter(|(name, _)| !name.is_empty());
    page.id = ld.as_ref().and_then(|ld| ld.id.clone());
    page.image = article.image.as_deref().map(str::trim).filter(|i| !i.is_empty()).map(str::to_string);
    if page.dir.is_none() {
        page.dir = article.dir.map(|d| d.to_ascii_lowercase());
    }

    let fragment = Document::fragment(article.content);
    let mut nodes = children_of(&fragment.root(), 0);
    drop_title(&mut nodes, &page.title);
    let mut body = html_to_blocks(&nodes);
    if body.len() > MAX_BLOCKS {
        page.notes.push(format!("the article has {} blocks; the first {MAX_BLOCKS} are kept", body.len()));
        body.truncate(MAX_BLOCKS);
    }
    if let Some(image) = &page.image {
        let in_body = body.iter().any(|b| matches!(b, Block::Image { src, .. } if src == image));
        if !in_body && body.len() < MAX_BLOCKS {
            body.insert(0, Block::Image { src: image.clone(), alt: String::new(), caption: None });
        }
    }
    drop_byline(&mut body, page.byline.as_deref());
    page.bio = take_bio(&mut body, page.byline.as_deref());
    if is_blank(&page.title) {
        page.title = untitled(&mut body);
        page.notes.push(format!("the page has no title; using {}", Quoted(&page.title)));
    }
    page.body = body;

    page.lang = match declared {
        Some(tag) => Some((tag.replace('_', "-"), LangSource::Declared)),
        None => detect_lang(&page).map(|(tag, sure)| {
            let sure = if sure { "" } else { " (the text is short: check it)" };
            page.notes.push(format!("the page does not say its language; detected {tag} from its text{sure}"));
            (tag, LangSource::Detected)
        }),
    };
    if let (Some("rtl"), Some((tag, _))) = (page.dir.as_deref(), &page.lang) {
        if !super::lang::is_rtl(tag) {
            page.notes.push(format!(
                "the page is marked right-to-left but {tag} is written left to right; the widget sets the direction from the language"
            ));
        }
    }
    Ok(page)
}

/// A page's canonical URL and its language versions (`(hreflang, href)`), without reading its
/// article: how the CLI finds the versions of a page saved beside it.
pub fn links(html: &str) -> (Option<String>, Vec<(String, String)>) {
    if html.len() > MAX_PAGE_BYTES {
        return (None, Vec::new());
    }
    links_of(&Document::from(html))
}

/// The first non-empty value of attribute `name` on an element matching `css`, white space collapsed.
fn first_attr(doc: &Document, css: &str, name: &str) -> Option<String> {
    doc.select(css).iter().find_map(|s| s.attr(name)).map(|v| collapse(&v)).filter(|v| !v.is_empty())
}

fn links_of(doc: &Document) -> (Option<String>, Vec<(String, String)>) {
    let attr = |css: &str, name: &str| first_attr(doc, css, name);
    let canonical = attr("link[rel=canonical]", "href").or_else(|| attr(r#"meta[property="og:url"]"#, "content"));
    let alternates = doc
        .select(r#"link[rel~="alternate"][hreflang][href]"#)
        .iter()
        .filter_map(|l| Some((collapse(&l.attr("hreflang")?), l.attr("href")?.trim().to_string())))
        .filter(|(lang, href)| !lang.is_empty() && !href.is_empty() && !lang.eq_ignore_ascii_case("x-default"))
        .collect();
    (canonical, alternates)
}

/// How deep the page's elements nest, read from its tags without parsing it: start tags count one
/// deeper and end tags one less, except elements that have no end tag or whose end tag may be left
/// out (`<br>`, `<p>`, `<li>`…); comments and the text of scripts and styles are skipped. It can
/// only overcount a page that leaves required end tags out, which is malformed anyway.
fn nesting(html: &str) -> usize {
    const NO_END_TAG: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup",
        "caption", "rb", "rt", "rp", "rtc", "html", "head", "body", "image", "frame",
    ];
    const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(lt) = memchr(b'<', &bytes[i..]) {
        i += lt + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i, b"-->").unwrap_or(bytes.len());
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        let end = memchr(b'>', &bytes[start..]).map_or(bytes.len(), |e| start + e);
        i = end;
        if NO_END_TAG.contains(&name.as_str()) || bytes[..end].ends_with(b"/") {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
            if RAW_TEXT.contains(&name.as_str()) {
                let close = format!("</{name}");
                i = find_ascii_ci(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
            }
        }
    }
    deepest
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

fn find_ascii_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
}

/// Removes what is nested deeper than `limit`, without recursion; whether anything was removed.
fn prune(root: &NodeRef, limit: usize) -> bool {
    let mut pruned = false;
    let mut stack = vec![(*root, 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth >= limit {
            pruned |= node.first_child().is_some();
            node.remove_children();
            continue;
        }
        stack.extend(node.children().into_iter().map(|c| (c, depth + 1)));
    }
    pruned
}

/// Whether `url` is an absolute web address (the only kind relative links resolve against).
fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The language of the article's text (an ISO 639-1 tag where the language has one), and whether
/// the detector is sure of it.
fn detect_lang(page: &Page) -> Option<(String, bool)> {
    let mut text = page.title.clone();
    for block in &page.body {
        text.push('\n');
        text.push_str(&block.plain_text());
        if text.len() > 64 * 1024 {
            break;
        }
    }
    detect_language(&text)
}

/// The language of a text (an ISO 639-1 tag where the language has one, else ISO 639-3), and
/// whether the detector is sure of it.
pub fn detect_language(text: &str) -> Option<(String, bool)> {
    let info = whatlang::detect(text)?;
    let code = match info.lang() {
        // Mandarin is written `zh` on the web (the macrolanguage), which ISO 639-1 has for it.
        whatlang::Lang::Cmn => "zho",
        lang => lang.code(),
    };
    let tag = isolang::Language::from_639_3(code).and_then(|l| l.to_639_1()).map_or(code, |c| c);
    Some((tag.to_string(), info.is_reliable()))
}

/// An HTML fragment (a post's content, a feed item's `content_html`) as the allow-list's nodes:
/// the native twin of the widget's `DOMParser` reading, with the same limits.
pub fn fragment(html: &str) -> Vec<HtmlNode> {
    if html.len() > MAX_PAGE_BYTES || nesting(html) > MAX_TAG_NESTING {
        return Vec::new();
    }
    children_of(&Document::fragment(html).root(), 0)
}

/// The children of `node` as the allow-list's [`HtmlNode`]s, to [`MAX_HTML_DEPTH`].
fn children_of(node: &NodeRef, depth: usize) -> Vec<HtmlNode> {
    if depth >= MAX_HTML_DEPTH {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut child = node.first_child();
    while let Some(c) = child {
        if c.is_text() {
            out.push(HtmlNode::Text(c.text().to_string()));
        } else if c.is_element() {
            let attrs = kept_attributes(&|name| c.attr(name).map(|v| v.to_string()));
            let tag = c.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
            out.push(HtmlNode::Element { tag, attrs, children: children_of(&c, depth + 1) });
        }
        child = c.next_sibling();
    }
    out
}

/// How many words of the text a page with no title is named by.
const UNTITLED_WORDS: usize = 8;

/// A title for a page that has none: its first heading (taken out of the body), else the first
/// words of its text.
fn untitled(body: &mut Vec<Block>) -> String {
    if let Some(i) = body.iter().take(3).position(|b| matches!(b, Block::Heading { .. })) {
        return body.remove(i).plain_text();
    }
    let text = body.iter().map(Block::plain_text).find(|t| !is_blank(t)).unwrap_or_default();
    let words: Vec<&str> = text.split_whitespace().collect();
    let more = if words.len() > UNTITLED_WORDS { "…" } else { "" };
    let title = words.iter().take(UNTITLED_WORDS).copied().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        "Untitled".to_string()
    } else {
        title + more
    }
}

/// Leaves out a short paragraph at the top that only repeats the byline ("By Sam Rivera, 14
/// September 2023"): the widget shows the author and the date above the body.
fn drop_byline(body: &mut Vec<Block>, byline: Option<&str>) {
    let Some(byline) = byline.map(str::to_lowercase).filter(|b| !b.is_empty()) else { return };
    let repeats = |b: &Block| {
        let text = b.plain_text().to_lowercase();
        matches!(b, Block::Paragraph { .. })
            && text.contains(&byline)
            && text.chars().count() <= byline.chars().count() + 40
    };
    if let Some(i) = body.iter().take(3).position(repeats) {
        body.remove(i);
    }
}

/// The words that introduce a byline ("By Sam Rivera", "Par Sébastien Farcis"), in the languages
/// of the corpus: the widget shows the name as the author's, so the word is left out.
const BYLINE_WORDS: &[&str] = &["written by", "by", "par", "von", "por", "di", "door", "av", "af", "автор:", "автор"];

fn clean_byline(byline: &str) -> String {
    let lower = byline.to_lowercase();
    for word in BYLINE_WORDS {
        if let Some(rest) = lower.strip_prefix(word) {
            if rest.starts_with(|c: char| c.is_whitespace()) {
                return byline[byline.len() - rest.len()..].trim().to_string();
            }
        }
    }
    byline.to_string()
}

/// The longest an author's bio is, in characters.
const MAX_BIO_CHARS: usize = 400;

/// Takes the article's last paragraph out of its body when it is about the author: it begins with
/// the byline's name and is short. The widget shows a bio below the article, styled as one.
fn take_bio(body: &mut Vec<Block>, byline: Option<&str>) -> Option<String> {
    let name = byline.filter(|b| !is_blank(b))?;
    let last = body.last().filter(|b| matches!(b, Block::Paragraph { .. }) && body.len() > 1)?;
    let text = collapse(&last.plain_text());
    let about = text.starts_with(name) && text.chars().count() <= MAX_BIO_CHARS && text.len() > name.len() + 10;
    about.then(|| {
        body.pop();
        text
    })
}

/// Leaves out the headings that repeat the title: the page's own heading is not body text.
fn drop_title(nodes: &mut Vec<HtmlNode>, title: &str) {
    let repeats = |n: &HtmlNode| matches!(n, HtmlNode::Element { tag, .. } if matches!(tag.as_str(), "h1" | "h2") && n.text_content() == title);
    nodes.retain(|n| !repeats(n));
    for node in nodes {
        if let HtmlNode::Element { children, .. } = node {
            drop_title(children, title);
        }
    }
}

/// The metadata of a page's schema.org JSON-LD article object.
#[derive(Debug, Default)]
struct LinkedData {
    title: Option<String>,
    authors: Vec<(String, Option<String>)>,
    date: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    id: Option<String>,
    summary: Option<String>,
    publisher: Option<(String, Option<String>)>,
}

impl LinkedData {
    fn byline(&self) -> Option<String> {
        (!self.authors.is_empty()).then(|| self.authors.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "))
    }
}

/// The first JSON-LD article object on the page (`<script type="application/ld+json">`).
fn json_ld(doc: &Document) -> Option<LinkedData> {
    doc.select("script[type]")
        .iter()
        .filter(|s| s.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")))
        .find_map(|s| serde_json::from_str::<Value>(&s.text()).ok().as_ref().and_then(find_article).map(linked_data))
}

/// Finds an article object in JSON-LD, which may be one object, a list, or an `@graph`.
fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(o) => {
            let is_article = |t: &Value| {
                t.as_str().is_some_and(|t| {
                    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
                    t.ends_with("Article") || t == "BlogPosting" || t == "Report"
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

/// A JSON-LD string, or the `keys` of an object standing for one.
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

fn linked_data(ld: &Value) -> LinkedData {
    let text = |key: &str| ld_str(ld.get(key), &["name"]).map(markup_text).filter(|s| !s.is_empty());
    let authors = match ld.get("author") {
        Some(Value::Array(items)) => items.iter().filter_map(person).collect(),
        Some(one) => person(one).into_iter().collect(),
        None => Vec::new(),
    };
    LinkedData {
        title: text("headline").or_else(|| text("name")),
        authors,
        date: ld_str(ld.get("datePublished"), &[]).map(str::to_string),
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

/// The text of a JSON-LD string. Some CMSs put entities or tags in them (`Q&amp;A`,
/// `<i>Title</i>`), so it is read as an HTML fragment, with the allow-list's reading of text.
fn markup_text(value: &str) -> String {
    if !value.contains(['<', '&']) {
        return collapse(value);
    }
    let fragment = Document::fragment(value);
    collapse(&children_of(&fragment.root(), 0).iter().map(HtmlNode::text_content).collect::<Vec<_>>().join(" "))
}

/// Why [`document`] refuses pages that give nothing to name their article by (the CLI adds
/// that `--id` would).
pub const UNNAMED: &str = "the page gives no identifier, URL or title to name the article";

/// How [`document`]'s note begins when it names the article from its URL or title.
pub const ID_FROM_PAGE: &str = "the page gives no article identifier";

/// One language version of an article: a page read, named (its file or address), in a language.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub name: String,
    pub page: Page,
    pub lang: String,
}

/// What the publisher chose over what the pages say (the CLI's `--id`, `--url`, `--publication`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choices {
    pub id: Option<String>,
    pub url: Option<String>,
    pub publication: Option<String>,
}

/// The article document of one page, or of a site's language versions of one article (one
/// translation each, in the order given; the first is the default language): a draft, still to be
/// validated, and the notes for the publisher. Metadata the versions share (id, date, author,
/// publication) is the first one's; a version that gives another is named in a note. Versions that
/// do not show they are of one article (neither lists the other as an `hreflang` alternate, and
/// they share no identifier or publication day), or two in one language, are refused.
pub fn document(versions: &[Version], choices: &Choices) -> Result<(Article, Vec<String>), String> {
    let first = versions.first().ok_or("no page to read")?;
    let mut notes = Vec::new();
    for (i, version) in versions.iter().enumerate() {
        if let Some(other) = versions[..i].iter().find(|o| o.lang.eq_ignore_ascii_case(&version.lang)) {
            return Err(format!(
                "{} and {} are both in {}: give one page per language",
                version.name, other.name, version.lang
            ));
        }
    }
    for other in &versions[1..] {
        let (a, b) = (&first.page, &other.page);
        let lists = |a: &Page, b: &Page| {
            b.url.as_deref().is_some_and(|url| a.alternates.iter().any(|(_, href)| same_url(href, url)))
        };
        let linked = lists(a, b) || lists(b, a);
        let same_id = a.id.is_some() && a.id == b.id;
        let same_day = a.published.is_some() && a.published == b.published;
        if !(linked || same_id || same_day) {
            return Err(format!(
                "{} does not look like a version of {}: neither lists the other as a language version \
                 (<link rel=\"alternate\" hreflang>), and they share no identifier or publication date",
                other.name, first.name
            ));
        }
        let mut differs = |what: &str, a: Option<String>, b: Option<String>| {
            if b.is_some() && a != b {
                notes.push(format!(
                    "{} gives another {what} ({}); {}'s is kept",
                    other.name,
                    b.unwrap_or_default(),
                    first.name
                ));
            }
        };
        differs("date", a.published.map(|d| d.to_string()), b.published.map(|d| d.to_string()));
        differs("publication", a.publisher.clone().map(|p| p.0), b.publisher.clone().map(|p| p.0));
    }
    let url = choices.url.clone().or(first.page.url.clone());
    let id = match choices.id.clone().or(first.page.id.clone()) {
        Some(id) => id,
        None => {
            let segment = url.as_deref().and_then(last_path_segment);
            let id = slug(segment.unwrap_or(&first.page.title));
            if id.is_empty() {
                return Err(UNNAMED.into());
            }
            notes.push(format!("{ID_FROM_PAGE}; using {}", Quoted(&id)));
            id
        }
    };
    let translations = versions
        .iter()
        .enumerate()
        .map(|(i, version)| {
            let page = &version.page;
            Translation {
                lang: version.lang.clone(),
                title: page.title.clone(),
                url: if i == 0 { url.clone() } else { page.url.clone() },
                summary: page.summary.clone(),
                author_name: page.byline.clone(),
                author_bio: page.bio.clone(),
                body: page.body.clone(),
            }
        })
        .collect();
    let publisher = match &choices.publication {
        Some(name) => Some((name.clone(), None)),
        None => first.page.publisher.clone(),
    };
    let article = Article {
        schema: SCHEMA.to_string(),
        id,
        published: first.page.published.map(|day| day.to_string()),
        author: first.page.byline.clone().map(|name| Person { name, url: first.page.author_url.clone() }),
        publication: publisher.map(|(name, url)| Publication { name, url, follow: Vec::new() }),
        default_lang: first.lang.clone(),
        translations,
    };
    Ok((article, notes))
}

/// Whether two addresses name the same page: scheme and host in any case, a trailing slash and a
/// fragment aside. Relative addresses name nothing.
pub fn same_url(a: &str, b: &str) -> bool {
    let norm = |u: &str| {
        let u = u.trim();
        let u = u.split('#').next().unwrap_or(u).trim_end_matches('/');
        let (scheme, rest) = u.split_once("://")?;
        let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
        (!host.is_empty() && is_web_url(u))
            .then(|| format!("{}://{}/{path}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
    };
    matches!((norm(a), norm(b)), (Some(a), Some(b)) if a == b)
}

/// The last non-empty segment of a URL's path (`https://e.example/2021/story/` gives `story`).
fn last_path_segment(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let path = rest.split(['?', '#']).next()?.split_once('/')?.1;
    path.rsplit('/').find(|s| !s.is_empty())
}

/// A readable id (`iraq-caught-in-the-embrace`) for pages that give none: ASCII letters and
/// digits, dashes between, at most 64 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 64 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_lose_the_word_that_introduces_them() {
        assert_eq!(clean_byline("By Sam Rivera"), "Sam Rivera");
        assert_eq!(clean_byline("Par Sébastien Farcis"), "Sébastien Farcis");
        assert_eq!(clean_byline("Written by Rob Ewaschuk Edited by Betsy Beyer"), "Rob Ewaschuk Edited by Betsy Beyer");
        assert_eq!(clean_byline("Byron Smith"), "Byron Smith");
        assert_eq!(clean_byline("Автор: Иван"), "Иван");
    }

    #[test]
    fn same_urls_and_ids_from_urls() {
        assert!(same_url("https://E.example/a/", "https://e.example/a#top"));
        assert!(!same_url("https://e.example/a/", "https://e.example/b/"));
        assert!(!same_url("fr.html", "fr.html"), "relative addresses are not URLs");
        assert_eq!(last_path_segment("https://e.example/2021/story/?x=1"), Some("story"));
        assert_eq!(last_path_segment("https://e.example/"), None);
        assert_eq!(slug("Iraq – Caught in the “Friendly” Embrace"), "iraq-caught-in-the-friendly-embrace");
        assert_eq!(slug("/2021/07/16/story/"), "2021-07-16-story");
    }

    #[test]
    fn nesting_is_read_from_the_tags() {
        assert_eq!(nesting("<div><p>a<p>b<br><img src=x></div><div><span>c</span></div>"), 2);
        assert_eq!(nesting("<script>'<div><div><div>'</script><!-- <div><div> --><b>x</b>"), 1);
        assert_eq!(nesting(&"<div>".repeat(5000)), 5000);
        assert_eq!(nesting("<li><li><li><li>"), 0, "end tags that may be left out are not counted");
    }

    #[test]
    fn a_page_of_too_many_elements_is_refused_before_it_is_scored() {
        let page = format!("<p>{}</p>", "<b>x</b>".repeat(MAX_PAGE_ELEMENTS));
        let error = extract(&page, None).unwrap_err();
        assert!(error.contains(&format!("at most {MAX_PAGE_ELEMENTS} are read")), "{error}");
    }

    #[test]
    fn a_page_nested_too_deep_is_refused_before_it_is_parsed() {
        let page = format!("<article>{}deep{}</article>", "<div>".repeat(50_000), "</div>".repeat(50_000));
        let error = extract(&page, None).unwrap_err();
        assert!(error.contains("50001 deep"), "{error}");
    }
}
