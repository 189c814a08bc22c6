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

use article_reader::core::article::Article;
use article_reader::core::extract::{
    document, extract, links, same_url, Choices, LangSource, Version, ID_FROM_PAGE, UNNAMED,
};
use url::Url;

use super::Options;
use crate::failure::Failure;

/// How many files beside a page are looked at for its language versions.
const MAX_SIBLINGS: usize = 200;

/// The draft document of one page or of a site's language versions of one article (the core's
/// [`document`]: the widget's html module builds its document the same way).
pub fn convert(inputs: &[(PathBuf, String)], options: &Options) -> Result<Article, Failure> {
    let mut inputs = inputs.to_vec();
    if inputs.len() == 1 {
        inputs.extend(saved_alternates(&inputs[0].0, &inputs[0].1)?);
    }
    let several = inputs.len() > 1;
    let mut versions = Vec::with_capacity(inputs.len());
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
        versions.push(Version { name, page, lang });
    }
    let choices = Choices {
        id: options.id.clone(),
        url: if several { None } else { options.url.clone() },
        publication: options.publication.clone(),
    };
    let (draft, notes) = document(&versions, &choices).map_err(|e| {
        let hint = if e == UNNAMED { "; pass --id" } else { "" };
        Failure::invalid(format!("{e}{hint}"))
    })?;
    for note in notes {
        let hint = if note.starts_with(ID_FROM_PAGE) { " (pass --id to choose)" } else { "" };
        eprintln!("note: {note}{hint}");
    }
    Ok(draft)
}

/// The language versions of the page at `path` that are saved beside it: files in its folder
/// whose canonical URL is one of its alternates, or that an alternate names relatively.
fn saved_alternates(path: &Path, source: &str) -> Result<Vec<(PathBuf, String)>, Failure> {
    let (own_url, alternates) = links(source);
    if alternates.is_empty() {
        return Ok(Vec::new());
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let own = fs::canonicalize(path).ok();
    let mut paths: Vec<PathBuf> = fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
                })
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    // Each file beside the page is read and its links parsed once, whatever the alternates.
    let siblings: Vec<Sibling> = paths
        .into_iter()
        .map(|path| {
            let real = fs::canonicalize(&path).ok();
            let text = super::read_input(&path).ok();
            let canonical = text.as_deref().and_then(|t| links(t).0);
            Sibling { path, real, text, canonical }
        })
        .filter(|s| s.real != own)
        .take(MAX_SIBLINGS)
        .collect();
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    for (lang, href) in &alternates {
        let relative = Url::parse(href)
            .is_err()
            .then(|| fs::canonicalize(folder.join(href.split(['?', '#']).next().unwrap_or(href))).ok())
            .flatten();
        let hit = siblings.iter().find(|s| {
            (relative.is_some() && s.real == relative)
                || s.canonical.as_deref().is_some_and(|canonical| same_url(canonical, href))
        });
        match hit {
            Some(sibling) if !found.iter().any(|(p, _)| *p == sibling.path) => {
                eprintln!("note: the {lang} version is {} (saved beside {})", sibling.path.display(), path.display());
                // A file named by the page that cannot be read is an error, with its reason.
                let text = match &sibling.text {
                    Some(text) => text.clone(),
                    None => super::read_input(&sibling.path)?,
                };
                found.push((sibling.path.clone(), text));
            }
            Some(_) => {}
            // Pages list themselves among their alternates.
            None if own_url.as_deref().is_some_and(|own| same_url(own, href)) => {}
            None => eprintln!(
                "note: the {lang} version ({href}) is not saved beside {}; pass it as a FILE to include it",
                path.display()
            ),
        }
    }
    Ok(found)
}

/// A page saved beside the one converted: where it is, its text (when it is readable UTF-8) and
/// its canonical URL.
struct Sibling {
    path: PathBuf,
    real: Option<PathBuf>,
    text: Option<String>,
    canonical: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::finish;
    use article_reader::core::article::{Article, Block, Run};

    fn article(html: &str, options: &Options) -> Article {
        finish(&crate::convert::draft_of(&convert(&[(PathBuf::from("page.html"), html.to_string())], options).unwrap()))
            .unwrap()
            .1
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
        // A space beside a styled run goes to its plain neighbour (core::runs, the one builder).
        assert_eq!(runs[3], Run { em: true, ..Run::plain("em") });
        assert_eq!(runs[4], Run::plain(" and "));
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
}
