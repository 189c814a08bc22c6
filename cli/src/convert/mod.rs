//! `article-reader convert`: builds an article document from a text page, Markdown files or an
//! HTML page.
//!
//! Each converter builds a draft document: the core's typed [`Article`] serialized, or for HTML the
//! article with the blocks of the core's HTML allow-list (the widget's adapters). [`finish`] puts
//! the draft through the core's own `parse_article`, so a document this tool writes is exactly one
//! the widget accepts (same rules, same URL allow-list), and what is written is the validated
//! model: a URL the core drops is not in the output either.

pub mod adapted;
pub mod date;
pub mod html;
pub mod markdown;
pub mod text;

use std::fs;
use std::path::{Path, PathBuf};

use article_reader::core::adapters::Format as CoreFormat;
use article_reader::core::article::{Article, Block, Publication};
use article_reader::core::runs::push_merged;
use article_reader::core::validate::parse_article;
use serde_json::Value;
use url::Url;

use crate::failure::Failure;

/// The source formats `--from` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A plain text page: chrome, title, byline, article code, paragraphs, author bio.
    Text,
    /// Markdown files with front matter, one per language.
    Markdown,
    /// Article pages from the web: one, or one per language version of the article.
    Html,
    /// A WordPress REST API post (`/wp-json/wp/v2/posts/ID`), as the widget converts it.
    Wordpress,
    /// A JSON Feed item, or a feed (its first item), as the widget converts it.
    Jsonfeed,
}

/// Options from the command line. Which ones a format accepts is checked by [`check_options`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub lang: Option<String>,
    pub year: Option<i32>,
    pub url: Option<String>,
    pub publication: Option<String>,
    pub id: Option<String>,
}

