//! `--from html`: an article page, read the way a reader mode would read it.
//!
//! - Metadata comes from the page's schema.org JSON-LD (`<script type="application/ld+json">` whose
//!   `@type` is `NewsArticle`, `Article`, `BlogPosting`…): `headline`, `author.name`,
//!   `datePublished`, `url`/`mainEntityOfPage`, `inLanguage`, `identifier`, `description`,
//!   `publisher.name`. Without it: `<h1>`/`<title>`, `<meta name="author">`, `<html lang>`,
//!   `<link rel="canonical">`.
//! - The body comes from the first `<article>` (else `<main>`, else `<body>`), without its page
//!   furniture (`header`, `footer`, `nav`, `aside`, anything `hidden`) and without an `<h1>` that
//!   repeats the title. It goes through the core's HTML allow-list
//!   ([`article_reader::core::adapters::html_to_blocks`], the one the widget uses for WordPress
//!   posts and JSON Feed items): only text and the `href`, `src` and `alt` attributes are ever
//!   read, so scripts, styles, frames, forms and `on*` attributes cannot reach the document;
//!   relative URLs are made absolute against the page's URL, then pass the core's URL allow-list
//!   like any other.

use article_reader::core::adapters::{html_to_blocks, HtmlNode};
use article_reader::core::article::{Article, Person, Publication, Translation, SCHEMA};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;
use url::Url;

use super::date::Date;
use super::runs::collapse;
use super::{base_url, draft_of, resolve_url, slug, Options};
use crate::failure::Failure;

/// Elements around an article that are not part of it: site header and footer, menus, sidebars.
const FURNITURE: &[&str] = &["header", "footer", "nav", "aside"];

/// How deep below the article's element the page is read. Article structure is never this deep;
/// the limit keeps a hostile page from exhausting the stack (the widget bounds its fragments too).
const MAX_DEPTH: usize = 256;

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

/// The draft document of an HTML page (its body is the core's blocks, still to be validated).
pub fn convert(source: &str, options: &Options) -> Result<Value, Failure> {
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
        meta.title = first_in(root, "h1").map(|h1| text_of(&[node_of(h1, &|_| true, 0)])).filter(|t| !t.is_empty());
    }
    let title = meta.title.clone().unwrap_or_default();

    let mut nodes = nodes_of(root, &is_content, 0);
    drop_title(&mut nodes, &title);
    resolve_urls(&mut nodes, base.as_ref());
    let body = html_to_blocks(&nodes);

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
    let article = Article {
        schema: SCHEMA.to_string(),
        id,
        published: meta.date,
        author,
        publication,
        default_lang: lang.clone(),
        translations: vec![Translation {
            lang: lang.clone(),
            title,
            url,
            summary: meta.summary,
            author_name,
            author_bio: None,
            body: Vec::new(),
        }],
    };
    let mut draft = draft_of(&article);
    draft["translations"][lang.as_str()]["body"] = Value::Array(body);
    Ok(draft)
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
    text_of(&nodes_of(fragment.root_element(), &|_| true, 0))
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

/// The plain text of some nodes (the core's reading of it), white space collapsed.
fn text_of(nodes: &[HtmlNode]) -> String {
    collapse(&nodes.iter().map(HtmlNode::text_content).collect::<Vec<_>>().join(" "))
}

/// The children of `el` (at `depth`) as the core's [`HtmlNode`]s, leaving out the elements `keep`
/// refuses and anything deeper than [`MAX_DEPTH`].
fn nodes_of(el: ElementRef, keep: &dyn Fn(ElementRef) -> bool, depth: usize) -> Vec<HtmlNode> {
    if depth >= MAX_DEPTH {
        return Vec::new();
    }
    el.children()
        .filter_map(|child| match child.value() {
            Node::Text(t) => Some(HtmlNode::Text(t.to_string())),
            Node::Element(_) => ElementRef::wrap(child).filter(|c| keep(*c)).map(|c| node_of(c, keep, depth + 1)),
            // Comments, processing instructions, doctypes: not text.
            _ => None,
        })
        .collect()
}

/// One element: its lowercased name, the attributes the allow-list reads (an image that a script
/// would load lazily has its address in `data-src`), and its children.
fn node_of(el: ElementRef, keep: &dyn Fn(ElementRef) -> bool, depth: usize) -> HtmlNode {
    let e = el.value();
    let attrs = ["href", "src", "alt"]
        .into_iter()
        .filter_map(|name| {
            let value = e.attr(name).or_else(|| (name == "src").then(|| e.attr("data-src")).flatten())?;
            Some((name.to_string(), value.to_string()))
        })
        .collect();
    HtmlNode::Element { tag: e.name().to_ascii_lowercase(), attrs, children: nodes_of(el, keep, depth) }
}

/// Whether an element is part of the article: not hidden from everyone, not page furniture (a
/// quote's own `<footer>` is its source, not furniture).
fn is_content(el: ElementRef) -> bool {
    let name = el.value().name();
    let quote_source =
        || name == "footer" && el.parent().and_then(ElementRef::wrap).is_some_and(|p| p.value().name() == "blockquote");
    let furniture = FURNITURE.contains(&name) && !quote_source();
    !furniture && el.value().attr("hidden").is_none()
}

