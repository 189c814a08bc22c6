//! `--from html`: article pages, read the way a reader mode reads them, into one document.
//!
//! - Each page is read by the core's one extraction ([`article_reader::core::extract`], shared with
//!   the widget's `data-format="html"`): Readability's scoring finds the article, the core's HTML
//!   allow-list makes its blocks, metadata comes from JSON-LD, OpenGraph, `<meta>` and the byline,
//!   and the language is detected from the text when the page does not declare it (a note says
//!   so; `--lang` overrides).
//! - Several pages (`en.html fr.html ru.html`) are a site's language versions of one article: one
//!   translation each. They must show they are versions of one article: one lists the other as a
//!   `<link rel="alternate" hreflang>`, or they share a JSON-LD identifier or a publication date.
//!   Shared metadata (id, date, author, publication) is taken from the first page; a page that
//!   disagrees is named in a note.
//! - One page whose alternates are saved beside it (a file in the same folder whose canonical URL
//!   is the alternate's address, or which the alternate names relatively) brings them in too.

use std::fs;
use std::path::{Path, PathBuf};

use article_reader::core::article::{Article, Person, Publication, Translation, SCHEMA};
use article_reader::core::extract::{extract, links, LangSource, Page};
use serde_json::Value;
use url::Url;

use super::{draft_of, slug, Options};
use crate::failure::Failure;

/// How many files beside a page are looked at for its language versions.
const MAX_SIBLINGS: usize = 200;

/// One page read: where it came from and what was extracted.
struct Read {
    name: String,
    page: Page,
    lang: String,
}

/// The draft document of one page or of a site's language versions of one article.
pub fn convert(inputs: &[(PathBuf, String)], options: &Options) -> Result<Value, Failure> {
    let mut inputs = inputs.to_vec();
    if inputs.len() == 1 {
        inputs.extend(saved_alternates(&inputs[0].0, &inputs[0].1)?);
    }
    let several = inputs.len() > 1;
    let mut pages: Vec<Read> = Vec::with_capacity(inputs.len());
    for (path, source) in &inputs {
        let name = path.display().to_string();
        let url = if several { None } else { options.url.as_deref() };
        let page = extract(source, url).map_err(|e| Failure::invalid(format!("{name}: {e}")))?;
        for note in &page.notes {
            eprintln!("note: {name}: {note}");
        }
        let lang = match (&options.lang, &page.lang) {
            (Some(lang), _) if !several => lang.clone(),
            (_, Some((lang, source))) => {
                if *source == LangSource::Detected {
                    eprintln!("note: {name}: pass --lang to choose another language");
                }
                lang.clone()
            }
            (_, None) => {
                return Err(Failure::invalid(format!(
                    "{name}: the page does not say its language and its text is too short to tell; pass --lang"
                )))
            }
        };
        if let Some(other) = pages.iter().find(|r| r.lang.eq_ignore_ascii_case(&lang)) {
            return Err(Failure::invalid(format!(
                "{name} and {} are both in {lang}: give one page per language",
                other.name
            )));
        }
        pages.push(Read { name, page, lang });
    }
    check_versions(&pages)?;
    let first = &pages[0];
    let url = if several { first.page.url.clone() } else { options.url.clone().or(first.page.url.clone()) };
    let id = match options.id.clone().or(first.page.id.clone()) {
        Some(id) => id,
        None => {
            let from = url
                .as_deref()
                .and_then(|u| Url::parse(u).ok())
                .and_then(|u| u.path_segments().and_then(|mut s| s.rfind(|seg| !seg.is_empty()).map(str::to_string)));
            let id = slug(from.as_deref().unwrap_or(&first.page.title));
            if id.is_empty() {
                return Err(Failure::invalid(
                    "the page gives no identifier, URL or title to name the article; pass --id",
                ));
            }
            eprintln!("note: the page gives no article identifier; using {id:?} (pass --id to choose)");
            id
        }
    };
    for read in &pages[1..] {
        let differs = |what: &str, a: Option<String>, b: Option<String>| {
            if b.is_some() && a != b {
                eprintln!(
                    "note: {} gives another {what} ({}); {}'s is kept",
                    read.name,
                    b.unwrap_or_default(),
                    first.name
                );
            }
        };
        differs("date", first.page.published.map(|d| d.to_string()), read.page.published.map(|d| d.to_string()));
        differs("publication", first.page.publisher.clone().map(|p| p.0), read.page.publisher.clone().map(|p| p.0));
    }
    let publication = match (&options.publication, &first.page.publisher) {
        (Some(name), _) => Some(Publication { name: name.clone(), url: None, follow: Vec::new() }),
        (None, Some((name, url))) => Some(Publication { name: name.clone(), url: url.clone(), follow: Vec::new() }),
        (None, None) => None,
    };
    let article = Article {
        schema: SCHEMA.to_string(),
        id,
        published: first.page.published.map(|d| d.to_string()),
        author: first.page.byline.clone().map(|name| Person { name, url: first.page.author_url.clone() }),
        publication,
        default_lang: first.lang.clone(),
        translations: pages
            .iter()
            .enumerate()
            .map(|(i, r)| Translation {
                lang: r.lang.clone(),
                title: r.page.title.clone(),
                url: if i == 0 { url.clone() } else { r.page.url.clone() },
                summary: r.page.summary.clone(),
                author_name: r.page.byline.clone(),
                author_bio: r.page.bio.clone(),
                body: Vec::new(),
            })
            .collect(),
    };
    let mut draft = draft_of(&article);
    for r in pages {
        draft["translations"][r.lang.as_str()]["body"] = Value::Array(r.page.body);
    }
    Ok(draft)
}

