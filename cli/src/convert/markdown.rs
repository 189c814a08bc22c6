//! `--from markdown`: one Markdown file per language, merged into one document.
//!
//! Each file starts with front matter between `---` lines, `key: value` per line (a deliberately
//! small subset of YAML: no nesting, no lists; values may be quoted):
//!
//! ```text
//! ---
//! lang: fr
//! title: Irak – pris dans l'étreinte « amicale » du python américain
//! id: IRQ6532
//! published: 2021-07-16
//! author: Viktor Mikhin
//! url: https://example.org/fr/irak
//! ---
//! ```
//!
//! Keys: `lang`, `title`, `id`, `published`, `author`, `url`, `default_lang`, and also `summary`,
//! `author_bio`, `publication`. Without `title`, a level-1 heading that opens the file is the title.
//!
//! Raw HTML is never passed through: HTML blocks are dropped whole, inline tags are dropped (the
//! text between them stays, as plain text), and the content of inline `<script>`/`<style>` goes too.

use std::path::PathBuf;

use article_reader::core::article::{Article, Block, Person, Translation, SCHEMA};
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options as MdOptions, Parser, Tag, TagEnd};
use url::Url;

use super::date::Date;
use super::{base_url, publication_named, resolve_url, Options};
use crate::failure::Failure;
use article_reader::core::runs::{self, collapse, RunsBuilder, Style};

/// The front matter keys this converter reads.
const KEYS: [&str; 10] =
    ["lang", "title", "id", "published", "author", "url", "default_lang", "summary", "author_bio", "publication"];

/// One `key: value` line of front matter, with its 1-based line number for messages.
#[derive(Debug)]
struct Field {
    line: usize,
    key: String,
    value: String,
}

#[derive(Debug, Default)]
struct FrontMatter {
    fields: Vec<Field>,
}

impl FrontMatter {
    fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().rev().find(|f| f.key == key)
    }

    fn value(&self, key: &str) -> Option<String> {
        self.get(key).map(|f| f.value.clone())
    }
}

/// A document-level value that several files may give; they must agree.
#[derive(Default)]
struct Agreed {
    value: Option<(String, String)>,
}

impl Agreed {
    fn offer(&mut self, key: &str, value: Option<String>, file: &str, errors: &mut Vec<String>) {
        let Some(value) = value else { return };
        match &self.value {
            None => self.value = Some((value, file.to_string())),
            Some((first, first_file)) if *first != value => {
                errors.push(format!("{file}: {key} {value:?} differs from {first:?} in {first_file}"))
            }
            Some(_) => {}
        }
    }

    fn get(self) -> Option<String> {
        self.value.map(|(v, _)| v)
    }
}

pub fn convert(inputs: &[(PathBuf, String)], options: &Options) -> Result<Article, Failure> {
    let mut errors = Vec::new();
    let (mut id, mut published, mut default_lang, mut publication) =
        (Agreed::default(), Agreed::default(), Agreed::default(), Agreed::default());
    let mut translations: Vec<Translation> = Vec::new();
    let mut authors: Vec<(String, String)> = Vec::new();

    for (path, source) in inputs {
        let file = path.display().to_string();
        let (front, body) = match split_front_matter(source) {
            Ok(parts) => parts,
            Err(message) => {
                errors.push(format!("{file}:{message}"));
                continue;
            }
        };
        for field in front.fields.iter().filter(|f| !KEYS.contains(&f.key.as_str())) {
            eprintln!("warning: {file}:{}: unknown front matter key {:?} ignored", field.line, field.key);
        }
        let Some(lang) = front.value("lang").or_else(|| options.lang.clone()) else {
            errors.push(format!("{file}: the front matter has no `lang:` (or pass --lang)"));
            continue;
        };
        if let Some(other) = translations.iter().find(|t| t.lang.eq_ignore_ascii_case(&lang)) {
            errors.push(format!("{file}: language {lang:?} is already given by another file ({})", other.lang));
            continue;
        }
        let date = match front.get("published") {
            Some(f) => match Date::from_iso_prefix(&f.value) {
                Some(d) => Some(d.to_string()),
                None => {
                    errors.push(format!(
                        "{file}:{}: published {:?} is not a date of the form YYYY-MM-DD",
                        f.line, f.value
                    ));
                    None
                }
            },
            None => None,
        };
        id.offer("id", front.value("id"), &file, &mut errors);
        published.offer("published", date, &file, &mut errors);
        default_lang.offer("default_lang", front.value("default_lang"), &file, &mut errors);
        publication.offer("publication", front.value("publication"), &file, &mut errors);

        let url = front.value("url");
        let base = base_url(url.as_deref());
        let (opening_h1, mut blocks) = body_blocks(body, base.as_ref());
        let title = match (front.value("title"), opening_h1) {
            (Some(title), Some(h1)) if collapse(&h1) != collapse(&title) => {
                blocks.insert(0, Block::Heading { text: h1 });
                title
            }
            (Some(title), _) => title,
            (None, Some(h1)) => h1,
            // Left empty for the core to report as `translations.<lang>.title`.
            (None, None) => String::new(),
        };
        let author_name = front.value("author");
        if let Some(name) = &author_name {
            authors.push((lang.clone(), name.clone()));
        }
        translations.push(Translation {
            lang,
            title,
            url,
            summary: front.value("summary"),
            author_name,
            author_bio: front.value("author_bio"),
            body: blocks,
        });
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors.into_iter().map(|e| format!("error: {e}")).collect()));
    }

    let default_lang = default_lang.get().unwrap_or_else(|| translations[0].lang.clone());
    // The document's author is the one named in the default language, as readers see it first.
    let author = authors
        .iter()
        .find(|(lang, _)| lang.eq_ignore_ascii_case(&default_lang))
        .or(authors.first())
        .map(|(_, name)| Person { name: name.clone(), url: None });
    let publication = options.publication.clone().or(publication.get());
    Ok(Article {
        schema: SCHEMA.to_string(),
        // Left empty when no file gives one, for the core to report as `id`.
        id: options.id.clone().or(id.get()).unwrap_or_default(),
        published: published.get(),
        author,
        publication: publication_named(publication.as_deref()),
        default_lang,
        translations,
    })
}

