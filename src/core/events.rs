//! The events a widget fires on its mount element (SPEC section 6), as pure data.

use serde::Serialize;

/// One widget event; the embed layer turns it into a bubbling, composed `CustomEvent`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum WidgetEvent {
    Ready {
        id: String,
        lang: String,
        langs: Vec<String>,
    },
    LangChange {
        id: String,
        from: String,
        to: String,
    },
    Share {
        id: String,
        lang: String,
        target: String,
    },
    Error {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        code: String,
        message: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        path: Option<String>,
    },
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

    /// The `detail` object, as JSON.
    pub fn detail_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_match_the_spec() {
        let e = WidgetEvent::Ready { id: "IRQ6532".into(), lang: "fr".into(), langs: vec!["en".into(), "fr".into()] };
        assert_eq!(e.name(), "article-reader:ready");
        assert_eq!(e.detail_json(), r#"{"id":"IRQ6532","lang":"fr","langs":["en","fr"]}"#);
        let e = WidgetEvent::Error { id: None, code: "http-status".into(), message: "404".into(), path: None };
        assert_eq!(e.detail_json(), r#"{"code":"http-status","message":"404"}"#);
    }
}
