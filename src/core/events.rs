//! The events a widget fires on its mount element (SPEC section 6), as pure data.

use serde_json::{Map, Value};

use super::{failure::FailureKind, networks::ShareTarget};

/// One widget event; the embed layer turns it into a bubbling, composed `CustomEvent`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WidgetEvent {
    Ready { id: String, lang: String, langs: Vec<String> },
    LangChange { id: String, from: String, to: String },
    Share { id: String, lang: String, target: ShareTarget },
    Error { id: Option<String>, code: FailureKind, message: String, path: Option<String> },
}

impl WidgetEvent {
    /// The DOM event type.
    pub fn name(&self) -> &'static str {
        match self {
            WidgetEvent::Ready { .. } => "article-reader:ready",
            WidgetEvent::LangChange { .. } => "article-reader:langchange",
            WidgetEvent::Share { .. } => "article-reader:share",
            WidgetEvent::Error { .. } => "article-reader:error",
        }
    }

    /// The `detail` object (SPEC section 6), its fields in the SPEC's order; a `None` is left out.
    /// Built by hand rather than derived: a `Serialize` would bring serde's serializer into the
    /// WASM module for four small objects.
    pub fn detail(&self) -> Value {
        let text = |s: &str| Some(Value::String(s.to_string()));
        let fields: Vec<(&str, Option<Value>)> = match self {
            WidgetEvent::Ready { id, lang, langs } => vec![
                ("id", text(id)),
                ("lang", text(lang)),
                ("langs", Some(Value::Array(langs.iter().map(|l| Value::String(l.clone())).collect()))),
            ],
            WidgetEvent::LangChange { id, from, to } => vec![("id", text(id)), ("from", text(from)), ("to", text(to))],
            WidgetEvent::Share { id, lang, target } => {
                vec![("id", text(id)), ("lang", text(lang)), ("target", text(target.id()))]
            }
            WidgetEvent::Error { id, code, message, path } => vec![
                ("id", id.as_deref().and_then(text)),
                ("code", text(code.code())),
                ("message", text(message)),
                ("path", path.as_deref().and_then(text)),
            ],
        };
        Value::Object(fields.into_iter().filter_map(|(k, v)| Some((k.to_string(), v?))).collect::<Map<_, _>>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_match_the_spec() {
        let e = WidgetEvent::Ready { id: "IRQ6532".into(), lang: "fr".into(), langs: vec!["en".into(), "fr".into()] };
        assert_eq!(e.name(), "article-reader:ready");
        assert_eq!(e.detail().to_string(), r#"{"id":"IRQ6532","lang":"fr","langs":["en","fr"]}"#);
        let e = WidgetEvent::Error { id: None, code: FailureKind::Status(404), message: "404".into(), path: None };
        assert_eq!(e.detail().to_string(), r#"{"code":"http-status","message":"404"}"#);
        let e = WidgetEvent::Share { id: "IRQ6532".into(), lang: "ru".into(), target: ShareTarget::WhatsApp };
        assert_eq!(e.detail().to_string(), r#"{"id":"IRQ6532","lang":"ru","target":"whatsapp"}"#);
    }

    #[test]
    fn names_are_the_documented_ones() {
        let readme = include_str!("../../README.md");
        let events = [
            WidgetEvent::Ready { id: String::new(), lang: String::new(), langs: Vec::new() },
            WidgetEvent::LangChange { id: String::new(), from: String::new(), to: String::new() },
            WidgetEvent::Share { id: String::new(), lang: String::new(), target: ShareTarget::Copy },
            WidgetEvent::Error { id: None, code: FailureKind::Network, message: String::new(), path: None },
        ];
        for e in events {
            assert!(readme.contains(&format!("`{}`", e.name())), "the README names {}", e.name());
        }
    }
}