/// Runs the conversion and writes the document to `output` (stdout when `None`).
pub fn run(format: Format, files: &[PathBuf], options: &Options, output: Option<&Path>) -> Result<(), Failure> {
    let (json, article) = document_of(format, files, options)?;
    match output {
        None => print!("{json}"),
        Some(path) => {
            fs::write(path, &json).map_err(|e| Failure::Usage(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("wrote {} ({})", path.display(), crate::translations_summary(&article));
        }
    }
    Ok(())
}

/// Converts `files` and validates the result: the document's JSON, as written, and its model.
/// `convert` writes it; `preview page.html` serves it.
pub fn document_of(format: Format, files: &[PathBuf], options: &Options) -> Result<(String, Article), Failure> {
    check_options(format, files, options)?;
    let inputs = files.iter().map(|path| Ok((path.clone(), read_input(path)?))).collect::<Result<Vec<_>, Failure>>()?;
    let draft = match format {
        Format::Text => draft_of(&text::convert(&inputs[0].1, options)?),
        Format::Markdown => draft_of(&markdown::convert(&inputs, options)?),
        Format::Html => draft_of(&html::convert(&inputs, options)?),
        Format::Wordpress | Format::Jsonfeed => {
            let core = if format == Format::Wordpress { CoreFormat::WordPress } else { CoreFormat::JsonFeed };
            adapted::convert(core, &inputs[0].0.display().to_string(), &inputs[0].1, options)?
        }
    };
    finish(&draft)
}

/// Refuses options that mean nothing for the format, rather than silently ignoring them.
fn check_options(format: Format, files: &[PathBuf], options: &Options) -> Result<(), Failure> {
    let usage = |m: &str| Err(Failure::Usage(m.to_string()));
    if matches!(format, Format::Text | Format::Wordpress | Format::Jsonfeed) && files.len() != 1 {
        return usage("--from text, wordpress and jsonfeed take exactly one FILE");
    }
    if format == Format::Html && files.len() > 1 && (options.lang.is_some() || options.url.is_some()) {
        return usage("--lang and --url apply to one page; several pages give their own languages and URLs");
    }
    if format != Format::Text && options.year.is_some() {
        return usage("--year only applies to --from text (Markdown and HTML give full dates)");
    }
    if format == Format::Markdown && options.url.is_some() {
        return usage("--url does not apply to --from markdown: give `url:` in each file's front matter");
    }
    Ok(())
}

/// Reads an input file: unreadable is a usage error (exit 2), not UTF-8 is an input error (exit 1).
pub(crate) fn read_input(path: &Path) -> Result<String, Failure> {
    let bytes = fs::read(path).map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::invalid(format!("{}: not UTF-8 text (convert it to UTF-8 first)", path.display())))?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

/// The draft document of a built article.
pub fn draft_of(article: &Article) -> Value {
    serde_json::to_value(article).expect("the article model always serializes")
}

/// Validates the draft document with the core's parser and returns the JSON to write.
///
/// Problems are fatal (exit 1, each on stderr with its JSON path); warnings (dropped URLs) are
/// printed and the document is written without them.
pub fn finish(draft: &Value) -> Result<(String, Article), Failure> {
    match parse_article(&draft.to_string()) {
        Ok(parsed) => {
            for warning in parsed.warning_lines() {
                eprintln!("warning: {warning}");
            }
            let mut article = parsed.article;
            merge_runs(&mut article);
            let mut value = serde_json::to_value(&article).expect("the article model always serializes");
            compact_paragraphs(&mut value);
            let json = serde_json::to_string_pretty(&value).expect("a JSON value always serializes") + "\n";
            Ok((json, article))
        }
        Err(rejection) => {
            let mut lines = vec!["error: the converted document is not valid:".to_string()];
            lines.extend(rejection.lines().iter().map(|p| format!("error: {p}")));
            Err(Failure::Invalid(lines))
        }
    }
}

/// Joins neighbouring runs of the same style, which appear where the core dropped a link's unsafe
/// URL and left its text plain.
fn merge_runs(article: &mut Article) {
    for translation in &mut article.translations {
        for block in &mut translation.body {
            let Block::Paragraph { runs } = block else { continue };
            let mut merged = Vec::with_capacity(runs.len());
            for run in runs.drain(..) {
                push_merged(&mut merged, run);
            }
            *runs = merged;
        }
    }
}

/// Writes a paragraph of one plain run in the short `{"type":"paragraph","text":...}` form the
/// SPEC shows first, which is what people writing documents by hand use.
fn compact_paragraphs(doc: &mut Value) {
    let Some(Value::Object(translations)) = doc.get_mut("translations") else { return };
    for translation in translations.values_mut() {
        let Some(Value::Array(body)) = translation.get_mut("body") else { continue };
        for block in body {
            let Value::Object(b) = block else { continue };
            let single_plain = match b.get("runs") {
                Some(Value::Array(runs)) if runs.len() == 1 => runs[0].as_object().is_some_and(|r| r.len() == 1),
                _ => false,
            };
            if single_plain {
                if let Some(Value::Array(mut runs)) = b.remove("runs") {
                    let text = runs[0]["text"].take();
                    b.insert("text".into(), text);
                }
            }
        }
    }
}

/// A link or image address, made absolute against the page's URL when it is relative.
///
/// Absolute addresses are kept as written: whether their scheme is allowed is for the core's
/// `safe_url` to decide, and it reports what it drops.
pub fn resolve_url(base: Option<&Url>, raw: &str) -> String {
    let raw = raw.trim();
    if Url::parse(raw).is_ok() {
        return raw.to_string();
    }
    match base.and_then(|b| b.join(raw).ok()) {
        Some(url) => url.to_string(),
        None => raw.to_string(),
    }
}

/// A base URL for relative links, when the page's own URL is a web address.
pub fn base_url(page_url: Option<&str>) -> Option<Url> {
    let url = Url::parse(page_url?.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// The publication from `--publication`, when given.
pub fn publication_named(name: Option<&str>) -> Option<Publication> {
    name.map(|n| Publication { name: n.trim().to_string(), url: None, follow: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_resolve_against_the_page_and_absolute_ones_are_kept() {
        let base = base_url(Some("https://news.example/2021/07/story.html"));
        assert_eq!(resolve_url(base.as_ref(), "photo.jpg"), "https://news.example/2021/07/photo.jpg");
        assert_eq!(resolve_url(base.as_ref(), "/about"), "https://news.example/about");
        assert_eq!(resolve_url(base.as_ref(), "javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(resolve_url(None, "photo.jpg"), "photo.jpg");
        assert!(base_url(Some("javascript:alert(1)")).is_none());
    }

    #[test]
    fn single_plain_runs_become_text() {
        let mut doc = serde_json::json!({"translations": {"en": {"body": [
            {"type": "paragraph", "runs": [{"text": "plain"}]},
            {"type": "paragraph", "runs": [{"text": "link", "href": "https://e.example"}]}
        ]}}});
        compact_paragraphs(&mut doc);
        assert_eq!(doc["translations"]["en"]["body"][0], serde_json::json!({"type": "paragraph", "text": "plain"}));
        assert!(doc["translations"]["en"]["body"][1].get("runs").is_some());
    }
}
