//! `--from wordpress` and `--from jsonfeed`: a WordPress REST API post or a JSON Feed item (or a
//! feed, whose first item is taken), converted by the core's own converter
//! ([`article_reader::core::adapters::adapt`]), the one the widget runs in its adapters' module for
//! `data-format="wordpress"`/`"jsonfeed"`: the same document, so the same article on screen. The
//! HTML inside the post is parsed by the core's fragment parser and read by the core's allow-list.

use article_reader::core::adapters::{adapt, Format, Request};
use article_reader::core::extract::fragment;
use serde_json::Value;

use super::{publication_named, Options};
use crate::failure::Failure;

/// The draft document of a post or feed item (`text`, its JSON) read from `name`.
pub fn convert(format: Format, name: &str, text: &str, options: &Options) -> Result<Value, Failure> {
    let request = Request {
        format,
        url: options.url.clone().unwrap_or_default(),
        text: text.to_string(),
        translations: Vec::new(),
        fallback_lang: options.lang.clone().unwrap_or_else(|| article_reader::core::lang::FALLBACK_LANG.to_string()),
    };
    let reply = adapt(&request, &fragment);
    for warning in &reply.warnings {
        eprintln!("warning: {warning}");
    }
    let article = reply.article.map_err(|e| Failure::invalid(format!("{name}: {e}")))?;
    let mut draft: Value = serde_json::from_str(&article).map_err(|e| Failure::invalid(format!("{name}: {e}")))?;
    if let Some(id) = &options.id {
        draft["id"] = Value::String(id.clone());
    }
    if let Some(publication) = publication_named(options.publication.as_deref()) {
        draft["publication"] = serde_json::to_value(publication).expect("a publication serializes");
    }
    if let (Some(url), Some(Value::Object(translations))) = (&options.url, draft.get_mut("translations")) {
        for translation in translations.values_mut() {
            translation["url"] = Value::String(url.clone());
        }
    }
    Ok(draft)
}
