//! The formats of document a widget reads (`data-format`, or detected), written once as a table:
//! [`Format::parse`] reads `data-format` with it, [`adapters::Request`](super::adapters::Request)
//! names a format by it, and the loader (`js/embed.js`) gets it through `core::loader_table`, to
//! fetch the on-demand module a widget's format needs before the widget's module starts.

use serde_json::Value;

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

/// What a widget asks for when it fetches a document (the `Accept` header): an article page
/// (`data-format="html"`) is asked for as HTML, anything else as JSON. The widget's fetch and
/// `embed.js`'s early request (through `core::loader_table`) both send it.
pub fn accept(page: bool) -> &'static str {
    if page {
        "text/html"
    } else {
        "application/json"
    }
}

/// The on-demand module that converts WordPress posts and JSON Feed items (`adapters/`).
pub const ADAPTERS_MODULE: &str = "adapters";
/// The on-demand module that reads article pages (`html/`).
pub const HTML_MODULE: &str = "html";

/// One format: its name in a request's JSON form, the `data-format` values that name it (trimmed,
/// compared without ASCII case), and the on-demand module that reads it (none: the widget's own).
pub struct FormatEntry {
    pub format: Format,
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub module: Option<&'static str>,
}

/// Writes [`FORMATS`] and the methods that read it from one list. The methods are `match`es
/// rather than searches of the table: the WASM modules then carry no table (with its aliases and
/// modules) where they need one column of it (measured: the widget's module 66 bytes gzip smaller so, the adapters' 100).
macro_rules! formats {
    ($($format:ident: $name:literal, [$($alias:literal),+], $module:expr;)+) => {
        /// Every format, in [`Format`]'s order.
        pub const FORMATS: &[FormatEntry] = &[
            $(FormatEntry { format: Format::$format, name: $name, aliases: &[$($alias),+], module: $module },)+
        ];

        impl Format {
            /// Its name in a request's JSON form.
            pub fn name(self) -> &'static str {
                match self {
                    $(Format::$format => $name,)+
                }
            }

            /// The on-demand module that reads it (`adapters`, `html`), none for an article document.
            pub fn module(self) -> Option<&'static str> {
                match self {
                    $(Format::$format => $module,)+
                }
            }

            /// The format a `data-format` value names (any alias, trimmed, in any ASCII case).
            pub fn parse(value: &str) -> Option<Format> {
                match value.trim().to_ascii_lowercase().as_str() {
                    $($($alias)|+ => Some(Format::$format),)+
                    _ => None,
                }
            }

            /// The format a request's JSON form names.
            pub fn named(name: &str) -> Option<Format> {
                match name {
                    $($name => Some(Format::$format),)+
                    _ => None,
                }
            }
        }
    };
}

formats! {
    Article: "Article", ["article", "article-reader"], None;
    WordPress: "WordPress", ["wordpress", "wp"], Some(ADAPTERS_MODULE);
    JsonFeed: "JsonFeed", ["jsonfeed", "json-feed"], Some(ADAPTERS_MODULE);
    Html: "Html", ["html"], Some(HTML_MODULE);
}

impl Format {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_enum_order_and_reads_its_own_names() {
        for (i, entry) in FORMATS.iter().enumerate() {
            assert_eq!(entry.format as usize, i, "{}", entry.name);
            assert_eq!(Format::named(entry.name), Some(entry.format));
            for alias in entry.aliases {
                assert_eq!(Format::parse(alias), Some(entry.format));
                assert_eq!(alias.to_ascii_lowercase(), **alias, "aliases are written in lower case");
            }
        }
        assert_eq!(Format::parse(" WP "), Some(Format::WordPress));
        assert_eq!(Format::parse("JSON-Feed"), Some(Format::JsonFeed));
        assert_eq!(Format::parse("rss"), None);
        assert_eq!(Format::Html.module(), Some(HTML_MODULE));
        assert_eq!(Format::JsonFeed.module(), Some(ADAPTERS_MODULE));
        assert_eq!(Format::Article.module(), None);
    }
}