/// Splits `---` front matter from the Markdown after it. A file without front matter is all body.
/// Errors are `line: message`, to be prefixed with the file name.
fn split_front_matter(source: &str) -> Result<(FrontMatter, &str), String> {
    let mut front = FrontMatter::default();
    let mut lines = source.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return Ok((front, source)),
    }
    let mut offset = source.find('\n').map_or(source.len(), |i| i + 1);
    for (i, line) in lines.enumerate() {
        let number = i + 2;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            return Ok((front, &source[offset..]));
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            return Err(format!("{number}: expected `key: value` in the front matter, found {trimmed:?}"));
        };
        front.fields.push(Field { line: number, key: key.trim().to_ascii_lowercase(), value: unquote(value.trim()) });
    }
    Err("1: the front matter opened here is never closed with `---`".to_string())
}

/// `"a value"` or `'a value'` → `a value`; anything else is taken as written.
fn unquote(value: &str) -> String {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    value.to_string()
}

/// What the top-level block being read will become.
#[derive(Debug)]
enum Capture {
    Paragraph,
    Heading(HeadingLevel),
    Quote,
    List {
        ordered: bool,
        items: Vec<String>,
    },
    /// A code block's text, as written.
    Code(String),
    /// A table's rows so far, the row being read, and whether the first row is the heading row.
    Table {
        rows: Vec<Vec<String>>,
        row: Vec<String>,
        header: bool,
    },
    /// HTML blocks, footnote definitions and the like: their text is dropped.
    Skip,
}

/// Turns pulldown-cmark's event stream into body blocks.
///
/// Only top-level blocks become blocks; anything nested in a quote or a list contributes its text
/// (a nested list's items join their parent item's text), since the article format is flat.
struct Walker<'a> {
    base: Option<&'a Url>,
    blocks: Vec<Block>,
    opening_h1: Option<String>,
    capture: Option<Capture>,
    /// Open block-level tags; 0 between top-level blocks.
    depth: usize,
    text: RunsBuilder,
    em: usize,
    strong: usize,
    links: Vec<Option<String>>,
    /// Open image tags, and the image being read when it sits in a paragraph (src, alt text).
    images: usize,
    image: Option<(String, RunsBuilder)>,
    /// Inside inline `<script>` or `<style>` tags, whose content is never text.
    raw_code: usize,
}