/// Leaves out every `<h1>` that repeats the title: the page's own heading is not body text.
fn drop_title(nodes: &mut Vec<HtmlNode>, title: &str) {
    nodes.retain(
        |n| !matches!(n, HtmlNode::Element { tag, .. } if tag == "h1" && text_of(std::slice::from_ref(n)) == title),
    );
    for node in nodes {
        if let HtmlNode::Element { children, .. } = node {
            drop_title(children, title);
        }
    }
}

/// Makes link and image addresses absolute against the page's URL.
fn resolve_urls(nodes: &mut [HtmlNode], base: Option<&Url>) {
    for node in nodes {
        if let HtmlNode::Element { attrs, children, .. } = node {
            for (name, value) in attrs.iter_mut() {
                if matches!(name.as_str(), "href" | "src") && !value.trim().is_empty() {
                    *value = resolve_url(base, value);
                }
            }
            resolve_urls(children, base);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::finish;
    use article_reader::core::article::{Block, Run};

    fn article(html: &str, options: &Options) -> Article {
        finish(&convert(html, options).unwrap()).unwrap().1
    }

    /// The body of a page made of `html` (with a title, which a document must have).
    fn body(html: &str) -> Vec<Block> {
        let options = Options { lang: Some("en".into()), id: Some("x".into()), ..Options::default() };
        let page = format!(r#"<meta property="og:title" content="T">{html}"#);
        article(&page, &options).translations.remove(0).body
    }

    #[test]
    fn paragraphs_keep_links_and_emphasis() {
        let b =
            body(r#"<article><p>A <a href="https://e.example/">link</a>, <i>em</i> and <b>bold</b>.</p></article>"#);
        let Block::Paragraph { runs } = &b[0] else { panic!("{b:?}") };
        assert_eq!(runs[1], Run { href: Some("https://e.example/".into()), ..Run::plain("link") });
        // The space after a styled run ends that run (unless it is a link: an underlined space shows).
        assert_eq!(runs[3], Run { em: true, ..Run::plain("em ") });
        assert_eq!(runs[5], Run { strong: true, ..Run::plain("bold") });
    }

    #[test]
    fn loose_text_and_divs_make_paragraphs_and_skipped_elements_vanish() {
        let b =
            body("<article><div>One<br>line</div>Two<script>alert(1)</script><noscript><p>x</p></noscript></article>");
        let texts: Vec<_> = b.iter().map(|b| b.plain_text()).collect();
        // Outside a <p>, a <br> ends a paragraph of loose text (pages that lay out paragraphs with <br>).
        assert_eq!(texts, ["One", "line", "Two"]);
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
    fn page_furniture_hidden_elements_and_the_title_are_left_out() {
        let options = Options { url: Some("https://e.example/news/story".into()), ..Options::default() };
        let page = r#"<html lang="en"><body><nav>Menu</nav><article><header>By someone</header>
            <h1>The <i>story</i></h1><aside>Related</aside><p hidden>Secret</p><!-- a comment -->
            <p>Kept, <a href="../about">linked</a>.</p><img data-src="img/a.jpg" alt="A"><h1>Another h1</h1>
            </article><footer>Site footer</footer></body></html>"#;
        let a = article(page, &options);
        assert_eq!(a.translations[0].title, "The story");
        assert_eq!(
            a.translations[0].body,
            [
                Block::Paragraph {
                    runs: vec![
                        Run::plain("Kept, "),
                        Run { href: Some("https://e.example/about".into()), ..Run::plain("linked") },
                        Run::plain("."),
                    ]
                },
                Block::Image { src: "https://e.example/news/img/a.jpg".into(), alt: "A".into(), caption: None },
                Block::Heading { text: "Another h1".into() },
            ]
        );
    }

    #[test]
    fn a_deeply_nested_page_is_read_to_a_depth() {
        let page = format!("<article>{}lost{}<p>Kept</p></article>", "<div>".repeat(1_000), "</div>".repeat(1_000));
        assert_eq!(body(&page), [Block::Paragraph { runs: vec![Run::plain("Kept")] }]);
    }

    #[test]
    fn json_ld_in_a_graph_with_object_values() {
        let page = r#"<html lang="fr"><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},
            {"@type":["NewsArticle"],"headline":"T","author":[{"name":"A"},{"name":"B"}],
             "mainEntityOfPage":{"@id":"https://e.example/a/b/"},"datePublished":"2021-07-16T09:00:00Z"}]}</script>
            <article><p>x</p></article></html>"#;
        let a = article(page, &Options::default());
        assert_eq!(a.id, "b");
        assert_eq!(a.published.as_deref(), Some("2021-07-16"));
        assert_eq!(a.author.unwrap().name, "A, B");
        assert_eq!(a.default_lang, "fr");
        assert_eq!(a.translations[0].url.as_deref(), Some("https://e.example/a/b/"));
    }
}
