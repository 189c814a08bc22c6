//! The one HTML allow-list: an HTML tree (the browser's `DOMParser` in the adapters' module,
//! html5ever in `core::extract` and the CLI) turned into body blocks. Only text, and the `href`,
//! `src` and `alt` of allowed elements, reach a document: paragraphs with their links and emphasis,
//! headings, quotes, lists, images, code and tables; it is never inserted as HTML. Parsing is the
//! caller's job, so this stays pure; the blocks still go through the validator, which applies the
//! URL allow-list. Used by the WordPress and JSON Feed converters (`core::adapters`) and by page
//! extraction (`core::extract`).

use super::{
    article::Block,
    runs::{self, collapse, RunsBuilder, Style},
    text::is_blank,
};

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
/// and `src`, else `data-src` (an image that a script would load lazily); `role` and `colspan`,
/// to read a table. Both readers of HTML call this, so they keep the same attributes.
pub fn kept_attributes(attr: &dyn Fn(&str) -> Option<String>) -> Vec<(String, String)> {
    ["href", "src", "alt", "role", "colspan"]
        .into_iter()
        .filter_map(|name| {
            let value = attr(name).or_else(|| if name == "src" { attr("data-src") } else { None })?;
            Some((name.to_string(), value))
        })
        .collect()
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

/// Converts HTML content to body blocks.
pub fn html_to_blocks(nodes: &[HtmlNode]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut loose = RunsBuilder::default();
    for node in nodes {
        block_of(node, &mut blocks, &mut loose);
    }
    flush_loose(&mut loose, &mut blocks);
    blocks
}

/// Inline content met outside any paragraph becomes a paragraph of its own.
fn flush_loose(loose: &mut RunsBuilder, blocks: &mut Vec<Block>) {
    let runs = loose.take();
    if !runs.is_empty() {
        blocks.push(Block::Paragraph { runs });
    }
}

fn block_of(node: &HtmlNode, blocks: &mut Vec<Block>, loose: &mut RunsBuilder) {
    let HtmlNode::Element { tag, children, .. } = node else {
        runs_of(node, &Style::default(), loose);
        return;
    };
    match tag.as_str() {
        t if is_dropped(t) => {}
        "p" => {
            flush_loose(loose, blocks);
            let mut runs = RunsBuilder::default();
            let mut images = Vec::new();
            for c in children {
                collect_images(c, &mut images);
                runs_of(c, &Style::default(), &mut runs);
            }
            flush_loose(&mut runs, blocks);
            blocks.extend(images);
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            flush_loose(loose, blocks);
            let text = node.text_content();
            if !is_blank(&text) {
                blocks.push(Block::Heading { text });
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
                .filter(|c| is_element(c, &["li"]))
                .map(HtmlNode::text_content)
                .filter(|t| !is_blank(t))
                .collect();
            if !items.is_empty() {
                blocks.push(Block::List { ordered: tag == "ol", items });
            }
        }
        "pre" => {
            flush_loose(loose, blocks);
            blocks.extend(code_of(node));
        }
        "table" => match data_rows(node) {
            Some(rows) => {
                flush_loose(loose, blocks);
                blocks.extend(table_block(node, &rows, None));
            }
            None => container(children, blocks, loose),
        },
        "figure" => {
            flush_loose(loose, blocks);
            let caption = find(node, "figcaption").map(|c| c.text_content()).filter(|c| !is_blank(c));
            let mut images = Vec::new();
            collect_images(node, &mut images);
            if let Some(quote) = find(node, "blockquote") {
                blocks.extend(quote_block(quote, caption));
            } else if let Some((table, rows)) = find(node, "table").and_then(|t| Some((t, data_rows(t)?))) {
                blocks.extend(table_block(table, &rows, caption));
                blocks.extend(images);
            } else if let Some(pre) = find(node, "pre") {
                // A listing: the code, its images, then its caption (a code block has none).
                blocks.extend(code_of(pre));
                blocks.extend(images);
                blocks.extend(caption.map(Block::text));
            } else if images.len() == 1 {
                let mut image = images.remove(0);
                if let Block::Image { caption: c, .. } = &mut image {
                    *c = caption;
                }
                blocks.push(image);
            } else if images.is_empty() {
                // A figure of text (a layout table, a chart's description): its blocks, then its caption.
                for c in children.iter().filter(|c| !is_element(c, &["figcaption"])) {
                    block_of(c, blocks, loose);
                }
                flush_loose(loose, blocks);
                blocks.extend(caption.map(Block::text));
            } else {
                blocks.extend(images);
            }
        }
        "img" => {
            flush_loose(loose, blocks);
            collect_images(node, blocks);
        }
        "br" | "hr" => flush_loose(loose, blocks),
        t if is_container(t) => container(children, blocks, loose),
        // Inline content outside a paragraph.
        _ => runs_of(node, &Style::default(), loose),
    }
}

/// The blocks of an element that holds blocks (a `<div>`, a layout table).
fn container(children: &[HtmlNode], blocks: &mut Vec<Block>, loose: &mut RunsBuilder) {
    flush_loose(loose, blocks);
    for c in children {
        block_of(c, blocks, loose);
    }
    flush_loose(loose, blocks);
}

/// A `<pre>` as a code block, by the one rule of preformatted text ([`runs::code`]).
fn code_of(node: &HtmlNode) -> Option<Block> {
    fn text(node: &HtmlNode, out: &mut String) {
        match node {
            HtmlNode::Text(t) => out.push_str(t),
            HtmlNode::Element { tag, .. } if tag == "br" => out.push('\n'),
            HtmlNode::Element { tag, children, .. } if !is_dropped(tag) => children.iter().for_each(|c| text(c, out)),
            HtmlNode::Element { .. } => {}
        }
    }
    let mut raw = String::new();
    text(node, &mut raw);
    runs::code(&raw)
}

/// The widest a table's row is read, in columns (a cell's `colspan` counts as that many).
pub const MAX_TABLE_COLUMNS: usize = 100;

fn is_element(node: &HtmlNode, names: &[&str]) -> bool {
    matches!(node, HtmlNode::Element { tag, .. } if names.contains(&tag.as_str()))
}

fn children(node: &HtmlNode) -> &[HtmlNode] {
    match node {
        HtmlNode::Element { children, .. } => children,
        HtmlNode::Text(_) => &[],
    }
}

/// A table's rows in the order a reader reads them: the `<thead>`'s, then the body's (`<tbody>`
/// or rows of their own), then the `<tfoot>`'s; each with whether it is a heading row.
fn table_rows(table: &HtmlNode) -> Vec<(&HtmlNode, bool)> {
    let (mut head, mut body, mut foot) = (Vec::new(), Vec::new(), Vec::new());
    for c in children(table) {
        let (list, in_head) = match c {
            HtmlNode::Element { tag, .. } if tag == "tr" => {
                body.push((c, false));
                continue;
            }
            HtmlNode::Element { tag, .. } if tag == "thead" => (&mut head, true),
            HtmlNode::Element { tag, .. } if tag == "tbody" => (&mut body, false),
            HtmlNode::Element { tag, .. } if tag == "tfoot" => (&mut foot, false),
            _ => continue,
        };
        list.extend(children(c).iter().filter(|r| is_element(r, &["tr"])).map(|r| (r, in_head)));
    }
    head.extend(body);
    head.extend(foot);
    head
}

fn cells(row: &HtmlNode) -> impl Iterator<Item = &HtmlNode> {
    children(row).iter().filter(|c| is_element(c, &["td", "th"]))
}

/// A `<table>`'s rows ([`table_rows`]) when it holds data rather than lays out a page, as Readability decides
/// (`_markDataTables`), with one rule of ours first: a table marked as presentation, or one
/// whose cells hold blocks of their own (paragraphs, lists, images, other tables), lays out; one
/// with a caption, a heading section or heading cells holds data; otherwise one row or one column
/// lays out, and a table holds data from 10 rows, 5 columns or 11 cells. A layout table's cells
/// are read for the blocks they hold.
fn data_rows(table: &HtmlNode) -> Option<Vec<(&HtmlNode, bool)>> {
    fn holds_blocks(nodes: &[HtmlNode]) -> bool {
        nodes.iter().any(|n| match n {
            HtmlNode::Element { tag, children, .. } => {
                (is_block(tag) && tag != "br" && tag != "hr") || tag == "img" || holds_blocks(children)
            }
            HtmlNode::Text(_) => false,
        })
    }
    if matches!(table.attr("role"), Some("presentation" | "none")) {
        return None;
    }
    let rows = table_rows(table);
    if rows.iter().flat_map(|(r, _)| cells(r)).any(|c| holds_blocks(children(c))) {
        return None;
    }
    let marked = children(table).iter().any(|c| is_element(c, &["caption", "thead", "tfoot", "colgroup"]))
        || rows.iter().flat_map(|(r, _)| cells(r)).any(|c| is_element(c, &["th"]));
    let columns = rows.iter().map(|(r, _)| cells(r).map(span).sum::<usize>()).max().unwrap_or(0);
    let data =
        marked || (rows.len() > 1 && columns > 1 && (rows.len() >= 10 || columns > 4 || rows.len() * columns > 10));
    data.then_some(rows)
}

/// How many columns a cell spans (`colspan`, 1 to [`MAX_TABLE_COLUMNS`]).
fn span(cell: &HtmlNode) -> usize {
    cell.attr("colspan").and_then(|s| s.trim().parse().ok()).unwrap_or(1).clamp(1, MAX_TABLE_COLUMNS)
}

/// A data `<table>`, given its rows ([`data_rows`]), as a table block: each cell's text, a cell that spans columns followed by
/// empty ones so that the columns stay in line (to [`MAX_TABLE_COLUMNS`]); the first row is the
/// heading row when it is the `<thead>`'s or all `<th>`; the caption is `<caption>`, else
/// `caption` (the figure's).
fn table_block(table: &HtmlNode, table_rows: &[(&HtmlNode, bool)], caption: Option<String>) -> Option<Block> {
    let mut header = None;
    let mut rows = Vec::new();
    for &(row, in_head) in table_rows {
        let mut cells_text = Vec::new();
        for cell in cells(row) {
            if cells_text.len() >= MAX_TABLE_COLUMNS {
                break;
            }
            cells_text.push(cell.text_content());
            let more = span(cell).saturating_sub(1).min(MAX_TABLE_COLUMNS - cells_text.len());
            cells_text.extend(std::iter::repeat_n(String::new(), more));
        }
        if cells_text.is_empty() {
            continue;
        }
        header.get_or_insert(in_head || cells(row).all(|c| is_element(c, &["th"])));
        rows.push(cells_text);
    }
    let own = children(table).iter().find(|c| is_element(c, &["caption"])).map(HtmlNode::text_content);
    runs::table(rows, header.unwrap_or(false), own.filter(|c| !is_blank(c)).or(caption))
}

/// A `<blockquote>` as a quote block. Its source is its `<footer>` or `<cite>` (`— ` before it is
/// left out), else `caption` (the caption of the figure it is in); the source is not quote text.
fn quote_block(node: &HtmlNode, caption: Option<String>) -> Option<Block> {
    let source = find(node, "footer").or_else(|| find(node, "cite")).map(HtmlNode::text_content);
    let cite = source
        .or(caption)
        .map(|c| c.trim_start_matches(['—', '–', '-', ' ', '\u{a0}']).to_string())
        .filter(|c| !is_blank(c));
    let text = collapse(&quote_text(node));
    (!is_blank(&text)).then_some(Block::Quote { text, cite })
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

fn collect_images(node: &HtmlNode, out: &mut Vec<Block>) {
    let HtmlNode::Element { tag, children, .. } = node else { return };
    if tag == "img" {
        if let Some(src) = node.attr("src").filter(|s| !s.trim().is_empty()) {
            let alt = collapse(node.attr("alt").unwrap_or(""));
            out.push(Block::Image { src: src.trim().to_string(), alt, caption: None });
        }
        return;
    }
    if !is_dropped(tag) {
        children.iter().for_each(|c| collect_images(c, out));
    }
}

/// Inline content as runs: text, emphasis, strong, links. Anything else contributes its text.
fn runs_of(node: &HtmlNode, style: &Style, out: &mut RunsBuilder) {
    match node {
        HtmlNode::Text(text) => out.push(text, style),
        HtmlNode::Element { tag, children, .. } => {
            if is_dropped(tag) || tag == "img" {
                return;
            }
            let link = if tag == "a" { node.attr("href").map(str::trim).filter(|h| !h.is_empty()) } else { None };
            let inner = Style {
                href: link.map(str::to_string).or_else(|| style.href.clone()),
                em: style.em || matches!(tag.as_str(), "em" | "i" | "cite"),
                strong: style.strong || matches!(tag.as_str(), "strong" | "b"),
            };
            if tag == "br" {
                out.space();
            }
            for c in children {
                runs_of(c, &inner, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{article::Run, validate::parse_article};
    use serde_json::{json, Value};

    /// The blocks as the document's JSON, to look into.
    fn blocks_json(nodes: &[HtmlNode]) -> Vec<Value> {
        html_to_blocks(nodes).iter().map(|b| serde_json::to_value(b).unwrap()).collect()
    }

    fn el(tag: &str, children: Vec<HtmlNode>) -> HtmlNode {
        HtmlNode::element(tag, &[], children)
    }

    fn t(text: &str) -> HtmlNode {
        HtmlNode::text(text)
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
        let table = |name: &str| matches!(name, "role" | "colspan").then(|| "x".to_string());
        assert_eq!(kept_attributes(&table).len(), 2, "a table's role and spans are read");
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
        let blocks = blocks_json(&nodes);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert_eq!(blocks[0]["runs"][0]["text"], "a\u{a0}b", "the no-break space stays where it was");
        assert_eq!(blocks[1]["items"], json!(["kept"]));
        let doc = json!({"schema": "article-reader/1", "id": "x", "default_lang": "en",
            "translations": {"en": {"title": "T", "body": blocks}}});
        assert!(parse_article(&doc.to_string()).is_ok(), "the validator accepts what the allow-list writes");
    }

    #[test]
    fn quotes_find_their_source() {
        let blocks = blocks_json(&[
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
        let blocks = blocks_json(&[
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
        let blocks = blocks_json(&[el(
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
    fn preformatted_text_and_data_tables_become_their_own_blocks() {
        let blocks = html_to_blocks(&[
            el("pre", vec![el("code", vec![t("\nfn main() {\n    println!(\"hi\");\n}\n")])]),
            el("pre", vec![t("line one"), el("br", vec![]), t("  line two")]),
            el(
                "table",
                vec![
                    el("caption", vec![t("Crops  by year")]),
                    el("thead", vec![el("tr", vec![el("th", vec![t("Year")]), el("th", vec![t("Tonnes")])])]),
                    el(
                        "tbody",
                        vec![
                            el("tr", vec![el("td", vec![t("2020")]), el("td", vec![el("b", vec![t("12")])])]),
                            el("tr", vec![el("td", vec![t("2021")]), el("td", vec![])]),
                        ],
                    ),
                ],
            ),
            el(
                "figure",
                vec![el("table", vec![el("tr", vec![el("th", vec![t("x")])])]), el("figcaption", vec![t("Fig")])],
            ),
            el(
                "figure",
                vec![el("table", vec![el("tr", vec![el("td", vec![t("y")])])]), el("figcaption", vec![t("Gif")])],
            ),
        ]);
        assert_eq!(blocks[0], Block::Code { text: "fn main() {\n    println!(\"hi\");\n}".into() });
        assert_eq!(blocks[1], Block::Code { text: "line one\n  line two".into() });
        let rows = |r: &[&[&str]]| r.iter().map(|row| row.iter().map(|c| c.to_string()).collect()).collect();
        assert_eq!(
            blocks[2],
            Block::Table {
                rows: rows(&[&["Year", "Tonnes"], &["2020", "12"], &["2021", ""]]),
                header: true,
                caption: Some("Crops by year".into())
            }
        );
        assert_eq!(blocks[3], Block::Table { rows: rows(&[&["x"]]), header: true, caption: Some("Fig".into()) });
        // A figure of text: its text, then its caption.
        assert_eq!(blocks[4..], [Block::text("y"), Block::text("Gif")]);
        assert_eq!(blocks.len(), 6);
    }

    #[test]
    fn figures_keep_every_image_beside_a_table_or_code() {
        let img = |src: &str| HtmlNode::element("img", &[("src", src)], vec![]);
        let linked = |src: &str| HtmlNode::element("a", &[("href", "https://e.example")], vec![img(src)]);
        let image = |src: &str| Block::Image { src: src.into(), alt: String::new(), caption: None };
        // Two linked images (a gallery): both, as before tables and code had blocks.
        let gallery =
            html_to_blocks(&[el("figure", vec![linked("1.png"), linked("2.png"), el("figcaption", vec![t("Cap")])])]);
        assert_eq!(gallery, [image("1.png"), image("2.png")]);
        let list =
            html_to_blocks(&[el("figure", vec![el("ul", vec![el("li", vec![el("figure", vec![img("1.png")])])])])]);
        assert_eq!(list, [image("1.png")]);
        // An image and a table: both.
        let both = html_to_blocks(&[el(
            "figure",
            vec![
                img("1.png"),
                el("table", vec![el("tr", vec![el("th", vec![t("x")])])]),
                el("figcaption", vec![t("Cap")]),
            ],
        )]);
        assert_eq!(
            both,
            [Block::Table { rows: vec![vec!["x".into()]], header: true, caption: Some("Cap".into()) }, image("1.png")]
        );
        // A listing: its code, then its caption.
        let listing =
            html_to_blocks(&[el("figure", vec![el("pre", vec![t("x = 1")]), el("figcaption", vec![t("Listing 1")])])]);
        assert_eq!(listing, [Block::Code { text: "x = 1".into() }, Block::text("Listing 1")]);
    }

    #[test]
    fn table_rows_are_read_head_body_foot_and_spans_keep_the_columns() {
        let cell = |tag: &str, text: &str| el(tag, vec![t(text)]);
        let row = |cells: Vec<HtmlNode>| el("tr", cells);
        let blocks = html_to_blocks(&[el(
            "table",
            vec![
                el("tfoot", vec![row(vec![cell("td", "Total"), cell("td", "3")])]),
                el("thead", vec![row(vec![]), row(vec![cell("th", "Item"), cell("th", "Qty")])]),
                el("tbody", vec![row(vec![cell("td", "A"), cell("td", "3")])]),
                row(vec![HtmlNode::element("td", &[("colspan", "2")], vec![t("wide")]), cell("td", "x")]),
            ],
        )]);
        let rows = |r: &[&[&str]]| r.iter().map(|row| row.iter().map(|c| c.to_string()).collect()).collect();
        assert_eq!(
            blocks,
            [Block::Table {
                rows: rows(&[&["Item", "Qty"], &["A", "3"], &["wide", "", "x"], &["Total", "3"]]),
                header: true,
                caption: None
            }]
        );
        // A span never makes a row wider than the limit.
        let wide = html_to_blocks(&[el(
            "table",
            vec![row(vec![HtmlNode::element("th", &[("colspan", "99999")], vec![t("H")]), cell("th", "I")])],
        )]);
        let Block::Table { rows, .. } = &wide[0] else { panic!("{wide:?}") };
        assert_eq!(rows[0].len(), MAX_TABLE_COLUMNS);
    }

    #[test]
    fn small_unmarked_tables_lay_out_and_larger_ones_hold_data() {
        let cell = |text: &str| el("td", vec![t(text)]);
        let one =
            html_to_blocks(&[el("table", vec![el("tr", vec![el("td", vec![t("Just "), el("b", vec![t("text")])])])])]);
        assert_eq!(
            one,
            [Block::Paragraph { runs: vec![Run::plain("Just "), Run { strong: true, ..Run::plain("text") }] }]
        );
        let two_by_two = html_to_blocks(&[el(
            "table",
            vec![el("tr", vec![cell("a"), cell("b")]), el("tr", vec![cell("c"), cell("d")])],
        )]);
        assert!(two_by_two.iter().all(|b| matches!(b, Block::Paragraph { .. })), "{two_by_two:?}");
        let rows: Vec<HtmlNode> = (0..10).map(|i| el("tr", vec![cell(&i.to_string()), cell("x")])).collect();
        assert!(matches!(html_to_blocks(&[el("table", rows)])[0], Block::Table { header: false, .. }));
        let section = html_to_blocks(&[el("table", vec![el("tr", vec![el("th", vec![el("section", vec![t("x")])])])])]);
        assert!(
            matches!(section[0], Block::Paragraph { .. }),
            "a cell holding a section lays out, as one holding a div"
        );
    }

    #[test]
    fn a_table_that_lays_out_a_page_is_read_for_the_blocks_it_holds() {
        let blocks = html_to_blocks(&[
            el(
                "table",
                vec![el(
                    "tr",
                    vec![el("td", vec![el("p", vec![t("First.")])]), el("td", vec![el("p", vec![t("Second.")])])],
                )],
            ),
            HtmlNode::element("table", &[("role", "presentation")], vec![el("tr", vec![el("td", vec![t("Menu")])])]),
        ]);
        assert_eq!(blocks, [Block::text("First."), Block::text("Second."), Block::text("Menu")]);
    }

    #[test]
    fn no_break_spaces_survive() {
        let blocks = blocks_json(&[el("p", vec![t("  Ирак\u{a0}— «ok\u{a0}»\n ")])]);
        assert_eq!(blocks[0]["runs"][0]["text"], "Ирак\u{a0}— «ok\u{a0}»");
    }
}