/// The body's blocks, and the text of a level-1 heading when one opens the file (the title).
fn body_blocks(markdown: &str, base: Option<&Url>) -> (Option<String>, Vec<Block>) {
    let mut w = Walker {
        base,
        blocks: Vec::new(),
        opening_h1: None,
        capture: None,
        depth: 0,
        text: RunsBuilder::default(),
        em: 0,
        strong: 0,
        links: Vec::new(),
        images: 0,
        image: None,
        raw_code: 0,
    };
    for event in Parser::new_ext(markdown, MdOptions::ENABLE_TABLES) {
        match event {
            Event::Start(tag) => w.start(tag),
            Event::End(end) => w.end(end),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => w.push(&t),
            Event::SoftBreak | Event::HardBreak => w.push(" "),
            Event::InlineHtml(html) => w.inline_html(&html),
            Event::Html(_) | Event::Rule | Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    (w.opening_h1, w.blocks)
}

impl Walker<'_> {
    fn style(&self) -> Style {
        Style { href: self.links.last().cloned().flatten(), em: self.em > 0, strong: self.strong > 0 }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Emphasis => self.em += 1,
            Tag::Strong => self.strong += 1,
            Tag::Link { link_type, dest_url, .. } => {
                let href = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => resolve_url(self.base, &dest_url),
                };
                self.links.push(Some(href).filter(|h| !h.is_empty()));
            }
            Tag::Image { dest_url, .. } => {
                self.images += 1;
                if self.images == 1 && matches!(self.capture, Some(Capture::Paragraph)) {
                    self.image = Some((resolve_url(self.base, &dest_url), RunsBuilder::default()));
                }
            }
            Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {}
            block => {
                if self.depth == 0 {
                    self.capture = Some(match block {
                        Tag::Paragraph => Capture::Paragraph,
                        Tag::Heading { level, .. } => Capture::Heading(level),
                        Tag::BlockQuote(_) => Capture::Quote,
                        Tag::List(first) => Capture::List { ordered: first.is_some(), items: Vec::new() },
                        Tag::CodeBlock(_) => Capture::Code(String::new()),
                        Tag::Table(_) => Capture::Table { rows: Vec::new(), row: Vec::new(), header: false },
                        _ => Capture::Skip,
                    });
                } else {
                    self.text.space();
                }
                self.depth += 1;
            }
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Emphasis => self.em = self.em.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Link => {
                self.links.pop();
            }
            TagEnd::Image => {
                self.images = self.images.saturating_sub(1);
                if self.images == 0 {
                    if let Some((src, mut alt)) = self.image.take() {
                        self.flush_paragraph();
                        self.blocks.push(Block::Image { src, alt: alt.take_text(), caption: None });
                    }
                }
            }
            TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {}
            TagEnd::TableCell | TagEnd::TableRow | TagEnd::TableHead
                if matches!(self.capture, Some(Capture::Table { .. })) =>
            {
                self.depth = self.depth.saturating_sub(1);
                let cell = (end == TagEnd::TableCell).then(|| self.text.take_text());
                if let Some(Capture::Table { rows, row, header }) = &mut self.capture {
                    match cell {
                        Some(cell) => row.push(cell),
                        None => {
                            *header |= end == TagEnd::TableHead && rows.is_empty();
                            rows.push(std::mem::take(row));
                        }
                    }
                }
            }
            block => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    self.finish_block();
                } else if self.depth == 1 && block == TagEnd::Item {
                    let item = self.text.take_text();
                    if let Some(Capture::List { items, .. }) = &mut self.capture {
                        if !item.is_empty() {
                            items.push(item);
                        }
                    }
                } else {
                    self.text.space();
                }
            }
        }
    }

    fn push(&mut self, text: &str) {
        if self.raw_code > 0 {
            return;
        }
        if self.images > 0 {
            // Alt text of an image in a paragraph; elsewhere (headings, lists) images are dropped.
            if let Some((_, alt)) = &mut self.image {
                alt.push_plain(text);
            }
            return;
        }
        match &mut self.capture {
            Some(Capture::Paragraph) => {
                let style = self.style();
                self.text.push(text, &style);
            }
            Some(Capture::Code(code)) => code.push_str(text),
            Some(Capture::Skip) | None => {}
            Some(_) => self.text.push_plain(text),
        }
    }

    fn inline_html(&mut self, html: &str) {
        let tag = html.trim_start_matches('<').to_ascii_lowercase();
        let opens = |name: &str| tag.starts_with(name) && !html.trim_end().ends_with("/>");
        if opens("script") || opens("style") {
            self.raw_code += 1;
        } else if tag.starts_with("/script") || tag.starts_with("/style") {
            self.raw_code = self.raw_code.saturating_sub(1);
        }
    }

    fn flush_paragraph(&mut self) {
        let runs = self.text.take();
        if !runs.is_empty() {
            self.blocks.push(Block::Paragraph { runs });
        }
    }

    fn finish_block(&mut self) {
        self.raw_code = 0;
        match self.capture.take() {
            Some(Capture::Paragraph) => self.flush_paragraph(),
            Some(Capture::Heading(level)) => {
                let text = self.text.take_text();
                let opens_the_file = self.blocks.is_empty() && self.opening_h1.is_none();
                if level == HeadingLevel::H1 && opens_the_file && !text.is_empty() {
                    self.opening_h1 = Some(text);
                } else if !text.is_empty() {
                    self.blocks.push(Block::Heading { text });
                }
            }
            Some(Capture::Quote) => {
                let text = self.text.take_text();
                if !text.is_empty() {
                    self.blocks.push(Block::Quote { text, cite: None });
                }
            }
            Some(Capture::List { ordered, items }) => {
                self.text.take();
                if !items.is_empty() {
                    self.blocks.push(Block::List { ordered, items });
                }
            }
            Some(Capture::Code(code)) => self.blocks.extend(runs::code(&code)),
            Some(Capture::Table { rows, header, .. }) => {
                self.text.take();
                self.blocks.extend(runs::table(rows, header, None));
            }
            Some(Capture::Skip) | None => {
                self.text.take();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use article_reader::core::article::Run;

    fn blocks(md: &str) -> Vec<Block> {
        body_blocks(md, None).1
    }

    #[test]
    fn front_matter_is_split_and_unquoted() {
        let (front, body) =
            split_front_matter("---\nlang: fr\n# a comment\ntitle: \"Un titre : deux\"\n---\nBody\n").unwrap();
        assert_eq!(front.value("lang").as_deref(), Some("fr"));
        assert_eq!(front.value("title").as_deref(), Some("Un titre : deux"));
        assert_eq!(body, "Body\n");
        assert!(split_front_matter("---\nlang: fr\n").unwrap_err().contains("never closed"));
        assert!(split_front_matter("---\nnot a field\n---\n").unwrap_err().starts_with("2:"));
        assert_eq!(split_front_matter("No front matter").unwrap().1, "No front matter");
    }

    #[test]
    fn inline_styles_become_runs() {
        let b = blocks("Some *em* and **strong** and [a link](https://e.example/x).\n");
        let Block::Paragraph { runs } = &b[0] else { panic!("{b:?}") };
        let em = Run { em: true, ..Run::plain("em") };
        let strong = Run { strong: true, ..Run::plain("strong") };
        let link = Run { href: Some("https://e.example/x".into()), ..Run::plain("a link") };
        assert_eq!(
            runs,
            &[Run::plain("Some "), em, Run::plain(" and "), strong, Run::plain(" and "), link, Run::plain(".")]
        );
    }

    #[test]
    fn raw_html_is_never_passed_through() {
        let b = blocks("<div onclick=\"x()\">block html</div>\n\nText <b>bold</b> <script>alert(1)</script> end.\n");
        assert_eq!(b, [Block::Paragraph { runs: vec![Run::plain("Text bold end.")] }]);
    }

    #[test]
    fn nested_lists_join_their_parent_item_and_images_split_paragraphs() {
        let b = blocks("1. one\n   - one a\n2. two\n\nBefore ![Alt *text*](https://e.example/i.png) after\n");
        assert_eq!(b[0], Block::List { ordered: true, items: vec!["one one a".into(), "two".into()] });
        assert_eq!(b[1], Block::Paragraph { runs: vec![Run::plain("Before")] });
        assert_eq!(b[2], Block::Image { src: "https://e.example/i.png".into(), alt: "Alt text".into(), caption: None });
        assert_eq!(b[3], Block::Paragraph { runs: vec![Run::plain("after")] });
    }

    #[test]
    fn an_opening_h1_is_the_title_and_email_autolinks_get_mailto() {
        let (h1, b) = body_blocks("# The title\n\nWrite to <ed@e.example>.\n\n# Later\n", None);
        assert_eq!(h1.as_deref(), Some("The title"));
        let Block::Paragraph { runs } = &b[0] else { panic!() };
        assert_eq!(runs[1].href.as_deref(), Some("mailto:ed@e.example"));
        assert_eq!(b[1], Block::Heading { text: "Later".into() });
    }

    #[test]
    fn code_blocks_and_tables_keep_their_shape_and_no_break_spaces_stay() {
        let md = "Run it:\n\n```rust\nfn main() {\n    go();\n}\n```\n\n    indented\n      code\n\n\
                  | Year | *Tonnes* |\n|---|---:|\n| 2020 | 12 |\n| 2021 | |\n\n10\u{a0}km away.\n";
        let b = blocks(md);
        assert_eq!(b[1], Block::Code { text: "fn main() {\n    go();\n}".into() });
        assert_eq!(b[2], Block::Code { text: "indented\n  code".into() });
        let rows: Vec<Vec<String>> =
            [["Year", "Tonnes"], ["2020", "12"], ["2021", ""]].iter().map(|r| r.map(String::from).to_vec()).collect();
        assert_eq!(b[3], Block::Table { rows, header: true, caption: None });
        // The no-break space was dropped by the CLI's own run builder; core::runs keeps it.
        assert_eq!(b[4], Block::text("10\u{a0}km away."));
    }
}
