//! The article document of SPEC section 3, as typed Rust values.
//!
//! These types are what the rest of the widget works with; they are only ever built by
//! [`crate::core::validate::parse_article`], so every value here has already passed validation
//! (URLs are allow-listed, required fields are present, limits hold).

use serde::Serialize;

/// The only schema major version this build understands.
pub const SCHEMA: &str = "article-reader/1";

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
}

impl Block {
    /// All the human-readable text of the block, for word counts and search.
    pub fn plain_text(&self) -> String {
        match self {
            Block::Paragraph { runs } => runs.iter().map(|r| r.text.as_str()).collect(),
            Block::Heading { text } => text.clone(),
            Block::Quote { text, cite } => match cite {
                Some(c) => format!("{text} {c}"),
                None => text.clone(),
            },
            Block::List { items, .. } => items.join(" "),
            Block::Image { caption, .. } => caption.clone().unwrap_or_default(),
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