/// Refuses pages that do not show they are versions of one article.
fn check_versions(pages: &[Read]) -> Result<(), Failure> {
    let Some(first) = pages.first() else { return Ok(()) };
    let lists = |a: &Page, b: &Page| {
        b.url.as_deref().is_some_and(|url| a.alternates.iter().any(|(_, href)| same_url(href, url)))
    };
    for other in &pages[1..] {
        let (a, b) = (&first.page, &other.page);
        let linked = lists(a, b) || lists(b, a);
        let same_id = a.id.is_some() && a.id == b.id;
        let same_date = a.published.is_some() && a.published == b.published;
        if !(linked || same_id || same_date) {
            return Err(Failure::invalid(format!(
                "{} does not look like a version of {}: neither lists the other as a language version \
                 (<link rel=\"alternate\" hreflang>), and they share no identifier or publication date",
                other.name, first.name
            )));
        }
    }
    Ok(())
}

/// Whether two addresses name the same page (a trailing slash or fragment aside).
fn same_url(a: &str, b: &str) -> bool {
    let norm = |u: &str| {
        Url::parse(u.trim()).map(|mut u| {
            u.set_fragment(None);
            u.to_string().trim_end_matches('/').to_string()
        })
    };
    matches!((norm(a), norm(b)), (Ok(a), Ok(b)) if a == b)
}

/// The language versions of the page at `path` that are saved beside it: files in its folder
/// whose canonical URL is one of its alternates, or that an alternate names relatively.
fn saved_alternates(path: &Path, source: &str) -> Result<Vec<(PathBuf, String)>, Failure> {
    let (_, alternates) = links(source);
    if alternates.is_empty() {
        return Ok(Vec::new());
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let own = fs::canonicalize(path).ok();
    let mut siblings: Vec<PathBuf> = fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
                })
                .filter(|p| fs::canonicalize(p).ok() != own)
                .take(MAX_SIBLINGS)
                .collect()
        })
        .unwrap_or_default();
    siblings.sort();
    let mut found = Vec::new();
    for (lang, href) in &alternates {
        let relative = Url::parse(href).is_err().then(|| folder.join(href.split(['?', '#']).next().unwrap_or(href)));
        let mut hit = None;
        for sibling in &siblings {
            if relative.as_ref().is_some_and(|r| fs::canonicalize(r).ok() == fs::canonicalize(sibling).ok()) {
                hit = Some(sibling.clone());
                break;
            }
            let Ok(text) = fs::read_to_string(sibling) else { continue };
            if links(&text).0.is_some_and(|canonical| same_url(&canonical, href)) {
                hit = Some(sibling.clone());
                break;
            }
        }
        match hit {
            Some(sibling) if !found.iter().any(|(p, _)| *p == sibling) => {
                eprintln!("note: the {lang} version is {} (saved beside {})", sibling.display(), path.display());
                let text = super::read_input(&sibling)?;
                found.push((sibling, text));
            }
            Some(_) => {}
            None if own.is_some() && is_self(href, source) => {}
            None => eprintln!(
                "note: the {lang} version ({href}) is not saved beside {}; pass it as a FILE to include it",
                path.display()
            ),
        }
    }
    Ok(found)
}

/// Whether `href` is the page's own canonical address (pages list themselves among alternates).
fn is_self(href: &str, source: &str) -> bool {
    links(source).0.is_some_and(|canonical| same_url(&canonical, href))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::finish;
    use article_reader::core::article::{Block, Run};

    fn article(html: &str, options: &Options) -> Article {
        finish(&convert(&[(PathBuf::from("page.html"), html.to_string())], options).unwrap()).unwrap().1
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
    fn quotes_find_their_source() {
        let b = body(
            "<article><blockquote><p>Words.</p><footer>— Someone</footer></blockquote>\
                      <figure><blockquote>Other words.</blockquote><figcaption>Another</figcaption></figure></article>",
        );
        assert_eq!(b[0], Block::Quote { text: "Words.".into(), cite: Some("Someone".into()) });
        assert_eq!(b[1], Block::Quote { text: "Other words.".into(), cite: Some("Another".into()) });
    }

    #[test]
    fn a_deeply_nested_page_neither_overflows_nor_loses_its_text() {
        for depth in [300, 4_000] {
            let page = format!("<article>{}deep{}<p>Kept</p></article>", "<div>".repeat(depth), "</div>".repeat(depth));
            let texts: Vec<String> = body(&page).iter().map(Block::plain_text).collect();
            assert_eq!(texts.last().map(String::as_str), Some("Kept"), "{depth}");
        }
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

    #[test]
    fn same_urls_ignore_a_trailing_slash_and_the_fragment() {
        assert!(same_url("https://e.example/a/", "https://e.example/a#top"));
        assert!(!same_url("https://e.example/a/", "https://e.example/b/"));
        assert!(!same_url("fr.html", "fr.html"), "relative addresses are not URLs");
    }
}
