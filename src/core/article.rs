//! The article document of SPEC section 3, as typed Rust values.
//!
//! The one content model. Every producer of documents (the HTML allow-list of
//! [`crate::core::adapters`], [`crate::core::extract`], the CLI's converters) builds a draft of
//! these types, serialized as the document; the widget and the CLI only ever show or write what
//! [`crate::core::validate::parse_article`] read back into them, so every value they use has passed
//! validation (URLs are allow-listed, required fields are present, limits hold).

use serde::Serialize;

/// The only schema major version this build understands.
pub const SCHEMA: &str = "article-reader/1";

/// The blocks of a body drawn with the title (64 paragraphs of 20 words at a 42rem measure fill
/// about two screens of 800 px): all of a long document that is read before its first screen
/// (`Host::read_json`), and the size of each piece of the body drawn after it
/// (components/article_view.rs).
pub const FIRST_SCREEN: usize = 64;

/// A validated article with all of its translations, in the document's order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Article {
    pub schema: String,
    pub id: String,
    /// Publication date as `YYYY-MM-DD` (formatted for the reader by the browser's Intl).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    pub default_lang: String,
    /// Keyed by language tag in the JSON; kept as a list so the toggle follows the document's order.
    #[serde(serialize_with = "serialize_translations")]
    pub translations: Vec<Translation>,
}

impl Article {
    /// The translation for `lang` (case-insensitive), if the article has it.
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        self.translations.iter().find(|t| t.lang.eq_ignore_ascii_case(lang))
    }

    /// The language tags of all translations, in document order.
    pub fn langs(&self) -> Vec<String> {
        self.translations.iter().map(|t| t.lang.clone()).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Publication {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub follow: Vec<FollowLink>,
}

/// One "follow us" link of the publication (`network` names an icon, e.g. `telegram`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FollowLink {
    pub network: String,
    pub url: String,
}

/// The article in one language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Translation {
    #[serde(skip)]
    pub lang: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_bio: Option<String>,
    pub body: Vec<Block>,
}

/// A body block. Text is always plain text; inline emphasis and links use [`Run`]s, never markup.
///
/// Adding a block type (docs/architecture.md, "Adding a block type"): a variant here and its name
/// in [`BlockKind`]; the compiler then points at the validator, the view and plain text; the
/// producers it cannot point at (the HTML allow-list, the Markdown converter), the CSS and the
/// decision are listed there.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        runs: Vec<Run>,
    },
    Heading {
        text: String,
    },
    Quote {
        text: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    List {
        ordered: bool,
        items: Vec<String>,
    },
    Image {
        src: String,
        alt: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    /// Preformatted text (program code, a terminal session, verse laid out by hand): its white
    /// space and line breaks are the author's, shown as they are, left to right.
    Code {
        text: String,
    },
    /// A table of plain-text cells, row by row; the first row is the column headings when
    /// `header` is set. Rows may have different lengths, as in HTML.
    Table {
        rows: Vec<Vec<String>>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        header: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
}

/// The block types, by the one table of their names (the JSON `type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    Quote,
    List,
    Image,
    Code,
    Table,
}

impl BlockKind {
    pub const ALL: [BlockKind; 7] = [
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::Quote,
        BlockKind::List,
        BlockKind::Image,
        BlockKind::Code,
        BlockKind::Table,
    ];

    /// Its `type` in a document (serde's name of the [`Block`] variant; a test holds them equal).
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading => "heading",
            BlockKind::Quote => "quote",
            BlockKind::List => "list",
            BlockKind::Image => "image",
            BlockKind::Code => "code",
            BlockKind::Table => "table",
        }
    }

    pub fn named(name: &str) -> Option<BlockKind> {
        BlockKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl Block {
    pub fn kind(&self) -> BlockKind {
        match self {
            Block::Paragraph { .. } => BlockKind::Paragraph,
            Block::Heading { .. } => BlockKind::Heading,
            Block::Quote { .. } => BlockKind::Quote,
            Block::List { .. } => BlockKind::List,
            Block::Image { .. } => BlockKind::Image,
            Block::Code { .. } => BlockKind::Code,
            Block::Table { .. } => BlockKind::Table,
        }
    }

    /// A paragraph of one plain run.
    pub fn text(text: impl Into<String>) -> Block {
        Block::Paragraph { runs: vec![Run::plain(text)] }
    }

    /// All the human-readable text of the block, for word counts, search and reading aloud.
    pub fn plain_text(&self) -> String {
        match self {
            Block::Paragraph { runs } => runs.iter().map(|r| r.text.as_str()).collect(),
            Block::Heading { text } | Block::Code { text } => text.clone(),
            Block::Quote { text, cite } => match cite {
                Some(c) => format!("{text} {c}"),
                None => text.clone(),
            },
            Block::List { items, .. } => items.join(" "),
            Block::Image { caption, .. } => caption.clone().unwrap_or_default(),
            Block::Table { rows, caption, .. } => {
                let cells = rows.iter().flatten().filter(|c| !c.is_empty()).map(String::as_str);
                caption.iter().map(String::as_str).chain(cells).collect::<Vec<_>>().join(" ")
            }
        }
    }
}

/// A run of paragraph text: plain, emphasised, or a link.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Run {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub em: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Self {
        Run { text: text.into(), href: None, em: false, strong: false }
    }
}

fn serialize_translations<S: serde::Serializer>(
    translations: &[Translation],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(translations.len()))?;
    for t in translations {
        map.serialize_entry(&t.lang, t)?;
    }
    map.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(kind: BlockKind) -> Block {
        let text = || "t".to_string();
        match kind {
            BlockKind::Paragraph => Block::text("t"),
            BlockKind::Heading => Block::Heading { text: text() },
            BlockKind::Quote => Block::Quote { text: text(), cite: None },
            BlockKind::List => Block::List { ordered: false, items: vec![text()] },
            BlockKind::Image => Block::Image { src: text(), alt: text(), caption: None },
            BlockKind::Code => Block::Code { text: text() },
            BlockKind::Table => Block::Table { rows: vec![vec![text()]], header: false, caption: None },
        }
    }

    #[test]
    fn every_block_is_written_with_its_kind_s_name() {
        for kind in BlockKind::ALL {
            let block = sample(kind);
            assert_eq!(block.kind(), kind);
            let json = serde_json::to_value(&block).unwrap();
            assert_eq!(json["type"], kind.name());
            assert_eq!(BlockKind::named(kind.name()), Some(kind));
        }
        assert_eq!(BlockKind::named("vid"), None);
    }
}
